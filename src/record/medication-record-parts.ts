// Reading a medication record's parts that are not the medicine or its dose:
// the newest of its dates, the UK Core / GP Connect extensions (status reason,
// last issue date, prescribing agency) and its category (inpatient,
// anticipatory, repeat or acute).

import type { CodeableConcept, Extension, MedicationRequest } from '@medplum/fhirtypes';
import { toInstant } from '../format/dates';
import { codeIn, codingsOf, conceptText } from './fhir';
import type { MedicationLine } from './model';

export function newest(dates: (string | undefined)[]): string | undefined {
  return dates
    .filter((d): d is string => toInstant(d) !== undefined)
    .sort((a, b) => (toInstant(b)?.getTime() ?? 0) - (toInstant(a)?.getTime() ?? 0))[0];
}

function extensionsLike(extensions: Extension[] | undefined, url: RegExp): Extension[] {
  return (extensions ?? []).filter((e) => url.test(e.url ?? ''));
}

/** UK Core / GP Connect MedicationStatusReason: statusChangeDate and the reason. */
export function statusReasonExtension(extensions: Extension[] | undefined): { date?: string; reason?: string } {
  const reason = extensionsLike(extensions, /MedicationStatusReason/i)[0];
  const part = (name: string) => reason?.extension?.find((e) => e.url === name);
  const date = part('statusChangeDate');
  return { date: date?.valueDateTime ?? date?.valueDate, reason: conceptText(part('statusReason')?.valueCodeableConcept) };
}

/** UK Core Extension-UKCore-MedicationStatementLastIssueDate, GP Connect Extension-CareConnect-GPC-MedicationStatementLastIssueDate-1. */
export function lastIssueDateExtension(extensions: Extension[] | undefined): string | undefined {
  const found = extensionsLike(extensions, /MedicationStatementLastIssueDate/i)[0];
  return found?.valueDateTime ?? found?.valueDate;
}

/** GP Connect PrescribingAgency, UK Core MedicationPrescribingOrganizationType: said only when not the practice itself. */
export function prescribedByExtension(extensions: Extension[] | undefined): string | undefined {
  const concept = extensionsLike(extensions, /PrescribingAgency|PrescribingOrganizationType/i)[0]?.valueCodeableConcept;
  if (!concept || codingsOf(concept).some((c) => c.code === 'prescribed-at-gp-practice')) return undefined;
  const code = codeIn(concept);
  return conceptText(concept) ?? (code ? code.charAt(0).toUpperCase() + code.slice(1).replaceAll('-', ' ') : undefined);
}

export function categoryCodes(categories: CodeableConcept[] | CodeableConcept | undefined): string[] {
  return [categories ?? []]
    .flat()
    .flatMap(codingsOf)
    .map((c) => c.code ?? '');
}

export function isAnticipatory(categories: CodeableConcept[] | CodeableConcept | undefined): boolean {
  return [categories ?? []]
    .flat()
    .some((c) => /just in case|anticipatory/i.test([conceptText(c), ...codingsOf(c).map((x) => x.display)].join(' ')));
}

export function kindOfRequest(request: MedicationRequest): MedicationLine['kind'] {
  if (categoryCodes(request.category).includes('inpatient')) return 'inpatient';
  const course = codeIn(request.courseOfTherapyType);
  if (course === 'continuous') return 'repeat';
  return course === 'acute' ? 'acute' : 'other';
}
