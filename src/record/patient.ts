// Patient summaries: what each source says about who the patient is, for the
// banner. One summary per source; the banner shows the launching source's and
// can show where others differ.

import type { Address, HumanName, Identifier, Patient, Reference } from '@medplum/fhirtypes';
import { isValidNhsNumber, NHS_NUMBER_SYSTEM, normaliseNhsNumber } from '../format/nhs-number';
import { toInstant } from '../format/dates';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { indexResources, ODS_SYSTEM, provenanceOf, resolve, type ResourceIndex } from './fhir';
import { patientIdentifiers } from './identifiers';
import type { NhsNumber, PatientSummary, PersonName, SourceRef } from './model';

const GENDERS = new Set(['male', 'female', 'other', 'unknown']);

function isCurrent(period: { end?: string } | undefined, now: Date): boolean {
  const end = toInstant(period?.end);
  return !end || end.getTime() >= now.getTime();
}

/** The official name, else the usual one, else the first that is still in use. */
export function chooseName(names: HumanName[] | undefined, now: Date): HumanName | undefined {
  const inUse = (names ?? []).filter((n) => n.use !== 'old' && isCurrent(n.period, now));
  return inUse.find((n) => n.use === 'official') ?? inUse.find((n) => n.use === 'usual') ?? inUse[0];
}

function toPersonName(name: HumanName | undefined): PersonName | undefined {
  if (!name) return undefined;
  return { family: name.family?.trim() || undefined, given: name.given ?? [], prefix: name.prefix ?? [], text: name.text };
}

function nhsNumberOf(identifiers: Identifier[] | undefined): NhsNumber | undefined {
  const value = identifiers?.find((i) => i.system === NHS_NUMBER_SYSTEM && i.value)?.value;
  if (!value) return undefined;
  const digits = normaliseNhsNumber(value);
  return { value: digits, valid: isValidNhsNumber(digits) };
}

/** Home address in use, as lines with the postcode last. */
function addressLines(addresses: Address[] | undefined, now: Date): string[] | undefined {
  const inUse = (addresses ?? []).filter((a) => a.use !== 'old' && isCurrent(a.period, now));
  const chosen = inUse.find((a) => a.use === 'home') ?? inUse[0];
  if (!chosen) return undefined;
  const lines = [...(chosen.line ?? []), chosen.city, chosen.district, chosen.postalCode]
    .map((l) => l?.trim())
    .filter((l): l is string => !!l);
  return lines.length ? lines : undefined;
}

function isOrganisationReference(reference: Reference, index: ResourceIndex): boolean {
  const target = resolve(reference, index);
  if (target) return target.resourceType === 'Organization';
  return (
    reference.type === 'Organization' ||
    /(^|\/)Organization\//.test(reference.reference ?? '') ||
    reference.identifier?.system === ODS_SYSTEM
  );
}

/** The registered practice: an included Organization, else what the reference itself says. */
function registeredPractice(patient: Patient, index: ResourceIndex): PatientSummary['registeredPractice'] {
  const reference = (patient.generalPractitioner ?? []).find((r) => isOrganisationReference(r, index));
  if (!reference) return undefined;
  const organisation = resolve(reference, index);
  const org = organisation?.resourceType === 'Organization' ? organisation : undefined;
  const name = org?.name?.trim() || reference.display?.trim();
  if (!name) return undefined;
  const odsCode =
    org?.identifier?.find((i) => i.system === ODS_SYSTEM)?.value ??
    (reference.identifier?.system === ODS_SYSTEM ? reference.identifier.value : undefined);
  // Who to call: the practice's phone, when the included Organization gives one.
  const phone = org?.telecom?.find((t) => t.system === 'phone' && t.value?.trim() && t.use !== 'old')?.value?.trim();
  return phone ? { name, odsCode, phone } : { name, odsCode };
}

function deceasedOf(patient: Patient): PatientSummary['deceased'] {
  if (patient.deceasedDateTime) return { date: patient.deceasedDateTime };
  return patient.deceasedBoolean === true ? {} : undefined;
}

function summarise(patient: Patient, source: SourceRef, index: ResourceIndex, now: Date): PatientSummary {
  return {
    name: toPersonName(chooseName(patient.name, now)),
    birthDate: patient.birthDate,
    gender: GENDERS.has(patient.gender ?? '') ? patient.gender : undefined,
    nhsNumber: nhsNumberOf(patient.identifier),
    identifiers: patientIdentifiers(patient.identifier, source.organisation, now),
    address: addressLines(patient.address, now),
    registeredPractice: registeredPractice(patient, index),
    deceased: deceasedOf(patient),
    provenance: provenanceOf(source, patient),
  };
}

/** One summary per Patient each source returned (sources in the order given). */
export function buildPatientSummaries(inputs: SourceInput[], context: BuildContext): PatientSummary[] {
  return inputs.flatMap((input) => {
    const index = indexResources(input.resources);
    return buildEach(input, 'Patient', context, (patient) => summarise(patient, input.source, index, context.now));
  });
}
