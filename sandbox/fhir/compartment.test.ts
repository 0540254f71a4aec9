import { describe, expect, it } from 'vitest';
import type { Observation, Patient, Resource } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM } from '../config';
import { collectPatientLinks, emptyLinks, isAllowed } from './compartment';

const BASE = 'http://127.0.0.1:8080/fhir/gp';
const allowed = { ids: new Set(['a']), nhsNumber: '9990000018' };
const linksOf = (...resources: Resource[]) => {
  const links = emptyLinks();
  for (const r of resources) collectPatientLinks(r, BASE, links);
  return links;
};
const obs = (extra: Partial<Observation>): Observation => ({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, ...extra });

describe('patient compartment', () => {
  it('allows the patient, resources about it and resources about no patient', () => {
    const patient: Patient = { resourceType: 'Patient', id: 'a', link: [] };
    expect(isAllowed(linksOf(patient, obs({ subject: { reference: 'Patient/a' } })), allowed)).toBe(true);
    expect(isAllowed(linksOf(obs({ subject: { reference: `${BASE}/Patient/a/_history/2` } })), allowed)).toBe(true);
    expect(isAllowed(linksOf({ resourceType: 'Practitioner', id: 'p' }, obs({ subject: { reference: 'Group/g' } })), allowed)).toBe(true);
  });

  it('finds another patient anywhere in a resource, contained resources included', () => {
    expect(isAllowed(linksOf({ resourceType: 'Patient', id: 'b' }), allowed)).toBe(false);
    expect(isAllowed(linksOf(obs({ subject: { reference: 'Patient/a' }, focus: [{ reference: 'Patient/b' }] })), allowed)).toBe(false);
    expect(isAllowed(linksOf(obs({ contained: [obs({ subject: { reference: 'Patient/b' } })] })), allowed)).toBe(false);
  });

  it('refuses references it cannot place, and logical references to another NHS number', () => {
    expect(isAllowed(linksOf(obs({ subject: { reference: 'http://elsewhere.example/fhir/Patient/a' } })), allowed)).toBe(false);
    expect(isAllowed(linksOf(obs({ subject: { reference: 'Patient?identifier=x' } })), allowed)).toBe(false);
    const logical = (value: string) => obs({ subject: { type: 'Patient', identifier: { system: NHS_NUMBER_SYSTEM, value } } });
    expect(isAllowed(linksOf(logical('9990000018')), allowed)).toBe(true);
    expect(isAllowed(linksOf(logical('9990000026')), allowed)).toBe(false);
  });
});
