import { describe, expect, it } from 'vitest';
import type { CarePlan, Goal } from '@medplum/fhirtypes';
import { buildCarePlans, carePlanKind } from './care-plans';
import { context, GP, input, MENTAL_HEALTH, raw, RESTRICTED, SOCIAL, SUBJECT } from './fixtures';

const SCT = 'http://snomed.info/sct';

function plan(overrides: Partial<CarePlan> = {}): CarePlan {
  return {
    resourceType: 'CarePlan',
    id: 'cp1',
    status: 'active',
    intent: 'plan',
    subject: SUBJECT,
    category: [{ coding: [{ system: SCT, code: '736373009', display: 'End of life care plan' }], text: 'End of life care plan' }],
    title: 'End of life care plan',
    created: '2026-03-15T14:10:00Z',
    period: { start: '2026-03-15' },
    author: { display: 'Dr Sarah AHMED' },
    ...overrides,
  };
}

const crisis = (overrides: Partial<CarePlan> = {}): CarePlan =>
  plan({
    id: 'crisis',
    meta: RESTRICTED,
    category: [{ coding: [{ system: SCT, code: '736253002' }], text: 'Crisis plan' }],
    title: 'Crisis and contingency plan',
    description: 'Agreed with Piotr at his care programme approach review.',
    activity: [
      { detail: { status: 'in-progress', description: 'Early warning signs: not sleeping.' } },
      {
        detail: {
          status: 'in-progress',
          description: 'Who to call: care coordinator Alan FRASER, 01632 960411; crisis team, 01632 960499 (24 hours).',
        },
      },
    ],
    note: [{ text: 'Reviewed at CPA.' }],
    created: '2026-09-22T14:00:00Z',
    period: { start: '2026-09-22' },
    author: { display: 'Alan FRASER' },
    ...overrides,
  });

