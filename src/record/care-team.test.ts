import { describe, expect, it } from 'vitest';
import type { CareTeam, PractitionerRole, RelatedPerson } from '@medplum/fhirtypes';
import { buildCareTeam, buildRelatedPersons } from './care-team';
import { ACUTE, COMMUNITY, context, GP, input, raw, SOCIAL, SUBJECT } from './fixtures';

const SCT = 'http://snomed.info/sct';
const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0131';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

const leeRole: PractitionerRole = {
  resourceType: 'PractitionerRole',
  id: 'lee',
  active: true,
  practitioner: { reference: 'Practitioner/lee-p', display: 'Nurse Mei LEE' },
  organization: { reference: 'Organization/downs', display: 'Downs Community Health NHS Trust' },
  code: [{ coding: [{ system: SCT, code: '224535009' }], text: 'District nurse' }],
  telecom: [
    { system: 'phone', value: '01632 960311', use: 'work' },
    { system: 'phone', value: '07700 900311', use: 'mobile' },
    { system: 'email', value: 'mei.lee@downs.example.nhs.uk' },
    { system: 'phone', value: '01632 000000', use: 'old' },
  ],
};

function team(overrides: Partial<CareTeam> = {}): CareTeam {
  return {
    resourceType: 'CareTeam',
    id: 'dn',
    status: 'active',
    name: 'District nursing team',
    subject: SUBJECT,
    period: { start: '2025-09-22' },
    participant: [
      {
        role: [{ coding: [{ system: SCT, code: '224535009' }], text: 'District nurse (named nurse)' }],
        member: { reference: 'PractitionerRole/lee' },
        period: { start: '2025-09-22' },
      },
    ],
    managingOrganization: [{ display: 'Downs Community Health NHS Trust' }],
    telecom: [{ system: 'phone', value: '01632 960312' }],
    ...overrides,
  };
}

describe('buildCareTeam', () => {
  it("reads a member through the included PractitionerRole: role, job, organisation and contacts (the team's last)", () => {
    expect(buildCareTeam([input(COMMUNITY, [team(), leeRole])], context())).toEqual([
      {
        name: 'Nurse Mei LEE',
        role: 'District nurse (named nurse)',
        job: 'District nurse',
        organisation: 'Downs Community Health NHS Trust',
        team: 'District nursing team',
        memberType: 'person',
        contacts: [
          { kind: 'phone', value: '01632 960311' },
          { kind: 'mobile', value: '07700 900311' },
          { kind: 'email', value: 'mei.lee@downs.example.nhs.uk' },
          { kind: 'phone', value: '01632 960312', label: 'Team' },
        ],
        period: { start: '2025-09-22', end: undefined },
        status: 'active',
        restricted: false,
        provenance: { source: COMMUNITY, resource: 'CareTeam/dn', recorded: '2025-09-22', lastUpdated: undefined, author: undefined },
      },
    ]);
  });

  it('names a resolved Practitioner in NHS form; a display-only member keeps its display and gets no guessed organisation', () => {
    const items = buildCareTeam(
      [
        input(SOCIAL, [
          team({
            id: 'core',
            name: 'Child protection core group',
            telecom: undefined,
            participant: [
              { role: [{ text: 'Allocated social worker' }], member: { reference: 'Practitioner/reid' } },
              {
                role: [{ text: 'Health visitor' }],
                member: { display: 'Claire DAWSON, Health visitor, Downs Community Health NHS Trust' },
              },
              { role: [{ text: 'Care provider' }], member: { reference: 'Organization/oak', display: 'Oakview Care Home' } },
              { member: { reference: 'Patient/p1' } },
            ],
          }),
          raw({
            resourceType: 'Practitioner',
            id: 'reid',
            name: [{ family: 'Reid', given: ['Joanne'] }],
            telecom: [{ system: 'phone', value: '01632 960521' }],
          }),
          raw({
            resourceType: 'Organization',
            id: 'oak',
            name: 'Oakview Care Home',
            telecom: [{ system: 'phone', value: '01632 960700' }],
          }),
        ]),
      ],
      context(),
    );
    expect(items.map((m) => [m.name, m.role, m.organisation, m.memberType, m.contacts.map((c) => c.value)])).toEqual([
      ['REID, Joanne', 'Allocated social worker', undefined, 'person', ['01632 960521']],
      ['Claire DAWSON, Health visitor, Downs Community Health NHS Trust', 'Health visitor', undefined, 'unknown', []],
      ['Oakview Care Home', 'Care provider', undefined, 'organisation', ['01632 960700']],
    ]);
  });

  it('marks members of inactive teams and past participants as ended, after current ones; leaves out teams entered in error', () => {
    const items = buildCareTeam(
      [
        input(ACUTE, [
          team({ id: 'old', status: 'inactive' }),
          team({ id: 'error', status: 'entered-in-error' }),
          team({
            id: 'left',
            participant: [
              { role: [{ text: 'Physiotherapist' }], member: { display: 'Sam PATEL' }, period: { start: '2024', end: '2025-01-31' } },
            ],
          }),
        ]),
        input(COMMUNITY, [
          team({
            id: 'future',
            participant: [{ role: [{ text: 'Community matron' }], member: { display: 'Jo KING' }, period: { start: '2027-01-01' } }],
          }),
        ]),
      ],
      context(),
    );
    expect(items.map((m) => [m.provenance.resource, m.status])).toEqual([
      ['CareTeam/future', 'active'],
      ['CareTeam/old', 'ended'],
      ['CareTeam/left', 'ended'],
    ]);
  });

  it("does not repeat the team number when it is the member's own", () => {
    const [member] = buildCareTeam(
      [input(COMMUNITY, [team({ telecom: [{ system: 'phone', value: '+441632960311' }] }), leeRole])],
      context(),
    );
    expect(member?.contacts.map((c) => c.value)).toEqual(['01632 960311', '07700 900311', 'mei.lee@downs.example.nhs.uk']);
  });

  it('marks members of a restricted team', () => {
    const restricted = team({ meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] } });
    expect(buildCareTeam([input(COMMUNITY, [restricted, leeRole])], context())[0]?.restricted).toBe(true);
  });

  it('skips and reports teams that cannot be read', () => {
    const skipped: string[] = [];
    const items = buildCareTeam(
      [
        input(COMMUNITY, [
          raw({ ...team({ id: 'bad' }), participant: { member: {} } }),
          raw({ ...team({ id: 'bad-name' }), name: 7 }),
          team(),
          leeRole,
        ]),
      ],
      context(skipped),
    );
    expect(items.map((m) => m.provenance.resource)).toEqual(['CareTeam/dn']);
    expect(skipped).toEqual(['community:CareTeam/bad', 'community:CareTeam/bad-name']);
  });
});

