// Hand-built care plan, people, location, social care and mental health
// sections for component tests, modelled on docs/sandbox-patients.md: THOMPSON (end of
// life, inpatient now, care home, daughter with LPA), OKAFOR (child protection
// plan) and NOWAK (restricted crisis plan and care coordinator).

import type {
  CarePlanItem,
  CareRecord,
  CareTeamMember,
  LocationItem,
  MentalHealthItem,
  RelatedPersonGroup,
  Section,
  SocialCareItem,
  SourceRef,
} from '../../src/record/model';
import { ACUTE, COMMUNITY, GP, MENTAL_HEALTH, SOCIAL_CARE, SOURCES, loadingEverywhere, prov, section } from './source-fixtures';

export type CareParts = Pick<CareRecord, 'carePlans' | 'careTeam' | 'relatedPersons' | 'location' | 'socialCare' | 'mentalHealth'>;

// ------------------------------------------------------------------ THOMPSON

export function thompsonEndOfLifePlan(): CarePlanItem {
  return {
    kind: 'end-of-life',
    title: 'End of life care plan',
    categories: ['End of life care plan'],
    status: 'active',
    description: 'The aim is comfort at Oakview Care Home, where she and her daughter wish her to stay.',
    activities: [
      {
        description: 'Preferred place of care: Oakview Care Home. Preferred place of death: Oakview Care Home.',
        status: 'in-progress',
        performers: [],
      },
      {
        description:
          'Contact Helen Thompson (daughter, lasting power of attorney for health and welfare) on 07700 900123 at any time if Margaret deteriorates.',
        status: 'in-progress',
        performers: [],
      },
    ],
    goals: ['Comfortable and free of distress'],
    notes: ['ReSPECT form completed on the same day: Not for CPR.'],
    period: { start: '2026-07-22' },
    author: 'Dr Sarah AHMED',
    restricted: false,
    provenance: prov(GP, 'CarePlan/eol', '2026-07-22T14:10:00Z', 'Dr Sarah AHMED'),
  };
}

export function thompsonCarePackage(): CarePlanItem {
  return {
    kind: 'care-package',
    title: 'Residential care package: Oakview Care Home',
    categories: ['Social care package'],
    status: 'active',
    description: 'Long-term residential care (24-hour care) at Oakview Care Home, arranged after a needs assessment.',
    activities: [
      {
        description: 'Residential care at Oakview Care Home, 12 Station Road, Wealdham TN12 7QZ (01632 960700).',
        service: 'Long-term residential care',
        status: 'in-progress',
        scheduled: '24-hour residential care, long term',
        performers: ['Oakview Care Home'],
        location: 'Oakview Care Home',
      },
    ],
    goals: [],
    notes: [],
    period: { start: '2025-09-22' },
    author: 'Priya KHAN',
    restricted: false,
    provenance: prov(SOCIAL_CARE, 'CarePlan/package', '2025-09-22', 'Priya KHAN'),
  };
}

export function districtNurse(): CareTeamMember {
  return {
    name: 'Nurse Mei LEE',
    role: 'District nurse (named nurse)',
    job: 'District nurse',
    organisation: 'Downs Community Health NHS Trust',
    team: 'District nursing team (Chalkbury North)',
    memberType: 'person',
    contacts: [
      { kind: 'phone', value: '01632 960311' },
      { kind: 'mobile', value: '07700 900311' },
    ],
    period: { start: '2025-09-22' },
    status: 'active',
    restricted: false,
    provenance: prov(COMMUNITY, 'CareTeam/dn', '2025-09-22'),
  };
}

export function socialWorker(): CareTeamMember {
  return {
    name: 'Priya KHAN',
    role: 'Named social worker',
    job: 'Social worker (adult social care)',
    organisation: 'County Council Social Care',
    team: 'Adult social care',
    memberType: 'person',
    contacts: [
      { kind: 'phone', value: '01632960511' },
      { kind: 'email', value: 'priya.khan@county-council.example.gov.uk' },
    ],
    status: 'active',
    restricted: false,
    provenance: prov(SOCIAL_CARE, 'CareTeam/asc'),
  };
}

export function careProvider(): CareTeamMember {
  return {
    name: 'Oakview Care Home',
    role: 'Care provider',
    team: 'Adult social care',
    memberType: 'organisation',
    contacts: [{ kind: 'phone', value: '01632 960700' }],
    status: 'active',
    restricted: false,
    provenance: prov(SOCIAL_CARE, 'CareTeam/asc'),
  };
}

