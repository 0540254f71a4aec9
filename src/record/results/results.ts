// The results section: every source's Observations read, its reports laid
// over them, tests grouped across sources, groups ordered by their newest
// entry. One patient may have tens of thousands of Observations and the record
// is rebuilt as each answer arrives, so everything is one pass per resource
// plus one sort per test, and the last build is kept (in the memory the
// record's loader owns, never in this module) while nothing has changed.

import type { Reference, Resource } from '@medplum/fhirtypes';
import { ofType, type BuildContext, type SourceInput } from '../build';
import { keyOf, indexResources, referenceKey } from '../fhir';
import type { SourceRef } from '../model';
import { groupTests } from './grouping';
import { toDraft, type Draft } from './observations';
import { groupReports, readReport, type ReportDraft } from './reports';
import type { ResultGroup, ResultValue } from './types';
import { Memo } from './values';

function newestTime(group: ResultGroup): number | undefined {
  return group.kind === 'test' ? group.values[0]?.time : group.reports[0]?.time;
}

function safely<T>(input: SourceInput, resource: Resource, context: BuildContext, read: () => T): T | undefined {
  try {
    return read();
  } catch {
    context.onSkip?.(input.source, resource);
    return undefined;
  }
}

/** Results of one source: its Observations read, then its reports laid over them. */
function readSource(input: SourceInput, context: BuildContext, memo: Memo): { tests: Draft[]; reports: ReportDraft[] } {
  // Names of performers and interpreters come from the directory resources; results are found through `byResource`.
  const index = indexResources(input.resources.filter((r) => r.resourceType !== 'Observation' && r.resourceType !== 'DiagnosticReport'));
  const observations = ofType(input.resources, 'Observation');
  const tests: Draft[] = [];
  const byResource = new Map<string, ResultValue>();
  const panels: { draft: Draft; members: Reference[] }[] = [];
  for (const o of observations) {
    const draft = safely(input, o, context, () => toDraft(o, input.source, index, context, memo));
    if (!draft) continue;
    byResource.set(keyOf(o), draft.value);
    const members = o.hasMember ?? [];
    if (members.length > 0) panels.push({ draft, members });
    tests.push(draft);
  }
  // A panel with no value of its own is shown through its members; it stays only if none of them arrived.
  const leftOut = new Set<Draft>();
  for (const { draft, members } of panels) {
    const found = members.map((m) => byResource.get(referenceKey(m) ?? '')).filter((v): v is ResultValue => v !== undefined);
    for (const v of found) v.partOf ??= { name: draft.name, resource: draft.value.provenance.resource };
    if (found.length > 0 && !draft.hasOwnValue) leftOut.add(draft);
  }
  const reports: ReportDraft[] = [];
  for (const r of ofType(input.resources, 'DiagnosticReport')) {
    const draft = safely(input, r, context, () => readReport(r, input.source, index, byResource, context));
    if (draft) reports.push(draft);
  }
  return { tests: leftOut.size ? tests.filter((t) => !leftOut.has(t)) : tests, reports };
}

function build(inputs: SourceInput[], context: BuildContext): ResultGroup[] {
  const memo = new Memo();
  const tests: Draft[] = [];
  const reports: ReportDraft[] = [];
  for (const input of inputs) {
    const read = readSource(input, context, memo);
    for (const t of read.tests) tests.push(t);
    for (const r of read.reports) reports.push(r);
  }
  const groups: ResultGroup[] = [...groupTests(tests), ...groupReports(reports)];
  return groups.sort((a, b) => {
    const ta = newestTime(a);
    const tb = newestTime(b);
    if (ta !== tb) return ta === undefined ? 1 : tb === undefined ? -1 : tb - ta;
    return a.name.localeCompare(b.name);
  });
}

// The record is rebuilt on every answer from every source; results are the
// biggest section and rarely change between two answers. The last build is
// reused while every source hands over the very same resource objects (and the
// clock has moved less than a minute, which is as fine as "future-dated" needs).
// It is kept in the build's memory, which belongs to one patient's record and
// is dropped with it (another patient, the lock): never in module state.
const REUSE_WITHIN_MS = 60_000;
const MEMORY_KEY = 'results:last';

interface LastBuild {
  inputs: { source: string; resources: Resource[] }[];
  now: number;
  skipped: [SourceRef, Resource][];
  groups: ResultGroup[];
}

function sameInputs(last: LastBuild, inputs: SourceInput[], now: number): boolean {
  if (Math.abs(now - last.now) >= REUSE_WITHIN_MS || last.inputs.length !== inputs.length) return false;
  return inputs.every((input, i) => {
    const before = last.inputs[i];
    if (!before || before.source !== input.source.name || before.resources.length !== input.resources.length) return false;
    return input.resources.every((r, j) => r === before.resources[j]);
  });
}

/**
 * Every source's results: tests grouped by code across sources (values newest
 * first, the same value from two sources shown once naming both), then reports
 * shown as reports; groups ordered by their newest entry. Entered-in-error and
 * cancelled are left out; unreadable resources are skipped and reported. The
 * groups are shared with later builds from the same resources: never mutate them.
 */
export function buildResults(inputs: SourceInput[], context: BuildContext): ResultGroup[] {
  const now = context.now.getTime();
  const last = context.memory?.get(MEMORY_KEY) as LastBuild | undefined;
  if (last && sameInputs(last, inputs, now)) {
    for (const [source, resource] of last.skipped) context.onSkip?.(source, resource);
    return last.groups;
  }
  const skipped: [SourceRef, Resource][] = [];
  const groups = build(inputs, {
    now: context.now,
    onSkip: (source, resource) => {
      skipped.push([source, resource]);
      context.onSkip?.(source, resource);
    },
  });
  const kept: LastBuild = { inputs: inputs.map((i) => ({ source: i.source.name, resources: [...i.resources] })), now, skipped, groups };
  context.memory?.set(MEMORY_KEY, kept);
  return groups;
}
