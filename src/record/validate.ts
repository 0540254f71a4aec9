// Structural checks on what a source sends, before anything reads it: required
// parts present and every part the builders read of the right JSON type. A
// resource that fails is skipped and counted, never shown half-understood.

import type { Resource } from '@medplum/fhirtypes';
import { lookup } from '../format/lookup';

type Check = (value: unknown) => boolean;

const isString: Check = (v) => typeof v === 'string';
const isBoolean: Check = (v) => typeof v === 'boolean';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const arrayOf =
  (check: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(check);
const shape =
  (fields: Record<string, Check>): Check =>
  (v) =>
    isObject(v) && Object.entries(fields).every(([name, check]) => v[name] === undefined || check(v[name]));

const coding = shape({ system: isString, code: isString, display: isString });
const concept = shape({ coding: arrayOf(coding), text: isString });
const concepts = arrayOf(concept);
const reference = shape({ reference: isString, display: isString });
const references = arrayOf(reference);
const quantity = shape({ value: isNumber, comparator: isString, unit: isString, system: isString, code: isString });
const range = shape({ low: quantity, high: quantity });
const ratio = shape({ numerator: quantity, denominator: quantity });
const period = shape({ start: isString, end: isString });
const identifier = shape({ system: isString, value: isString });
const telecom = shape({ system: isString, value: isString, use: isString, period });
const humanName = shape({ use: isString, text: isString, family: isString, given: arrayOf(isString), prefix: arrayOf(isString), period });
const address = shape({ use: isString, line: arrayOf(isString), city: isString, district: isString, postalCode: isString, period });
const extension: Check = (v) => shape({ url: isString, extension: arrayOf(extension) })(v);
const timing = shape({
  repeat: shape({
    frequency: isNumber,
    frequencyMax: isNumber,
    period: isNumber,
    periodMax: isNumber,
    periodUnit: isString,
    when: arrayOf(isString),
    timeOfDay: arrayOf(isString),
    dayOfWeek: arrayOf(isString),
  }),
  code: concept,
});
const dosage = shape({
  sequence: isNumber,
  text: isString,
  patientInstruction: isString,
  additionalInstruction: concepts,
  timing,
  asNeededBoolean: isBoolean,
  asNeededCodeableConcept: concept,
  route: concept,
  doseAndRate: arrayOf(shape({ doseQuantity: quantity, doseRange: range })),
});

/** The parts every medication record (request, statement, dispense, administration) shares. */
const medicationRecordFields: Record<string, Check> = {
  status: isString,
  subject: reference,
  medicationCodeableConcept: concept,
  medicationReference: reference,
  contained: arrayOf((v) => malformedReason(v) === undefined),
};

/** R4 requires medication[x] on every medication record: without it there is nothing to show. */
const missingMedication = (r: Record<string, unknown>): string | undefined =>
  r.medicationCodeableConcept === undefined && r.medicationReference === undefined ? 'missing medication[x]' : undefined;

const attachmentShape = shape({ contentType: isString, data: isString, url: isString, title: isString, creation: isString, size: isNumber });
const compositionSection: Check = (v) =>
  shape({ title: isString, code: concept, text: shape({ div: isString }), section: arrayOf(compositionSection) })(v);

interface Rule {
  fields: Record<string, Check>;
  required?: string[];
  /** Further conditions that the field table cannot say. */
  extra?: (resource: Record<string, unknown>) => string | undefined;
}

const RULES: Record<string, Rule> = {
  Patient: {
    fields: {
      identifier: arrayOf(identifier),
      name: arrayOf(humanName),
      gender: isString,
      birthDate: isString,
      deceasedBoolean: isBoolean,
      deceasedDateTime: isString,
      address: arrayOf(address),
      generalPractitioner: references,
    },
  },
  Organization: { fields: { name: isString, identifier: arrayOf(identifier) } },
  Practitioner: { fields: { name: arrayOf(humanName) } },
  PractitionerRole: { fields: { practitioner: reference, organization: reference } },
  Consent: {
    required: ['status', 'scope', 'category'],
    fields: {
      status: isString,
      scope: concept,
      category: concepts,
      patient: reference,
      dateTime: isString,
      performer: references,
      organization: references,
      provision: shape({ type: isString, code: concepts }),
    },
    extra: (r) => ((r.category as unknown[]).length === 0 ? 'category is empty' : undefined),
  },
  Flag: {
    required: ['status', 'code', 'subject'],
    fields: { status: isString, code: concept, subject: reference, category: concepts, period, author: reference },
  },
  AllergyIntolerance: {
    required: ['patient'],
    fields: {
      patient: reference,
      code: concept,
      clinicalStatus: concept,
      verificationStatus: concept,
      category: arrayOf(isString),
      criticality: isString,
      onsetDateTime: isString,
      recordedDate: isString,
      recorder: reference,
      asserter: reference,
      reaction: arrayOf(shape({ manifestation: concepts, severity: isString })),
    },
    extra: (r) =>
      Array.isArray(r.reaction) && r.reaction.some((x) => !Array.isArray((x as Record<string, unknown>).manifestation))
        ? 'reaction without manifestation'
        : undefined,
  },
  Condition: {
    required: ['subject'],
    fields: {
      subject: reference,
      code: concept,
      clinicalStatus: concept,
      verificationStatus: concept,
      category: concepts,
      severity: concept,
      onsetDateTime: isString,
      onsetPeriod: period,
      onsetString: isString,
      abatementDateTime: isString,
      abatementPeriod: period,
      recordedDate: isString,
      recorder: reference,
      asserter: reference,
      extension: arrayOf(extension),
    },
  },
  // Results and immunisations: the parts their builders read.
  Observation: {
    required: ['status', 'code', 'subject'],
    fields: {
      status: isString,
      code: concept,
      category: concepts,
      subject: reference,
      effectiveDateTime: isString,
      effectiveInstant: isString,
      effectivePeriod: period,
      issued: isString,
      performer: references,
      valueQuantity: quantity,
      valueString: isString,
      valueCodeableConcept: concept,
      valueBoolean: isBoolean,
      valueInteger: isNumber,
      valueRange: range,
      valueRatio: ratio,
      dataAbsentReason: concept,
      interpretation: concepts,
      referenceRange: arrayOf(shape({ low: quantity, high: quantity, type: concept, text: isString })),
      hasMember: references,
      component: arrayOf(
        shape({
          code: concept,
          valueQuantity: quantity,
          valueString: isString,
          valueCodeableConcept: concept,
          interpretation: concepts,
          referenceRange: arrayOf(shape({ low: quantity, high: quantity, type: concept, text: isString })),
        }),
      ),
      note: arrayOf(shape({ text: isString })),
    },
  },
  DiagnosticReport: {
    required: ['status', 'code'],
    fields: {
      status: isString,
      code: concept,
      category: concepts,
      subject: reference,
      effectiveDateTime: isString,
      effectivePeriod: period,
      issued: isString,
      performer: references,
      resultsInterpreter: references,
      result: references,
      conclusion: isString,
      conclusionCode: concepts,
      presentedForm: arrayOf(shape({ contentType: isString, data: isString, url: isString, title: isString })),
      text: shape({ status: isString, div: isString }),
    },
  },
  Immunization: {
    required: ['status', 'vaccineCode', 'patient'],
    fields: {
      status: isString,
      statusReason: concept,
      vaccineCode: concept,
      patient: reference,
      occurrenceDateTime: isString,
      occurrenceString: isString,
      recorded: isString,
      primarySource: isBoolean,
      lotNumber: isString,
      site: concept,
      route: concept,
      performer: arrayOf(shape({ actor: reference })),
      protocolApplied: arrayOf(
        shape({
          series: isString,
          targetDisease: concepts,
          doseNumberPositiveInt: isNumber,
          doseNumberString: isString,
          seriesDosesPositiveInt: isNumber,
          seriesDosesString: isString,
        }),
      ),
    },
  },
  Procedure: {
    required: ['status', 'subject'],
    fields: {
      status: isString,
      statusReason: concept,
      code: concept,
      subject: reference,
      performedDateTime: isString,
      performedPeriod: period,
      performedString: isString,
      recorder: reference,
      asserter: reference,
      performer: arrayOf(shape({ actor: reference, onBehalfOf: reference })),
      location: reference,
      reasonCode: concepts,
      bodySite: concepts,
      outcome: concept,
    },
  },
  Medication: {
    fields: {
      code: concept,
      form: concept,
      ingredient: arrayOf(shape({ itemCodeableConcept: concept, itemReference: reference, strength: ratio })),
    },
  },
  MedicationRequest: {
    required: ['status', 'intent', 'subject'],
    fields: {
      ...medicationRecordFields,
      intent: isString,
      category: concepts,
      courseOfTherapyType: concept,
      authoredOn: isString,
      requester: reference,
      recorder: reference,
      basedOn: references,
      dosageInstruction: arrayOf(dosage),
      dispenseRequest: shape({ validityPeriod: period }),
      extension: arrayOf(extension),
    },
    extra: missingMedication,
  },
  MedicationStatement: {
    required: ['status', 'subject'],
    fields: {
      ...medicationRecordFields,
      category: concept,
      statusReason: concepts,
      effectiveDateTime: isString,
      effectivePeriod: period,
      dateAsserted: isString,
      informationSource: reference,
      basedOn: references,
      derivedFrom: references,
      dosage: arrayOf(dosage),
      extension: arrayOf(extension),
    },
    extra: missingMedication,
  },
  MedicationDispense: {
    required: ['status', 'subject'],
    fields: {
      ...medicationRecordFields,
      authorizingPrescription: references,
      whenPrepared: isString,
      whenHandedOver: isString,
      daysSupply: quantity,
      performer: arrayOf(shape({ actor: reference })),
      dosageInstruction: arrayOf(dosage),
    },
    extra: missingMedication,
  },
  MedicationAdministration: {
    required: ['status', 'subject'],
    fields: {
      ...medicationRecordFields,
      request: reference,
      effectiveDateTime: isString,
      effectivePeriod: period,
      statusReason: concepts,
      performer: arrayOf(shape({ actor: reference })),
      dosage: shape({ text: isString, route: concept, dose: quantity }),
    },
    extra: missingMedication,
  },
  // Contacts and documents (timeline, documents): the parts their builders read.
  Encounter: {
    required: ['status', 'class', 'subject'],
    fields: {
      status: isString,
      class: coding,
      type: concepts,
      subject: reference,
      period,
      reasonCode: concepts,
      participant: arrayOf(shape({ individual: reference })),
      location: arrayOf(shape({ location: reference, status: isString })),
      serviceProvider: reference,
    },
  },
  Appointment: {
    required: ['status', 'participant'],
    fields: {
      status: isString,
      description: isString,
      start: isString,
      end: isString,
      created: isString,
      serviceType: concepts,
      appointmentType: concept,
      reasonCode: concepts,
      cancelationReason: concept,
      participant: arrayOf(shape({ actor: reference, status: isString })),
    },
  },
  ServiceRequest: {
    required: ['status', 'intent', 'subject'],
    fields: {
      status: isString,
      intent: isString,
      subject: reference,
      code: concept,
      category: concepts,
      reasonCode: concepts,
      authoredOn: isString,
      occurrenceDateTime: isString,
      occurrencePeriod: period,
      requester: reference,
      performer: references,
    },
  },
  DocumentReference: {
    required: ['status', 'content'],
    fields: {
      status: isString,
      docStatus: isString,
      type: concept,
      category: concepts,
      subject: reference,
      date: isString,
      author: references,
      custodian: reference,
      description: isString,
      content: arrayOf(shape({ attachment: attachmentShape })),
      context: shape({ encounter: references, period }),
    },
    extra: (r) => ((r.content as unknown[]).length === 0 ? 'content is empty' : undefined),
  },
  Composition: {
    required: ['status', 'type', 'date', 'title'],
    fields: {
      status: isString,
      type: concept,
      category: concepts,
      subject: reference,
      encounter: reference,
      date: isString,
      author: references,
      custodian: reference,
      title: isString,
      text: shape({ div: isString }),
      section: arrayOf(compositionSection),
    },
  },
  EpisodeOfCare: {
    required: ['status', 'patient'],
    fields: { status: isString, type: concepts, patient: reference, managingOrganization: reference, period, careManager: reference },
  },
  // Care plans, care teams, related persons, places: the parts their builders read.
  CarePlan: {
    required: ['status', 'subject'],
    fields: {
      status: isString,
      category: concepts,
      title: isString,
      description: isString,
      subject: reference,
      period,
      created: isString,
      author: reference,
      goal: references,
      note: arrayOf(shape({ text: isString })),
      activity: arrayOf(
        shape({
          reference,
          detail: shape({ code: concept, status: isString, description: isString, scheduledString: isString, scheduledPeriod: period, location: reference, performer: references }),
        }),
      ),
    },
  },
  CareTeam: {
    required: ['subject'],
    fields: {
      status: isString,
      name: isString,
      subject: reference,
      period,
      participant: arrayOf(shape({ role: concepts, member: reference, onBehalfOf: reference, period })),
      managingOrganization: references,
      telecom: arrayOf(telecom),
    },
  },
  RelatedPerson: {
    required: ['patient'],
    fields: { patient: reference, active: isBoolean, relationship: concepts, name: arrayOf(humanName), telecom: arrayOf(telecom), address: arrayOf(address), period },
  },
  Location: { fields: { name: isString, physicalType: concept, type: concepts, partOf: reference, telecom: arrayOf(telecom), address } },
  Goal: { fields: { lifecycleStatus: isString, description: concept } },
};

const meta = shape({ lastUpdated: isString, security: arrayOf(coding) });

/** Why a resource cannot be used, or undefined when it can. */
export function malformedReason(value: unknown): string | undefined {
  if (!isObject(value)) return 'not an object';
  if (typeof value.resourceType !== 'string') return 'missing resourceType';
  if (typeof value.id !== 'string' || value.id.trim() === '') return 'missing id';
  if (value.meta !== undefined && !meta(value.meta)) return 'meta has the wrong type';
  const rule = lookup(RULES, value.resourceType);
  if (!rule) return undefined;
  const missing = (rule.required ?? []).find((name) => value[name] === undefined || value[name] === null);
  if (missing) return `missing ${missing}`;
  const wrong = Object.entries(rule.fields).find(([name, check]) => value[name] !== undefined && !check(value[name]));
  if (wrong) return `${wrong[0]} has the wrong type`;
  return rule.extra?.(value);
}

export function isWellFormed(value: unknown): value is Resource {
  return malformedReason(value) === undefined;
}
