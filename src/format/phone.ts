// UK telephone numbers grouped as Ofcom and the NHS CUI write them
// (`01632 960123`, `020 7946 0123`, `0113 496 0123`, `07700 900123`), and
// `tel:` links in international form so they dial from any device.

/** The national digits (leading 0) of a UK number, or undefined when it is not one. */
export function ukNationalDigits(raw: string): string | undefined {
  const compact = raw.replace(/\(0\)/g, '').replace(/[\s().-]/g, '');
  const national = compact.replace(/^(?:\+44|0044)/, '0');
  if (!/^0\d{9,10}$/.test(national)) return undefined;
  return national;
}

function group(digits: string, sizes: number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.filter(Boolean).join(' ');
}

function groupSizes(national: string): number[] {
  if (national.length !== 11) return [national.length];
  if (national.startsWith('02')) return [3, 4, 4];
  if (/^01\d1/.test(national) || /^011/.test(national)) return [4, 3, 4];
  if (/^0[389]/.test(national)) return [4, 3, 4];
  return [5, 6];
}

/** A UK number grouped for reading; anything else (international, extensions, text) as received. */
export function formatPhoneNumber(raw: string): string {
  const national = ukNationalDigits(raw);
  return national ? group(national, groupSizes(national)) : raw.trim();
}

/** `tel:+441632960123`; undefined when there is nothing diallable. */
export function phoneHref(raw: string): string | undefined {
  const national = ukNationalDigits(raw);
  if (national) return `tel:+44${national.slice(1)}`;
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 3 || /[a-z]/i.test(trimmed)) return undefined;
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}
