import { beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '@medplum/fhirtypes';
import { ensureFhirDefinitions } from './definitions';
import { allowsResource, allowsType, parseResourceScopes } from './scopes';

beforeAll(() => ensureFhirDefinitions());

const lab: Observation = {
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'HbA1c' },
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
};
const vital: Observation = {
  ...lab,
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
};

describe('SMART scopes', () => {
  it('reads v2 letters and v1 read, skipping context scopes', () => {
    const scopes = parseResourceScopes([
      'openid',
      'launch',
      'fhirUser',
      'patient/Observation.rs',
      'user/Patient.r',
      'patient/Condition.read',
      'patient/Flag.cud',
      'patient/Bad.sr',
    ]);
    expect(scopes.map((s) => [s.type, [...s.permissions].join('')])).toEqual([
      ['Observation', 'rs'],
      ['Patient', 'r'],
      ['Condition', 'rs'],
      ['Flag', 'cud'],
    ]);
  });

  it('needs r to read and s to search, for the type or *', () => {
    const scopes = parseResourceScopes(['patient/Observation.s', 'patient/Patient.r']);
    expect(allowsType(scopes, 'Observation', ['s'])).toBe(true);
    expect(allowsType(scopes, 'Observation', ['r'])).toBe(false);
    expect(allowsType(scopes, 'Patient', ['s'])).toBe(false);
    expect(allowsType(scopes, 'Condition', ['r', 's'])).toBe(false);
    expect(allowsType(parseResourceScopes(['user/*.rs']), 'Condition', ['r'])).toBe(true);
    expect(allowsType(parseResourceScopes(['patient/*.read']), 'Condition', ['s'])).toBe(true);
    expect(allowsType(parseResourceScopes(['patient/*.cud']), 'Condition', ['r', 's'])).toBe(false);
  });

  it('covers only matching resources with a granular scope', () => {
    const scopes = parseResourceScopes([
      'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory',
    ]);
    expect(allowsType(scopes, 'Observation', ['s'])).toBe(true);
    expect(allowsResource(scopes, lab, ['s'])).toBe(true);
    expect(allowsResource(scopes, vital, ['s'])).toBe(false);
    expect(allowsResource(parseResourceScopes(['patient/Observation.rs']), vital, ['s'])).toBe(true);
  });
});
