import { describe, expect, it } from 'vitest';
import { queryFor, RESOURCE_QUERIES, SECTION_QUERIES, sectionResourceTypes } from './queries';

describe('section queries', () => {
  it('lists the patient and the alerts first', () => {
    expect(SECTION_QUERIES.map((s) => s.section).slice(0, 3)).toEqual(['patient', 'advanceDecisions', 'flags']);
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
    const queriesOf = (section: (typeof SECTION_QUERIES)[number]['section']) => SECTION_QUERIES.find((s) => s.section === section)?.queries ?? [];
    const types = RESOURCE_QUERIES.map((q) => q.resourceType);
    expect(new Set(types).size).toBe(types.length);
    for (const section of ['carePlans', 'careTeam', 'relatedPersons', 'location', 'socialCare', 'mentalHealth'] as const) {
      for (const q of queriesOf(section)) expect(RESOURCE_QUERIES).toContain(q);
    }
    expect(sectionResourceTypes('location')).toEqual(['Patient', 'Encounter', 'CarePlan']);
    expect(sectionResourceTypes('socialCare')).toEqual(['EpisodeOfCare', 'CarePlan', 'CareTeam', 'Flag']);
    expect(sectionResourceTypes('mentalHealth')).toEqual(['CareTeam', 'Condition', 'CarePlan', 'EpisodeOfCare', 'Flag']);
    expect(RESOURCE_QUERIES.find((q) => q.resourceType === 'CareTeam')?.query).toBe('CareTeam?patient={patient}&_include=CareTeam:participant&_count=1000');
  });

  it('includes the medication with medication requests', () => {
    expect(RESOURCE_QUERIES.find((q) => q.resourceType === 'MedicationRequest')?.query).toBe(
      'MedicationRequest?patient={patient}&_include=MedicationRequest:medication&_count=1000',
    );
    expect(RESOURCE_QUERIES.find((q) => q.resourceType === 'AllergyIntolerance')?.query).toBe('AllergyIntolerance?patient={patient}&_count=1000');
  });

  it('reads medicines from every R4 medication resource, each with its Medication', () => {
    expect(sectionResourceTypes('medications')).toEqual(['MedicationRequest', 'MedicationStatement', 'MedicationDispense', 'MedicationAdministration']);
    for (const type of sectionResourceTypes('medications')) {
      expect(RESOURCE_QUERIES.find((q) => q.resourceType === type)?.query).toMatch(new RegExp(`^${type}\\?patient=\\{patient\\}&_include=${type}:medication&`));
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
    expect(Object.isFrozen(SECTION_QUERIES)).toBe(true);
    expect(Object.isFrozen(RESOURCE_QUERIES)).toBe(true);
  });
});
