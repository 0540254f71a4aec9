import { describe, expect, it } from 'vitest';
import type { CarePlanItem, CareTeamMember, PatientSummary, RelatedPersonGroup, Section, SourceRef } from './model';
import { whoToCall } from './who-to-call';

const GP: SourceRef = { name: 'gp', organisation: 'Riverside Medical Practice' };
const MH: SourceRef = { name: 'mental-health', organisation: 'North Downs Mental Health NHS Trust' };
const SOCIAL: SourceRef = { name: 'social-care', organisation: 'County Council Social Care' };
const section = <T>(items: T[]): Section<T> => ({ items, progress: {}, notices: [] });

const helen = (source: SourceRef, lpa: boolean): RelatedPersonGroup['entries'][number] => ({
  name: 'THOMPSON, Helen (Ms)',
  relationships: ['Next of kin', 'Daughter'],
  nextOfKin: true,
  healthAndWelfareAttorney: lpa,
  contacts: [{ kind: 'mobile', value: '07700 900123' }],
  restricted: false,
  provenance: { source, resource: 'RelatedPerson/h' },
});
const neighbour: RelatedPersonGroup = {
  key: 'n',
  name: 'JONES, Ann',
  conflicts: [],
  entries: [{ ...helen(GP, false), name: 'JONES, Ann', relationships: ['Neighbour'], nextOfKin: false }],
};
const patient: PatientSummary = {
  identifiers: [],
  registeredPractice: { name: 'Riverside Medical Practice', odsCode: 'ZZ001', phone: '01632 960100' },
  provenance: { source: GP, resource: 'Patient/p' },
};
const coordinator: CareTeamMember = {
  name: 'FRASER, Alan',
  role: 'Care coordinator',
  organisation: 'North Downs Mental Health NHS Trust',
  memberType: 'person',
  contacts: [{ kind: 'phone', value: '01632 960411' }],
  status: 'active',
  restricted: true,
  provenance: { source: MH, resource: 'CareTeam/t' },
};
const crisisPlan: CarePlanItem = {
  kind: 'crisis',
  title: 'Crisis plan',
  categories: [],
  status: 'active',
  goals: [],
  notes: [],
  restricted: true,
  activities: [
    {
      description:
        'Who to call: care coordinator Alan FRASER, 01632 960411 (weekdays); Crisis Resolution and Home Treatment Team, 01632 960499 (24 hours); sister Anna, 07700 900335.',
      performers: [],
    },
  ],
  provenance: { source: MH, resource: 'CarePlan/c' },
};

describe('whoToCall', () => {
  it('the attorney first (with the LPA said once, whichever source records it), then the GP practice with its phone', () => {
    const contacts = whoToCall({
      relatedPersons: section([
        neighbour,
        { key: 'h', name: 'THOMPSON, Helen (Ms)', conflicts: [], entries: [helen(GP, true), helen(SOCIAL, false)] },
      ]),
      patient: section([patient]),
    });
    expect(contacts).toEqual([
      {
        kind: 'attorney',
        name: 'THOMPSON, Helen (Ms)',
        role: 'Next of kin, Daughter, Lasting power of attorney for health and welfare',
        phones: ['07700 900123'],
        sources: ['Riverside Medical Practice', 'County Council Social Care'],
        restricted: false,
      },
      {
        kind: 'gp',
        name: 'Riverside Medical Practice',
        role: 'Registered GP practice',
        phones: ['01632 960100'],
        sources: ['Riverside Medical Practice'],
        restricted: false,
      },
    ]);
  });

  it('the care coordinator once (care team and mental health sections alike) and the crisis line from the crisis plan, as written', () => {
    const contacts = whoToCall({
      careTeam: section([coordinator]),
      mentalHealth: section([
        { kind: 'care-coordinator', member: coordinator },
        { kind: 'crisis-plan', plan: crisisPlan },
      ]),
      carePlans: section([crisisPlan]),
    });
    expect(contacts).toEqual([
      {
        kind: 'care-coordinator',
        name: 'FRASER, Alan',
        role: 'Care coordinator, North Downs Mental Health NHS Trust',
        phones: ['01632 960411'],
        sources: ['North Downs Mental Health NHS Trust'],
        restricted: true,
      },
      {
        kind: 'crisis-line',
        name: 'Crisis Resolution and Home Treatment Team',
        role: 'Crisis line',
        phones: ['01632 960499'],
        sources: ['North Downs Mental Health NHS Trust'],
        restricted: true,
      },
    ]);
  });

  it('a crisis line an unrestricted flag gives, for a role that may not see the plan; an ended coordinator or completed plan is not called', () => {
    const flag = {
      category: 'clinical' as const,
      text: 'Known to North Downs Mental Health NHS Trust. In a crisis call the Crisis Resolution and Home Treatment Team on 01632 960499 (24 hours).',
      why: '',
      provenance: { source: MH, resource: 'Flag/f' },
    };
    const contacts = whoToCall({
      flags: section([flag]),
      careTeam: section([{ ...coordinator, status: 'ended' }]),
      carePlans: section([{ ...crisisPlan, status: 'completed' }]),
    });
    expect(contacts).toEqual([
      {
        kind: 'crisis-line',
        name: 'Crisis Resolution and Home Treatment Team',
        role: 'Crisis line',
        phones: ['01632 960499'],
        sources: ['North Downs Mental Health NHS Trust'],
        restricted: false,
      },
    ]);
  });

  it('nobody to call is an empty list, not a guess', () => {
    expect(whoToCall({ relatedPersons: section([neighbour]), patient: section([{ ...patient, registeredPractice: undefined }]) })).toEqual(
      [],
    );
  });
});
