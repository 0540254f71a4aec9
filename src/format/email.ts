// `mailto:` links from an email address a source sent, rebuilt from its parsed
// parts: only a plain address becomes a link, so a value such as
// `gp@example.org?bcc=someone@elsewhere&body=...` (a source adding recipients
// or text to the clinician's email) is shown as text, never linked.

const LOCAL = /^[A-Za-z0-9](?:[A-Za-z0-9._+-]{0,62}[A-Za-z0-9_+-])?$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** The address as `{ local, domain }` when it is a plain one, else undefined. */
export function parseEmailAddress(raw: string): { local: string; domain: string } | undefined {
  const value = raw.trim();
  const at = value.lastIndexOf('@');
  if (at <= 0 || value.indexOf('@') !== at || value.length > 254) return undefined;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1).toLowerCase();
  const labels = domain.split('.');
  if (!LOCAL.test(local) || local.includes('..')) return undefined;
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !/^[a-z]{2,63}$/.test(labels.at(-1)!)) return undefined;
  return { local, domain };
}

/** `mailto:local@domain` for a plain address; undefined for anything else. */
export function emailHref(raw: string): string | undefined {
  const parsed = parseEmailAddress(raw);
  return parsed ? `mailto:${parsed.local}@${parsed.domain}` : undefined;
}
