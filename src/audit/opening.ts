// What the audit of opening a record says, from how the load went: whether
// every source answered, which did not, and which sections showed restricted
// information (each audited once as opened).

import { isRestricted } from '../access/confidentiality';
import { isLoadFailureKind } from '../access/source-problems';
import type { QueryResult } from '../record/model';
import { SECTIONS, sectionNames, sectionResourceTypes } from '../record/sections';
import type { SourceStatus } from '../sources/load-record';

/**
 * `0` when every source answered, `4` (minor failure) when any could not be
 * loaded in whole or in part. Sources left out on purpose (not held, another
 * person, withheld, objection) are no failure.
 */
export function openingOutcome(statuses: Iterable<SourceStatus>): { outcome: '0' | '4'; failedSources: string[] } {
  const all = [...statuses];
  const failed = all.filter((s) => s.state === 'problem' && isLoadFailureKind(s.problem.kind));
  const partly = all.filter((s) => s.state === 'loaded' && s.problems.some((p) => isLoadFailureKind(p.kind)));
  return { outcome: failed.length || partly.length ? '4' : '0', failedSources: [...failed, ...partly].map((s) => s.source.name) };
}

/** The record sections showing restricted-labelled resources, once each, in section order. */
export function restrictedSections(results: readonly QueryResult[]): string[] {
  const types = new Set(
    results.flatMap((r) => (r.outcome.kind === 'loaded' && r.outcome.resources.some(isRestricted) ? [r.resourceType] : [])),
  );
  return sectionNames(SECTIONS).filter((s) => s !== 'advanceDecisions' && sectionResourceTypes(s).some((t) => types.has(t)));
}
