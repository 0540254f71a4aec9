// The confidentiality label that makes a resource "restricted" (docs/access.md
// section 4): the servers withhold it from roles that may not see it, the
// builders mark it, the viewer audits its opening.

import type { Resource } from '@medplum/fhirtypes';

export const CONFIDENTIALITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

/** Restricted and very restricted. */
const RESTRICTED_CODES: ReadonlySet<string> = new Set(['R', 'V']);

/** Carries the v3-Confidentiality R (or V) label in `meta.security`. Throws when `meta.security` is not a list. */
export function isRestricted(resource: Resource): boolean {
  const labels: unknown = resource.meta?.security ?? [];
  if (!Array.isArray(labels)) throw new TypeError('meta.security is not a list');
  return labels.some(
    (c: { system?: unknown; code?: unknown } | null | undefined) =>
      c?.system === CONFIDENTIALITY_SYSTEM && typeof c.code === 'string' && RESTRICTED_CODES.has(c.code),
  );
}

/** Whether any section of a record says a source left out restricted items (a `withheld` notice). */
export function withholdsRestricted(record: object | undefined): boolean {
  return Object.values(record ?? {}).some((value: unknown) => {
    const notices = (value as { notices?: unknown } | null)?.notices;
    return Array.isArray(notices) && notices.some((n: { kind?: unknown } | null) => n?.kind === 'withheld');
  });
}
