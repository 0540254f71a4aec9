// The record builders rebuild every section on each answer (pure, new
// objects). Sections that come out equal keep the previous object, so each
// section element, which re-renders only when its section's identity changes,
// renders again only when its content did. Pure; could live in src/record.

import type { CareRecord } from '../../src/record/model';

/** Structural equality of plain data (objects, arrays, primitives). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => deepEqual(v, b[i]));
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && deepEqual(ra[k], rb[k]));
}

/** `next`, with every top-level part equal to `previous`'s replaced by the previous object. */
export function shareUnchanged(previous: CareRecord | undefined, next: CareRecord | undefined): CareRecord | undefined {
  if (!previous || !next || previous === next) return next;
  const out: Record<string, unknown> = { ...next };
  const prev = previous as unknown as Record<string, unknown>;
  for (const key of Object.keys(out)) if (deepEqual(prev[key], out[key])) out[key] = prev[key];
  return out as unknown as CareRecord;
}