describe('buildCarePlans', () => {
  it('reads a crisis plan with its content, restricted label and provenance', () => {
    const [item] = buildCarePlans([input(MENTAL_HEALTH, [crisis()])], context());
    expect(item).toEqual({
      kind: 'crisis',
      title: 'Crisis and contingency plan',
      categories: ['Crisis plan'],
      status: 'active',
      description: 'Agreed with Piotr at his care programme approach review.',
      activities: [
        {
          description: 'Early warning signs: not sleeping.',
          service: undefined,
          status: 'in-progress',
          scheduled: undefined,
          performers: [],
          location: undefined,
        },
        {
          description: 'Who to call: care coordinator Alan FRASER, 01632 960411; crisis team, 01632 960499 (24 hours).',
          service: undefined,
          status: 'in-progress',
          scheduled: undefined,
          performers: [],
          location: undefined,
        },
      ],
      goals: [],
      notes: ['Reviewed at CPA.'],
      narrative: undefined,
      period: { start: '2026-09-22', end: undefined },
      author: 'Alan FRASER',
      restricted: true,
      provenance: {
        source: MENTAL_HEALTH,
        resource: 'CarePlan/crisis',
        recorded: '2026-09-22T14:00:00Z',
        lastUpdated: undefined,
        author: 'Alan FRASER',
      },
    });
  });

  it('tells the kind of plan from its SNOMED type or its words', () => {
    const kind = (category: CarePlan['category'], title?: string) => carePlanKind(plan({ category, title }));
    expect(kind([{ coding: [{ system: SCT, code: '736366004' }] }])).toBe('advance-care');
    expect(kind([{ text: 'Anticipatory care plan' }])).toBe('anticipatory');
    expect(kind([{ text: 'Child protection plan' }, { text: 'Category of abuse: Neglect' }])).toBe('child-protection');
    expect(kind([{ coding: [{ system: SCT, code: '2181441000000107' }], text: 'Social care package' }])).toBe('care-package');
    expect(kind([{ coding: [{ system: SCT, code: '2181441000000107' }], text: 'Personalised care and support plan' }])).toBe(
      'personalised-care',
    );
    expect(kind([{ text: 'Palliative care' }])).toBe('end-of-life');
    expect(kind(undefined, 'Crisis plan')).toBe('crisis');
    expect(kind([{ text: 'Falls prevention' }])).toBe('other');
  });

  it('keeps the category of abuse of a child protection plan with the plan', () => {
    const [item] = buildCarePlans(
      [
        input(SOCIAL, [
          plan({
            id: 'cpp',
            title: 'Child protection plan',
            category: [
              { text: 'Child protection plan' },
              { coding: [{ system: 'https://council.example/cp-category', code: 'neglect' }], text: 'Category of abuse: Neglect' },
            ],
          }),
        ]),
      ],
      context(),
    );
    expect(item).toMatchObject({ kind: 'child-protection', categories: ['Child protection plan', 'Category of abuse: Neglect'] });
  });

  it('puts current plans first, most urgent kind first; completed and revoked after; entered-in-error left out', () => {
    const items = buildCarePlans(
      [
        input(GP, [
          plan({ id: 'done', status: 'completed', period: { start: '2025-01-01', end: '2025-06-01' } }),
          plan({ id: 'eol' }),
          plan({ id: 'error', status: 'entered-in-error' }),
          plan({ id: 'revoked', status: 'revoked', period: { start: '2026-01-01' } }),
          plan({ id: 'draft', status: 'draft', category: [{ text: 'Falls prevention' }], title: 'Falls plan' }),
          plan({
            id: 'odd',
            status: 'nonsense' as CarePlan['status'],
            category: [{ text: 'Falls prevention' }],
            title: 'Odd',
            period: { start: '2024-01-01' },
          }),
        ]),
        input(MENTAL_HEALTH, [crisis({ status: 'on-hold' })]),
      ],
      context(),
    );
    expect(items.map((p) => [p.provenance.resource, p.status])).toEqual([
      ['CarePlan/crisis', 'on-hold'],
      ['CarePlan/eol', 'active'],
      ['CarePlan/draft', 'draft'],
      ['CarePlan/odd', 'unknown'],
      ['CarePlan/revoked', 'revoked'],
      ['CarePlan/done', 'completed'],
    ]);
  });

  it('keeps a future-dated plan with its start date, and sorts partial dates', () => {
    const items = buildCarePlans(
      [
        input(GP, [
          plan({ id: 'future', period: { start: '2027-01-10' }, created: '2026-07-01' }),
          plan({ id: 'partial', period: { start: '2026-05' }, created: '2026' }),
          plan({ id: 'undated', period: undefined, created: undefined }),
        ]),
      ],
      context(),
    );
    expect(items.map((p) => [p.provenance.resource, p.period?.start, p.provenance.recorded])).toEqual([
      ['CarePlan/future', '2027-01-10', '2026-07-01'],
      ['CarePlan/partial', '2026-05', '2026'],
      ['CarePlan/undated', undefined, undefined],
    ]);
  });

  it('reads activities: code, schedule, performer and place; leaves out those entered in error', () => {
    const [item] = buildCarePlans(
      [
        input(SOCIAL, [
          plan({
            id: 'package',
            category: [{ coding: [{ system: SCT, code: '2181441000000107' }], text: 'Social care package' }],
            title: 'Residential care package: Oakview Care Home',
            activity: [
              {
                detail: {
                  kind: 'ServiceRequest',
                  code: { text: 'Long-term residential care' },
                  status: 'in-progress',
                  scheduledString: '24-hour residential care, long term',
                  location: { reference: 'Location/oak', display: 'Oakview Care Home' },
                  performer: [{ reference: 'Organization/oak' }],
                  description: 'Residential care at Oakview Care Home (01632 960700).',
                },
              },
              {
                detail: {
                  status: 'scheduled',
                  code: { text: 'Annual review' },
                  scheduledPeriod: { start: '2027-01-10', end: '2027-01-31' },
                },
              },
              { detail: { status: 'entered-in-error', description: 'Wrong patient' } },
              { reference: { display: 'Referral to occupational therapy' } },
              { detail: { status: 'in-progress' } },
            ],
          }),
          raw({ resourceType: 'Organization', id: 'oak', name: 'Oakview Care Home' }),
        ]),
      ],
      context(),
    );
    expect(item?.activities).toEqual([
      {
        description: 'Residential care at Oakview Care Home (01632 960700).',
        service: 'Long-term residential care',
        status: 'in-progress',
        scheduled: '24-hour residential care, long term',
        performers: ['Oakview Care Home'],
        location: 'Oakview Care Home',
      },
      {
        description: 'Annual review',
        service: undefined,
        status: 'scheduled',
        scheduled: '10-Jan-2027 to 31-Jan-2027',
        performers: [],
        location: undefined,
      },
      {
        description: 'Referral to occupational therapy',
        service: undefined,
        status: undefined,
        scheduled: undefined,
        performers: [],
        location: undefined,
      },
    ]);
  });

  it('reads goals from included or contained Goals; leaves out cancelled ones', () => {
    const goal = (id: string, text: string, lifecycleStatus: Goal['lifecycleStatus'] = 'active'): Goal => ({
      resourceType: 'Goal',
      id,
      lifecycleStatus,
      description: { text },
      subject: SUBJECT,
    });
    const [item] = buildCarePlans(
      [
        input(GP, [
          plan({
            contained: [{ ...goal('g2', 'Pain controlled'), target: [{ dueDate: '2026-12-01' }] }],
            goal: [{ reference: 'Goal/g1' }, { reference: '#g2' }, { reference: 'Goal/g3' }, { display: 'Stay at Oakview' }],
          }),
          goal('g1', 'Comfortable and free of distress'),
          goal('g3', 'Walk to the garden', 'cancelled'),
        ]),
      ],
      context(),
    );
    expect(item?.goals).toEqual(['Comfortable and free of distress', 'Pain controlled (by 01-Dec-2026)', 'Stay at Oakview']);
  });

  it('keeps the narrative only when there is nothing structured to show, and reads a missing title as its category', () => {
    const items = buildCarePlans(
      [
        input(GP, [
          plan({
            id: 'bare',
            title: undefined,
            text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Comfort care</p></div>' },
          }),
          plan({ id: 'nothing', title: undefined, category: undefined, period: { start: '2020-01-01' } }),
        ]),
      ],
      context(),
    );
    expect(items.map((p) => [p.title, p.narrative])).toEqual([
      ['End of life care plan', '<div xmlns="http://www.w3.org/1999/xhtml"><p>Comfort care</p></div>'],
      ['Not Known', undefined],
    ]);
  });

  it('skips and reports plans that cannot be read', () => {
    const skipped: string[] = [];
    const items = buildCarePlans(
      [
        input(GP, [
          raw({ ...plan({ id: 'bad-category' }), category: 'End of life' }),
          raw({ ...plan({ id: 'bad-activity' }), activity: { detail: {} } }),
          raw({ ...plan({ id: 'bad-description' }), description: 42 }),
          plan(),
        ]),
      ],
      context(skipped),
    );
    expect(items.map((p) => p.provenance.resource)).toEqual(['CarePlan/cp1']);
    expect(skipped).toEqual(['gp:CarePlan/bad-category', 'gp:CarePlan/bad-activity', 'gp:CarePlan/bad-description']);
  });
});
