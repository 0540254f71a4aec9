// Medications: current and recently stopped (6 months), grouped across
// sources by generic name so one medicine from several sources shows once
// with every source's line, and differences (dose, strength, frequency,
// stopped in one source) are spelled out. Repeat issues fold into their plan.

import type { Dosage, Extension, MedicationRequest, TimingRepeat } from '@medplum/fhirtypes';
import { subMonths } from 'date-fns';
import { formatDate, toInstant } from '../format/dates';
import { formatDosageFrequency } from '../format/frequency';
import { formatQuantity, formatRange } from '../format/quantity';
import { buildEach, ofType, type BuildContext, type SourceInput } from './build';
import { codeIn, codingsOf, conceptText, indexResources, provenanceOf, referenceKey, referenceName, type ResourceIndex } from './fhir';
import { conflictText, groupByKeys, valuesDiffer } from './grouping';
import { describeMedicine, doseAmount, medicineKey } from './medicine';
import type { MedicationGroup, MedicationLine, SourceRef } from './model';

const RECENT_MONTHS = 6;
const SHOWN_STATUSES = new Set<MedicationLine['status']>(['active', 'on-hold', 'stopped', 'completed', 'unknown']);
const CURRENT_STATUSES = new Set<MedicationLine['status']>(['active', 'on-hold', 'unknown']);
/** Not prescriptions: suggestions and options were never issued. */
const NOT_PRESCRIBED_INTENTS = new Set(['proposal', 'option']);

/** A line with what is needed to compare it with other sources' lines. */
interface Draft {
  line: MedicationLine;
  doseAmount?: string;
  frequencyKey?: string;
}

function kindOf(request: MedicationRequest): MedicationLine['kind'] {
  const categories = (request.category ?? []).flatMap(codingsOf).map((c) => c.code);
  if (categories.includes('inpatient')) return 'inpatient';
  const course = codeIn(request.courseOfTherapyType);
  if (course === 'continuous') return 'repeat';
  return course === 'acute' ? 'acute' : 'other';
}

/** UK Core / GP Connect MedicationStatusReason extension: statusChangeDate. */
function statusChangeDate(extensions: Extension[] | undefined): string | undefined {
  const reason = (extensions ?? []).find((e) => /MedicationStatusReason/i.test(e.url ?? ''));
  const date = reason?.extension?.find((e) => e.url === 'statusChangeDate');
  return date?.valueDateTime ?? date?.valueDate;
}

/** When a stopped or completed request ended: validity end, status change date, else last update. */
function stoppedDate(request: MedicationRequest): string | undefined {
  return request.dispenseRequest?.validityPeriod?.end ?? statusChangeDate(request.extension) ?? request.meta?.lastUpdated;
}

function doseText(dosage: Dosage | undefined): string | undefined {
  const rate = dosage?.doseAndRate?.[0];
  return formatQuantity(rate?.doseQuantity) ?? formatRange(rate?.doseRange);
}

function dosageSummary(dosage: Dosage): string | undefined {
  return dosage.text?.trim() || [doseText(dosage), formatDosageFrequency(dosage)].filter(Boolean).join(' ') || undefined;
}

/** Dose, route and frequency from the first instruction; several instructions are kept as written, none dropped. */
function dosageParts(request: MedicationRequest): Pick<MedicationLine, 'dose' | 'route' | 'frequency' | 'instructions'> {
  const dosages = request.dosageInstruction ?? [];
  if (dosages.length > 1) {
    const instructions = dosages.map(dosageSummary).filter(Boolean).join('; then ') || undefined;
    return { dose: undefined, route: conceptText(dosages[0]?.route), frequency: undefined, instructions };
  }
  const dosage = dosages[0];
  const dose = doseText(dosage);
  const frequency = formatDosageFrequency(dosage);
  const text = dosage?.text?.trim() || undefined;
  return { dose, route: conceptText(dosage?.route), frequency, instructions: dose && frequency ? undefined : text };
}

/**
 * How often, ignoring the time of day, to compare across sources: "once daily"
 * and "in the morning" are both once a day. A time-of-day-only timing counts
 * each named time once a day.
 */
function frequencyKey(dosage: Dosage | undefined): string | undefined {
  const repeat = dosage?.timing?.repeat;
  const whenOnly = repeat?.when?.length && repeat.period === undefined ? new Set(repeat.when).size : undefined;
  const bareRepeat: TimingRepeat | undefined = whenOnly
    ? { frequency: whenOnly, period: 1, periodUnit: 'd' }
    : repeat && { ...repeat, when: undefined, timeOfDay: undefined };
  return formatDosageFrequency(dosage && { ...dosage, timing: { code: dosage.timing?.code, repeat: bareRepeat } })?.toLowerCase();
}

function newestIssue(issues: MedicationRequest[]): string | undefined {
  return issues
    .filter((i) => i.status !== 'entered-in-error' && toInstant(i.authoredOn))
    .map((i) => i.authoredOn as string)
    .sort((a, b) => (toInstant(b)?.getTime() ?? 0) - (toInstant(a)?.getTime() ?? 0))[0];
}

