// Section notices in plain English: truncation, source warnings, and what was
// left out. None of these is ever silent.

import { formatNumber } from '../format/quantity';
import type { SectionNotice, SourceRef } from './model';
import { lookup } from '../format/lookup';
import { SECTIONS, type SectionName, type SectionRegistry } from './sections';

const TYPE_LABELS: Record<string, [string, string]> = {
  Patient: ['patient record', 'patient records'],
  Consent: ['consent or advance decision record', 'consent and advance decision records'],
  Flag: ['flag', 'flags'],
  Condition: ['problem or diagnosis', 'problems and diagnoses'],
  AllergyIntolerance: ['allergy record', 'allergy records'],
  MedicationRequest: ['medication record', 'medication records'],
  MedicationStatement: ['medication record', 'medication records'],
  MedicationDispense: ['dispensing record', 'dispensing records'],
  MedicationAdministration: ['record of a dose given', 'records of doses given'],
  Observation: ['result', 'results'],
  DiagnosticReport: ['report', 'reports'],
  Immunization: ['immunisation record', 'immunisation records'],
  Encounter: ['contact', 'contacts'],
  Appointment: ['appointment', 'appointments'],
  ServiceRequest: ['referral', 'referrals'],
  DocumentReference: ['document', 'documents'],
  Composition: ['document', 'documents'],
  EpisodeOfCare: ['episode of care', 'episodes of care'],
  CarePlan: ['care plan', 'care plans'],
  CareTeam: ['care team', 'care teams'],
  RelatedPerson: ['related person', 'related people'],
};

function label(resourceType: string, count: number): string {
  const [one, many] = lookup(TYPE_LABELS, resourceType) ?? ['record', 'records'];
  return count === 1 ? one : many;
}

const records = (count: number) => `${formatNumber(count)} record${count === 1 ? '' : 's'}`;

/**
 * "Weald General Hospital NHS Trust: showing 500 of 2,310 medication records;
 * the rest were not loaded." A search asked for newest first says which end is
 * missing: "…; the oldest were not loaded."
 */
export function truncatedNotice(
  source: SourceRef,
  resourceType: string,
  shown: number,
  total: number | undefined,
  newestFirst = false,
): SectionNotice {
  const missing = newestFirst ? 'the oldest were not loaded' : 'the rest were not loaded';
  const text =
    total !== undefined && total > shown
      ? `${source.organisation}: showing ${formatNumber(shown)} of ${formatNumber(total)} ${label(resourceType, total)}; ${missing}.`
      : `${source.organisation}: showing the first ${formatNumber(shown)} ${label(resourceType, shown)}; ${newestFirst ? 'older ones were not loaded' : 'more were not loaded'}.`;
  return { kind: 'truncated', source, text };
}

/** Per source name, what it did not send in full, each said once (a search feeds several sections). */
export function incompleteBySource(sections: readonly { notices: readonly SectionNotice[] }[]): Map<string, string[]> {
  const bySource = new Map<string, string[]>();
  for (const notice of sections.flatMap((s) => s.notices)) {
    if (notice.kind !== 'truncated' || !notice.source) continue;
    const texts = bySource.get(notice.source.name) ?? [];
    if (!texts.includes(notice.text)) texts.push(notice.text);
    bySource.set(notice.source.name, texts);
  }
  return bySource;
}

/** What a section's entries are called when withheld (the registry says), where the resource types would read worse. */
const withheldAs = (section: string) => (SECTIONS as SectionRegistry)[section as SectionName]?.withheldAs;

const counted = (count: number, [one, many]: readonly [string, string]) => `${formatNumber(count)} ${count === 1 ? one : many}`;

/** "1 medicine and 3 mental health entries": the parts joined as a sentence. */
export function joinCounts(parts: string[]): string {
  return parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * The source left out restricted items the user's role may not see (docs/access.md
 * section 4): one notice per source and section, saying how many by what they
 * are when the source said ("3 mental health entries withheld by North Downs
 * Mental Health NHS Trust: restricted").
 */
export function restrictedNotice(source: SourceRef, section: string, withheld: { resourceType: string; count?: number }[]): SectionNotice {
  const known = withheld.every((w) => w.count !== undefined);
  const total = withheld.reduce((n, w) => n + (w.count ?? 0), 0);
  const noun = withheldAs(section);
  const what = noun
    ? counted(total, noun)
    : joinCounts(withheld.map((w) => counted(w.count ?? 0, lookup(TYPE_LABELS, w.resourceType) ?? ['entry', 'entries'])));
  const text =
    known && total > 0
      ? `${what} withheld by ${source.organisation}: restricted, not shown to your role.`
      : `${source.organisation}: some restricted information is not shown to your role.`;
  return { kind: 'withheld', source, text, withheld };
}

/** A noun for a section's withheld entries: `medicines`, `mental health entries`. */
export function withheldNoun(section: string, count: number): string {
  return counted(count, withheldAs(section) ?? ['entry', 'entries']);
}

export function warningNotice(source: SourceRef, warning: string): SectionNotice {
  return { kind: 'warning', source, text: `${source.organisation}: ${warning}` };
}

export function unreadableNotice(source: SourceRef, count: number): SectionNotice {
  const verb = count === 1 ? 'is' : 'are';
  return { kind: 'skipped', source, text: `${source.organisation}: ${records(count)} could not be read and ${verb} not shown.` };
}

export function otherPatientNotice(source: SourceRef, count: number): SectionNotice {
  const verb = count === 1 ? 'was' : 'were';
  return {
    kind: 'skipped',
    source,
    text: `${source.organisation}: ${records(count)} not linked to this patient ${verb} left out.`,
  };
}

/**
 * A section's "restricted" notices with what the same sources withheld of
 * another section said in the same sentence: the mental health view says "1
 * medicine and 3 mental health entries withheld by North Downs Mental Health
 * NHS Trust: restricted, not shown to your role".
 */
export function withheldAlongside(
  notices: readonly SectionNotice[],
  section: string,
  also: readonly SectionNotice[],
  alsoSection: string,
): SectionNotice[] {
  return notices.map((n) => {
    const other = also.find((a) => a.kind === 'withheld' && a.source?.name === n.source?.name);
    const total = (w: SectionNotice | undefined) =>
      w?.withheld?.every((x) => x.count !== undefined) ? w.withheld.reduce((t, x) => t + (x.count ?? 0), 0) : undefined;
    const mine = total(n);
    const theirs = total(other);
    if (n.kind !== 'withheld' || !n.source || !mine || !theirs) return n;
    return {
      ...n,
      text: `${joinCounts([withheldNoun(alsoSection, theirs), withheldNoun(section, mine)])} withheld by ${n.source.organisation}: restricted, not shown to your role.`,
    };
  });
}
