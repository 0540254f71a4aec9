import { describe, expect, it } from 'vitest';
import type { Medication, MedicationRequest } from '@medplum/fhirtypes';
import { describeMedicine, doseAmount, medicineKey, shortName } from './medicine';
import { indexResources } from './fhir';

const DMD = 'https://dmd.nhs.uk';
const UCUM = 'http://unitsofmeasure.org';
const TABLET = { value: 1, system: 'http://snomed.info/sct', code: '732936001', unit: 'tablet' };

function request(medication: Partial<MedicationRequest>): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id: 'm',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/p1' },
    ...medication,
  };
}

const amlodipine: Medication = {
  resourceType: 'Medication',
  id: 'med1',
  code: { coding: [{ system: DMD, code: '319283006', display: 'Amlodipine 5mg tablets' }] },
  form: { text: 'tablet' },
  ingredient: [
    { itemCodeableConcept: { text: 'Amlodipine' }, strength: { numerator: { value: 5, system: UCUM, code: 'mg' }, denominator: TABLET } },
  ],
};

describe('shortName and medicineKey', () => {
  it('keeps the words before the strength or form', () => {
    expect(shortName('Amlodipine 5mg tablets')).toBe('Amlodipine');
    expect(shortName('Insulin glargine 100units/ml solution for injection 3ml pre-filled pens')).toBe('Insulin glargine');
    expect(shortName('Co-codamol 30mg/500mg tablets')).toBe('Co-codamol');
    expect(shortName('Clozapine')).toBe('Clozapine');
    expect(shortName('5mg something')).toBe('5mg something');
  });

  it('matches one medicine written differently', () => {
    expect(medicineKey('Amlodipine 10mg tablets')).toBe(medicineKey('AMLODIPINE'));
    expect(medicineKey('Insulin glargine')).not.toBe(medicineKey('Insulin aspart'));
    expect(medicineKey('Amlodipine tablets')).toBe('amlodipine');
  });
});

describe('describeMedicine', () => {
  it('reads a contained Medication: generic name, strength and form', () => {
    const r = request({ medicationReference: { reference: '#med1' }, contained: [amlodipine] });
    expect(describeMedicine(r, indexResources([]))).toEqual({
      genericName: 'Amlodipine',
      brand: undefined,
      strength: '5 mg',
      form: 'tablet',
      code: { system: DMD, code: '319283006' },
      strengthRatio: amlodipine.ingredient?.[0]?.strength,
    });
  });

  it('reads an included Medication', () => {
    const r = request({ medicationReference: { reference: 'Medication/med1' } });
    expect(describeMedicine(r, indexResources([amlodipine])).genericName).toBe('Amlodipine');
  });

  it('puts the generic first and keeps the brand apart', () => {
    const istin: Medication = {
      ...amlodipine,
      code: {
        text: 'Istin 5mg tablets',
        coding: [
          { system: DMD, code: '1111', display: 'Istin 5mg tablets' },
          { system: DMD, code: '319283006', display: 'Amlodipine 5mg tablets' },
        ],
      },
      ingredient: [{ strength: amlodipine.ingredient?.[0]?.strength }],
    };
    const medicine = describeMedicine(request({ medicationReference: { reference: '#med1' }, contained: [istin] }), indexResources([]));
    expect(medicine).toMatchObject({ genericName: 'Amlodipine', brand: 'Istin', code: { code: '319283006' } });
  });

  it('takes the generic from the single ingredient when no generic coding is given', () => {
    const lantus: Medication = {
      resourceType: 'Medication',
      id: 'med1',
      code: { text: 'Lantus 100units/ml solution for injection 3ml pre-filled pens' },
      ingredient: [{ itemCodeableConcept: { text: 'Insulin glargine' } }],
    };
    const medicine = describeMedicine(request({ medicationReference: { reference: '#med1' }, contained: [lantus] }), indexResources([]));
    // Without structured strength and form, the brand name is kept whole.
    expect(medicine).toMatchObject({
      genericName: 'Insulin glargine',
      brand: 'Lantus 100units/ml solution for injection 3ml pre-filled pens',
    });
  });

  it('shows a medicationCodeableConcept whole', () => {
    const medicine = describeMedicine(request({ medicationCodeableConcept: { text: 'Amlodipine 10mg tablets' } }), indexResources([]));
    expect(medicine).toEqual({ genericName: 'Amlodipine 10mg tablets', code: undefined });
  });

  it('falls back to the reference display, then Not Known', () => {
    expect(
      describeMedicine(
        request({ medicationReference: { reference: 'Medication/gone', display: 'Clozapine 100mg tablets' } }),
        indexResources([]),
      ).genericName,
    ).toBe('Clozapine 100mg tablets');
    expect(describeMedicine(request({ medicationReference: { reference: 'Medication/gone' } }), indexResources([])).genericName).toBe(
      'Not Known',
    );
  });

  it('joins the strengths of a combination product', () => {
    const cocodamol: Medication = {
      resourceType: 'Medication',
      id: 'med1',
      code: { text: 'Co-codamol 30mg/500mg tablets' },
      form: { text: 'tablet' },
      ingredient: [
        {
          itemCodeableConcept: { text: 'Codeine phosphate' },
          strength: { numerator: { value: 30, code: 'mg', system: UCUM }, denominator: TABLET },
        },
        {
          itemCodeableConcept: { text: 'Paracetamol' },
          strength: { numerator: { value: 500, code: 'mg', system: UCUM }, denominator: TABLET },
        },
      ],
    };
    const medicine = describeMedicine(request({ medicationReference: { reference: '#med1' }, contained: [cocodamol] }), indexResources([]));
    expect(medicine).toMatchObject({ genericName: 'Co-codamol', brand: undefined, strength: '30 mg + 500 mg', strengthRatio: undefined });
  });
});

describe('doseAmount', () => {
  const fiveMg = { numerator: { value: 5, code: 'mg', system: UCUM }, denominator: TABLET };

  it('reads a measured dose as is', () => {
    expect(doseAmount({ value: 10, code: 'mg', system: UCUM }, undefined)).toBe('10 mg');
  });

  it('multiplies a count of tablets by the tablet strength', () => {
    expect(doseAmount({ value: 2, unit: 'tablet' }, fiveMg)).toBe('10 mg');
    expect(doseAmount({ value: 0.5, code: '{tablet}', system: UCUM }, fiveMg)).toBe('2.5 mg');
  });

  it('gives up rather than guess', () => {
    expect(doseAmount({ value: 2, unit: 'tablet' }, undefined)).toBeUndefined();
    expect(doseAmount({ value: 5, code: 'mL', system: UCUM }, undefined)).toBe('5 mL');
    expect(
      doseAmount({ value: 1, unit: 'tablet' }, { numerator: { value: 10, code: 'mg' }, denominator: { value: 5, code: 'mL' } }),
    ).toBeUndefined();
    expect(doseAmount(undefined, fiveMg)).toBeUndefined();
  });
});
