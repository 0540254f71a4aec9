import { describe, expect, it } from 'vitest';
import type { Patient } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM } from '../config';
import { HOST_PROFILES, displayName, resolvePatient, smartStyle, type PatientEntry } from './hosts';

const margaret = (id: string, birthDate = '1938-03-02'): Patient => ({
  resourceType: 'Patient',
  id,
  birthDate,
  identifier: [
    { system: NHS_NUMBER_SYSTEM, value: '9990000018' },
    { system: `https://example/${id}`, value: `L-${id}` },
  ],
  name: [{ family: 'Thompson', given: ['Margaret'], prefix: ['Mrs'] }],
});
const unknownMale: Patient = { resourceType: 'Patient', id: 'u1', identifier: [{ system: 'https://acute/local', value: 'ACU-7731' }] };

const patients: PatientEntry[] = [
  { source: 'gp', patient: margaret('g1') },
  { source: 'acute', patient: margaret('a1') },
  { source: 'acute', patient: unknownMale },
  { source: 'community', patient: { resourceType: 'Patient', id: 'a1' } },
];

describe('host simulators: opening a patient', () => {
  it("finds a patient by NHS number, preferring the host's own source, with or without spaces", () => {
    const found = resolvePatient(patients, '999 000 0018', { homeSource: 'acute' });
    expect(found).toEqual({ kind: 'found', entry: patients[1] });
    const fromGp = resolvePatient(patients, '9990000018', { homeSource: 'gp' });
    expect(fromGp.kind === 'found' && fromGp.entry.source).toBe('gp');
  });

  it('falls back to the first source in configured order when the host holds no record', () => {
    const found = resolvePatient(patients, '9990000018', {});
    expect(found.kind === 'found' && found.entry.source).toBe('gp');
  });

  it('finds a patient with no NHS number by local number', () => {
    expect(resolvePatient(patients, 'ACU-7731', {})).toEqual({ kind: 'found', entry: patients[2] });
  });

  it('says an id held by several sources is ambiguous until a source is named', () => {
    expect(resolvePatient(patients, 'a1', {})).toEqual({ kind: 'ambiguous', sources: ['acute', 'community'] });
    const chosen = resolvePatient(patients, 'a1', { source: 'community' });
    expect(chosen.kind === 'found' && chosen.entry.source).toBe('community');
  });

  it('says when nobody matches', () => {
    expect(resolvePatient(patients, '9990000999', {})).toEqual({ kind: 'not-found' });
    expect(resolvePatient(patients, 'nobody', {})).toEqual({ kind: 'not-found' });
  });

  it('names patients the NHS way and offers a SMART style per host', () => {
    expect(displayName(margaret('x'))).toBe('THOMPSON, Margaret (Mrs)');
    expect(displayName({ resourceType: 'Patient' })).toBe('Name not known');
    const style = smartStyle(HOST_PROFILES[0]!);
    expect(style.color_highlight).toBe(HOST_PROFILES[0]!.colours.highlight);
    expect(style.font_family_body).toContain('Arial');
  });
});

describe('host simulators: how each opens the viewer', () => {
  it('links from EMIS Web, RiO and the paramedic tablet (emergency), and launches SMART from the hospital', () => {
    const how = Object.fromEntries(HOST_PROFILES.map((p) => [p.path, [p.launch, p.userId, p.homeSource, p.intent]]));
    expect(how).toEqual({
      gp: ['link', 'sarah.ahmed', 'gp', undefined],
      hospital: ['smart', 'kwame.osei', 'acute', undefined],
      'mental-health': ['link', 'alan.fraser', 'mental-health', undefined],
      paramedic: ['link', 'tom.jones', undefined, 'emergency'],
    });
  });
});