export function helen(): RelatedPersonGroup {
  const entry = (source: SourceRef, lpa: boolean) => ({
    name: 'THOMPSON, Helen (Ms)',
    relationships: ['Next of kin', 'Daughter', ...(lpa ? ['Lasting power of attorney for health and welfare'] : [])],
    nextOfKin: true,
    healthAndWelfareAttorney: lpa,
    contacts: [{ kind: 'mobile' as const, value: '07700 900123' }],
    address: ['7 Elm Grove', 'Chalkbury', 'ME15 7HT'],
    restricted: false,
    provenance: prov(source, 'RelatedPerson/helen'),
  });
  return {
    key: 'thompson helen',
    name: 'THOMPSON, Helen (Ms)',
    entries: [entry(GP, true), entry(ACUTE, false), entry(SOCIAL_CARE, true)],
    conflicts: [],
  };
}

export function thompsonInpatient(): LocationItem {
  return {
    kind: 'inpatient',
    place: 'Ward 7 (Elderly Care)',
    bed: 'Bed 12',
    organisation: 'Weald General Hospital NHS Trust',
    since: '2026-11-20T13:20:00Z',
    basis: 'Hospital admission in progress',
    restricted: false,
    provenance: prov(ACUTE, 'Encounter/adm', '2026-11-20T13:20:00Z'),
  };
}

export function oakview(): LocationItem {
  return {
    kind: 'care-home',
    place: 'Oakview Care Home',
    organisation: 'Oakview Care Home',
    since: '2025-09-22',
    address: ['Oakview Care Home', '12 Station Road', 'Wealdham', 'TN12 7QZ'],
    phone: '01632 960700',
    basis: 'Residential care package: Oakview Care Home',
    restricted: false,
    provenance: prov(SOCIAL_CARE, 'CarePlan/package', '2025-09-22'),
  };
}

export function thompsonCare(): CareParts {
  return {
    carePlans: section([thompsonEndOfLifePlan(), thompsonCarePackage()]),
    careTeam: section([districtNurse(), socialWorker(), careProvider()]),
    relatedPersons: section([helen()]),
    location: section([thompsonInpatient(), oakview()]),
    socialCare: section<SocialCareItem>([
      { kind: 'plan', plan: thompsonCarePackage() },
      {
        kind: 'episode',
        episode: {
          title: 'Adult social care: long-term support',
          status: 'open',
          period: { start: '2025-09-22' },
          careManager: 'Priya KHAN',
          organisation: 'County Council Social Care',
          restricted: false,
          provenance: prov(SOCIAL_CARE, 'EpisodeOfCare/thompson', '2025-09-22', 'Priya KHAN'),
        },
      },
      { kind: 'worker', member: socialWorker() },
      { kind: 'worker', member: careProvider() },
    ]),
    mentalHealth: section<MentalHealthItem>([]),
  };
}

// ------------------------------------------------------------------ OKAFOR

export function childProtectionPlan(): CarePlanItem {
  return {
    kind: 'child-protection',
    title: 'Child protection plan',
    categories: ['Child protection plan', 'Category of abuse: Neglect'],
    status: 'active',
    description: 'Daniel is the subject of a child protection plan under the category of neglect.',
    activities: [
      {
        description:
          'Allocated social worker visits at least every 10 working days. Social worker: Joanne REID, 01632 960521 (out of hours: 01632 960599).',
        status: 'in-progress',
        performers: [],
      },
      { description: 'Review child protection conference due 2026-12-20.', status: 'scheduled', performers: [] },
    ],
    goals: [],
    notes: [],
    period: { start: '2026-06-22' },
    author: 'Joanne REID',
    restricted: false,
    provenance: prov(SOCIAL_CARE, 'CarePlan/cpp', '2026-06-22T15:00:00Z', 'Joanne REID'),
  };
}

export function allocatedSocialWorker(): CareTeamMember {
  return {
    name: 'Joanne REID',
    role: 'Allocated social worker',
    job: "Social worker (children's services)",
    organisation: 'County Council Social Care',
    team: 'Child protection core group',
    memberType: 'person',
    contacts: [
      { kind: 'phone', value: '01632 960521' },
      { kind: 'mobile', value: '07700 900521' },
    ],
    status: 'active',
    restricted: false,
    provenance: prov(SOCIAL_CARE, 'CareTeam/core', '2026-06-22'),
  };
}

