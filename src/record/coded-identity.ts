// What a coded entry is, for display and for deciding that two entries name
// the same thing. One rule for allergies, problems, results, immunisations and
// procedures: a code that does not identify the thing (a GP2GP
// transfer-degraded code, a record artefact, a data-absent reason, a null
// flavour, "unknown") never makes two entries one; they are then told apart by
// the words the clinician wrote. The name shown is the sender's text as
// written, with any code a system put in front of it kept out of the title.

import type { CodeableConcept, Coding } from '@medplum/fhirtypes';
import { codingsOf, isSnomed, normaliseText } from './fhir';

/**
 * SNOMED CT UK record artefacts a GP2GP transfer (or GP Connect) puts where the
 * original code could not be carried; the real term is in `code.text`. From the
 * GP2GP and GP Connect degrade-code tables (NHS England): drug allergy, non-drug
 * allergy, medication entry, plan, referral, request and the generic "record entry".
 */
export const TRANSFER_DEGRADED_CODES: ReadonlySet<string> = new Set([
  '196461000000101', // Transfer-degraded drug allergy
  '196471000000108', // Transfer-degraded non-drug allergy
  '196421000000109', // Transfer-degraded medication entry
  '196451000000104', // Transfer-degraded plan
  '196431000000106', // Transfer-degraded referral
  '196441000000102', // Transfer-degraded request
  '196411000000103', // Transfer-degraded record entry
]);

/** SNOMED CT concepts that say only that the value is not known. */
const SNOMED_UNKNOWN: ReadonlySet<string> = new Set([
  '261665006', // Unknown (qualifier value)
]);

/**
 * The International Patient Summary's (STU1) "absent and unknown data" codes:
 * `no-known-allergies`, `no-problem-info`… say there is nothing, or nothing
 * known, never what the thing is. (IPS 2 dropped them; records still carry them.)
 */
export const IPS_ABSENT_UNKNOWN = 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips';

/** Code systems whose every code says why there is no value (R4 data-absent-reason, v3 NullFlavor, IPS absent/unknown). */
const ABSENT_SYSTEMS: ReadonlySet<string> = new Set([
  'http://terminology.hl7.org/CodeSystem/data-absent-reason',
  'http://hl7.org/fhir/data-absent-reason',
  'http://terminology.hl7.org/CodeSystem/v3-NullFlavor',
  'http://hl7.org/fhir/v3/NullFlavor',
  IPS_ABSENT_UNKNOWN,
]);

/**
 * "Unknown" in a local code system. Only these two: a short local code such as
 * "NA" may well be a test (sodium), so null-flavour codes count only in their own system.
 */
const UNKNOWN_CODES: ReadonlySet<string> = new Set(['unknown', 'unk']);

const DATA_ABSENT_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** True when the coding names the thing itself, rather than saying it could not be coded or is not known. */
export function isIdentifyingCoding(coding: Coding): boolean {
  const code = trimmed(coding.code);
  if (!code) return false;
  if (isSnomed(coding.system) && (TRANSFER_DEGRADED_CODES.has(code) || SNOMED_UNKNOWN.has(code))) return false;
  if (ABSENT_SYSTEMS.has(coding.system ?? '')) return false;
  return !UNKNOWN_CODES.has(code.toLowerCase());
}

/**
 * The IPS absent/unknown code of an entry that records an absence rather than
 * a thing (e.g. `no-known-problems`, `no-immunization-info`): such an entry is
 * no problem, vaccine or procedure. Undefined when the concept names a thing.
 */
export function absentStatement(concept: CodeableConcept | undefined): string | undefined {
  return codingsOf(concept)
    .find((c) => c.system === IPS_ABSENT_UNKNOWN && trimmed(c.code))
    ?.code?.trim();
}

/** The concept's codings that identify the thing (none for a degraded, absent or unknown code). */
export function identifyingCodings(concept: CodeableConcept | undefined): Coding[] {
  const absent = (concept?.extension ?? []).some((e) => e?.url === DATA_ABSENT_EXTENSION);
  return absent ? [] : codingsOf(concept).filter(isIdentifyingCoding);
}

