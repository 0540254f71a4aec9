// The patient as each source holds them: name, NHS number, identifiers, address.

import type { PatientIdentifier } from '../identifiers';
import type { Provenance } from './section';

export interface PersonName {
  family?: string;
  given: string[];
  prefix: string[];
  /** The whole name as sent, kept for when the sender gave no parts. */
  text?: string;
}

export interface NhsNumber {
  /** As received, digits only. */
  value: string;
  /** Passes the Modulus 11 check. */
  valid: boolean;
}

export interface PatientSummary {
  name?: PersonName;
  /** ISO date, possibly partial (`1945`, `1945-07`). */
  birthDate?: string;
  gender?: 'male' | 'female' | 'other' | 'unknown';
  nhsNumber?: NhsNumber;
  /** Identifiers other than the NHS number, labelled by type (e.g. "Hospital number (Weald General Hospital NHS Trust)"), each once. */
  identifiers: PatientIdentifier[];
  /** Address lines, postcode last. */
  address?: string[];
  registeredPractice?: { name: string; odsCode?: string; phone?: string };
  /** Present when the patient has died; date when known. */
  deceased?: { date?: string };
  provenance: Provenance;
}
