import { describe, expect, it } from 'vitest';
import type { Identifier } from '@medplum/fhirtypes';
import { identifierLabel, patientIdentifiers } from './identifiers';
import { NOW } from './fixtures';

const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const typed = (code: string, display: string, system: string, value: string): Identifier => ({
  type: { coding: [{ system: V2, code, display }], text: display },
  system,
  value,
});

/** A Synthea patient's identifiers, as its FHIR R4 exporter writes them. */
const SYNTHEA: Identifier[] = [
  { system: 'https://github.com/synthetichealth/synthea', value: 'b5f4a3c0-0c1e-4f1f-9c2a-2d3b6f1e9a77' },
  typed('MR', 'Medical Record Number', 'http://hospital.smarthealthit.org', 'b5f4a3c0-0c1e-4f1f-9c2a-2d3b6f1e9a77'),
  typed('SS', 'Social Security Number', 'http://hl7.org/fhir/sid/us-ssn', '999-53-8547'),
  typed('DL', "Driver's License", 'urn:oid:2.16.840.1.113883.4.3.25', 'S99956046'),
  typed('PPN', 'Passport Number', 'http://standardhealthrecord.org/fhir/StructureDefinition/passportNumber', 'X81388129X'),
];

describe('patientIdentifiers', () => {
  it('labels a Synthea patient’s identifiers by type, each number once', () => {
    expect(patientIdentifiers(SYNTHEA, 'The launching system (127.0.0.1:8080)', NOW)).toEqual([
      { label: 'Medical Record Number', value: 'b5f4a3c0-0c1e-4f1f-9c2a-2d3b6f1e9a77' },
      { label: 'Social Security Number', value: '999-53-8547' },
      { label: "Driver's License", value: 'S99956046' },
      { label: 'Passport Number', value: 'X81388129X' },
    ]);
  });

  it('labels UK local numbers by what their system says, with the organisation', () => {
    const ids: Identifier[] = [
      { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' },
      { system: 'https://fhir.weald-general.example.nhs.uk/Id/hospital-number', value: 'ACU-7731' },
      {
        system: 'https://fhir.north-downs-mh.example.nhs.uk/Id/rio-number',
        value: 'RIO 123',
        assigner: { display: 'North Downs Mental Health NHS Trust' },
      },
    ];
    expect(patientIdentifiers(ids, 'Weald General Hospital NHS Trust', NOW)).toEqual([
      { label: 'Hospital number (Weald General Hospital NHS Trust)', value: 'ACU-7731' },
      { label: 'Rio number (North Downs Mental Health NHS Trust)', value: 'RIO 123' },
    ]);
  });

  it('removes duplicates (spacing and case aside), and leaves out old and ended identifiers', () => {
    const hospital = 'https://fhir.weald-general.example.nhs.uk/Id/hospital-number';
    const ids: Identifier[] = [
      { system: hospital, value: 'ACU-7731' },
      { system: hospital, value: 'acu-7731 ' },
      { system: hospital, value: 'ACU-0001', use: 'old' },
      { system: hospital, value: 'ACU-0002', period: { end: '2020-01-01' } },
      { system: hospital, value: '' },
    ];
    expect(patientIdentifiers(ids, 'Weald General Hospital NHS Trust', NOW)).toEqual([
      { label: 'Hospital number (Weald General Hospital NHS Trust)', value: 'ACU-7731' },
    ]);
  });
});

describe('identifierLabel', () => {
  it('uses the type’s text, else the v2-0203 meaning of its code, else its display', () => {
    expect(identifierLabel({ type: { text: 'Hospital number' }, value: '1' }, 'X')).toBe('Hospital number');
    expect(identifierLabel({ type: { coding: [{ system: V2, code: 'MR' }] }, value: '1' }, 'X')).toBe('Medical record number');
    expect(identifierLabel({ type: { coding: [{ system: V2, code: 'DL' }] }, value: '1' }, 'X')).toBe('Driving licence number');
    expect(
      identifierLabel({ type: { coding: [{ system: 'https://local/types', code: 'CHI', display: 'CHI number' }] }, value: '1' }, 'X'),
    ).toBe('CHI number');
    expect(
      identifierLabel({ type: { coding: [{ system: V2, code: 'MR' }] }, assigner: { display: 'St Elsewhere' }, value: '1' }, 'X'),
    ).toBe('Medical record number (St Elsewhere)');
  });

  it('names a known national system, else says where an unlabelled identifier comes from', () => {
    expect(identifierLabel({ system: 'http://hl7.org/fhir/sid/us-ssn', value: '1' }, 'X')).toBe('Social Security number (US)');
    expect(identifierLabel({ system: 'https://github.com/synthetichealth/synthea', value: '1' }, 'X')).toBe(
      'Identifier (github.com/synthetichealth/synthea)',
    );
    expect(identifierLabel({ value: '1' }, 'X')).toBe('Identifier');
  });
});
