import { describe, expect, it } from 'vitest';
import type { Resource } from '@medplum/fhirtypes';
import { assembleWith } from './assemble-with';
import { GP, NOW } from './fixtures';
import type { QueryResult } from './model';
import { FETCH_ORDER, queryFor, type ResourceQuery } from './queries';
import { SECTION_BUILDERS } from './section-builders';
import {
  ALERT_RESOURCE_TYPES,
  DATA_QUERIES,
  FIRST_SCREEN_RESOURCE_TYPES,
  firstScreenBuilders,
  queriesOf,
  RESOURCE_QUERIES,
  sectionNames,
  sectionResourceTypes,
  SECTIONS,
  type SectionRegistry,
} from './sections';

describe('section queries', () => {
  it('lists the patient and the alerts first', () => {
    expect(sectionNames(SECTIONS).slice(0, 3)).toEqual(['patient', 'advanceDecisions', 'flags']);
  });

  it('asks each query once, in fetch order', () => {
    expect(RESOURCE_QUERIES.map((q) => q.resourceType)).toEqual([
      'Patient',
      'Consent',
      'Flag',
      'Condition',
      'CarePlan',
      'AllergyIntolerance',
      'MedicationRequest',
      'MedicationStatement',
      'MedicationDispense',
      'MedicationAdministration',
      'Observation',
      'DiagnosticReport',
      'Immunization',
      'Procedure',
      'DocumentReference',
      'Composition',
      'Encounter',
      'Appointment',
      'ServiceRequest',
      'EpisodeOfCare',
      'CareTeam',
      'RelatedPerson',
    ]);
  });

  it('the whole-record sections reuse the queries other sections run, one per resource type', () => {
    const types = RESOURCE_QUERIES.map((q) => q.resourceType);
    expect(new Set(types).size).toBe(types.length);
    for (const section of ['carePlans', 'careTeam', 'relatedPersons', 'location', 'socialCare', 'mentalHealth'] as const) {
      for (const q of SECTIONS[section].queries) expect(RESOURCE_QUERIES).toContain(q);
    }
    expect(sectionResourceTypes('location')).toEqual(['Patient', 'Encounter', 'CarePlan']);
    expect(sectionResourceTypes('socialCare')).toEqual(['EpisodeOfCare', 'CarePlan', 'CareTeam', 'Flag']);
    expect(sectionResourceTypes('mentalHealth')).toEqual(['CareTeam', 'Condition', 'CarePlan', 'EpisodeOfCare', 'Flag']);
    expect(RESOURCE_QUERIES.find((q) => q.resourceType === 'CareTeam')?.query).toBe(
      'CareTeam?patient={patient}&_include=CareTeam:participant&_count=1000',
    );
  });

  it('includes the medication with medication requests', () => {
    expect(RESOURCE_QUERIES.find((q) => q.resourceType === 'MedicationRequest')?.query).toBe(
      'MedicationRequest?patient={patient}&_include=MedicationRequest:medication&_count=1000',
    );
    expect(RESOURCE_QUERIES.find((q) => q.resourceType === 'AllergyIntolerance')?.query).toBe(
      'AllergyIntolerance?patient={patient}&_count=1000',
    );
  });

  it('reads medicines from every R4 medication resource, each with its Medication', () => {
    expect(sectionResourceTypes('medications')).toEqual([
      'MedicationRequest',
      'MedicationStatement',
      'MedicationDispense',
      'MedicationAdministration',
    ]);
    for (const type of sectionResourceTypes('medications')) {
      expect(RESOURCE_QUERIES.find((q) => q.resourceType === type)?.query).toMatch(
        new RegExp(`^${type}\\?patient=\\{patient\\}&_include=${type}:medication&`),
      );
    }
  });

  it('says which resource types each section waits for', () => {
    expect(sectionResourceTypes('advanceDecisions')).toEqual(['Consent', 'Flag', 'Condition', 'CarePlan']);
    expect(sectionResourceTypes('allergies')).toEqual(['AllergyIntolerance']);
  });

  it('fills in the patient id, encoded', () => {
    const allergy = RESOURCE_QUERIES.find((q) => q.resourceType === 'AllergyIntolerance');
    expect(allergy && queryFor(allergy, 'p 1&x')).toBe('AllergyIntolerance?patient=p%201%26x&_count=1000');
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(FETCH_ORDER)).toBe(true);
    expect(Object.isFrozen(RESOURCE_QUERIES)).toBe(true);
    expect(Object.isFrozen(DATA_QUERIES)).toBe(true);
  });
});

