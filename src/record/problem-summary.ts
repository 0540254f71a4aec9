// Problems as a summary that stays short for a fifty-year record: repeat
// episodes of one problem grouped ("Asthma, 9 episodes, last 2019"); active
// problems apart from past ones, past ones split by significance (UK Core /
// GP Connect problem significance where the source gives it); and a
// long-term condition recorded as resolved while a medicine that treats it
// continues kept with the active problems, the conflict said.

import { compareDatesDescending, formatDate } from '../format/dates';
import { normaliseText } from './fhir';
import type { MedicationGroup, ProblemItem, SourceRef } from './model';

export interface ProblemGroup {
  /** The normalised name: one problem however many times and wherever it was recorded. */
  key: string;
  name: string;
  /** Active when any episode is active, or when a medicine for it continues (see `conflict`). */
  status: 'active' | 'past';
  /** `major` when any episode is, `minor` when every episode says minor, else not given. */
  significance?: 'major' | 'minor';
  /** Newest first. */
  episodes: ProblemItem[];
  /** The sources that record it, in the order first met. */
  sources: SourceRef[];
  /** Recorded as resolved while a current medicine treats it, e.g. "recorded as resolved 22-Jun-2025 (Riverside Medical Practice) but Amlodipine continues". */
  conflict?: string;
}

export interface ProblemSummary {
  active: ProblemGroup[];
  /** Past and significant (major, or significance not given). */
  significantPast: ProblemGroup[];
  /** Past and recorded as minor. */
  otherPast: ProblemGroup[];
}

/**
 * Long-term conditions and medicines that treat them, by name: a problem of
 * this kind is not over while one of these continues. A small table on
 * purpose: it flags a conflict to check, it never hides anything.
 */
const TREATED_BY: readonly { condition: RegExp; medicines: RegExp }[] = [
  {
    condition: /hypertension/i,
    medicines:
      /amlodipine|nifedipine|felodipine|ramipril|lisinopril|perindopril|enalapril|losartan|candesartan|irbesartan|valsartan|indapamide|bendroflumethiazide|doxazosin/i,
  },
  { condition: /hypothyroid/i, medicines: /levothyroxine|liothyronine/i },
  { condition: /hyperlipid|hypercholesterol|dyslipid/i, medicines: /atorvastatin|simvastatin|rosuvastatin|pravastatin|ezetimibe/i },
  {
    condition: /diabetes/i,
    medicines: /insulin|metformin|gliclazide|sitagliptin|linagliptin|empagliflozin|dapagliflozin|canagliflozin|pioglitazone/i,
  },
  {
    condition: /asthma|chronic obstructive|\bCOPD\b/i,
    medicines: /salbutamol|terbutaline|beclometasone|budesonide|fluticasone|mometasone|formoterol|salmeterol|tiotropium|montelukast/i,
  },
  { condition: /reflux|\bGORD\b|oesophagitis/i, medicines: /omeprazole|lansoprazole|esomeprazole|pantoprazole|rabeprazole|famotidine/i },
  { condition: /atrial fibrillation/i, medicines: /apixaban|rivaroxaban|edoxaban|dabigatran|warfarin|digoxin/i },
  { condition: /heart failure/i, medicines: /furosemide|bumetanide|spironolactone|eplerenone|sacubitril/i },
  { condition: /epilep/i, medicines: /levetiracetam|lamotrigine|valproate|carbamazepine|phenytoin|topiramate/i },
  { condition: /schizophren|bipolar|psychos/i, medicines: /clozapine|olanzapine|risperidone|quetiapine|aripiprazole|lithium/i },
  { condition: /parkinson/i, medicines: /levodopa|co-careldopa|co-beneldopa|ropinirole|pramipexole|rasagiline/i },
  { condition: /osteoporosis/i, medicines: /alendron|risedron|ibandron|denosumab/i },
];

const latestDate = (p: ProblemItem): string | undefined => p.onset ?? p.provenance.recorded;

/** A current medicine that treats this problem, if the table knows of one. */
function continuingMedicine(name: string, medicines: readonly MedicationGroup[]): string | undefined {
  const rule = TREATED_BY.find((r) => r.condition.test(name));
  return rule ? medicines.find((m) => rule.medicines.test(m.genericName))?.genericName : undefined;
}

function toGroup(key: string, episodes: ProblemItem[], medicines: readonly MedicationGroup[]): ProblemGroup {
  episodes.sort((a, b) => compareDatesDescending(latestDate(a), latestDate(b)));
  const latest = episodes[0]!;
  const sources = [...new Map(episodes.map((e) => [e.provenance.source.name, e.provenance.source])).values()];
  const significance = episodes.some((e) => e.significance === 'major')
    ? 'major'
    : episodes.every((e) => e.significance === 'minor')
      ? 'minor'
      : undefined;
  const group: ProblemGroup = {
    key,
    name: latest.name,
    status: episodes.some((e) => e.status === 'active') ? 'active' : 'past',
    episodes,
    sources,
    ...(significance ? { significance } : {}),
  };
  if (group.status === 'past') {
    const medicine = continuingMedicine(latest.name, medicines);
    if (medicine) {
      const resolved = latest.resolved ? ` ${formatDate(latest.resolved)}` : '';
      group.status = 'active';
      group.conflict = `recorded as resolved${resolved} (${latest.provenance.source.organisation}) but ${medicine} continues`;
    }
  }
  return group;
}

/** Newest episode first within each list; `medicines` are the current ones. */
export function summariseProblems(problems: readonly ProblemItem[], medicines: readonly MedicationGroup[] = []): ProblemSummary {
  const byKey = new Map<string, ProblemItem[]>();
  for (const problem of problems) {
    const key = normaliseText(problem.name);
    byKey.set(key, [...(byKey.get(key) ?? []), problem]);
  }
  const groups = [...byKey.entries()].map(([key, episodes]) => toGroup(key, episodes, medicines));
  groups.sort((a, b) => compareDatesDescending(latestDate(a.episodes[0]!), latestDate(b.episodes[0]!)));
  const past = groups.filter((g) => g.status === 'past');
  return {
    active: groups.filter((g) => g.status === 'active'),
    significantPast: past.filter((g) => g.significance !== 'minor'),
    otherPast: past.filter((g) => g.significance === 'minor'),
  };
}

/** When an active problem started: its newest active episode's onset (a problem only still on medicines: its first). */
export function activeSince(group: ProblemGroup): string | undefined {
  const active = group.episodes.find((e) => e.status === 'active');
  return (active ?? group.episodes[group.episodes.length - 1])?.onset;
}

/** "9 episodes, last 2019"; one episode: "2019". */
export function episodesText(group: ProblemGroup): string {
  const year = (latestDate(group.episodes[0]!) ?? '').slice(0, 4);
  const last = /^\d{4}$/.test(year) ? year : 'date Not Known';
  return group.episodes.length > 1 ? `${group.episodes.length} episodes, last ${last}` : last;
}
