import { describe, expect, it } from 'vitest';
import { isWellFormed, malformedReason } from './validate';

const subject = { reference: 'Patient/p1' };

describe('malformedReason', () => {
  it('accepts well-formed resources', () => {
    expect(malformedReason({ resourceType: 'Patient', id: 'p1', name: [{ family: 'Thompson', given: ['Margaret'] }] })).toBeUndefined();
    expect(
      malformedReason({
        resourceType: 'MedicationRequest',
        id: 'm1',
        status: 'active',
        intent: 'order',
        subject,
        medicationCodeableConcept: { text: 'Amlodipine 5mg tablets' },
        dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }] }],
      }),
    ).toBeUndefined();
  });

  it('accepts resource types it has no rule for', () => {
    expect(malformedReason({ resourceType: 'Location', id: 'w7' })).toBeUndefined();
    expect(malformedReason({ resourceType: 'constructor', id: 'x' })).toBeUndefined();
  });

  it.each([
    [null, 'not an object'],
    [[], 'not an object'],
    ['Patient', 'not an object'],
    [{ id: 'x' }, 'missing resourceType'],
    [{ resourceType: 'Patient' }, 'missing id'],
    [{ resourceType: 'Patient', id: '' }, 'missing id'],
    [{ resourceType: 'Patient', id: 'p', meta: { lastUpdated: 5 } }, 'meta has the wrong type'],
    [{ resourceType: 'Patient', id: 'p', name: { family: 'X' } }, 'name has the wrong type'],
    [{ resourceType: 'Patient', id: 'p', birthDate: 19450714 }, 'birthDate has the wrong type'],
    [{ resourceType: 'Flag', id: 'f', status: 'active', subject }, 'missing code'],
    [{ resourceType: 'Flag', id: 'f', status: 'active', code: 'Safeguarding', subject }, 'code has the wrong type'],
    [{ resourceType: 'AllergyIntolerance', id: 'a', code: { text: 'Penicillin' } }, 'missing patient'],
    [
      { resourceType: 'AllergyIntolerance', id: 'a', patient: subject, reaction: [{ severity: 'severe' }] },
      'reaction without manifestation',
    ],
    [{ resourceType: 'AllergyIntolerance', id: 'a', patient: subject, code: { coding: [{ code: 409137002 }] } }, 'code has the wrong type'],
    [{ resourceType: 'MedicationRequest', id: 'm', status: 'active', intent: 'order', subject }, 'missing medication[x]'],
    [{ resourceType: 'MedicationRequest', id: 'm', intent: 'order', subject, medicationCodeableConcept: {} }, 'missing status'],
    [
      {
        resourceType: 'MedicationRequest',
        id: 'm',
        status: 'active',
        intent: 'order',
        subject,
        medicationCodeableConcept: { text: 'x' },
        dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: '1' } }] }],
      },
      'dosageInstruction has the wrong type',
    ],
    [
      {
        resourceType: 'MedicationRequest',
        id: 'm',
        status: 'active',
        intent: 'order',
        subject,
        medicationReference: { reference: '#med' },
        contained: [{ resourceType: 'Medication', id: 'med', ingredient: 'amlodipine' }],
      },
      'contained has the wrong type',
    ],
    [{ resourceType: 'Consent', id: 'c', status: 'active', scope: { text: 'adr' }, category: [] }, 'category is empty'],
    [{ resourceType: 'Consent', id: 'c', status: 'active', category: [{ text: 'ReSPECT' }] }, 'missing scope'],
    [{ resourceType: 'Condition', id: 'c', subject, clinicalStatus: 'active' }, 'clinicalStatus has the wrong type'],
  ])('reports %j as %s', (value, reason) => {
    expect(malformedReason(value)).toBe(reason);
    expect(isWellFormed(value)).toBe(false);
  });
});
