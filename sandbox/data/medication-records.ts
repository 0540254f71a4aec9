// Medication records besides the MedicationRequest (builders.ts): the UK Core /
// GP Connect MedicationStatement with its last-issue-date and prescribing
// organisation extensions, a Medication of its own (referenced, not
// contained), MedicationDispense and MedicationAdministration.
import type { Extension, Medication, MedicationAdministration, MedicationDispense, MedicationStatement } from '@medplum/fhirtypes';
import { cc, coding, dosage, medication, textOnly, ukCore, type DoseOptions, type Ref } from './builders';
import type { MedicineKey } from './terminology';
import { SYS } from './terminology';

/** UK Core R4 extension and code system URLs (HL7 UK). */
export const UK_CORE_MEDICATION = {
  lastIssueDate: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationStatementLastIssueDate',
  prescribingOrganisation: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationPrescribingOrganizationType',
  prescribingOrganisationCodes: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-MedicationPrescribingOrganizationType',
  repeatInformation: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation',
} as const;

const PRESCRIBED_BY = {
  gp: ['prescribed-at-gp-practice', 'Prescribed at GP practice'],
  other: ['prescribed-by-another-organisation', 'Prescribed by another organisation'],
} as const;

/** The medicine as a Medication resource of its own, as GP systems send it (the request and statement refer to it). */
export function standaloneMedication(key: MedicineKey): Medication {
  const { id: _contained, ...rest } = medication(key);
  return { ...rest, meta: ukCore('Medication') };
}

export interface StatementOptions {
  patient: Ref;
  medication: Ref;
  status: MedicationStatement['status'];
  /** The authorisation's start (effectivePeriod.start). */
  started: string;
  /** effectivePeriod.end: left out where the source does not hold it. */
  ended?: string;
  asserted: string;
  /** The plan (MedicationRequest intent plan) this authorisation is. */
  basedOn?: Ref;
  dose: DoseOptions | DoseOptions[];
  lastIssued?: string;
  prescribedBy: keyof typeof PRESCRIBED_BY;
  statusReason?: string;
  informationSource?: Ref;
}

/** A GP Connect-shaped MedicationStatement: what the patient takes, one per authorisation, based on its plan. */
export function medicationStatement(o: StatementOptions): MedicationStatement {
  const [code, display] = PRESCRIBED_BY[o.prescribedBy];
  const extension: Extension[] = [
    {
      url: UK_CORE_MEDICATION.prescribingOrganisation,
      valueCodeableConcept: cc(coding(UK_CORE_MEDICATION.prescribingOrganisationCodes, code, display)),
    },
  ];
  if (o.lastIssued) extension.push({ url: UK_CORE_MEDICATION.lastIssueDate, valueDateTime: o.lastIssued });
  return {
    resourceType: 'MedicationStatement',
    meta: ukCore('MedicationStatement'),
    extension,
    basedOn: o.basedOn ? [o.basedOn] : undefined,
    status: o.status,
    statusReason: o.statusReason ? [textOnly(o.statusReason)] : undefined,
    medicationReference: o.medication,
    subject: o.patient,
    effectivePeriod: { start: o.started, end: o.ended },
    dateAsserted: o.asserted,
    informationSource: o.informationSource,
    dosage: (Array.isArray(o.dose) ? o.dose : [o.dose]).map((d, i, all) => dosage(d, all.length > 1 ? i + 1 : undefined)),
  };
}

export interface DispenseOptions {
  patient: Ref;
  medicine: MedicineKey;
  authorizingPrescription: Ref;
  handedOver: string;
  daysSupply: number;
  quantity: { value: number; unit: string };
  performer: Ref;
  dose: DoseOptions;
}

export function medicationDispense(o: DispenseOptions): MedicationDispense {
  return {
    resourceType: 'MedicationDispense',
    meta: ukCore('MedicationDispense'),
    contained: [medication(o.medicine)],
    status: 'completed',
    medicationReference: { reference: '#med' },
    subject: o.patient,
    performer: [{ actor: o.performer }],
    authorizingPrescription: [o.authorizingPrescription],
    quantity: { value: o.quantity.value, unit: o.quantity.unit },
    daysSupply: { value: o.daysSupply, unit: 'day', system: SYS.ucum, code: 'd' },
    whenPrepared: o.handedOver,
    whenHandedOver: o.handedOver,
    dosageInstruction: [dosage(o.dose)],
  };
}

export interface AdministrationOptions {
  patient: Ref;
  medicine: MedicineKey;
  request: Ref;
  encounter?: Ref;
  at: string;
  performer?: Ref;
  /** A dose given; absent when `notGiven` says why it was not. */
  dose?: { value: number; unit: string; route: 'oral' | 'subcutaneous' };
  notGiven?: string;
}

const ROUTE = {
  oral: cc(coding(SYS.snomed, '26643006', 'Oral route')),
  subcutaneous: cc(coding(SYS.snomed, '34206005', 'Subcutaneous route')),
} as const;

/** One dose given on the ward (or recorded as not given, with why). */
export function medicationAdministration(o: AdministrationOptions): MedicationAdministration {
  return {
    resourceType: 'MedicationAdministration',
    meta: ukCore('MedicationAdministration'),
    contained: [medication(o.medicine)],
    status: o.notGiven ? 'not-done' : 'completed',
    statusReason: o.notGiven ? [textOnly(o.notGiven)] : undefined,
    medicationReference: { reference: '#med' },
    subject: o.patient,
    context: o.encounter,
    effectiveDateTime: o.at,
    performer: o.performer ? [{ actor: o.performer }] : undefined,
    request: o.request,
    dosage: o.dose
      ? { route: ROUTE[o.dose.route], dose: { value: o.dose.value, unit: o.dose.unit, system: SYS.ucum, code: o.dose.unit } }
      : undefined,
  };
}
