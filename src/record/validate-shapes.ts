// The building blocks of the structural checks: a check per JSON type, and
// the FHIR data types the builders read (coding, reference, quantity, dosage,
// attachment...), each accepting a part that is absent.

export type Check = (value: unknown) => boolean;

export const isString: Check = (v) => typeof v === 'string';
export const isBoolean: Check = (v) => typeof v === 'boolean';
export const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const arrayOf =
  (check: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(check);
export const shape =
  (fields: Record<string, Check>): Check =>
  (v) =>
    isObject(v) && Object.entries(fields).every(([name, check]) => v[name] === undefined || check(v[name]));

export const coding = shape({ system: isString, code: isString, display: isString });
export const concept = shape({ coding: arrayOf(coding), text: isString });
export const concepts = arrayOf(concept);
export const reference = shape({ reference: isString, display: isString });
export const references = arrayOf(reference);
export const quantity = shape({ value: isNumber, comparator: isString, unit: isString, system: isString, code: isString });
export const range = shape({ low: quantity, high: quantity });
export const ratio = shape({ numerator: quantity, denominator: quantity });
export const period = shape({ start: isString, end: isString });
export const identifier = shape({ system: isString, value: isString });
export const telecom = shape({ system: isString, value: isString, use: isString, period });
export const humanName = shape({
  use: isString,
  text: isString,
  family: isString,
  given: arrayOf(isString),
  prefix: arrayOf(isString),
  period,
});
export const address = shape({ use: isString, line: arrayOf(isString), city: isString, district: isString, postalCode: isString, period });
export const extension: Check = (v) => shape({ url: isString, extension: arrayOf(extension) })(v);
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
export const dosage = shape({
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

export const attachmentShape = shape({
  contentType: isString,
  data: isString,
  url: isString,
  title: isString,
  creation: isString,
  size: isNumber,
});
export const compositionSection: Check = (v) =>
  shape({ title: isString, code: concept, text: shape({ div: isString }), section: arrayOf(compositionSection) })(v);

export interface Rule {
  fields: Record<string, Check>;
  required?: string[];
  /** Further conditions that the field table cannot say. */
  extra?: (resource: Record<string, unknown>) => string | undefined;
}
