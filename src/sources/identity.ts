// Patient matching across sources (docs/architecture.md, identity): a source's patient is
// used only when its NHS number and date of birth agree with the launch
// patient's. Nothing is guessed: no match, a mismatch and several matches are
// each reported, with the fields that disagreed.

import type { Patient, Resource } from '@medplum/fhirtypes';
import { groupNhsNumber, isNhsNumberDigits, NHS_NUMBER_SYSTEM } from '../format/nhs-number';

/** What the launch patient is known by. */
export interface LaunchIdentity {
  nhsNumber: string;
  birthDate?: string;
  /** `FAMILY, Given` for reasons shown to the user. */
  name?: string;
}

export type LaunchIdentityOutcome =
  { kind: 'ok'; identity: LaunchIdentity } | { kind: 'no-nhs-number' | 'ambiguous' | 'identity-mismatch'; reason: string };

export type MatchOutcome =
  { kind: 'accepted'; patient: Patient } | { kind: 'not-held' | 'identity-mismatch' | 'ambiguous'; reason: string };

/** Distinct NHS numbers of a Patient (digits only), valid ones only. */
export function nhsNumbersOf(patient: Patient): string[] {
  const values = (patient.identifier ?? [])
    .filter((id) => id.system === NHS_NUMBER_SYSTEM && typeof id.value === 'string')
    .map((id) => (id.value ?? '').replace(/\s/g, ''))
    .filter(isNhsNumberDigits);
  return [...new Set(values)];
}

/**
 * Reads the launch patient's identity. A launch that stated an NHS number
 * (e.g. a signed link) must agree with the launching source's Patient.
 */
export function launchIdentityOf(patient: Patient, statedNhsNumber?: string): LaunchIdentityOutcome {
  const numbers = nhsNumbersOf(patient);
  const first = numbers[0];
  if (first === undefined) {
    return {
      kind: 'no-nhs-number',
      reason: 'not searched: the patient has no valid NHS number at the launching source, so records elsewhere cannot be safely matched',
    };
  }
  if (numbers.length > 1) {
    return {
      kind: 'ambiguous',
      reason: `not searched: the patient has more than one NHS number at the launching source (${numbers.map(groupNhsNumber).join(', ')})`,
    };
  }
  const stated = statedNhsNumber?.replace(/\s/g, '');
  if (stated && stated !== first) {
    return {
      kind: 'identity-mismatch',
      reason: `not searched: the launch gave NHS number ${groupNhsNumber(stated)} but the launching source holds ${groupNhsNumber(first)}`,
    };
  }
  const identity: LaunchIdentity = { nhsNumber: first };
  if (patient.birthDate) identity.birthDate = patient.birthDate;
  const name = displayName(patient);
  if (name) identity.name = name;
  return { kind: 'ok', identity };
}

/** Decides which (if any) of a source's search results is the launch patient. */
export function matchPatient(launch: LaunchIdentity, found: Resource[]): MatchOutcome {
  const patients = found.filter((r): r is Patient => r.resourceType === 'Patient');
  // Servers that ignore the identifier parameter return other people: keep only real candidates.
  const candidates = patients.filter((p) => nhsNumbersOf(p).includes(launch.nhsNumber));
  const nhs = groupNhsNumber(launch.nhsNumber);
  const [only, ...others] = candidates;
  if (!only) return { kind: 'not-held', reason: `no record with NHS number ${nhs}` };
  if (others.length > 0) {
    return { kind: 'ambiguous', reason: `${candidates.length} records share NHS number ${nhs} here; none was used` };
  }
  const differences = identityDifferences(launch, only);
  if (differences.length > 0) return { kind: 'identity-mismatch', reason: differences.join('; ') };
  return { kind: 'accepted', patient: only };
}

/**
 * Why a candidate is not the launch patient. Date of birth decides; a
 * different name is reported alongside it but does not decide by itself
 * (names change, spellings vary).
 */
function identityDifferences(launch: LaunchIdentity, candidate: Patient): string[] {
  if (!launch.birthDate) return ['date of birth not known at launch, so this record cannot be confirmed'];
  // Say which fields disagree, never their values: the record may be someone else's.
  if (!candidate.birthDate) return ['date of birth missing there'];
  if (candidate.birthDate === launch.birthDate) return [];
  const differences = ['date of birth differs'];
  const name = displayName(candidate);
  if (name && launch.name && name.toUpperCase() !== launch.name.toUpperCase()) differences.push('name differs');
  return differences;
}

/** `FAMILY, Given` from the official (else first) name. */
function displayName(patient: Patient): string | undefined {
  const names = patient.name ?? [];
  const name = names.find((n) => n.use === 'official') ?? names[0];
  if (!name) return undefined;
  const family = name.family?.toUpperCase();
  const given = (name.given ?? []).join(' ');
  return [family, given].filter(Boolean).join(', ') || name.text || undefined;
}

/** A launch by identity needs a valid NHS number and a full date of birth: nothing else is trusted. */
export function identityFromLaunch(stated: { nhsNumber: string; birthDate: string } | undefined): LaunchIdentityOutcome {
  const nhsNumber = stated?.nhsNumber.replace(/\s/g, '') ?? '';
  if (!isNhsNumberDigits(nhsNumber)) {
    return { kind: 'no-nhs-number', reason: 'not searched: the launch gave no valid NHS number, so no record can be safely matched' };
  }
  if (!stated?.birthDate) {
    return {
      kind: 'identity-mismatch',
      reason: `not searched: the launch gave no date of birth for NHS number ${groupNhsNumber(nhsNumber)}`,
    };
  }
  return { kind: 'ok', identity: { nhsNumber, birthDate: stated.birthDate } };
}
