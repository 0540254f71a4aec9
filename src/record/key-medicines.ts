// The paramedic's "key medicines": what changes the first minutes of care
// comes first, never an alphabetical cut-off. Just-in-case (anticipatory)
// medicines, anticoagulants, insulin and other high-risk medicines, controlled
// drugs and recently started ones are always listed, in that order; the rest
// fill the screen by name; what is left is counted.

import { subDays } from 'date-fns';
import { formatDate, toInstant } from '../format/dates';
import { normaliseText } from './fhir';
import type { MedicationGroup, MedicationLine } from './model';

/** How many medicines the one screen lists when the key ones leave room. */
export const KEY_MEDICINES_ON_SCREEN = 8;
/** Started within this many days counts as recently started. */
const RECENTLY_STARTED_DAYS = 28;

export type KeyReason = 'anticipatory' | 'anticoagulant' | 'insulin' | 'high-risk' | 'controlled' | 'recently-started';

/** In order of rank. */
const REASONS: readonly KeyReason[] = ['anticipatory', 'anticoagulant', 'insulin', 'high-risk', 'controlled', 'recently-started'];

// Names (generic, as the line gives them) by the words they start with. Sources
// send no class codes a viewer can rely on, so these are the medicines that
// national patient safety alerts and ambulance guidance single out.
const ANTICOAGULANTS = [
  'warfarin',
  'apixaban',
  'rivaroxaban',
  'edoxaban',
  'dabigatran',
  'acenocoumarol',
  'phenindione',
  'enoxaparin',
  'dalteparin',
  'tinzaparin',
  'heparin',
  'fondaparinux',
];
const INSULIN = ['insulin'];
/** High-risk or time-critical: a missed, doubled or wrong dose harms quickly (NPSA alerts, Parkinson's and steroid emergency guidance). */
const HIGH_RISK = [
  'methotrexate',
  'lithium',
  'clozapine',
  'digoxin',
  'amiodarone',
  'tacrolimus',
  'ciclosporin',
  'mycophenolate',
  'azathioprine',
  'levodopa',
  'co-careldopa',
  'co-beneldopa',
  'rasagiline',
  'pramipexole',
  'ropinirole',
  'rotigotine',
  'hydrocortisone',
  'prednisolone',
  'dexamethasone',
  'fludrocortisone',
  'gliclazide',
  'glibenclamide',
  'glimepiride',
  'glipizide',
  'tolbutamide',
  'sodium valproate',
  'valproic acid',
  'carbamazepine',
  'phenytoin',
  'levetiracetam',
  'lamotrigine',
  'potassium chloride',
];
/** Schedule 2 to 4 controlled drugs a patient at home or in a care home may hold. */
const CONTROLLED = [
  'morphine',
  'diamorphine',
  'oxycodone',
  'fentanyl',
  'alfentanil',
  'buprenorphine',
  'methadone',
  'hydromorphone',
  'tapentadol',
  'pethidine',
  'tramadol',
  'codeine',
  'dihydrocodeine',
  'midazolam',
  'diazepam',
  'lorazepam',
  'temazepam',
  'clonazepam',
  'nitrazepam',
  'zopiclone',
  'zolpidem',
  'pregabalin',
  'gabapentin',
  'methylphenidate',
  'lisdexamfetamine',
  'dexamfetamine',
  'ketamine',
  'phenobarbital',
];

const LABELS: Readonly<Record<KeyReason, string>> = {
  anticipatory: 'Just in case (anticipatory)',
  anticoagulant: 'Anticoagulant',
  insulin: 'Insulin',
  'high-risk': 'High-risk medicine',
  controlled: 'Controlled drug',
  'recently-started': 'Recently started',
};

export interface KeyMedicine {
  group: MedicationGroup;
  /** The line shown: the group's first current line. */
  line: MedicationLine;
  /** Why it is key, highest first; empty for the rest. */
  reasons: KeyReason[];
  /** e.g. "Just in case (anticipatory) · Controlled drug", "Recently started 01-Jul-2026". */
  label?: string;
}

export interface KeyMedicines {
  shown: KeyMedicine[];
  /** Current medicines not listed on the screen (in the full record). */
  rest: number;
}

/** Whole words only: "heparin" is not "heparinoid". */
function namedAs(line: MedicationLine, names: readonly string[]): boolean {
  const said = ` ${normaliseText([line.genericName, line.brand].filter(Boolean).join(' '))} `;
  return names.some((n) => said.includes(` ${n} `));
}

/** A medicine restarted on the ward is not new: the earliest start any source records counts. */
function firstStarted(lines: MedicationLine[]): Date | undefined {
  return lines
    .map((l) => toInstant(l.started))
    .filter((d): d is Date => !!d)
    .sort((a, b) => a.getTime() - b.getTime())[0];
}

function reasonsFor(group: MedicationGroup, now: Date): KeyReason[] {
  const lines = group.lines.filter((l) => l.current);
  const any = (test: (l: MedicationLine) => boolean) => lines.some(test);
  const since = subDays(now, RECENTLY_STARTED_DAYS).getTime();
  const checks: Record<KeyReason, boolean> = {
    anticipatory: any((l) => l.anticipatory === true),
    anticoagulant: any((l) => namedAs(l, ANTICOAGULANTS)),
    insulin: any((l) => namedAs(l, INSULIN)),
    'high-risk': any((l) => namedAs(l, HIGH_RISK)),
    controlled: any((l) => namedAs(l, CONTROLLED)),
    'recently-started': (firstStarted(lines)?.getTime() ?? -Infinity) >= since,
  };
  return REASONS.filter((r) => checks[r]);
}

function labelFor(reasons: KeyReason[], group: MedicationGroup): string | undefined {
  if (!reasons.length) return undefined;
  const started = firstStarted(group.lines.filter((l) => l.current));
  return reasons.map((r) => (r === 'recently-started' && started ? `Started ${formatDate(started)}` : LABELS[r])).join(' · ');
}

const rank = (k: KeyMedicine) => (k.reasons.length ? REASONS.indexOf(k.reasons[0] as KeyReason) : REASONS.length);

/**
 * The current medicines to list first, ranked: every key medicine, then the
 * others by name until `room` is filled; the rest counted.
 */
export function keyMedicines(groups: readonly MedicationGroup[], now: Date, room = KEY_MEDICINES_ON_SCREEN): KeyMedicines {
  const ranked = groups
    .flatMap((group) => {
      const line = group.lines.find((l) => l.current);
      if (!line) return [];
      const reasons = reasonsFor(group, now);
      return [{ group, line, reasons, label: labelFor(reasons, group) }];
    })
    .sort((a, b) => rank(a) - rank(b) || a.group.genericName.localeCompare(b.group.genericName, 'en-GB'));
  const key = ranked.filter((k) => k.reasons.length);
  const others = ranked.filter((k) => !k.reasons.length).slice(0, Math.max(0, room - key.length));
  const shown = [...key, ...others];
  return { shown, rest: ranked.length - shown.length };
}
