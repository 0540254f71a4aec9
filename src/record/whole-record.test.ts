// The care plan, people, location, social care and mental health sections as
// assembleRecord builds them from query results: progress, restricted labels
// and notices, and one answer shared by every section that reads it.

import { describe, expect, it } from 'vitest';
import type { Resource } from '@medplum/fhirtypes';
import { assembleRecord, sectionState } from './assemble';
import { RESOURCE_QUERIES } from './sections';
import { describeLocation, whereNow } from './location';
import { ACUTE, GP, problem, SOCIAL } from './fixtures';
import type { QueryResult, SourceRef } from './model';

const NOW = new Date('2026-11-22T14:02:00Z');
const SOURCES = [GP, ACUTE, SOCIAL];
const subject = { reference: 'Patient/p1' };
const patient = {
  resourceType: 'Patient',
  id: 'p1',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' }],
  birthDate: '1938-05-09',
};

const loaded = (source: SourceRef, resourceType: string, resources: unknown[]): QueryResult => ({
  source,
  resourceType,
  outcome: { kind: 'loaded', resources: resources as Resource[], truncated: false, warnings: [] },
});

/** Every query answered for one source, with `data` by resource type and nothing otherwise. */
function answers(source: SourceRef, data: Record<string, unknown[]> = {}): QueryResult[] {
  return RESOURCE_QUERIES.map((q) =>
    loaded(source, q.resourceType, q.resourceType === 'Patient' ? [patient, ...(data.Patient ?? [])] : (data[q.resourceType] ?? [])),
  );
}

const admission = {
  resourceType: 'Encounter',
  id: 'adm',
  status: 'in-progress',
  class: { code: 'IMP' },
  subject,
  period: { start: '2026-11-20T13:20:00Z' },
  location: [
    { location: { display: 'Ward 7 (Elderly Care)' }, status: 'active', physicalType: { coding: [{ code: 'wa' }] } },
    { location: { display: 'Bed 12' }, status: 'active', physicalType: { coding: [{ code: 'bd' }] } },
  ],
};

const carePackage = {
  resourceType: 'CarePlan',
  id: 'pkg',
  status: 'active',
  intent: 'plan',
  subject,
  category: [{ text: 'Social care package' }],
  title: 'Residential care package: Oakview Care Home',
  activity: [
    { detail: { status: 'in-progress', code: { text: 'Long-term residential care' }, location: { display: 'Oakview Care Home' } } },
  ],
};

const team = {
  resourceType: 'CareTeam',
  id: 'asc',
  status: 'active',
  subject,
  meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] },
  participant: [{ role: [{ text: 'Named social worker' }], member: { reference: 'PractitionerRole/khan' } }],
};
const khan = {
  resourceType: 'PractitionerRole',
  id: 'khan',
  practitioner: { display: 'Priya KHAN' },
  telecom: [{ system: 'phone', value: '01632 960511' }],
};

describe('assembleRecord: the whole-record sections', () => {
  it('THOMPSON: inpatient now, living in a care home, her social worker, from the answers each section reads', () => {
    const record = assembleRecord(
      SOURCES,
      [
        ...answers(GP),
        ...answers(ACUTE, { Encounter: [admission] }),
        ...answers(SOCIAL, { CarePlan: [carePackage], CareTeam: [team, khan] }),
      ],
      NOW,
    );
    const where = whereNow(record.location);
    expect(where.kind === 'stay' && describeLocation(where.stay)).toBe('Inpatient, Ward 7 (Elderly Care), bed 12, since 20-Nov-2026');
    expect(where.kind === 'stay' && where.lives && describeLocation(where.lives)).toBe('In a care home, Oakview Care Home');
    expect(record.carePlans.items.map((p) => p.title)).toEqual(['Residential care package: Oakview Care Home']);
    expect(record.careTeam.items.map((m) => [m.name, m.role, m.restricted])).toEqual([['Priya KHAN', 'Named social worker', true]]);
    expect(record.socialCare.items.map((i) => i.kind)).toEqual(['plan', 'worker']);
    for (const key of ['carePlans', 'careTeam', 'location', 'socialCare'] as const) expect(sectionState(record[key])).toBe('loaded');
    expect(sectionState(record.relatedPersons)).toBe('empty');
    expect(sectionState(record.mentalHealth)).toBe('empty');
  });

  it("loading until the section's own answers arrive; a failed query makes only its sections partial", () => {
    const gpOnly = assembleRecord(SOURCES, answers(GP), NOW);
    expect(sectionState(gpOnly.location)).toBe('loading');
    expect(whereNow(gpOnly.location)).toMatchObject({ kind: 'not-known', reason: 'loading' });

    const failedTeams = answers(SOCIAL).map((r) =>
      r.resourceType === 'CareTeam'
        ? { source: SOCIAL, resourceType: 'CareTeam', outcome: { kind: 'problem' as const, problem: problem(SOCIAL) } }
        : r,
    );
    const record = assembleRecord(SOURCES, [...answers(GP), ...answers(ACUTE), ...failedTeams], NOW);
    expect(sectionState(record.careTeam)).toBe('partial');
    expect(sectionState(record.socialCare)).toBe('partial');
    expect(sectionState(record.mentalHealth)).toBe('partial');
    expect(sectionState(record.carePlans)).toBe('empty');
    expect(sectionState(record.relatedPersons)).toBe('empty');
  });

  it('counts unreadable care plans in a notice of every section that reads them', () => {
    const broken = { ...carePackage, id: 'broken', activity: 'residential care' };
    const record = assembleRecord(SOURCES, [...answers(GP), ...answers(ACUTE), ...answers(SOCIAL, { CarePlan: [broken] })], NOW);
    const text = 'County Council Social Care: 1 record could not be read and is not shown.';
    for (const key of ['carePlans', 'location', 'socialCare', 'mentalHealth'] as const) {
      expect(record[key].notices.map((n) => n.text)).toContain(text);
    }
  });
});
