// The CareRecord, rebuilt from every query result received so far by the
// section builders given. Pure: the same results and builders always give the
// same record, so the view can call it on each new answer and sections fill in
// as their data arrives. A section whose builder is not given (its code not
// loaded yet) is loading for every source: never "none recorded".

import type { Resource } from '@medplum/fhirtypes';
import type { BuildContext, SourceInput } from './build';
import { keyOf } from './fhir';
import { acceptedPatientIds, checkResult, patientGate, type CheckedResult } from './intake';
import type { CareRecord, QueryResult, SectionNotice, SourceProblem, SourceProgress, SourceRef } from './model';
import { otherPatientNotice, restrictedNotice, truncatedNotice, unreadableNotice, warningNotice } from './notices';
import {
  queriesOf,
  SECTIONS,
  sectionNames,
  sectionResourceTypes,
  type SectionBuilder,
  type SectionBuilders,
  type SectionContent,
  type SectionName,
  type SectionRegistry,
} from './sections';

/** Resource types asked for newest first: a cut there leaves out the oldest. */
function newestFirst(registry: Partial<SectionRegistry>): ReadonlySet<string> {
  return new Set(
    queriesOf(registry)
      .filter((q) => /[?&]_sort=-date\b/.test(q.query))
      .map((q) => q.resourceType),
  );
}

/** One source's answers, checked, by resource type. */
interface SourceAnswers {
  source: SourceRef;
  /** Set when nothing but the Patient answer can be used (loading, a problem, no patient). */
  gate: 'loading' | SourceProblem | undefined;
  byType: Map<string, CheckedResult>;
}

/** A result the fetching layer could not have meant: no outcome, or a problem without its details. */
function isUsable(result: QueryResult | undefined): result is QueryResult {
  const outcome = result?.outcome;
  if (typeof result?.resourceType !== 'string' || typeof outcome !== 'object' || outcome === null) return false;
  return outcome.kind === 'loaded' || (outcome.kind === 'problem' && typeof outcome.problem === 'object' && outcome.problem !== null);
}

/** The newest result per source and resource type (a retry replaces the earlier answer). */
function latestResults(sources: SourceRef[], results: QueryResult[]): Map<string, Map<string, QueryResult>> {
  const known = new Set(sources.map((s) => s.name));
  const latest = new Map<string, Map<string, QueryResult>>();
  for (const result of results) {
    const name = result?.source?.name;
    if (!known.has(name) || !isUsable(result)) continue;
    const byType = latest.get(name) ?? new Map<string, QueryResult>();
    byType.set(result.resourceType, result);
    latest.set(name, byType);
  }
  return latest;
}

// Memoisation. The record is rebuilt on every answer, but an answer, once
// delivered, never changes: each is checked once (per accepted patient set),
// and a section whose answers are the very same objects as at its last build
// is not built again (the same section objects are returned, so the view does
// not re-render it). A memo older than a minute is rebuilt, since builders
// read "now" (upcoming, recently stopped). What is remembered belongs to one
// RecordAssembly, which the loader drops with the patient.

const checkedResults = new WeakMap<QueryResult, { accepted: string; checked: CheckedResult }>();

function checkedOnce(result: QueryResult, accepted: Set<string>): CheckedResult {
  const key = [...accepted].sort().join('|');
  const cached = checkedResults.get(result);
  if (cached?.accepted === key) return cached.checked;
  const checked = checkResult(result, accepted);
  checkedResults.set(result, { accepted: key, checked });
  return checked;
}

const MEMO_MAX_AGE_MS = 60_000;

interface SectionMemo {
  build: unknown;
  /** Per source: the source, its Patient answer and the section's answers, as checked. */
  inputs: unknown[];
  now: number;
  value: unknown;
}

/**
 * One patient's record as it is assembled, answer by answer: the sections as
 * last built and what builders keep between builds. The loader owns one per
 * load and drops it with the patient (another launch, the lock), so nothing of
 * a record outlives it.
 */
