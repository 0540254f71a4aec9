import { describe, expect, it } from 'vitest';
import type { MedicationRequest } from '@medplum/fhirtypes';
import {
  conceptText,
  hasCode,
  indexResources,
  normaliseText,
  primaryCode,
  provenanceOf,
  referenceKey,
  referenceName,
  resolve,
} from './fhir';
import { GP } from './fixtures';

describe('conceptText', () => {
  it('prefers the text, then the first display', () => {
    expect(conceptText({ text: ' Not for CPR ', coding: [{ display: 'Not for attempted CPR' }] })).toBe('Not for CPR');
    expect(conceptText({ coding: [{ code: '1' }, { display: 'Penicillin' }] })).toBe('Penicillin');
    expect(conceptText({ text: '' })).toBeUndefined();
    expect(conceptText(undefined)).toBeUndefined();
  });
});

describe('codes', () => {
  it('treats SNOMED CT and dm+d as one code space', () => {
    const concept = { coding: [{ system: 'https://dmd.nhs.uk', code: '409137002' }] };
    expect(hasCode(concept, 'http://snomed.info/sct', '409137002')).toBe(true);
    expect(hasCode(concept, 'http://snomed.info/sct', '716186003')).toBe(false);
    expect(hasCode({ coding: [{ system: 'http://loinc.org', code: '409137002' }] }, 'http://snomed.info/sct', '409137002')).toBe(false);
  });

  it('prefers a SNOMED code as the primary code', () => {
    expect(
      primaryCode({
        coding: [
          { system: 'urn:local', code: 'PEN' },
          { system: 'http://snomed.info/sct', code: '764146007' },
        ],
      }),
    ).toEqual({ system: 'http://snomed.info/sct', code: '764146007' });
    expect(primaryCode({ coding: [{ system: 'urn:local', code: ' PEN ' }] })).toEqual({ system: 'urn:local', code: 'PEN' });
    expect(primaryCode({ text: 'x' })).toBeUndefined();
  });
});

describe('references', () => {
  it('reads relative, absolute and versioned references', () => {
    expect(referenceKey({ reference: 'Patient/p1' })).toBe('Patient/p1');
    expect(referenceKey({ reference: 'http://127.0.0.1:8080/fhir/gp/Patient/p1' })).toBe('Patient/p1');
    expect(referenceKey({ reference: 'Patient/p1/_history/3' })).toBe('Patient/p1');
    expect(referenceKey({ reference: '#med1' })).toBeUndefined();
    expect(referenceKey({ display: 'Dr Ahmed' })).toBeUndefined();
  });

  it('resolves contained and included resources', () => {
    const request = {
      resourceType: 'MedicationRequest',
      id: 'm1',
      contained: [{ resourceType: 'Medication', id: 'med1' }],
    } as MedicationRequest;
    const index = indexResources([{ resourceType: 'Medication', id: 'med2' }]);
    expect(resolve({ reference: '#med1' }, index, request)?.id).toBe('med1');
    expect(resolve({ reference: 'Medication/med2' }, index)?.id).toBe('med2');
    expect(resolve({ reference: 'Medication/none' }, index)).toBeUndefined();
  });

  it('names a reference by its display, else by what it points at', () => {
    const index = indexResources([
      { resourceType: 'Practitioner', id: 'dr', name: [{ family: 'Ahmed', given: ['Sarah'], prefix: ['Dr'] }] },
      { resourceType: 'Organization', id: 'o', name: 'Riverside Medical Practice' },
    ]);
    expect(referenceName({ reference: 'Practitioner/dr', display: 'Dr S Ahmed' }, index)).toBe('Dr S Ahmed');
    expect(referenceName({ reference: 'Practitioner/dr' }, index)).toBe('AHMED, Sarah (Dr)');
    expect(referenceName({ reference: 'Organization/o' }, index)).toBe('Riverside Medical Practice');
    expect(referenceName({ reference: 'Organization/missing' }, index)).toBeUndefined();
  });
});

describe('provenanceOf', () => {
  it('records source, Type/id, dates and author', () => {
    expect(
      provenanceOf(GP, { resourceType: 'Flag', id: 'f1', meta: { lastUpdated: '2026-01-01T00:00:00Z' } } as never, {
        recorded: '2025-12-31',
        author: 'Dr Ahmed',
      }),
    ).toEqual({ source: GP, resource: 'Flag/f1', recorded: '2025-12-31', lastUpdated: '2026-01-01T00:00:00Z', author: 'Dr Ahmed' });
  });
});

describe('normaliseText', () => {
  it('ignores case, punctuation and spacing', () => {
    expect(normaliseText('  Penicillin,  (V) ')).toBe('penicillin v');
    expect(normaliseText('Co-codamol 30mg/500mg')).toBe('co-codamol 30mg/500mg');
  });
});
