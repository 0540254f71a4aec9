// The allow-list for untrusted HTML (FHIR narrative, letters). A dedicated
// DOMPurify instance so its hook cannot leak into, or be changed by, any other
// use of DOMPurify on the page.

import DOMPurify, { type Config } from 'dompurify';

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'ins',
  'kbd',
  'li',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
];

// No id/class/style (they could reach our styles or collide), no data-*/aria-*.
const ALLOWED_ATTR = ['href', 'title', 'colspan', 'rowspan', 'scope', 'headers', 'abbr', 'lang', 'dir', 'start', 'reversed'];

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Absolute http(s), mailto and tel only: no javascript:, data:, or relative URLs into the viewer.
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:)/i,
  // Return a string: <cr-safe-narrative> renders it.
  RETURN_TRUSTED_TYPE: false,
};

const purify = DOMPurify(window);

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    // Links leave the viewer, never take it over or hand it a referrer.
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/** Untrusted HTML in, inert HTML out. */
export function sanitizeNarrative(untrusted: string): string {
  return purify.sanitize(untrusted, CONFIG);
}
