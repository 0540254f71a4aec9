// Medications: current and recently stopped (6 months), from every R4
// medication resource (medication-lines.ts), grouped across sources by
// generic name so one medicine from several sources or records shows once
// with every line, and differences (dose, strength, frequency, stopped in one
// source) are spelled out. What a source sent that is not listed is counted.

import { formatDate, toInstant } from '../format/dates';
import { formatNumber } from '../format/quantity';
import type { BuildContext, SourceInput } from './build';
import { conflictText, groupByKeys, valuesDiffer } from './grouping';
import { sourceDrafts, type Draft, type SourceLeftOut } from './medication-lines';
import { RECENT_MONTHS } from './medication-recency';
import { medicineKey } from './medicine';
import type { MedicationGroup, MedicationLine, MedicationsNotShown } from './model';

// ---------------------------------------------------------------- conflicts

const lower = (text: string | undefined) => text?.toLowerCase();

/** "Weald General Hospital NHS Trust" reads "Weald General Hospital"; an inpatient chart says so. */
function whose(d: Draft): string {
  const organisation = d.line.provenance.source.organisation.replace(/\s+NHS( Foundation)? Trust$/, '');
  return d.line.kind === 'inpatient' ? `${organisation}, inpatient` : organisation;
}

/** "5 mg once daily": the amount per dose and how often, as each source has it. */
function regimen(d: Draft, showStrength: boolean): string {
  const { strength, dose, frequency, directions } = d.line;
  if (d.line.kind === 'administered' || d.line.instructions?.includes('; then ') || !(d.doseAmount || dose)) return directions;
  const amount = showStrength && strength && dose ? `${dose} of ${strength}` : (d.doseAmount ?? dose);
  return [amount, frequency].filter(Boolean).join(' ');
}

const ASPECTS: { name: string; value: (d: Draft) => string | undefined }[] = [
  { name: 'dose', value: (d) => lower(d.doseAmount) },
  { name: 'strength', value: (d) => lower(d.line.strength) },
  { name: 'frequency', value: (d) => d.frequencyKey },
];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Dose differs: 5 mg once daily (Riverside Medical Practice); 10 mg in the morning (Weald General Hospital, inpatient)". */
function regimenConflict(drafts: Draft[]): string | undefined {
  let differing = ASPECTS.filter((a) => valuesDiffer(drafts, a.value)).map((a) => a.name);
  if (!differing.length) return undefined;
  // The same amount from a different tablet strength is said as such; a different amount is the dose conflict.
  const strengthOnly = !differing.includes('dose') && differing.includes('strength');
  if (differing.includes('dose')) differing = differing.filter((n) => n !== 'strength');
  const label = differing.length === 1 ? `${capitalise(differing[0] as string)} differs` : `${capitalise(differing.join(' and '))} differ`;
  return conflictText(label, drafts, (d) => regimen(d, strengthOnly), whose);
}

/** Any difference counts: active in one source and on hold (or stopped) in another matters. */
function statusConflict(drafts: Draft[]): string | undefined {
  if (!valuesDiffer(drafts, (d) => d.line.status)) return undefined;
  const describe = (d: Draft) => {
    if (d.line.current) return d.line.status;
    return d.line.stopped ? `${d.line.status} ${formatDate(d.line.stopped)}` : `${d.line.status} (date not recorded)`;
  };
  return conflictText('Status differs', drafts, describe, whose);
}

function conflictsOf(drafts: Draft[]): string[] {
  // A current line is compared with current lines: a stopped old dose is history, reported by status.
  const current = drafts.filter((d) => d.line.current);
  return [regimenConflict(current.length ? current : drafts), statusConflict(drafts)].filter((c): c is string => !!c);
}

// ---------------------------------------------------------------- groups

function groupingKeys(d: Draft): string[] {
  const keys = [`name:${medicineKey(d.line.genericName)}`];
  if (d.line.code) keys.push(`code:${d.line.code.code}`);
  return keys;
}

/** The inpatient chart's current line first (what the patient is given now), then other current lines, then the rest. */
function lineOrder(d: Draft): number {
  if (!d.line.current) return 2;
  return d.line.kind === 'inpatient' ? 0 : 1;
}

function toGroup(drafts: Draft[]): MedicationGroup {
  const ordered = [...drafts].sort((a, b) => lineOrder(a) - lineOrder(b));
  const first = (ordered[0] as Draft).line;
  return {
    key: `name:${medicineKey(first.genericName)}`,
    genericName: first.genericName,
    lines: ordered.map((d) => d.line),
    conflicts: conflictsOf(ordered),
  };
}

const byName = (a: MedicationGroup, b: MedicationGroup) => a.genericName.localeCompare(b.genericName, 'en-GB');

/** When a line last stopped or happened, for "recently stopped" newest first; a date not recorded sorts last. */
function endedAt(line: MedicationLine): number | undefined {
  return toInstant(line.stopped ?? line.lastGiven?.at ?? (line.kind === 'dispensed' ? line.lastDispensed : undefined))?.getTime();
}

function byEnd(a: MedicationGroup, b: MedicationGroup): number {
  const newestEnd = (g: MedicationGroup) => Math.max(...g.lines.map((l) => endedAt(l) ?? -Infinity));
  return newestEnd(b) - newestEnd(a) || byName(a, b);
}

// ---------------------------------------------------------------- not shown

const entries = (count: number) => `${formatNumber(count)} ${count === 1 ? 'entry' : 'entries'}`;

function notShown(left: SourceLeftOut): MedicationsNotShown[] {
  const { source } = left;
  const org = source.organisation;
  const out: MedicationsNotShown[] = [...new Set(left.noneKnown)].map((text) => ({
    source,
    kind: 'none-known',
    count: 0,
    text: `${capitalise(text)} (${org})`,
  }));
  if (left.older) {
    out.push({
      source,
      kind: 'older',
      count: left.older,
      text: `${entries(left.older)} stopped or last given more than ${RECENT_MONTHS} months ago (${org})`,
    });
  }
  if (left.notPrescribed) {
    out.push({
      source,
      kind: 'not-prescribed',
      count: left.notPrescribed,
      text: `${entries(left.notPrescribed)} never issued or given: draft, cancelled, proposed or not done (${org})`,
    });
  }
  if (left.unreadableKind) {
    out.push({
      source,
      kind: 'unreadable-kind',
      count: left.unreadableKind,
      text: `${entries(left.unreadableKind)} of a kind this viewer cannot show (${org})`,
    });
  }
  return out;
}

export interface MedicationSection {
  items: MedicationGroup[];
  recentlyStopped: MedicationGroup[];
  notShown: MedicationsNotShown[];
}

/** Current medicines (grouped across sources), those stopped in the last 6 months apart, and what is not listed, counted. */
export function buildMedications(inputs: SourceInput[], context: BuildContext): MedicationSection {
  const bySource = inputs.map((input) => sourceDrafts(input, context));
  const groups = groupByKeys(
    bySource.flatMap((s) => s.drafts),
    groupingKeys,
  ).map(toGroup);
  return {
    items: groups.filter((g) => g.lines.some((l) => l.current)).sort(byName),
    recentlyStopped: groups.filter((g) => !g.lines.some((l) => l.current)).sort(byEnd),
    notShown: bySource.flatMap((s) => notShown(s.left)),
  };
}
