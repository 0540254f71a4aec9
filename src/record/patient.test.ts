import { describe, expect, it } from 'vitest';
import type { Patient } from '@medplum/fhirtypes';
import { buildPatientSummaries, chooseName } from './patient';
import { ACUTE, context, GP, input, NOW } from './fixtures';

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';

const margaret: Patient = {
  resourceType: 'Patient',
  id: 'p1',
  meta: { lastUpdated: '2026-07-01T09:00:00Z' },
  identifier: [
    { system: NHS, value: '999 000 0018' },
    { system: 'https://gp.example/Id/patient', value: 'GP-1001' },
  ],
  name: [
    { use: 'old', family: 'Smith', given: ['Margaret'] },
    { use: 'official', family: 'Thompson', given: ['Margaret', 'Rose'], prefix: ['Mrs'] },
  ],
  gender: 'female',
  birthDate: '1938-03-02',
  address: [
    { use: 'old', line: ['1 Old Road'], postalCode: 'ZZ1 1ZZ' },
    { use: 'home', line: ['Oakview Care Home', '2 High Street'], city: 'Maidstone', postalCode: 'ZZ9 9ZZ' },
  ],
  generalPractitioner: [{ reference: 'Practitioner/dr1', display: 'Dr Sarah Ahmed' }, { reference: 'Organization/org1' }],
};

const practice = {
  resourceType: 'Organization' as const,
  id: 'org1',
  name: 'Riverside Medical Practice',
  identifier: [{ system: ODS, value: 'ZZ001' }],
};

describe('buildPatientSummaries', () => {
  it('builds the banner facts with provenance', () => {
    const [summary] = buildPatientSummaries([input(GP, [margaret, practice])], context());
    expect(summary).toEqual({
      name: { family: 'Thompson', given: ['Margaret', 'Rose'], prefix: ['Mrs'], text: undefined },
      birthDate: '1938-03-02',
      gender: 'female',
      nhsNumber: { value: '9990000018', valid: true },
      identifiers: [{ label: 'Patient (Riverside Medical Practice)', value: 'GP-1001' }],
      address: ['Oakview Care Home', '2 High Street', 'Maidstone', 'ZZ9 9ZZ'],
      registeredPractice: { name: 'Riverside Medical Practice', odsCode: 'ZZ001' },
      deceased: undefined,
      provenance: { source: GP, resource: 'Patient/p1', recorded: undefined, lastUpdated: '2026-07-01T09:00:00Z', author: undefined },
    });
  });

  it('takes the practice from the reference when the Organization was not included', () => {
    const patient: Patient = {
      ...margaret,
      generalPractitioner: [
        { reference: 'Organization/org1', display: 'Riverside Medical Practice', identifier: { system: ODS, value: 'ZZ001' } },
      ],
    };
    const [summary] = buildPatientSummaries([input(GP, [patient])], context());
    expect(summary?.registeredPractice).toEqual({ name: 'Riverside Medical Practice', odsCode: 'ZZ001' });
  });

  it('does not mistake a named GP for the practice', () => {
    const patient: Patient = { ...margaret, generalPractitioner: [{ reference: 'Practitioner/dr1', display: 'Dr Sarah Ahmed' }] };
    const [summary] = buildPatientSummaries([input(GP, [patient])], context());
    expect(summary?.registeredPractice).toBeUndefined();
  });

  it('marks an invalid NHS number invalid', () => {
    const patient: Patient = { resourceType: 'Patient', id: 'p2', identifier: [{ system: NHS, value: '9990000019' }] };
    const [summary] = buildPatientSummaries([input(GP, [patient])], context());
    expect(summary?.nhsNumber).toEqual({ value: '9990000019', valid: false });
  });

  it('shows a patient with no NHS number by the local number', () => {
    const unknown: Patient = {
      resourceType: 'Patient',
      id: 'u1',
      identifier: [{ system: 'https://acute.example/Id/hospital-number', value: 'ACU-7731' }],
      name: [{ family: 'Unknown', given: ['Male'] }],
      birthDate: '1986',
    };
    const [summary] = buildPatientSummaries([input(ACUTE, [unknown])], context());
    expect(summary?.nhsNumber).toBeUndefined();
    expect(summary?.identifiers).toEqual([{ label: 'Hospital number (Weald General Hospital NHS Trust)', value: 'ACU-7731' }]);
    expect(summary?.birthDate).toBe('1986');
  });

  it('records death with or without a date', () => {
    const dated = buildPatientSummaries([input(GP, [{ ...margaret, deceasedDateTime: '2026-06-24T10:00:00Z' }])], context());
    const undated = buildPatientSummaries([input(GP, [{ ...margaret, deceasedBoolean: true }])], context());
    const alive = buildPatientSummaries([input(GP, [{ ...margaret, deceasedBoolean: false }])], context());
    expect(dated[0]?.deceased).toEqual({ date: '2026-06-24T10:00:00Z' });
    expect(undated[0]?.deceased).toEqual({});
    expect(alive[0]?.deceased).toBeUndefined();
  });

  it('copes with a Patient that has almost nothing', () => {
    const [summary] = buildPatientSummaries([input(GP, [{ resourceType: 'Patient', id: 'bare', gender: 'x' as never }])], context());
    expect(summary).toMatchObject({ name: undefined, gender: undefined, identifiers: [], address: undefined });
  });

  it('gives one summary per source in the order given', () => {
    const summaries = buildPatientSummaries([input(ACUTE, [{ ...margaret, id: 'a1' }]), input(GP, [margaret, practice])], context());
    expect(summaries.map((s) => s.provenance.resource)).toEqual(['Patient/a1', 'Patient/p1']);
    expect(summaries.map((s) => s.provenance.source.name)).toEqual(['acute', 'gp']);
  });
});

describe('chooseName', () => {
  it('skips old and ended names', () => {
    const names = [
      { use: 'official' as const, family: 'Ended', period: { end: '2020-01-01' } },
      { use: 'usual' as const, family: 'Current' },
    ];
    expect(chooseName(names, NOW)?.family).toBe('Current');
    expect(chooseName([], NOW)).toBeUndefined();
  });
});
