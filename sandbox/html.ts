// Tiny helpers for the sandbox's own HTML pages (host simulators, index, admin).
// Every interpolated value goes through `escapeHtml`: patient data is untrusted here too.

export function escapeHtml(value: string | number | boolean | null | undefined): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A complete, accessible HTML page. `body` must already be escaped. */
export function page(title: string, body: string, options: { styles?: string; lang?: string } = {}): string {
  return `<!doctype html>
<html lang="${options.lang ?? 'en-GB'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, Arial, sans-serif; margin: 0; color: #212b32; background: #f0f4f5; }
  main { padding: 1rem 1.5rem; }
  a { color: #005eb8; }
  a:focus-visible, button:focus-visible { outline: 3px solid #ffeb3b; outline-offset: 0; box-shadow: 0 0 0 5px #212b32; }
  table { border-collapse: collapse; background: #fff; }
  th, td { text-align: left; padding: .4rem .75rem; border-bottom: 1px solid #d8dde0; }
  ${options.styles ?? ''}
</style>
</head>
<body>
${body}
</body>
</html>`;
}

/** A FHIR date as `14-Jul-1945` (NHS display), partial dates as given. */
export function displayDate(value: string | undefined): string {
  if (!value) return 'Not Known';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${match[3]}-${months[Number(match[2]) - 1]}-${match[1]}`;
}
