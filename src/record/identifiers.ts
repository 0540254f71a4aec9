// A patient's identifiers other than the NHS number, each labelled by what it
// is: its type (`Identifier.type`), else what its system says (a UK
// `…/Id/hospital-number` is a "Hospital number"), with the organisation that
// issued it where that is known. The same number sent twice is shown once.

import type { Identifier } from '@medplum/fhirtypes';
import { toInstant } from '../format/dates';
import { lookup } from '../format/lookup';
import { NHS_NUMBER_SYSTEM } from '../format/nhs-number';
import { codingsOf } from './fhir';

export interface PatientIdentifier {
  /** What the number is, e.g. "Hospital number (Weald General Hospital NHS Trust)", "Medical record number". */
  label: string;
  value: string;
}

const V2_IDENTIFIER_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0203';

/** HL7 v2 table 0203 (identifier type), the codes patients' identifiers carry, in UK English. */
const V2_TYPES: Readonly<Record<string, string>> = {
  MR: 'Medical record number',
  PI: 'Patient internal identifier',
  PT: 'Patient external identifier',
  SS: 'Social Security number',
  DL: 'Driving licence number',
  PPN: 'Passport number',
  NI: 'National unique individual identifier',
  NH: 'National health plan identifier',
  MC: 'Medicare number',
  MA: 'Medicaid number',
  HC: 'Health card number',
  JHN: 'Jurisdictional health number',
  AN: 'Account number',
  MB: 'Member number',
  TAX: 'Tax identification number',
};

/** National systems whose URL is not self-explanatory. */
const SYSTEMS: Readonly<Record<string, string>> = {
  'http://hl7.org/fhir/sid/us-ssn': 'Social Security number (US)',
  'http://hl7.org/fhir/sid/us-medicare': 'Medicare number (US)',
};

function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** "hospital-number" → "Hospital number". */
function humanise(name: string): string {
  const words = decodeURIComponent(name)
    .replace(/[-_]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function typeLabel(identifier: Identifier): string | undefined {
  const type = identifier.type;
  const text = trimmed(type?.text);
  if (text) return text;
  for (const coding of codingsOf(type)) {
    const code = trimmed(coding.code);
    const known = coding.system === V2_IDENTIFIER_TYPE || coding.system === undefined ? lookup(V2_TYPES, code) : undefined;
    if (known) return known;
    const display = trimmed(coding.display);
    if (display && display !== code) return display;
  }
  return undefined;
}

/** A UK-style local identifier system, `https://fhir.<organisation>/Id/<what-it-is>`: what it is. */
function localKind(system: string | undefined): string | undefined {
  const match = system ? /\/Id\/([A-Za-z0-9._%-]+)\/?$/.exec(system) : undefined;
  return match?.[1] ? humanise(match[1]) : undefined;
}

/** The system without its scheme, for an identifier nothing else names: "Identifier (github.com/synthetichealth/synthea)". */
function systemName(system: string | undefined): string | undefined {
  return trimmed(system)
    ?.replace(/^https?:\/\//, '')
    .replace(/\/$/, '');
}

/** How well a label says what the number is: by its type, by a known or local system, or only by where it came from. */
type Labelled = { label: string; rank: 0 | 1 | 2 };

function labelOf(identifier: Identifier, issuer: string): Labelled {
  const assigner = trimmed(identifier.assigner?.display);
  const typed = typeLabel(identifier) ?? lookup(SYSTEMS, identifier.system);
  if (typed) return { label: assigner ? `${typed} (${assigner})` : typed, rank: 0 };
  const local = localKind(identifier.system);
  if (local) return { label: `${local} (${assigner ?? issuer})`, rank: 1 };
  const system = systemName(identifier.system);
  return { label: assigner ? `Identifier (${assigner})` : system ? `Identifier (${system})` : 'Identifier', rank: 2 };
}

/** The label for one identifier; `issuer` names the organisation whose record sent it, for local numbers. */
export function identifierLabel(identifier: Identifier, issuer: string): string {
  return labelOf(identifier, issuer).label;
}

function inUse(identifier: Identifier, now: Date): boolean {
  if (identifier.use === 'old') return false;
  const end = toInstant(identifier.period?.end);
  return !end || end.getTime() >= now.getTime();
}

/**
 * Identifiers other than the NHS number, labelled, in use, in the order sent.
 * One number sent more than once (Synthea sends its id both bare and as the
 * medical record number) is shown once, under the label that says most.
 */
export function patientIdentifiers(identifiers: Identifier[] | undefined, issuer: string, now: Date): PatientIdentifier[] {
  const byValue = new Map<string, Labelled & { value: string }>();
  for (const identifier of identifiers ?? []) {
    const value = trimmed(identifier?.value);
    if (!value || identifier.system === NHS_NUMBER_SYSTEM || !inUse(identifier, now)) continue;
    const labelled = labelOf(identifier, issuer);
    const key = value.replace(/\s+/g, '').toLowerCase();
    const seen = byValue.get(key);
    if (!seen || labelled.rank < seen.rank) byValue.set(key, { ...labelled, value: seen?.value ?? value });
  }
  return [...byValue.values()].map(({ label, value }) => ({ label, value }));
}
