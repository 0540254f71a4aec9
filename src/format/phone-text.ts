// Telephone numbers inside free text ("Who to call: crisis team, 01632 960499
// (24 hours)"), found so the view can make each one a `tel:` link. Only
// numbers that read as UK numbers are taken; everything else stays text.

import { formatPhoneNumber, ukNationalDigits } from './phone';

export type TextPart = { kind: 'text'; text: string } | { kind: 'phone'; text: string; display: string };

// 0 or +44 (optionally "(0)"), then 9 or 10 more digits, single spaces or hyphens between them.
const CANDIDATE = /(?<![\d+])(?:\+44 ?(?:\(0\) ?)?|0)\d(?:[ -]?\d){8,9}(?!\d)/g;

/** The text cut into plain parts and UK phone numbers (as written, and grouped for display). */
export function splitPhoneNumbers(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const found = match[0];
    if (!ukNationalDigits(found)) continue;
    if (match.index > at) parts.push({ kind: 'text', text: text.slice(at, match.index) });
    parts.push({ kind: 'phone', text: found, display: formatPhoneNumber(found) });
    at = match.index + found.length;
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
  return parts;
}
