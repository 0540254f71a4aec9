import { describe, expect, it } from 'vitest';
import type {
  Appointment,
  CarePlan,
  Composition,
  DocumentReference,
  Encounter,
  EpisodeOfCare,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { assembleRecord } from './assemble';
import { RESOURCE_QUERIES, sectionResourceTypes } from './sections';
import { RecordAssembly } from './assemble-with';
import { buildDocuments } from './documents';
import { ACUTE, COMMUNITY, context, GP, input, MENTAL_HEALTH, NOW, raw, SOCIAL, SUBJECT } from './fixtures';
import type { QueryResult, SourceRef, TimelineEntry } from './model';
import { buildTimeline } from './timeline';
import { filterTimeline } from './timeline-filters';

const SCT = 'http://snomed.info/sct';
const ACT = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

function encounter(overrides: Partial<Encounter> = {}): Encounter {
  return {
    resourceType: 'Encounter',
    id: 'e1',
    status: 'finished',
    class: { system: ACT, code: 'EMER', display: 'emergency' },
    type: [{ coding: [{ system: SCT, code: '4525004', display: 'Emergency department patient visit' }] }],
    subject: SUBJECT,
    period: { start: '2026-06-03T21:40:00Z', end: '2026-06-04T01:50:00Z' },
    reasonCode: [{ text: 'Hypoglycaemia' }],
    participant: [{ individual: { reference: 'Practitioner/osei', display: 'OSEI, Kwame (Dr)' } }],
    location: [{ location: { reference: 'Location/ed', display: 'Emergency Department' }, status: 'completed' }],
    serviceProvider: { reference: 'Organization/acute', display: 'Weald General Hospital NHS Trust' },
    ...overrides,
  };
}

function appointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    resourceType: 'Appointment',
    id: 'a1',
    status: 'booked',
    serviceType: [{ text: 'Diabetes specialist nursing' }],
    description: 'Diabetes specialist nurse review',
    start: '2026-08-05T13:00:00Z',
    end: '2026-08-05T13:30:00Z',
    participant: [
      { actor: { ...SUBJECT, type: 'Patient', display: 'PATEL, Asha (Ms)' }, status: 'accepted' },
      {
        actor: { reference: 'PractitionerRole/rao', type: 'PractitionerRole', display: 'RAO, Anita, Diabetes specialist nurse' },
        status: 'accepted',
      },
      { actor: { reference: 'Location/clinic', type: 'Location', display: 'Diabetes Centre' }, status: 'accepted' },
    ],
    ...overrides,
  };
}

function referral(overrides: Partial<ServiceRequest> = {}): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: 's1',
    status: 'active',
    intent: 'order',
    subject: SUBJECT,
    code: { text: 'Cardiology' },
    reasonCode: [{ text: 'Palpitations' }],
    authoredOn: '2026-05-02',
    requester: { display: 'AHMED, Sarah (Dr)' },
    performer: [{ display: 'Cardiology, Weald General Hospital' }],
    ...overrides,
  };
}

