import { describe, expect, it } from 'vitest';
import type { Resource } from '@medplum/fhirtypes';
import { checkResult, isForAcceptedPatient, patientGate } from './intake';
import { GP, NOW } from './fixtures';
import type { QueryResult } from './model';

const accepted = new Set(['p1']);
const allergy = (reference?: string) =>
  ({ resourceType: 'AllergyIntolerance', id: 'a', patient: reference ? { reference } : undefined }) as Resource;
const loaded = (resourceType: string, resources: unknown[]): QueryResult => ({
  source: GP,
  resourceType,
  outcome: { kind: 'loaded', resources: resources as Resource[], truncated: false, warnings: [] },
});

describe('isForAcceptedPatient', () => {
  it('accepts relative, absolute and versioned references to the accepted patient', () => {
    expect(isForAcceptedPatient(allergy('Patient/p1'), accepted)).toBe(true);
    expect(isForAcceptedPatient(allergy('https://gp.example/fhir/Patient/p1'), accepted)).toBe(true);
    expect(isForAcceptedPatient(allergy('Patient/p1/_history/2'), accepted)).toBe(true);
  });

  it('refuses another patient, a group, or no reference at all on patient-bound types', () => {
    expect(isForAcceptedPatient(allergy('Patient/p2'), accepted)).toBe(false);
    expect(isForAcceptedPatient(allergy('Group/p1'), accepted)).toBe(false);
    expect(isForAcceptedPatient(allergy(), accepted)).toBe(false);
    expect(isForAcceptedPatient({ resourceType: 'Patient', id: 'p2' }, accepted)).toBe(false);
  });

  it('keeps supporting resources that belong to no patient', () => {
    expect(isForAcceptedPatient({ resourceType: 'Medication', id: 'm' }, accepted)).toBe(true);
    expect(isForAcceptedPatient({ resourceType: 'Organization', id: 'o' }, accepted)).toBe(true);
  });

  it('checks the subject of types it has no rule for', () => {
    expect(isForAcceptedPatient({ resourceType: 'Procedure', id: 'x', subject: { reference: 'Patient/p2' } } as Resource, accepted)).toBe(
      false,
    );
  });
});

describe('checkResult', () => {
  it('counts malformed and other-patient resources apart, and the asked-for type received', () => {
    const checked = checkResult(
      loaded('AllergyIntolerance', [allergy('Patient/p1'), allergy('Patient/p2'), { resourceType: 'AllergyIntolerance' }, null]),
      accepted,
    );
    expect(checked).toMatchObject({ malformed: 2, otherPatient: 1, matches: 3 });
    expect(checked.resources).toHaveLength(1);
  });
});

describe('patientGate', () => {
  it('is loading before the Patient answer, and passes once a Patient is accepted', () => {
    expect(patientGate(GP, undefined, NOW)).toBe('loading');
    expect(patientGate(GP, loaded('Patient', [{ resourceType: 'Patient', id: 'p1' }]), NOW)).toBeUndefined();
  });

  it('says not held when no Patient came back, and failed when one came back unreadable', () => {
    expect(patientGate(GP, loaded('Patient', []), NOW)).toMatchObject({ kind: 'not-held', at: NOW.toISOString() });
    expect(patientGate(GP, loaded('Patient', [{ resourceType: 'Patient', name: 'x' }]), NOW)).toMatchObject({ kind: 'failed' });
  });

  it('passes on the fetching layer’s problem', () => {
    const problem = { source: GP, kind: 'identity-mismatch' as const, reason: 'Date of birth differs', at: NOW.toISOString() };
    expect(patientGate(GP, { source: GP, resourceType: 'Patient', outcome: { kind: 'problem', problem } }, NOW)).toBe(problem);
  });
});
