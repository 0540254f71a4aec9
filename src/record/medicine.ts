// What a medication record names: generic name first, brand apart,
// strength and form from the Medication when it has them. Names are never
// cut short unless the cut part (strength, form) is shown from structured data.

import type {
  CodeableConcept,
  Medication,
  MedicationAdministration,
  MedicationDispense,
  MedicationRequest,
  MedicationStatement,
  Quantity,
  Ratio,
} from '@medplum/fhirtypes';
import { NOT_KNOWN } from '../format/not-known';
import { formatQuantity, formatRatio } from '../format/quantity';
import { codingsOf, conceptText, isSnomed, normaliseText, primaryCode, resolve, type ResourceIndex } from './fhir';

export interface Medicine {
  genericName: string;
  brand?: string;
  strength?: string;
  form?: string;
  code?: { system?: string; code: string };
  /** The single ingredient's strength, kept structured to compare doses across sources. */
  strengthRatio?: Ratio;
}

/** Words that start the strength or form part of a dm+d-style name ("5mg tablets", "oral solution"). */
const FORM_WORDS = new Set(
  (
    'tablet tablets caplet caplets capsule capsules oral solution suspension liquid elixir syrup injection infusion ' +
    'cream ointment gel lotion drops drop eye ear nasal inhaler inhalation nebuliser patch patches transdermal suppository ' +
    'suppositories pessary pessaries spray powder granules sachets sachet lozenges lozenge modified-release prolonged-release ' +
    'gastro-resistant dispersible soluble chewable effervescent orodispersible film-coated m/r mr e/c ec for pre-filled vial ' +
    'vials ampoules ampoule pen pens cartridges'
  ).split(' '),
);

function isStrengthOrForm(word: string): boolean {
  const bare = word.toLowerCase().replace(/[(),]/g, '');
  return /^\d/.test(bare) || /^\.\d/.test(bare) || FORM_WORDS.has(bare);
}

/** The leading words that name the medicine: "Amlodipine 5mg tablets" → "Amlodipine". */
export function shortName(name: string): string {
  const words = name.trim().split(/\s+/);
  const end = words.findIndex(isStrengthOrForm);
  const stem = words.slice(0, end === -1 ? words.length : end).join(' ');
  return stem || name.trim();
}

/** A comparison key for a medicine name across sources: "Amlodipine 10mg tablets" and "amlodipine" match. */
export function medicineKey(name: string): string {
  return normaliseText(shortName(name));
}

function sameMedicine(a: string, b: string): boolean {
  const [ka, kb] = [medicineKey(a), medicineKey(b)];
  return ka === kb || ka.startsWith(`${kb} `) || kb.startsWith(`${ka} `);
}

function strengthOf(medication: Medication): { text?: string; ratio?: Ratio } {
  const strengths = (medication.ingredient ?? []).map((i) => i.strength).filter((s): s is Ratio => !!s);
  const texts = strengths.map(formatRatio).filter((t): t is string => !!t);
  return { text: texts.length ? texts.join(' + ') : undefined, ratio: strengths.length === 1 ? strengths[0] : undefined };
}

function ingredientName(medication: Medication): string | undefined {
  const ingredients = medication.ingredient ?? [];
  if (ingredients.length !== 1) return undefined;
  const [only] = ingredients;
  return conceptText(only?.itemCodeableConcept) ?? (only?.itemReference?.display?.trim() || undefined);
}

/** The names a Medication gives: its text, then each coding's display. The first is what was prescribed. */
function namesOf(code: CodeableConcept | undefined): string[] {
  const names = [code?.text, ...codingsOf(code).map((c) => c.display)].map((n) => n?.trim()).filter((n): n is string => !!n);
  return [...new Set(names)];
}

function codeNamed(code: CodeableConcept | undefined, name: string): { system?: string; code: string } | undefined {
  const coding = codingsOf(code).find((c) => c.display?.trim() === name && c.code && isSnomed(c.system));
  return coding?.code ? { system: coding.system, code: coding.code } : undefined;
}

/**
 * A branded product names its generic in another coding (or as its single
 * ingredient); the generic is the name that matches the ingredient, else the
 * first name that is not the product's.
 */
function fromMedication(medication: Medication, fallbackName: string | undefined): Medicine {
  const strength = strengthOf(medication);
  const form = conceptText(medication.form);
  const names = namesOf(medication.code);
  const ingredient = ingredientName(medication);
  const product = names[0] ?? fallbackName;
  const genericCandidate = ingredient
    ? (names.find((n) => sameMedicine(n, ingredient)) ?? ingredient)
    : names.find((n) => product !== undefined && !sameMedicine(n, product));
  const branded = product !== undefined && genericCandidate !== undefined && !sameMedicine(product, genericCandidate);
  const generic = branded ? genericCandidate : (product ?? genericCandidate ?? NOT_KNOWN);
  // Strength and form are shown from structured data, so the names may drop them.
  const structured = strength.text !== undefined && form !== undefined;
  const display = (name: string) => (structured ? shortName(name) : name);
  return {
    genericName: display(generic),
    brand: branded && product ? display(product) : undefined,
    strength: strength.text,
    form,
    code: codeNamed(medication.code, generic) ?? primaryCode(medication.code),
    strengthRatio: strength.ratio,
  };
}

/** Every R4 resource that names a medicine does it the same way: `medication[x]`. */
export type MedicationRecord = MedicationRequest | MedicationStatement | MedicationDispense | MedicationAdministration;

/** The medicine of a record: contained, referenced or included Medication, else the concept (shown whole), else the reference display. */
export function describeMedicine(request: MedicationRecord, index: ResourceIndex): Medicine {
  const target = resolve(request.medicationReference, index, request);
  const referenceDisplay = request.medicationReference?.display?.trim() || undefined;
  if (target?.resourceType === 'Medication') return fromMedication(target, referenceDisplay);
  const concept = request.medicationCodeableConcept;
  if (concept) return { genericName: conceptText(concept) ?? NOT_KNOWN, code: primaryCode(concept) };
  return { genericName: referenceDisplay ?? NOT_KNOWN };
}

const PRESENTATION_UNITS = /^(tablet|capsule|puff|patch|sachet|drop|dose|application|spray|unit of presentation)s?$/i;

function isPresentation(q: Quantity | undefined): boolean {
  const unit = (q?.unit ?? q?.code ?? '').replace(/[{}]/g, '');
  return unit === '' || PRESENTATION_UNITS.test(unit) || ['428673006', '732936001', '428641000', '732937005'].includes(q?.code ?? '');
}

/**
 * The amount given per dose, to compare across sources: a measured dose as is;
 * "2 tablets" of a 5 mg tablet as 10 mg. Undefined when it cannot be worked out.
 */
export function doseAmount(dose: Quantity | undefined, strength: Ratio | undefined): string | undefined {
  if (typeof dose?.value !== 'number') return undefined;
  if (!isPresentation(dose)) return formatQuantity(dose);
  const numerator = strength?.numerator;
  const perOne = strength?.denominator === undefined || strength.denominator.value === 1;
  if (typeof numerator?.value !== 'number' || !perOne || !isPresentation(strength?.denominator)) return undefined;
  const value = Math.round(dose.value * numerator.value * 1e6) / 1e6;
  return formatQuantity({ ...numerator, value });
}