function toDraft(request: MedicationRequest, issues: MedicationRequest[], source: SourceRef, index: ResourceIndex): Draft | undefined {
  const status = request.status as MedicationLine['status'];
  if (!SHOWN_STATUSES.has(status) || NOT_PRESCRIBED_INTENTS.has(request.intent)) return undefined;
  const medicine = describeMedicine(request, index);
  const dosage = dosageParts(request);
  const prescriber = referenceName(request.requester, index);
  const line: MedicationLine = {
    genericName: medicine.genericName,
    brand: medicine.brand,
    strength: medicine.strength,
    form: medicine.form,
    ...dosage,
    status,
    kind: kindOf(request),
    started: request.authoredOn ?? request.dispenseRequest?.validityPeriod?.start,
    lastIssued: newestIssue(issues),
    stopped: status === 'stopped' || status === 'completed' ? stoppedDate(request) : undefined,
    prescriber,
    code: medicine.code,
    provenance: provenanceOf(source, request, {
      recorded: request.authoredOn,
      author: prescriber ?? referenceName(request.recorder, index),
    }),
  };
  const single = (request.dosageInstruction ?? []).length === 1 ? request.dosageInstruction?.[0] : undefined;
  return {
    line,
    doseAmount: doseAmount(single?.doseAndRate?.[0]?.doseQuantity, medicine.strengthRatio),
    frequencyKey: frequencyKey(single),
  };
}

/** Issues (orders) whose plan is among this source's requests, keyed by the plan. */
function issuesByPlan(requests: MedicationRequest[]): Map<string, MedicationRequest[]> {
  const plans = new Set(requests.filter((r) => r.intent === 'plan').map((r) => `MedicationRequest/${r.id}`));
  const issues = new Map<string, MedicationRequest[]>();
  for (const request of requests) {
    if (request.intent === 'plan') continue;
    const plan = (request.basedOn ?? []).map(referenceKey).find((k): k is string => !!k && plans.has(k));
    if (plan) issues.set(plan, [...(issues.get(plan) ?? []), request]);
  }
  return issues;
}

function draftsFor(input: SourceInput, context: BuildContext): Draft[] {
  const index = indexResources(input.resources);
  const requests = ofType(input.resources, 'MedicationRequest');
  const issues = issuesByPlan(requests);
  const folded = new Set([...issues.values()].flat());
  return buildEach(input, 'MedicationRequest', context, (request) =>
    folded.has(request) ? undefined : toDraft(request, issues.get(`MedicationRequest/${request.id}`) ?? [], input.source, index),
  );
}

const isCurrent = (line: MedicationLine) => CURRENT_STATUSES.has(line.status);

function isRecentlyStopped(line: MedicationLine, now: Date): boolean {
  const stopped = toInstant(line.stopped);
  return stopped !== undefined && stopped.getTime() >= subMonths(now, RECENT_MONTHS).getTime();
}

// ---------------------------------------------------------------- conflicts

const organisation = (d: Draft) => d.line.provenance.source.organisation;
const lower = (text: string | undefined) => text?.toLowerCase();

function regimen(d: Draft): string {
  const { strength, dose, frequency, instructions } = d.line;
  return [strength, dose, frequency].filter(Boolean).join(', ') || instructions || 'no dose recorded';
}

const ASPECTS: { name: string; value: (d: Draft) => string | undefined }[] = [
  { name: 'strength', value: (d) => lower(d.line.strength) },
  { name: 'dose', value: (d) => lower(d.doseAmount) },
  { name: 'frequency', value: (d) => d.frequencyKey },
];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Strength differs: 5 mg, 1 tablet, once daily (Riverside…); 10 mg, 1 tablet, once daily (Weald…)". */
function regimenConflict(drafts: Draft[]): string | undefined {
  const differing = ASPECTS.filter((a) => valuesDiffer(drafts, a.value)).map((a) => a.name);
  if (!differing.length) return undefined;
  const label = differing.length === 1 ? `${capitalise(differing[0] as string)} differs` : `${capitalise(differing.join(' and '))} differ`;
  return conflictText(label, drafts, regimen, organisation);
}

/** Any difference counts: active in one source and on hold (or stopped) in another matters. */
function statusConflict(drafts: Draft[]): string | undefined {
  if (!valuesDiffer(drafts, (d) => d.line.status)) return undefined;
  const describe = (d: Draft) => (d.line.stopped && !isCurrent(d.line) ? `${d.line.status} ${formatDate(d.line.stopped)}` : d.line.status);
  return conflictText('Status differs', drafts, describe, organisation);
}

function conflictsOf(drafts: Draft[]): string[] {
  // A current line is compared with current lines: a stopped old dose is history, reported by status.
  const current = drafts.filter((d) => isCurrent(d.line));
  return [regimenConflict(current.length ? current : drafts), statusConflict(drafts)].filter((c): c is string => !!c);
}

// ---------------------------------------------------------------- groups

function groupingKeys(d: Draft): string[] {
  const keys = [`name:${medicineKey(d.line.genericName)}`];
  if (d.line.code) keys.push(`code:${d.line.code.code}`);
  return keys;
}

function toGroup(drafts: Draft[]): MedicationGroup {
  const ordered = [...drafts.filter((d) => isCurrent(d.line)), ...drafts.filter((d) => !isCurrent(d.line))];
  const first = (ordered[0] as Draft).line;
  return {
    key: `name:${medicineKey(first.genericName)}`,
    genericName: first.genericName,
    lines: ordered.map((d) => d.line),
    conflicts: conflictsOf(ordered),
  };
}

const byName = (a: MedicationGroup, b: MedicationGroup) => a.genericName.localeCompare(b.genericName, 'en-GB');

export interface MedicationSection {
  items: MedicationGroup[];
  recentlyStopped: MedicationGroup[];
}

/** Current medicines (grouped across sources) and, apart, those stopped in the last 6 months. */
export function buildMedications(inputs: SourceInput[], context: BuildContext): MedicationSection {
  const drafts = inputs
    .flatMap((input) => draftsFor(input, context))
    .filter((d) => isCurrent(d.line) || isRecentlyStopped(d.line, context.now));
  const groups = groupByKeys(drafts, groupingKeys).map(toGroup);
  return {
    items: groups.filter((g) => g.lines.some(isCurrent)).sort(byName),
    recentlyStopped: groups.filter((g) => !g.lines.some(isCurrent)).sort(byName),
  };
}
