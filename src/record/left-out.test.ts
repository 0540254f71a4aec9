// Entered-in-error and refuted records are left out of every section: each
// resource type the viewer reads is sent twice, once as a good record and once
// marked in error (or refuted), and the whole assembled record is searched for both.

import { describe, expect, it } from 'vitest';
import type { Resource } from '@medplum/fhirtypes';
import { assembleRecord } from './assemble';
import { RESOURCE_QUERIES } from './sections';
import { GP } from './fixtures';
import type { QueryResult } from './model';

const NOW = new Date('2026-07-15T12:00:00Z');
const subject = { reference: 'Patient/p1' };
const patient = {
  resourceType: 'Patient',
  id: 'p1',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' }],
  birthDate: '1938-05-09',
};
const SCT = 'http://snomed.info/sct';
const html = (text: string) => ({ contentType: 'text/plain', data: btoa(text) });

/** A good record of each type, shown somewhere in the record. */
const GOOD: Record<string, Record<string, unknown>> = {
  AllergyIntolerance: { patient: subject, clinicalStatus: { coding: [{ code: 'active' }] }, code: { text: 'Latex' } },
  Condition: { subject, clinicalStatus: { coding: [{ code: 'active' }] }, code: { text: 'Asthma' } },
  Observation: {
    status: 'final',
    subject,
    code: { text: 'Heart rate' },
    effectiveDateTime: '2026-07-01',
    valueQuantity: { value: 70, unit: '/min' },
  },
  DiagnosticReport: {
    status: 'final',
    subject,
    code: { text: 'Chest X-ray' },
    category: [{ coding: [{ code: 'RAD' }] }],
    conclusion: 'Clear',
    effectiveDateTime: '2026-07-01',
  },
  Immunization: { status: 'completed', patient: subject, vaccineCode: { text: 'Influenza vaccine' }, occurrenceDateTime: '2025-10-01' },
  Procedure: { status: 'completed', subject, code: { text: 'Appendicectomy' }, performedDateTime: '1990-01-01' },
  MedicationRequest: { status: 'active', intent: 'order', subject, medicationCodeableConcept: { text: 'Amlodipine 5mg tablets' } },
  Encounter: { status: 'finished', class: { code: 'AMB' }, subject, period: { start: '2026-06-01' }, reasonCode: [{ text: 'Review' }] },
  Appointment: {
    status: 'booked',
    start: '2026-08-01T10:00:00Z',
    participant: [{ actor: subject, status: 'accepted' }],
    description: 'Diabetes clinic',
  },
  ServiceRequest: { status: 'active', intent: 'order', subject, code: { text: 'Cardiology' }, authoredOn: '2026-06-01' },
  DocumentReference: {
    status: 'current',
    subject,
    type: { text: 'Letter' },
    date: '2026-06-01',
    content: [{ attachment: html('Dear colleague') }],
  },
  Composition: {
    status: 'final',
    subject,
    type: { text: 'Discharge summary' },
    date: '2026-06-01',
    title: 'Discharge summary',
    author: [{ display: 'Dr X' }],
  },
  EpisodeOfCare: { status: 'active', patient: subject, type: [{ text: 'Social care case' }], period: { start: '2026-01-01' } },
  CarePlan: {
    status: 'active',
    intent: 'plan',
    subject,
    category: [{ coding: [{ system: SCT, code: '736373009' }], text: 'End of life care plan' }],
    title: 'End of life care plan',
  },
  CareTeam: { status: 'active', subject, participant: [{ role: [{ text: 'District nurse' }], member: { display: 'Nurse A' } }] },
  Consent: {
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'adr' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '75320-2' }], text: 'ReSPECT form' }],
    patient: subject,
    dateTime: '2026-03-01',
    policy: [{ uri: 'https://www.resus.org.uk/respect' }],
    provision: { code: [{ text: 'Not for CPR' }] },
  },
  Flag: { status: 'active', subject, code: { text: 'Violent behaviour: see plan' }, category: [{ coding: [{ code: 'safety' }] }] },
};

/** How each type says "this record was a mistake", and for allergies and problems also "refuted". */
function mistakes(type: string, good: Record<string, unknown>): Record<string, unknown>[] {
  if (type === 'AllergyIntolerance' || type === 'Condition') {
    const { clinicalStatus: _, ...rest } = good;
    return [
      { ...rest, verificationStatus: { coding: [{ code: 'entered-in-error' }] } },
      { ...good, verificationStatus: { coding: [{ code: 'refuted' }] } },
    ];
  }
  return [{ ...good, status: 'entered-in-error' }];
}

function answersFor(resources: Resource[]): QueryResult[] {
  return RESOURCE_QUERIES.map((q) => ({
    source: GP,
    resourceType: q.resourceType,
    outcome: {
      kind: 'loaded',
      resources: (q.resourceType === 'Patient' ? [patient] : resources.filter((r) => r.resourceType === q.resourceType)) as Resource[],
      truncated: false,
      warnings: [],
    },
  }));
}

describe('entered-in-error and refuted records', () => {
  it('are left out of every section, while the good record of each type is shown', () => {
    const resources: Resource[] = [];
    for (const [type, good] of Object.entries(GOOD)) {
      resources.push({ resourceType: type, id: `good-${type}`, ...good } as Resource);
      mistakes(type, good).forEach((m, i) => resources.push({ resourceType: type, id: `wrong${i}-${type}`, ...m } as Resource));
    }
    const record = assembleRecord([GP], answersFor(resources), NOW);
    const { sources: _, patient: __, ...sections } = record;
    const shown = JSON.stringify(sections);
    for (const type of Object.keys(GOOD)) {
      expect(shown, `the good ${type} is shown`).toContain(`${type}/good-${type}`);
      expect(shown, `no ${type} in error or refuted is shown`).not.toMatch(new RegExp(`${type}/wrong\\d-${type}`));
    }
    // None was skipped as unreadable: each was read and left out on purpose.
    expect(shown).not.toContain('could not be read');
  });
});
