// SMART App Launch `smart_style_url`: the host's style hints, mapped onto our
// `--scr-*` custom properties. The JSON is untrusted input, so every value
// must look like a plain colour, a sensible length or a list of font names;
// anything else is dropped and our default stays.

type Kind = 'color' | 'font-size' | 'spacing' | 'radius' | 'font';

const MAP: Record<string, { property: string; kind: Kind }> = {
  color_background: { property: '--scr-color-background', kind: 'color' },
  color_error: { property: '--scr-color-error', kind: 'color' },
  color_highlight: { property: '--scr-color-highlight', kind: 'color' },
  color_modal_backdrop: { property: '--scr-color-modal-backdrop', kind: 'color' },
  color_success: { property: '--scr-color-success', kind: 'color' },
  color_text: { property: '--scr-color-text', kind: 'color' },
  dim_border_radius: { property: '--scr-border-radius', kind: 'radius' },
  dim_font_size: { property: '--scr-font-size', kind: 'font-size' },
  dim_spacing_size: { property: '--scr-spacing', kind: 'spacing' },
  font_family_body: { property: '--scr-font-family-body', kind: 'font' },
  font_family_heading: { property: '--scr-font-family-heading', kind: 'font' },
};

const CSS_WIDE = new Set(['inherit', 'initial', 'unset', 'revert', 'revert-layer', 'currentcolor']);

const supports = (property: string, value: string): boolean =>
  typeof CSS === 'undefined' || typeof CSS.supports !== 'function' || CSS.supports(property, value);

/** `#005eb8`, `rgb(0 94 184)`, `hsl(210, 100%, 36%)`, `navy`: nothing with var(), url() or calc(). */
export function isPlainColour(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v.length > 64 || CSS_WIDE.has(v)) return false;
  const shaped =
    /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.test(v) ||
    /^(?:rgba?|hsla?)\((?:[\d.\s,%/+-]|deg)+\)$/.test(v) ||
    /^[a-z]{3,20}$/.test(v);
  return shaped && supports('color', v);
}

const LENGTH = /^(\d{1,3}(?:\.\d{1,3})?)(px|rem|em|pt)$/;

/** A length in CSS px, for range checks (em and rem taken as 16 px). */
function lengthInPx(value: string): number | undefined {
  const v = value.trim().toLowerCase();
  if (v === '0') return 0;
  const m = LENGTH.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'px' ? n : m[2] === 'pt' ? (n * 4) / 3 : n * 16;
}

const RANGES: Record<'font-size' | 'spacing' | 'radius', [number, number]> = {
  'font-size': [12, 32],
  spacing: [2, 64],
  radius: [0, 32],
};

/** Comma-separated family names, quoted or bare: nothing that could open a function or a new rule. */
export function isFontFamilyList(value: string): boolean {
  if (value.length > 200) return false;
  const families = value.split(',').map((f) => f.trim());
  const ok = families.every(
    (f) => /^"[A-Za-z0-9 -]{1,64}"$/.test(f) || /^'[A-Za-z0-9 -]{1,64}'$/.test(f) || /^[A-Za-z][A-Za-z0-9 -]{0,63}$/.test(f),
  );
  return ok && !families.some((f) => CSS_WIDE.has(f.toLowerCase())) && supports('font-family', value);
}

function accept(kind: Kind, value: string): boolean {
  if (kind === 'color') return isPlainColour(value);
  if (kind === 'font') return isFontFamilyList(value);
  const px = lengthInPx(value);
  const [min, max] = RANGES[kind];
  return px !== undefined && px >= min && px <= max;
}

/** Validated SMART style values as `--scr-*` custom properties; unknown keys and bad values dropped. */
export function smartStyleProperties(json: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return out;
  for (const [key, value] of Object.entries(json)) {
    const target = Object.hasOwn(MAP, key) ? MAP[key] : undefined;
    if (!target || typeof value !== 'string') continue;
    const v = value.trim();
    if (accept(target.kind, v)) out[target.property] = v;
  }
  return out;
}

const MAX_BYTES = 32 * 1024;

/**
 * Fetches and validates a SMART style. Only http(s); no cookies sent; a
 * response that is not OK, too large or not JSON throws (the caller keeps
 * the defaults).
 */
export async function fetchSmartStyle(url: string, signal?: AbortSignal): Promise<Record<string, string>> {
  const target = new URL(url, document.baseURI);
  if (target.protocol !== 'https:' && target.protocol !== 'http:')
    throw new Error(`smart_style_url scheme not allowed: ${target.protocol}`);
  const response = await fetch(target, { credentials: 'omit', signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`smart_style_url answered ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_BYTES) throw new Error('smart_style_url response too large');
  return smartStyleProperties(JSON.parse(text));
}