// "9339101000001105 | Septrin", "294505008: Allergy to amoxicillin": a SNOMED CT id.
const LEADING_SNOMED = /^[([]?\d{6,18}[)\]]?\s*(?:[|:–-]\s*|\s+)(?=\S)/u;
// "14L..00 H/O: drug allergy", "(TJ00.) Penicillins adverse reaction": a Read v2 code (5 characters,
// dots fill it; with one dot it must hold a digit, so "Amox. rash" keeps its word).
const LEADING_READ =
  /^[([]?(?:(?=[A-Za-z]{0,3}\d)[A-Za-z0-9]{4}\.|[A-Za-z0-9]{3}\.\.|[A-Za-z0-9]{2}\.{3}|[A-Za-z0-9]\.{4})(?:\d{2})?[)\]]?\s*(?:[|:–-]\s*|\s+)(?=\S)/u;
// "XaBVJ | Penicillin allergy": a five-character CTV3 or Read code, only when a bar marks it as a code.
const LEADING_CODE_BAR = /^[A-Za-z0-9.]{5}\s*\|\s*(?=\S)/u;
// GP Connect's resolved allergy: "Resolved 'Allergy to amoxicillin' original code 294505008."
const RESOLVED_ORIGINAL = /^Resolved\s+'(.+)'\s+original code\s+([A-Za-z0-9.]+)\.?$/iu;

/** The term as written, with a code some system put in front of it kept out. */
export function termWithoutLeadingCode(text: string): string {
  const resolved = RESOLVED_ORIGINAL.exec(text);
  if (resolved?.[1]?.trim()) return resolved[1].trim();
  for (const pattern of [LEADING_SNOMED, LEADING_READ, LEADING_CODE_BAR]) {
    const stripped = text.replace(pattern, '');
    if (stripped !== text && stripped.trim()) return stripped.trim();
  }
  return text;
}

/** The SNOMED CT id GP Connect keeps in a resolved allergy's text, when it is one. */
function resolvedOriginalCode(text: string | undefined): string | undefined {
  const code = text ? RESOLVED_ORIGINAL.exec(text)?.[2]?.replace(/\.$/, '') : undefined;
  return code && /^\d{6,18}$/.test(code) ? code : undefined;
}

export interface CodedIdentity {
  /** What to call it: the sender's words without a leading code, else an identifying coding's display, else any display. */
  name?: string;
  /** The code that names it (SNOMED CT / dm+d preferred); absent when no coding identifies it. */
  code?: { system?: string; code: string };
  /** Every identifying code, for grouping (SNOMED CT and dm+d as one space). */
  codes: { system?: string; code: string }[];
  /** True when the sender's codings only say the entry could not be coded or is not known. */
  degraded: boolean;
  /** The name, when it says what the thing is (not a degrade code's own display such as "Transfer-degraded drug allergy"). */
  naming?: string;
}

/** Name and identifying codes of a CodeableConcept, by the one rule above. */
export function codedIdentity(concept: CodeableConcept | undefined): CodedIdentity {
  const text = trimmed(concept?.text);
  const identifying = identifyingCodings(concept);
  const codes = identifying.map((c) => ({ system: trimmed(c.system), code: (c.code as string).trim() }));
  const original = resolvedOriginalCode(text);
  if (original && !codes.some((c) => c.code === original)) codes.push({ system: 'http://snomed.info/sct', code: original });
  const all = codingsOf(concept);
  const degraded = all.length > 0 && identifying.length === 0;
  const naming = text ? termWithoutLeadingCode(text) : identifying.map((c) => trimmed(c.display)).find(Boolean);
  return {
    name: naming ?? all.map((c) => trimmed(c.display)).find(Boolean),
    code: codes.find((c) => isSnomed(c.system)) ?? codes[0],
    codes,
    degraded,
    naming,
  };
}

/** Keys of the identifying codes (`sct|…` for SNOMED CT and dm+d; a code without a system only within `localScope`). */
export function codeKeys(identity: CodedIdentity, localScope: string): string[] {
  return identity.codes.map((c) => {
    if (isSnomed(c.system)) return `sct|${c.code}`;
    return c.system ? `${c.system}|${c.code}` : `${localScope}#|${c.code}`;
  });
}

/**
 * Keys under which entries name the same thing: each identifying code, else
 * the written name (`text:…`). Neither (a bare degrade code): the entry stands alone.
 */
export function identityKeys(identity: CodedIdentity, localScope: string): string[] {
  const keys = codeKeys(identity, localScope);
  if (keys.length > 0) return keys;
  return identity.naming ? [`text:${normaliseText(identity.naming)}`] : [];
}
