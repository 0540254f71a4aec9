// Section notices in plain English: truncation, source warnings, and what was
// left out. None of these is ever silent.

import { formatNumber } from '../format/quantity';
import type { SectionNotice, SourceRef } from './model';
import { lookup } from '../format/lookup';

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

/** "Weald General Hospital NHS Trust: showing 500 of 2,310 medication records; the rest were not loaded." */
export function truncatedNotice(source: SourceRef, resourceType: string, shown: number, total: number | undefined): SectionNotice {
  const text =
    total !== undefined && total > shown
      ? `${source.organisation}: showing ${formatNumber(shown)} of ${formatNumber(total)} ${label(resourceType, total)}; the rest were not loaded.`
      : `${source.organisation}: showing the first ${formatNumber(shown)} ${label(resourceType, shown)}; more were not loaded.`;
  return { kind: 'truncated', source, text };
}

/** The source left out restricted items the user's role may not see (docs/access.md section 4). */
export function restrictedNotice(source: SourceRef): SectionNotice {
  return { kind: 'withheld', source, text: `${source.organisation}: some restricted information is not shown to your role.` };
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
