// Patients as UK Core R4, IPS and US Core (as Synthea writes them) shape them,
// and what the patient builder must give the banner. Written by this project
// from the published profiles.

import type { PatientSummary } from '../model';
import type { CodedCase } from './coded-case';

const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0203';

export const PATIENT_CASES: CodedCase<PatientSummary>[] = [
  {
    name: 'an NHS number (verified) and the trust’s hospital number, the registered practice by reference',
    profile: 'UK Core R4',
    resources: [
      {
        resourceType: 'Patient',
        id: 'uk',
        meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient'] },
        identifier: [
          {
            system: 'https://fhir.nhs.uk/Id/nhs-number',
            value: '9990000018',
            extension: [
              {
                url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
                valueCodeableConcept: {
                  coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', code: '01' }],
                },
              },
            ],
          },
          { system: 'https://fhir.weald-general.example.nhs.uk/Id/hospital-number', value: 'ACU-1001' },
        ],
        name: [{ use: 'official', family: 'Thompson', given: ['Margaret'], prefix: ['Mrs'] }],
        gender: 'female',
        birthDate: '1938-05-09',
        generalPractitioner: [
          {
            type: 'Organization',
            identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'ZZ001' },
            display: 'Riverside Medical Practice',
          },
        ],
      },
    ],
    expected: [
      {
        nhsNumber: { value: '9990000018', valid: true },
        identifiers: [{ label: 'Hospital number (Weald General Hospital NHS Trust)', value: 'ACU-1001' }],
        registeredPractice: { name: 'Riverside Medical Practice', odsCode: 'ZZ001' },
      },
    ],
  },
  {
    name: 'a Synthea patient: no NHS number, its identifiers labelled by type, the id it sends twice shown once',
    profile: 'US Core (Synthea)',
    resources: [
      {
        resourceType: 'Patient',
        id: 'synthea',
        meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient'] },
        identifier: [
          { system: 'https://github.com/synthetichealth/synthea', value: 'b5f4a3c0-0c1e-4f1f-9c2a-2d3b6f1e9a77' },
          {
            type: { coding: [{ system: V2, code: 'MR', display: 'Medical Record Number' }], text: 'Medical Record Number' },
            system: 'http://hospital.smarthealthit.org',
            value: 'b5f4a3c0-0c1e-4f1f-9c2a-2d3b6f1e9a77',
          },
          {
            type: { coding: [{ system: V2, code: 'SS', display: 'Social Security Number' }], text: 'Social Security Number' },
            system: 'http://hl7.org/fhir/sid/us-ssn',
            value: '999-53-8547',
          },
          {
            type: { coding: [{ system: V2, code: 'DL', display: "Driver's License" }], text: "Driver's License" },
            system: 'urn:oid:2.16.840.1.113883.4.3.25',
            value: 'S99956046',
          },
          {
            type: { coding: [{ system: V2, code: 'PPN', display: 'Passport Number' }], text: 'Passport Number' },
            system: 'http://standardhealthrecord.org/fhir/StructureDefinition/passportNumber',
            value: 'X81388129X',
          },
        ],
        name: [{ use: 'official', family: 'Kshlerin58', given: ['Abel832'], prefix: ['Mr.'] }],
        gender: 'male',
        birthDate: '1968-04-02',
      },
    ],
    expected: [
      {
        nhsNumber: undefined,
        identifiers: [
          { label: 'Medical Record Number', value: 'b5f4a3c0-0c1e-4f1f-9c2a-2d3b6f1e9a77' },
          { label: 'Social Security Number', value: '999-53-8547' },
          { label: "Driver's License", value: 'S99956046' },
          { label: 'Passport Number', value: 'X81388129X' },
        ],
      },
    ],
  },
  {
    name: 'an identifier typed by code only, with its assigner; a name given only as text',
    profile: 'IPS',
    resources: [
      {
        resourceType: 'Patient',
        id: 'ips',
        meta: { profile: ['http://hl7.org/fhir/uv/ips/StructureDefinition/Patient-uv-ips'] },
        identifier: [{ type: { coding: [{ system: V2, code: 'PPN' }] }, value: 'YA1234567', assigner: { display: 'Repubblica Italiana' } }],
        name: [{ text: 'Maria Rossi' }],
        gender: 'female',
        birthDate: '1970',
      },
    ],
    expected: [
      {
        name: { text: 'Maria Rossi' },
        identifiers: [{ label: 'Passport number (Repubblica Italiana)', value: 'YA1234567' }],
        birthDate: '1970',
      },
    ],
  },
];
