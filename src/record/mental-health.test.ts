import { describe, expect, it } from 'vitest';
import type { CarePlan, CareTeam, Condition, EpisodeOfCare, Flag } from '@medplum/fhirtypes';
import { buildMentalHealth } from './mental-health';
import { context, GP, input, MENTAL_HEALTH, raw, RESTRICTED, SOCIAL, SUBJECT } from './fixtures';
import type { MentalHealthItem } from './model';

const SCT = 'http://snomed.info/sct';

const schizophrenia: Condition = {
  resourceType: 'Condition',
  id: 'scz',
  meta: RESTRICTED,
  subject: SUBJECT,
  clinicalStatus: { coding: [{ code: 'active' }] },
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] }],
  code: { coding: [{ system: SCT, code: '58214004', display: 'Schizophrenia' }] },
  onsetDateTime: '2003',
};

const cmht: CareTeam = {
  resourceType: 'CareTeam',
  id: 'cmht',
  meta: RESTRICTED,
  status: 'active',
  name: 'Chalkbury Community Mental Health Team',
  subject: SUBJECT,
  participant: [
    { role: [{ text: 'Care coordinator' }], member: { reference: 'PractitionerRole/fraser' } },
    { role: [{ text: 'Consultant psychiatrist' }], member: { display: 'Dr Helen MORRIS' } },
  ],
  telecom: [{ system: 'phone', value: '01632 960411' }],
};

const fraser = raw({
  resourceType: 'PractitionerRole',
  id: 'fraser',
  practitioner: { display: 'Alan FRASER' },
  organization: { display: 'North Downs Mental Health NHS Trust' },
  code: [{ text: 'Community mental health nurse' }],
  telecom: [{ system: 'phone', value: '07700 900411', use: 'mobile' }],
});

const crisisPlan: CarePlan = {
  resourceType: 'CarePlan',
  id: 'crisis',
  meta: RESTRICTED,
  status: 'active',
  intent: 'plan',
  subject: SUBJECT,
  category: [{ coding: [{ system: SCT, code: '736253002' }], text: 'Crisis plan' }],
  title: 'Crisis and contingency plan',
  period: { start: '2026-05-15' },
};

function section3(overrides: Partial<Flag> = {}): Flag {
  return {
    resourceType: 'Flag',
    id: 's3',
    status: 'active',
    code: { text: 'Detained under section 3 of the Mental Health Act' },
    subject: SUBJECT,
    period: { start: '2026-07-01' },
    ...overrides,
  };
}

const label = (i: MentalHealthItem): string => {
  switch (i.kind) {
    case 'care-coordinator':
    case 'team-member':
      return `${i.kind}: ${i.member.name}`;
    case 'diagnosis':
      return `${i.kind}: ${i.problem.name}${i.restricted ? ' (restricted)' : ''}`;
    case 'crisis-plan':
      return `${i.kind}: ${i.plan.title}${i.plan.restricted ? ' (restricted)' : ''}`;
    case 'mental-health-act':
      return `${i.kind}: ${i.text}`;
    case 'episode':
      return `${i.kind}: ${i.episode.title}`;
  }
};

describe('buildMentalHealth', () => {
  it('NOWAK: care coordinator with contacts, crisis plan, diagnosis, the rest of the team; restricted marked', () => {
    const items = buildMentalHealth(
      [
        input(GP, [{ ...schizophrenia, id: 'asthma', meta: undefined, code: { text: 'Asthma' } }]),
        input(MENTAL_HEALTH, [cmht, fraser, crisisPlan, schizophrenia]),
      ],
      context(),
    );
    expect(items.map(label)).toEqual([
      'care-coordinator: Alan FRASER',
      'crisis-plan: Crisis and contingency plan (restricted)',
      'diagnosis: Schizophrenia (restricted)',
      'team-member: Dr Helen MORRIS',
    ]);
    const coordinator = items[0];
    expect(coordinator?.kind === 'care-coordinator' && coordinator.member).toMatchObject({
      job: 'Community mental health nurse',
      organisation: 'North Downs Mental Health NHS Trust',
      contacts: [
        { kind: 'mobile', value: '07700 900411' },
        { kind: 'phone', value: '01632 960411', label: 'Team' },
      ],
      restricted: true,
    });
  });

  it('Mental Health Act status from an active flag or open episode; ended and inactive ones are not current', () => {
    const items = buildMentalHealth(
      [
        input(MENTAL_HEALTH, [
          section3(),
          section3({ id: 'old', status: 'inactive', code: { text: 'Section 2 of the Mental Health Act' } }),
          section3({ id: 'ended', period: { start: '2025-01-01', end: '2025-02-01' } }),
          section3({ id: 'other', code: { text: 'Violence risk' } }),
          raw({
            resourceType: 'EpisodeOfCare',
            id: 'cto',
            status: 'active',
            patient: SUBJECT,
            type: [{ text: 'Community treatment order' }],
            period: { start: '2026-01' },
          }),
          raw({
            resourceType: 'EpisodeOfCare',
            id: 'cpa',
            status: 'active',
            patient: SUBJECT,
            type: [{ text: 'Care programme approach' }],
          }),
          raw({
            resourceType: 'EpisodeOfCare',
            id: 'closed',
            status: 'finished',
            patient: SUBJECT,
            type: [{ text: 'Early intervention in psychosis' }],
            period: { end: '2026-07-01' },
          }),
        ]),
        input(SOCIAL, [
          raw({
            resourceType: 'EpisodeOfCare',
            id: 'adult',
            status: 'active',
            patient: SUBJECT,
            type: [{ text: 'Adult social care' }],
          } satisfies EpisodeOfCare),
        ]),
      ],
      context(),
    );
    expect(items.map(label)).toEqual([
      'mental-health-act: Detained under section 3 of the Mental Health Act',
      'mental-health-act: Community treatment order',
      'episode: Care programme approach',
    ]);
  });

  it('leaves out resolved minor diagnoses and entered-in-error ones, and crisis plans entered in error', () => {
    const items = buildMentalHealth(
      [
        input(MENTAL_HEALTH, [
          { ...schizophrenia, id: 'err', verificationStatus: { coding: [{ code: 'entered-in-error' }] }, clinicalStatus: undefined },
          {
            ...schizophrenia,
            id: 'minor',
            clinicalStatus: { coding: [{ code: 'resolved' }] },
            category: [{ coding: [{ code: 'encounter-diagnosis' }] }],
          },
          { ...crisisPlan, status: 'entered-in-error' },
        ]),
      ],
      context(),
    );
    expect(items).toEqual([]);
  });

  it('skips and reports what cannot be read', () => {
    const skipped: string[] = [];
    const items = buildMentalHealth(
      [input(MENTAL_HEALTH, [raw({ ...cmht, participant: 'Alan' }), raw({ ...section3(), period: { start: 2026 } }), crisisPlan])],
      context(skipped),
    );
    expect(items.map(label)).toEqual(['crisis-plan: Crisis and contingency plan (restricted)']);
    expect(skipped).toEqual(['mental-health:Flag/s3', 'mental-health:CareTeam/cmht']);
  });
});