export class RecordAssembly {
  readonly sections = new Map<SectionName, SectionMemo>();
  /** The builders' own memory (BuildContext.memory). */
  readonly memory = new Map<string, unknown>();
}

function memoInputs(types: string[], everyAnswer: SourceAnswers[]): unknown[] {
  return everyAnswer.flatMap((a) => [a.source, a.byType.get('Patient'), ...types.map((t) => a.byType.get(t))]);
}

function memoFor(assembly: RecordAssembly, section: SectionName, build: unknown, inputs: unknown[], now: Date): unknown {
  const memo = assembly.sections.get(section);
  if (!memo || memo.build !== build || Math.abs(memo.now - now.getTime()) > MEMO_MAX_AGE_MS) return undefined;
  return memo.inputs.length === inputs.length && memo.inputs.every((v, i) => v === inputs[i]) ? memo.value : undefined;
}

function answersFor(source: SourceRef, results: Map<string, QueryResult> | undefined, now: Date): SourceAnswers {
  const patientResult = results?.get('Patient');
  const accepted = acceptedPatientIds(patientResult);
  const byType = new Map<string, CheckedResult>();
  for (const [type, result] of results ?? []) byType.set(type, checkedOnce(result, accepted));
  return { source, gate: patientGate(source, patientResult, now), byType };
}

/** Loading until every type has answered; the first problem if any type failed. */
function progressFor(answers: SourceAnswers, section: SectionName, types: string[]): SourceProgress {
  if (answers.gate !== undefined) return answers.gate;
  if (section === 'patient') return 'loaded';
  const outcomes = types.map((t) => answers.byType.get(t)?.result.outcome);
  const problem = outcomes.find((o) => o?.kind === 'problem');
  if (problem?.kind === 'problem') return problem.problem;
  return outcomes.every((o) => o?.kind === 'loaded') ? 'loaded' : 'loading';
}

function usableResults(answers: SourceAnswers, section: SectionName, types: string[]): CheckedResult[] {
  if (section !== 'patient' && answers.gate !== undefined) return [];
  return types.flatMap((t) => {
    const checked = answers.byType.get(t);
    return checked && checked.result.outcome.kind === 'loaded' ? [checked] : [];
  });
}

function uniqueResources(results: CheckedResult[]): Resource[] {
  const byKey = new Map<string, Resource>();
  for (const r of results.flatMap((c) => c.resources)) byKey.set(keyOf(r), r);
  return [...byKey.values()];
}

function resultNotices(source: SourceRef, checked: CheckedResult, newest: ReadonlySet<string>): SectionNotice[] {
  const { outcome, resourceType } = checked.result;
  if (outcome.kind !== 'loaded') return [];
  const notices = (Array.isArray(outcome.warnings) ? outcome.warnings : []).map((w) => warningNotice(source, String(w)));
  if (outcome.truncated) notices.push(truncatedNotice(source, resourceType, checked.matches, outcome.total, newest.has(resourceType)));
  if (outcome.restrictedWithheld === true) {
    const count = typeof outcome.restrictedWithheldCount === 'number' ? outcome.restrictedWithheldCount : undefined;
    // A withheld count of 0 leaves nothing out; said only when the source names some.
    if (count !== 0) notices.push({ kind: 'withheld', source, text: '', withheld: [{ resourceType, count }] });
  }
  if (checked.otherPatient > 0) notices.push(otherPatientNotice(source, checked.otherPatient));
  return notices;
}

interface SectionParts {
  inputs: SourceInput[];
  progress: Record<string, SourceProgress>;
  /** Notices that do not depend on building (truncation, warnings, other patients). */
  notices: SectionNotice[];
}