function letter(overrides: Partial<DocumentReference> = {}): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id: 'd1',
    status: 'current',
    docStatus: 'final',
    type: { coding: [{ system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' }] },
    subject: SUBJECT,
    date: '2026-06-04T02:10:00Z',
    author: [{ display: 'OSEI, Kwame (Dr)' }],
    custodian: { display: 'Weald General Hospital NHS Trust' },
    description: 'Emergency department discharge letter',
    content: [{ attachment: { contentType: 'text/html', data: btoa('<p>Letter</p>') } }],
    ...overrides,
  };
}

function episode(overrides: Partial<EpisodeOfCare> = {}): EpisodeOfCare {
  return {
    resourceType: 'EpisodeOfCare',
    id: 'ep1',
    status: 'active',
    type: [{ text: "Children's social care: child protection" }],
    patient: SUBJECT,
    managingOrganization: { display: 'County Council Social Care' },
    period: { start: '2026-02-10' },
    careManager: { display: 'REID, Joanne' },
    ...overrides,
  };
}

function carePlan(overrides: Partial<CarePlan> = {}): CarePlan {
  return {
    resourceType: 'CarePlan',
    id: 'cp1',
    status: 'active',
    intent: 'plan',
    category: [{ coding: [{ system: SCT, code: '2181441000000107' }], text: 'Social care package' }],
    title: 'Residential care package: Oakview Care Home',
    subject: SUBJECT,
    period: { start: '2025-05-15' },
    author: { display: 'KHAN, Priya' },
    activity: [{ detail: { status: 'in-progress', location: { display: 'Oakview Care Home' } } }],
    ...overrides,
  };
}

const keys = (entries: TimelineEntry[]) => entries.map((e) => e.key);

describe('buildTimeline', () => {
  it('builds an A&E attendance with where, who, status and provenance', () => {
    const [entry] = buildTimeline([input(ACUTE, [encounter()])], context());
    expect(entry).toEqual({
      key: 'acute:Encounter/e1',
      kind: 'ae',
      title: 'Hypoglycaemia',
      description: 'Emergency department patient visit',
      date: '2026-06-03T21:40:00Z',
      end: '2026-06-04T01:50:00Z',
      where: 'Emergency Department',
      who: 'OSEI, Kwame (Dr)',
      status: 'Finished',
      state: 'completed',
      upcoming: false,
      provenance: {
        source: ACUTE,
        resource: 'Encounter/e1',
        recorded: '2026-06-03T21:40:00Z',
        lastUpdated: undefined,
        author: 'OSEI, Kwame (Dr)',
      },
    });
  });

  it('tells admissions, outpatients, home visits and remote consultations apart, by class or else by type', () => {
    const entries = buildTimeline(
      [
        input(ACUTE, [
          encounter({
            id: 'imp',
            class: { code: 'IMP' },
            period: { start: '2026-03-01', end: '2026-03-09' },
            reasonCode: undefined,
            type: [{ text: 'Hospital admission' }],
          }),
          encounter({ id: 'amb', class: { code: 'AMB' }, period: { start: '2026-02-01' } }),
          encounter({ id: 'hh', class: { code: 'HH' }, period: { start: '2026-01-01' } }),
          encounter({ id: 'vr', class: { code: 'VR' }, period: { start: '2025-12-01' } }),
          encounter({
            id: 'typed',
            class: { code: 'XYZ' },
            type: [{ coding: [{ system: SCT, code: '439708006' }] }],
            period: { start: '2025-11-01' },
          }),
          encounter({ id: 'other', class: { code: 'FLD' }, type: undefined, reasonCode: undefined, period: { start: '2025-10-01' } }),
        ]),
      ],
      context(),
    );
    expect(entries.map((e) => [e.key, e.kind, e.title, e.status])).toEqual([
      ['acute:Encounter/imp', 'admission', 'Hospital admission', 'Discharged'],
      ['acute:Encounter/amb', 'outpatient', 'Hypoglycaemia', 'Finished'],
      ['acute:Encounter/hh', 'home-visit', 'Hypoglycaemia', 'Finished'],
      ['acute:Encounter/vr', 'remote', 'Hypoglycaemia', 'Finished'],
      ['acute:Encounter/typed', 'home-visit', 'Hypoglycaemia', 'Finished'],
      ['acute:Encounter/other', 'contact', 'Other contact', 'Finished'],
    ]);
  });

  it('shows a current admission at its ward and bed, and an A&E attendance in progress', () => {
    const ward = { reference: 'Location/w7', display: 'Ward 7 (Elderly Care)' };
    const bed = { reference: 'Location/b12', display: 'Bed 12' };
    const entries = buildTimeline(
      [
        input(ACUTE, [
          encounter({
            id: 'now',
            class: { code: 'IMP' },
            status: 'in-progress',
            period: { start: '2026-07-13T16:00:00Z' },
            location: [
              { location: { reference: 'Location/ed', display: 'Emergency Department' }, status: 'completed' },
              { location: ward, status: 'active' },
              { location: bed, status: 'active' },
            ],
          }),
          encounter({ id: 'ae-now', status: 'in-progress', period: { start: '2026-07-13T14:00:00Z' } }),
        ]),
      ],
      context(),
    );
    expect(entries.map((e) => [e.key, e.status, e.state, e.where, e.end, e.upcoming])).toEqual([
      ['acute:Encounter/now', 'Currently admitted', 'in-progress', 'Ward 7 (Elderly Care), Bed 12', undefined, false],
      ['acute:Encounter/ae-now', 'In progress', 'in-progress', 'Emergency Department', undefined, false],
    ]);
  });

  it('keeps future appointments apart as upcoming, soonest first, and cancelled or missed ones as such', () => {
    const entries = buildTimeline(
      [
        input(COMMUNITY, [
          appointment({ id: 'later', start: '2026-09-01T09:00:00Z' }),
          appointment({ id: 'next' }),
          appointment({
            id: 'cancelled',
            status: 'cancelled',
            start: '2026-08-20T09:00:00Z',
            cancelationReason: { text: 'Patient request' },
          }),
          appointment({ id: 'dna', status: 'noshow', start: '2026-07-01T13:00:00Z' }),
          appointment({ id: 'went', status: 'fulfilled', start: '2026-06-10T13:00:00Z' }),
        ]),
      ],
      context(),
    );
    expect(entries.map((e) => [e.key, e.upcoming, e.status, e.state])).toEqual([
      ['community:Appointment/next', true, 'Booked', 'planned'],
      ['community:Appointment/cancelled', true, 'Cancelled: Patient request', 'cancelled'],
      ['community:Appointment/later', true, 'Booked', 'planned'],
      ['community:Appointment/dna', false, 'Did not attend', 'did-not-attend'],
      ['community:Appointment/went', false, 'Attended', 'completed'],
    ]);
    expect(entries[0]).toMatchObject({
      kind: 'appointment',
      title: 'Diabetes specialist nurse review',
      description: 'Diabetes specialist nursing',
      where: 'Diabetes Centre',
      who: 'RAO, Anita, Diabetes specialist nurse',
    });
  });

  it('reads referrals with their status, leaving out test and imaging orders', () => {
    const entries = buildTimeline(
      [
        input(GP, [
          referral(),
          referral({ id: 'revoked', status: 'revoked', authoredOn: '2026-04-01' }),
          referral({ id: 'lab', category: [{ coding: [{ system: SCT, code: '108252007' }] }] }),
        ]),
      ],
      context(),
    );
    expect(entries.map((e) => [e.key, e.kind, e.title, e.description, e.who, e.where, e.status])).toEqual([
      [
        'gp:ServiceRequest/s1',
        'referral',
        'Referral: Cardiology',
        'Palpitations',
        'AHMED, Sarah (Dr)',
        'Cardiology, Weald General Hospital',
        'Active',
      ],
      [
        'gp:ServiceRequest/revoked',
        'referral',
        'Referral: Cardiology',
        'Palpitations',
        'AHMED, Sarah (Dr)',
        'Cardiology, Weald General Hospital',
        'Cancelled',
      ],
    ]);
  });

  it('lists documents and letters, DocumentReference and Composition alike, under the document key', () => {
    const composition: Composition = {
      resourceType: 'Composition',
      id: 'c1',
      status: 'final',
      type: { text: 'Discharge summary' },
      subject: SUBJECT,
      date: '2026-04-20',
      author: [{ display: 'GRANT, Fiona (Dr)' }],
      title: 'Discharge summary: Ward 7',
    };
    const entries = buildTimeline([input(ACUTE, [letter(), composition])], context());
    expect(entries.map((e) => [e.key, e.kind, e.title, e.description, e.who, e.where, e.status])).toEqual([
      [
        'acute:DocumentReference/d1',
        'document',
        'Emergency department discharge letter',
        'Discharge summary',
        'OSEI, Kwame (Dr)',
        'Weald General Hospital NHS Trust',
        'Final',
      ],
      ['acute:Composition/c1', 'document', 'Discharge summary: Ward 7', 'Discharge summary', 'GRANT, Fiona (Dr)', undefined, 'Final'],
    ]);
    const docs = buildDocuments([input(ACUTE, [letter(), composition])], context());
    expect(docs.map((d) => d.key)).toEqual(keys(entries));
  });

  it('shows social care cases opening and social care plans starting; other care plans are not contacts', () => {
    const entries = buildTimeline(
      [
        input(SOCIAL, [
          episode(),
          episode({
            id: 'closed',
            status: 'finished',
            type: [{ text: 'Adult social care: long-term support' }],
            period: { start: '2020-01-01', end: '2021-01-01' },
          }),
          carePlan(),
          carePlan({ id: 'eol', category: [{ text: 'End of life care plan' }], title: 'End of life care plan' }),
        ]),
        input(GP, [
          episode({
            id: 'mh',
            type: [{ text: 'Community mental health team' }],
            managingOrganization: { display: 'North Downs Mental Health NHS Trust' },
          }),
        ]),
      ],
      context(),
    );
    expect(entries.map((e) => [e.key, e.kind, e.title, e.status, e.who, e.where])).toEqual([
      [
        'gp:EpisodeOfCare/mh',
        'episode',
        'Case opened: Community mental health team',
        'Open',
        'REID, Joanne',
        'North Downs Mental Health NHS Trust',
      ],
      [
        'social-care:EpisodeOfCare/ep1',
        'social-care',
        "Case opened: Children's social care: child protection",
        'Open',
        'REID, Joanne',
        'County Council Social Care',
      ],
      [
        'social-care:CarePlan/cp1',
        'social-care',
        'Started: Residential care package: Oakview Care Home',
        'Active',
        'KHAN, Priya',
        'Oakview Care Home',
      ],
      [
        'social-care:EpisodeOfCare/closed',
        'social-care',
        'Case opened: Adult social care: long-term support',
        'Closed',
        'REID, Joanne',
        'County Council Social Care',
      ],
    ]);
  });

  it('leaves out everything entered in error', () => {
    const eie = 'entered-in-error' as const;
    const entries = buildTimeline(
      [
        input(ACUTE, [
          encounter({ status: eie }),
          appointment({ status: eie }),
          referral({ status: eie }),
          letter({ status: eie }),
          letter({ id: 'd2', docStatus: eie }),
          episode({ status: eie }),
          carePlan({ status: eie }),
        ]),
      ],
      context(),
    );
    expect(entries).toEqual([]);
  });

  it('sorts partial dates at the start of their period, after precise dates sharing that start; undated last', () => {
    const at = (id: string, start: string | undefined) => encounter({ id, period: start === undefined ? undefined : { start } });
    const entries = buildTimeline(
      [
        input(GP, [at('y2003', '2003'), at('m200306', '2003-06'), at('d20030601', '2003-06-01'), at('d20030615', '2003-06-15')]),
        input(ACUTE, [at('t2003', '2003-01-01T09:00:00Z'), at('y2004', '2004'), at('none', undefined), at('text', 'last spring')]),
      ],
      context(),
    );
    expect(keys(entries)).toEqual([
      'acute:Encounter/y2004',
      'gp:Encounter/d20030615',
      'gp:Encounter/d20030601',
      'gp:Encounter/m200306',
      'acute:Encounter/t2003',
      'gp:Encounter/y2003',
      'acute:Encounter/none',
      'acute:Encounter/text',
    ]);
    expect(entries.every((e) => !e.upcoming)).toBe(true);
  });

  it('counts a future partial date as upcoming only when its period starts after now', () => {
    const entries = buildTimeline(
      [input(GP, [appointment({ id: 'this-year', start: '2026' }), appointment({ id: 'next-year', start: '2027' })])],
      context(),
    );
    expect(entries.map((e) => [e.key, e.upcoming])).toEqual([
      ['gp:Appointment/next-year', true],
      ['gp:Appointment/this-year', false],
    ]);
  });

  it('skips and reports resources that cannot be read, keeping the rest', () => {
    const skipped: string[] = [];
    const entries = buildTimeline(
      [
        input(ACUTE, [
          raw({ ...encounter({ id: 'broken' }), reasonCode: 'fall' }),
          raw({ ...appointment({ id: 'bad' }), participant: 'me' }),
          encounter(),
        ]),
      ],
      context(skipped),
    );
    expect(keys(entries)).toEqual(['acute:Encounter/e1']);
    expect(skipped).toEqual(['acute:Encounter/broken', 'acute:Appointment/bad']);
  });
});

describe('timeline in the assembled record', () => {
  const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
  const patient = { resourceType: 'Patient', id: 'p1', identifier: [{ system: NHS, value: '9990000042' }], birthDate: '1961-03-02' };
  const loaded = (source: SourceRef, resourceType: string, resources: unknown[], truncated = false): QueryResult => ({
    source,
    resourceType,
    outcome: { kind: 'loaded', resources: resources as Resource[], truncated, warnings: [], ...(truncated ? { total: 900 } : {}) },
  });
  const types = [
    'Encounter',
    'Appointment',
    'ServiceRequest',
    'DocumentReference',
    'Composition',
    'EpisodeOfCare',
    'CarePlan',
    'Procedure',
  ];
  const allLoaded = (source: SourceRef, extra: Partial<Record<string, unknown[]>>, truncated: string[] = []) =>
    types.map((t) => loaded(source, t, extra[t] ?? [], truncated.includes(t)));

  it('keeps appointments naming the patient, drops others, counts malformed, and says when paging stopped', () => {
    const stranger = appointment({ id: 'stranger', participant: [{ actor: { reference: 'Patient/other' }, status: 'accepted' }] });
    const malformed = { resourceType: 'Encounter', id: 'bad', status: 'finished', subject: SUBJECT, class: 'EMER' };
    const record = assembleRecord(
      [ACUTE],
      [
        loaded(ACUTE, 'Patient', [patient]),
        ...allLoaded(ACUTE, { Appointment: [appointment(), stranger], Encounter: [encounter(), malformed] }, ['Encounter']),
      ],
      NOW,
    );
    expect(keys(record.timeline.items)).toEqual(['acute:Appointment/a1', 'acute:Encounter/e1']);
    expect(record.timeline.progress).toEqual({ acute: 'loaded' });
    expect(record.timeline.notices.map((n) => n.text)).toEqual([
      'Weald General Hospital NHS Trust: showing 2 of 900 contacts; the oldest were not loaded.',
      'Weald General Hospital NHS Trust: 1 record not linked to this patient was left out.',
      'Weald General Hospital NHS Trust: 1 record could not be read and is not shown.',
    ]);
  });

  it('asks for contacts and documents in big pages, newest first where truncation would bite', () => {
    expect(sectionResourceTypes('timeline')).toEqual(types);
    expect(sectionResourceTypes('documents')).toEqual(['DocumentReference', 'Composition']);
    const query = (type: string) => RESOURCE_QUERIES.find((q) => q.resourceType === type)?.query;
    expect(query('Encounter')).toBe('Encounter?patient={patient}&_sort=-date&_count=500');
    expect(query('DocumentReference')).toBe('DocumentReference?patient={patient}&_sort=-date&_count=500');
    expect(query('Appointment')).toBe('Appointment?patient={patient}&_count=500');
  });

  it('is not rebuilt when an answer for another section arrives (same objects), but is when its own does or time moves on', () => {
    const base = [loaded(ACUTE, 'Patient', [patient]), ...allLoaded(ACUTE, { Encounter: [encounter()] })];
    // One patient's record, assembled answer by answer, as the loader does.
    const assembly = new RecordAssembly();
    const first = assembleRecord([ACUTE], base, NOW, assembly);
    const other = assembleRecord([ACUTE], [...base, loaded(ACUTE, 'AllergyIntolerance', [])], NOW, assembly);
    expect(other.timeline.items).toBe(first.timeline.items);
    expect(other.timeline.progress).toBe(first.timeline.progress);
    expect(other.documents.items).toBe(first.documents.items);
    const own = assembleRecord([ACUTE], [...base, loaded(ACUTE, 'Appointment', [appointment()])], NOW, assembly);
    expect(keys(own.timeline.items)).toEqual(['acute:Appointment/a1', 'acute:Encounter/e1']);
    expect(own.documents.items).toBe(first.documents.items);
    const later = assembleRecord(
      [ACUTE],
      [...base, loaded(ACUTE, 'Appointment', [appointment()])],
      new Date(NOW.getTime() + 120_000),
      assembly,
    );
    expect(later.timeline.items).not.toBe(own.timeline.items);
    expect(later.timeline.items).toEqual(own.timeline.items);
    // Another assembly (another patient, or after the lock) remembers nothing of this one.
    expect(assembleRecord([ACUTE], base, NOW, new RecordAssembly()).timeline.items).not.toBe(first.timeline.items);
  });

  it('is loading until every contact query has answered', () => {
    const record = assembleRecord([ACUTE], [loaded(ACUTE, 'Patient', [patient]), loaded(ACUTE, 'Encounter', [encounter()])], NOW);
    expect(record.timeline.progress).toEqual({ acute: 'loading' });
    expect(keys(record.timeline.items)).toEqual(['acute:Encounter/e1']);
  });
});

describe('at the size of a long record (BENNETT: ~3,000 contacts, 400 documents)', () => {
  /** Deterministic pseudo-random record spread over 50 years across five sources. */
  function longRecord() {
    const sources: SourceRef[] = [GP, ACUTE, COMMUNITY, SOCIAL, MENTAL_HEALTH];
    const plan = [1300, 900, 500, 180, 120];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const classes = ['AMB', 'EMER', 'IMP', 'HH', 'VR'];
    return sources.map((source, s) => {
      const resources: Resource[] = [];
      for (let i = 0; i < (plan[s] ?? 0); i++) {
        const start = new Date(NOW.getTime() - Math.floor(random() * 50 * 365) * 86_400_000).toISOString();
        resources.push(encounter({ id: `e${i}`, class: { code: classes[i % classes.length] }, period: { start, end: start } }));
        if (i % 7 === 0)
          resources.push(
            letter({ id: `d${i}`, date: start, content: [{ attachment: { contentType: 'text/html', data: btoa(`<p>Letter ${i}</p>`) } }] }),
          );
        if (i % 50 === 0) resources.push(appointment({ id: `a${i}`, start }));
      }
      return input(source, resources);
    });
  }

  it('builds the timeline and documents (time printed, not asserted)', () => {
    const inputs = longRecord();
    const count = (type: string) => inputs.reduce((n, i) => n + i.resources.filter((r) => r.resourceType === type).length, 0);
    /** Median of several runs, after a warm-up: the machine is shared, single runs are noisy. */
    const median = (run: () => void, runs = 15): number => {
      run();
      const times = Array.from({ length: runs }, () => {
        const t = performance.now();
        run();
        return performance.now() - t;
      }).sort((a, b) => a - b);
      return times[Math.floor(runs / 2)] as number;
    };
    let entries: TimelineEntry[] = [];
    const timeline = median(() => (entries = buildTimeline(inputs, context())));
    const documents = median(() => buildDocuments(inputs, context()));
    const t = performance.now();
    const filtered = filterTimeline(entries, { sources: [], kinds: [], from: '2000-01-01', to: '2010-12-31' });
    const filtering = performance.now() - t;
    console.log(
      `BENNETT-size: ${count('Encounter')} encounters, ${count('DocumentReference')} documents, ${count('Appointment')} appointments → ` +
        `${entries.length} entries; buildTimeline ${timeline.toFixed(1)} ms, buildDocuments ${documents.toFixed(1)} ms (medians), ` +
        `first date filter ${filtering.toFixed(1)} ms (${filtered.length} matching)`,
    );
    expect(entries).toHaveLength(count('Encounter') + count('DocumentReference') + count('Appointment'));
  });

  it('assembles the record as answers stream in (time printed, not asserted)', () => {
    const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
    const patient = {
      resourceType: 'Patient',
      id: 'p1',
      identifier: [{ system: NHS, value: '9990000085' }],
      birthDate: '1950-06-21',
    } as Resource;
    const inputs = longRecord();
    const types = [
      'Encounter',
      'Appointment',
      'ServiceRequest',
      'DocumentReference',
      'Composition',
      'EpisodeOfCare',
      'CarePlan',
      'Procedure',
    ];
    const results: QueryResult[] = inputs.flatMap(({ source, resources }) => [
      { source, resourceType: 'Patient', outcome: { kind: 'loaded', resources: [patient], truncated: false, warnings: [] } },
      ...types.map((resourceType): QueryResult => ({
        source,
        resourceType,
        outcome: { kind: 'loaded', resources: resources.filter((r) => r.resourceType === resourceType), truncated: false, warnings: [] },
      })),
    ]);
    const sources = inputs.map((i) => i.source);
    const t = performance.now();
    let record = assembleRecord(sources, [], NOW);
    for (let i = 1; i <= results.length; i++) record = assembleRecord(sources, results.slice(0, i), NOW);
    const total = performance.now() - t;
    console.log(
      `BENNETT-size: ${results.length} answers, record rebuilt after each: ${total.toFixed(0)} ms in all (${(total / results.length).toFixed(1)} ms per answer)`,
    );
    expect(record.timeline.items.length).toBeGreaterThan(3000);
  });
});