export function okaforSocialCare(): SocialCareItem[] {
  return [
    {
      kind: 'safeguarding',
      flag: {
        category: 'safeguarding',
        text: 'Subject of a child protection plan (category: neglect). Allocated social worker: Joanne REID, 01632 960521.',
        why: 'Active safeguarding flag recorded by County Council Social Care since 22-Jun-2026',
        since: '2026-06-22',
        provenance: prov(SOCIAL_CARE, 'Flag/cp', '2026-06-22', 'Joanne REID'),
      },
    },
    { kind: 'plan', plan: childProtectionPlan() },
    {
      kind: 'episode',
      episode: {
        title: "Children's social care: child protection",
        status: 'open',
        period: { start: '2026-06-22' },
        careManager: 'Joanne REID',
        organisation: 'County Council Social Care',
        restricted: false,
        provenance: prov(SOCIAL_CARE, 'EpisodeOfCare/okafor', '2026-06-22', 'Joanne REID'),
      },
    },
    { kind: 'worker', member: allocatedSocialWorker() },
  ];
}

// ------------------------------------------------------------------ NOWAK

const restricted = { restricted: true };

export function crisisPlan(): CarePlanItem {
  return {
    kind: 'crisis',
    title: 'Crisis and contingency plan',
    categories: ['Crisis plan'],
    status: 'active',
    description: 'Agreed with Piotr at his care programme approach review.',
    activities: [
      {
        description: 'Early warning signs: not sleeping, staying in his flat, missing clozapine doses.',
        status: 'in-progress',
        performers: [],
      },
      {
        description:
          'Who to call: care coordinator Alan FRASER, 01632 960411 (Monday to Friday); Crisis Resolution and Home Treatment Team, 01632 960499 (24 hours); sister Anna NOWAK, 07700 900335.',
        status: 'in-progress',
        performers: [],
      },
    ],
    goals: [],
    notes: [],
    period: { start: '2026-09-22' },
    author: 'Alan FRASER',
    ...restricted,
    provenance: prov(MENTAL_HEALTH, 'CarePlan/crisis', '2026-09-22T14:00:00Z', 'Alan FRASER'),
  };
}

export function careCoordinator(): CareTeamMember {
  return {
    name: 'Nurse Alan FRASER',
    role: 'Care coordinator',
    job: 'Community mental health nurse',
    organisation: 'North Downs Mental Health NHS Trust',
    team: 'Chalkbury Community Mental Health Team',
    memberType: 'person',
    contacts: [
      { kind: 'phone', value: '01632 960411' },
      { kind: 'mobile', value: '07700 900411' },
    ],
    status: 'active',
    ...restricted,
    provenance: prov(MENTAL_HEALTH, 'CareTeam/cmht', '2023-07-22'),
  };
}

export function nowakMentalHealth(): MentalHealthItem[] {
  return [
    { kind: 'care-coordinator', member: careCoordinator() },
    { kind: 'crisis-plan', plan: crisisPlan() },
    {
      kind: 'diagnosis',
      problem: {
        name: 'Schizophrenia',
        status: 'active',
        onset: '2003',
        provenance: prov(MENTAL_HEALTH, 'Condition/scz', '2006-11-22', 'Dr Helen MORRIS'),
      },
      restricted: true,
    },
    {
      kind: 'team-member',
      member: {
        ...careCoordinator(),
        name: 'Dr Helen MORRIS',
        role: 'Consultant psychiatrist',
        job: undefined,
        contacts: [{ kind: 'phone', value: '01632 960412' }],
      },
    },
  ];
}

export function nowakHome(): LocationItem {
  return {
    kind: 'home',
    address: ['Flat 4', '17 Mill Street', 'Chalkbury', 'ME16 8TT'],
    basis: 'Address held by Riverside Medical Practice',
    restricted: false,
    provenance: prov(GP, 'Patient/nowak'),
  };
}

// ------------------------------------------------------------------ states

/** Every care section empty (loaded, nothing recorded) for these sources. */
export function emptyCare(sources: SourceRef[] = SOURCES): CareParts {
  const s = <T>(): Section<T> => section<T>([], {}, [], sources);
  return { carePlans: s(), careTeam: s(), relatedPersons: s(), location: s(), socialCare: s(), mentalHealth: s() };
}

/** Every care section still loading. */
export function loadingCare(sources: SourceRef[] = SOURCES): CareParts {
  const s = <T>(): Section<T> => ({ items: [], progress: loadingEverywhere(sources), notices: [] });
  return { carePlans: s(), careTeam: s(), relatedPersons: s(), location: s(), socialCare: s(), mentalHealth: s() };
}