function sectionParts(section: SectionName, types: string[], everyAnswer: SourceAnswers[], newest: ReadonlySet<string>): SectionParts {
  const parts: SectionParts = { inputs: [], progress: {}, notices: [] };
  for (const answers of everyAnswer) {
    const progress = progressFor(answers, section, types);
    const results = usableResults(answers, section, types);
    parts.progress[answers.source.name] = progress;
    parts.inputs.push({
      source: answers.source,
      progress,
      resources: uniqueResources(results),
      skipped: results.reduce((n, r) => n + r.malformed, 0),
    });
    const notices = results.flatMap((r) => resultNotices(answers.source, r, newest));
    // One "restricted" notice per source and section, however many of its queries left something out.
    const withheld = notices.flatMap((n) => n.withheld ?? []);
    parts.notices.push(...notices.filter((n) => n.kind !== 'withheld'));
    if (withheld.length) parts.notices.push(restrictedNotice(answers.source, section, withheld));
  }
  return parts;
}

/** Builds one section, then adds a notice for each source's unreadable resources (malformed or failing to build). */
function buildSection<T>(
  assembly: RecordAssembly,
  section: SectionName,
  types: string[],
  everyAnswer: SourceAnswers[],
  now: Date,
  build: (inputs: SourceInput[], context: BuildContext) => T,
  newest: ReadonlySet<string>,
): { built: T; progress: Record<string, SourceProgress>; notices: SectionNotice[] } {
  type Built = { built: T; progress: Record<string, SourceProgress>; notices: SectionNotice[] };
  const inputs = memoInputs(types, everyAnswer);
  const remembered = memoFor(assembly, section, build, inputs, now) as Built | undefined;
  if (remembered) return remembered;
  const parts = sectionParts(section, types, everyAnswer, newest);
  const failedToBuild = new Map<string, number>();
  const context: BuildContext = {
    now,
    memory: assembly.memory,
    onSkip: (source) => failedToBuild.set(source.name, (failedToBuild.get(source.name) ?? 0) + 1),
  };
  const built = build(parts.inputs, context);
  const unreadable = parts.inputs.flatMap((input) => {
    const count = (input.skipped ?? 0) + (failedToBuild.get(input.source.name) ?? 0);
    return count > 0 ? [unreadableNotice(input.source, count)] : [];
  });
  const value: Built = { built, progress: parts.progress, notices: [...parts.notices, ...unreadable] };
  assembly.sections.set(section, { build, inputs, now: now.getTime(), value });
  return value;
}

function pendingSection<K extends SectionName>(pending: Partial<SectionContent<K>> | undefined, sources: SourceRef[]): CareRecord[K] {
  const progress = Object.fromEntries(sources.map((s) => [s.name, 'loading' as const]));
  return { items: [], ...pending, progress, notices: [] } as unknown as CareRecord[K];
}

/**
 * Rebuilds the record from all results so far with the builders given. Never
 * throws on bad input: malformed resources are skipped and counted, resources
 * for anyone but the source's matched patient are dropped and counted, and a
 * source is used only once its Patient answer has arrived (its problem then
 * applies to every section). Sections whose answers have not changed since
 * the last assembly of the same `assembly` are reused, not built again. The
 * sections, their order and their searches are the registry's (SECTIONS).
 */
export function assembleWith(
  builders: Partial<SectionBuilders>,
  sources: SourceRef[],
  results: QueryResult[],
  now: Date = new Date(),
  assembly: RecordAssembly = new RecordAssembly(),
  registry: Partial<SectionRegistry> = SECTIONS,
): CareRecord {
  const latest = latestResults(sources, results);
  const everyAnswer = sources.map((source) => answersFor(source, latest.get(source.name), now));
  const newest = newestFirst(registry);
  const record: Partial<CareRecord> = { sources };
  for (const section of sectionNames(registry)) {
    const build = builders[section] as SectionBuilder<typeof section> | undefined;
    if (!build) {
      Object.assign(record, { [section]: pendingSection(registry[section]?.pending, sources) });
      continue;
    }
    const types = sectionResourceTypes(section, registry);
    const { built, progress, notices } = buildSection(assembly, section, types, everyAnswer, now, build, newest);
    Object.assign(record, { [section]: { ...built, progress, notices } });
  }
  return record as CareRecord;
}
