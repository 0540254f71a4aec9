import { describe, expect, it } from 'vitest';
import type { CarePlan, CareTeam, EpisodeOfCare, Flag } from '@medplum/fhirtypes';
import { buildSocialCare } from './social-care';
import { COMMUNITY, context, GP, input, MENTAL_HEALTH, raw, SOCIAL, SUBJECT } from './fixtures';
import type { SocialCareItem } from './model';

function episode(overrides: Partial<EpisodeOfCare> = {}): EpisodeOfCare {
  return {
    resourceType: 'EpisodeOfCare',
    id: 'case',
    status: 'active',
    type: [{ text: "Children's social care: child protection" }],
    patient: SUBJECT,
    managingOrganization: { display: 'County Council Social Care' },
    period: { start: '2026-02-15' },
    careManager: { reference: 'Practitioner/reid', display: 'Joanne REID' },
    ...overrides,
  };
}

const flag: Flag = {
  resourceType: 'Flag',
  id: 'cp-flag',
  status: 'active',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'safety' }], text: 'Safeguarding' }],
  code: { text: 'Subject of a child protection plan (category: neglect). Allocated social worker: Joanne REID, 01632 960521.' },
  subject: SUBJECT,
  period: { start: '2026-02-15' },
};

const plan: CarePlan = {
  resourceType: 'CarePlan',
  id: 'cpp',
  status: 'active',
  intent: 'plan',
  subject: SUBJECT,
  category: [{ text: 'Child protection plan' }, { text: 'Category of abuse: Neglect' }],
  title: 'Child protection plan',
  period: { start: '2026-02-15' },
  activity: [{ detail: { status: 'in-progress', description: 'Social worker visits at least every 10 working days.' } }],
};

const coreGroup: CareTeam = {
  resourceType: 'CareTeam',
  id: 'core',
  status: 'active',
  name: 'Child protection core group',
  subject: SUBJECT,
  participant: [
    { role: [{ text: 'Allocated social worker' }], member: { reference: 'PractitionerRole/reid' } },
    { role: [{ text: 'Health visitor' }], member: { display: 'Claire DAWSON, Health visitor, Downs Community Health NHS Trust' } },
  ],
};

const reidRole = raw({
  resourceType: 'PractitionerRole',
  id: 'reid',
  practitioner: { display: 'Joanne REID' },
  organization: { display: 'County Council Social Care' },
  code: [{ text: "Social worker (children's services)" }],
  telecom: [{ system: 'phone', value: '01632 960521' }],
});

const kinds = (items: SocialCareItem[]) => items.map((i) => i.kind);

describe('buildSocialCare', () => {
  it('OKAFOR: safeguarding flag, child protection plan, open case with its worker, the core group', () => {
    const items = buildSocialCare([input(SOCIAL, [episode(), flag, plan, coreGroup, reidRole])], context());
    expect(kinds(items)).toEqual(['safeguarding', 'plan', 'episode', 'worker', 'worker']);
    const [safeguarding, cpp, open, worker] = items;
    expect(safeguarding?.kind === 'safeguarding' && safeguarding.flag.text).toContain('Subject of a child protection plan');
    expect(cpp?.kind === 'plan' && [cpp.plan.kind, cpp.plan.categories]).toEqual([
      'child-protection',
      ['Child protection plan', 'Category of abuse: Neglect'],
    ]);
    expect(open?.kind === 'episode' && open.episode).toEqual({
      title: "Children's social care: child protection",
      status: 'open',
      period: { start: '2026-02-15', end: undefined },
      careManager: 'Joanne REID',
      organisation: 'County Council Social Care',
      restricted: false,
      provenance: { source: SOCIAL, resource: 'EpisodeOfCare/case', recorded: '2026-02-15', lastUpdated: undefined, author: 'Joanne REID' },
    });
    expect(worker?.kind === 'worker' && [worker.member.name, worker.member.role, worker.member.contacts]).toEqual([
      'Joanne REID',
      'Allocated social worker',
      [{ kind: 'phone', value: '01632 960521' }],
    ]);
  });

  it("a care package from any source; social workers named in other sources' teams; nothing else from health", () => {
    const carePackage: CarePlan = {
      ...plan,
      id: 'pkg',
      category: [{ text: 'Social care package' }],
      title: 'Residential care package: Oakview Care Home',
    };
    const districtNurses: CareTeam = {
      ...coreGroup,
      id: 'dn',
      participant: [
        { role: [{ text: 'District nurse' }], member: { display: 'Mei LEE' } },
        { role: [{ text: 'Hospital social worker' }], member: { display: 'Sam OKORO' } },
      ],
    };
    const eol: CarePlan = { ...plan, id: 'eol', category: [{ text: 'End of life care plan' }], title: 'End of life care plan' };
    const items = buildSocialCare([input(GP, [carePackage, eol]), input(COMMUNITY, [districtNurses])], context());
    expect(items.map((i) => (i.kind === 'plan' ? i.plan.title : i.kind === 'worker' ? i.member.name : i.kind))).toEqual([
      'Residential care package: Oakview Care Home',
      'Sam OKORO',
    ]);
  });

  it('open cases first; a case closed within the year is kept as closed, older and entered-in-error ones are left out', () => {
    const items = buildSocialCare(
      [
        input(SOCIAL, [
          episode({ id: 'closed', status: 'finished', period: { start: '2025-01-01', end: '2026-03-01' } }),
          episode({ id: 'long-closed', status: 'finished', period: { start: '2020-01-01', end: '2024-03-01' } }),
          episode({ id: 'closed-undated', status: 'finished', period: undefined }),
          episode({ id: 'error', status: 'entered-in-error' }),
          episode({ id: 'future', status: 'planned', period: { start: '2026-09' } }),
          episode(),
        ]),
        input(MENTAL_HEALTH, [episode({ id: 'cpa', type: [{ text: 'Care programme approach' }] })]),
      ],
      context(),
    );
    expect(items.map((i) => i.kind === 'episode' && [i.episode.provenance.resource, i.episode.status])).toEqual([
      ['EpisodeOfCare/future', 'open'],
      ['EpisodeOfCare/case', 'open'],
      ['EpisodeOfCare/closed', 'closed'],
    ]);
  });

  it('skips and reports what cannot be read', () => {
    const skipped: string[] = [];
    const items = buildSocialCare(
      [input(SOCIAL, [raw({ ...episode({ id: 'bad' }), type: 'child protection' }), episode()])],
      context(skipped),
    );
    expect(kinds(items)).toEqual(['episode']);
    expect(skipped).toEqual(['social-care:EpisodeOfCare/bad']);
  });
});