function daughter(overrides: Partial<RelatedPerson> = {}, lpa = true): RelatedPerson {
  const relationship = [
    { coding: [{ system: V2, code: 'N' }], text: 'Next of kin' },
    { coding: [{ system: V3, code: 'DAU' }], text: 'Daughter' },
  ];
  if (lpa) relationship.push({ coding: [{ system: V3, code: 'HPOWATT' }], text: 'Lasting power of attorney for health and welfare' });
  return {
    resourceType: 'RelatedPerson',
    id: 'helen',
    active: true,
    patient: SUBJECT,
    relationship,
    name: [{ use: 'official', family: 'THOMPSON', given: ['Helen'], prefix: ['Ms'] }],
    telecom: [{ system: 'phone', value: '07700 900123', use: 'mobile' }],
    address: [{ line: ['7 Elm Grove'], city: 'Chalkbury', postalCode: 'ME15 7HT' }],
    ...overrides,
  };
}

describe('buildRelatedPersons', () => {
  it('groups the same person from several sources, keeping each entry', () => {
    const [group, ...rest] = buildRelatedPersons(
      [input(GP, [daughter()]), input(ACUTE, [daughter({}, false)]), input(SOCIAL, [daughter()])],
      context(),
    );
    expect(rest).toEqual([]);
    expect(group?.name).toBe('THOMPSON, Helen (Ms)');
    expect(group?.conflicts).toEqual([]);
    expect(group?.entries.map((e) => [e.provenance.source.name, e.nextOfKin, e.healthAndWelfareAttorney])).toEqual([
      ['gp', true, true],
      ['acute', true, false],
      ['social-care', true, true],
    ]);
    expect(group?.entries[0]).toMatchObject({
      relationships: ['Next of kin', 'Daughter', 'Lasting power of attorney for health and welfare'],
      contacts: [{ kind: 'mobile', value: '07700 900123' }],
      address: ['7 Elm Grove', 'Chalkbury', 'ME15 7HT'],
      restricted: false,
    });
  });

  it('says when the sources hold different phone numbers', () => {
    const [group] = buildRelatedPersons(
      [input(GP, [daughter()]), input(ACUTE, [daughter({ telecom: [{ system: 'phone', value: '+44 7700 900999' }] })])],
      context(),
    );
    expect(group?.conflicts).toEqual([
      'Phone differs: 07700 900123 (Riverside Medical Practice); 07700 900999 (Weald General Hospital NHS Trust)',
    ]);
  });

  it('leaves out inactive and ended entries; attorneys first, then next of kin, then others', () => {
    const groups = buildRelatedPersons(
      [
        input(GP, [
          daughter({ id: 'carer', name: [{ family: 'Jones', given: ['Ann'] }], relationship: [{ text: 'Carer' }] }, false),
          daughter(
            { id: 'son', name: [{ family: 'Thompson', given: ['Mark'] }], relationship: [{ coding: [{ system: V2, code: 'N' }] }] },
            false,
          ),
          daughter(),
          daughter({ id: 'gone', name: [{ family: 'Old', given: ['Friend'] }], active: false }),
          daughter({ id: 'ended', name: [{ family: 'Past', given: ['Lodger'] }], period: { start: '2020', end: '2021-01-01' } }),
        ]),
      ],
      context(),
    );
    expect(groups.map((g) => g.name)).toEqual(['THOMPSON, Helen (Ms)', 'THOMPSON, Mark', 'JONES, Ann']);
  });

  it('reads a name given only as text, and no name as Not Known', () => {
    const groups = buildRelatedPersons(
      [input(GP, [daughter({ id: 'a', name: [{ text: 'Mrs Jean Smith' }] }, false), daughter({ id: 'b', name: undefined }, false)])],
      context(),
    );
    expect(groups.map((g) => g.name)).toEqual(['Mrs Jean Smith', 'Not Known']);
  });

  it('skips and reports entries that cannot be read', () => {
    const skipped: string[] = [];
    const groups = buildRelatedPersons(
      [
        input(GP, [
          raw({ ...daughter({ id: 'bad' }), relationship: 'daughter' }),
          raw({ ...daughter({ id: 'bad-phone' }), telecom: [{ system: 'phone', value: 7700 }] }),
          daughter(),
        ]),
      ],
      context(skipped),
    );
    expect(groups.flatMap((g) => g.entries.map((e) => e.provenance.resource))).toEqual(['RelatedPerson/helen']);
    expect(skipped).toEqual(['gp:RelatedPerson/bad', 'gp:RelatedPerson/bad-phone']);
  });
});