describe('the section registry', () => {
  it('every section is complete: searches it asks, each fetched, and a builder (first screen or the later chunk)', () => {
    const firstScreen = firstScreenBuilders();
    for (const section of sectionNames(SECTIONS)) {
      const spec: SectionRegistry[typeof section] = SECTIONS[section];
      expect(spec.queries.length, section).toBeGreaterThan(0);
      for (const q of spec.queries) expect(RESOURCE_QUERIES, section).toContain(q);
      expect(typeof SECTION_BUILDERS[section], section).toBe('function');
      // A first-screen builder is the registry's own; the later chunk does not build it again.
      if (spec.build) expect(SECTION_BUILDERS[section]).toBe(firstScreen[section]);
    }
    expect(Object.keys(SECTION_BUILDERS).sort()).toEqual(sectionNames(SECTIONS).sort());
  });

  it('asks the alerts first: their searches are the first batch', () => {
    expect([...ALERT_RESOURCE_TYPES].sort()).toEqual(['AllergyIntolerance', 'CarePlan', 'Condition', 'Consent', 'Flag']);
    expect(Object.keys(firstScreenBuilders())).toEqual(['patient', 'advanceDecisions', 'flags', 'allergies']);
    // What the first screen is rebuilt for while it is shown alone: the Patient and the alerts' answers.
    expect([...FIRST_SCREEN_RESOURCE_TYPES].sort()).toEqual(['Patient', ...ALERT_RESOURCE_TYPES].sort());
  });

  it('a section added in one entry is asked for, built in its place and loading until it answers', () => {
    const HOBBY: ResourceQuery = { resourceType: 'Basic', query: 'Basic?patient={patient}&_count=10' };
    const hobbies = {
      queries: [HOBBY],
      build: (inputs: { resources: Resource[] }[]) => ({ items: inputs.flatMap((i) => i.resources.map((r) => r.id)) }),
    };
    // The made-up section sits between the allergies and the medications: one entry, nothing else touched.
    const entries = Object.entries(SECTIONS);
    const at = entries.findIndex(([name]) => name === 'medications');
    const registry = Object.fromEntries([
      ...entries.slice(0, at),
      ['hobbies', hobbies],
      ...entries.slice(at),
    ]) as unknown as SectionRegistry;

    expect(queriesOf(registry).at(-1)).toBe(HOBBY);
    expect(queriesOf(registry).slice(0, -1)).toEqual(RESOURCE_QUERIES);
    const names = sectionNames(registry) as string[];
    expect(names.indexOf('hobbies')).toBe(names.indexOf('allergies') + 1);

    const patient = {
      resourceType: 'Patient',
      id: 'p1',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000042' }],
    };
    const answer = (resourceType: string, resources: unknown[]): QueryResult => ({
      source: GP,
      resourceType,
      outcome: { kind: 'loaded', resources: resources as Resource[], truncated: false, warnings: [] },
    });
    const builders = { ...SECTION_BUILDERS, hobbies: hobbies.build } as never;
    const waiting = assembleWith(builders, [GP], [answer('Patient', [patient])], NOW, undefined, registry) as unknown as Record<
      string,
      { items: unknown[]; progress: object }
    >;
    expect(waiting.hobbies).toMatchObject({ items: [], progress: { gp: 'loading' } });
    const answered = assembleWith(
      builders,
      [GP],
      [answer('Patient', [patient]), answer('Basic', [{ resourceType: 'Basic', id: 'kite', subject: { reference: 'Patient/p1' } }])],
      NOW,
      undefined,
      registry,
    ) as unknown as Record<string, { items: unknown[]; progress: object }>;
    expect(answered.hobbies).toMatchObject({ items: ['kite'], progress: { gp: 'loaded' } });
    expect(Object.keys(answered).indexOf('hobbies')).toBe(Object.keys(answered).indexOf('allergies') + 1);
  });
});
