import { describe, expect, it } from 'vitest';
import { isGrantableScope, needsPatientContext, splitScope } from './smart-scopes';

describe('SMART scopes the sandbox grants', () => {
  it.each([
    'openid',
    'fhirUser',
    'profile',
    'launch',
    'launch/patient',
    'offline_access',
    'online_access',
    'patient/*.rs',
    'patient/Observation.rs',
    'patient/Observation.r',
    'patient/Observation.s',
    'user/*.rs',
    'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory',
    'patient/*.read',
    'user/MedicationRequest.read',
  ])('grants %s', (scope) => {
    expect(isGrantableScope(scope)).toBe(true);
  });

  it.each([
    'patient/*.cruds',
    'patient/*.sr',
    'patient/*.c',
    'patient/Observation.write',
    'patient/*.*',
    'system/*.rs',
    'patient/observation.rs',
    'patient/*.rs?',
    'email',
    '',
  ])('does not grant %j', (scope) => {
    expect(isGrantableScope(scope)).toBe(false);
  });

  it('asks for a patient when patient-level access or launch/patient is requested', () => {
    expect(needsPatientContext(['launch/patient'])).toBe(true);
    expect(needsPatientContext(['openid', 'patient/*.rs'])).toBe(true);
    expect(needsPatientContext(['openid', 'user/*.rs', 'launch'])).toBe(false);
  });

  it('splits a scope string into distinct scopes', () => {
    expect(splitScope('openid  launch openid')).toEqual(['openid', 'launch']);
    expect(splitScope(undefined)).toEqual([]);
  });
});
