import { describe, expect, it } from 'vitest';
import type { CarePlan, Encounter, Location, Patient } from '@medplum/fhirtypes';
import type { BuildContext } from './build';
import { buildLocation, describeLocation, whereNow } from './location';
import { ACUTE, GP, input, problem, raw, SOCIAL, SUBJECT } from './fixtures';
import type { LocationItem, SourceProgress } from './model';

const NOW = new Date('2026-11-22T14:02:00Z');
const PHYSICAL = 'http://terminology.hl7.org/CodeSystem/location-physical-type';
const physical = (code: string) => ({ coding: [{ system: PHYSICAL, code }] });

function ctx(skipped: string[] = []): BuildContext {
  return { now: NOW, onSkip: (source, resource) => skipped.push(`${source.name}:${resource.resourceType}/${resource.id}`) };
}

const ward: Location = { resourceType: 'Location', id: 'w7', name: 'Ward 7 (Elderly Care)', physicalType: physical('wa') };
const bed: Location = {
  resourceType: 'Location',
  id: 'w7b12',
  name: 'Bed 12',
  physicalType: physical('bd'),
  partOf: { reference: 'Location/w7' },
};
const ae: Location = {
  resourceType: 'Location',
  id: 'ed',
  name: 'Emergency Department (A&E)',
  physicalType: physical('wi'),
  type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'ER' }] }],
};

function admission(overrides: Partial<Encounter> = {}): Encounter {
  return {
    resourceType: 'Encounter',
    id: 'adm',
    status: 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
    subject: SUBJECT,
    period: { start: '2026-11-20T13:20:00Z' },
    location: [
      { location: { reference: 'Location/w7', display: 'Ward 7 (Elderly Care)' }, status: 'active', physicalType: physical('wa') },
      { location: { reference: 'Location/w7b12', display: 'Bed 12' }, status: 'active', physicalType: physical('bd') },
    ],
    serviceProvider: { display: 'Weald General Hospital NHS Trust' },
    ...overrides,
  };
}

const patient = (address: Patient['address']): Patient => ({ resourceType: 'Patient', id: 'p1', address });

function carePackage(overrides: Partial<CarePlan> = {}): CarePlan {
  return {
    resourceType: 'CarePlan',
    id: 'package',
    status: 'active',
    intent: 'plan',
    subject: SUBJECT,
    category: [{ coding: [{ system: 'http://snomed.info/sct', code: '2181441000000107' }], text: 'Social care package' }],
    title: 'Residential care package: Oakview Care Home',
    period: { start: '2025-09-22' },
    activity: [
      {
        detail: {
          kind: 'ServiceRequest',
          code: { text: 'Long-term residential care' },
          status: 'in-progress',
          location: { reference: 'Location/oak', display: 'Oakview Care Home' },
          performer: [{ reference: 'Organization/oak-org', display: 'Oakview Care Home' }],
        },
      },
    ],
    ...overrides,
  };
}

const oakviewOrg = raw({
  resourceType: 'Organization',
  id: 'oak-org',
  name: 'Oakview Care Home',
  telecom: [{ system: 'phone', value: '01632 960700' }],
  address: [{ use: 'work', line: ['Oakview Care Home', '12 Station Road'], city: 'Wealdham', postalCode: 'TN12 7QZ' }],
});

describe('buildLocation', () => {
  it('reads an admission in progress: ward, bed, since when, hospital', () => {
    const items = buildLocation([input(ACUTE, [admission(), ward, bed])], ctx());
    expect(items).toEqual([
      {
        kind: 'inpatient',
        place: 'Ward 7 (Elderly Care)',
        bed: 'Bed 12',
        organisation: 'Weald General Hospital NHS Trust',
        since: '2026-11-20T13:20:00Z',
        basis: 'Hospital admission in progress',
        restricted: false,
        provenance: {
          source: ACUTE,
          resource: 'Encounter/adm',
          recorded: '2026-11-20T13:20:00Z',
          lastUpdated: undefined,
          author: undefined,
        },
      },
    ]);
    expect(describeLocation(items[0]!)).toBe('Inpatient, Ward 7 (Elderly Care), bed 12, since 20-Nov-2026');
  });

  it("finds the ward of a bed sent alone through the bed's partOf", () => {
    const onlyBed = admission({ location: [{ location: { reference: 'Location/w7b12' } }] });
    const [item] = buildLocation([input(ACUTE, [onlyBed, ward, bed])], ctx());
    expect(describeLocation(item!)).toBe('Inpatient, Ward 7 (Elderly Care), bed 12, since 20-Nov-2026');
  });

  it('says Not Known for what the hospital did not send, never a guess', () => {
    const bare = admission({ location: undefined, period: undefined, serviceProvider: undefined });
    const [item] = buildLocation([input(ACUTE, [bare])], ctx());
    expect(item?.organisation).toBe('Weald General Hospital NHS Trust');
    expect(describeLocation(item!)).toBe('Inpatient, ward Not Known, bed Not Known, since Not Known');
    const partial = buildLocation(
      [
        input(ACUTE, [
          admission({ period: { start: '2026-11' }, location: [{ location: { display: 'Side room 3' }, physicalType: physical('bd') }] }),
        ]),
      ],
      ctx(),
    );
    expect(describeLocation(partial[0]!)).toBe('Inpatient, ward Not Known, Side room 3, since Nov-2026');
  });

  it('reads an A&E attendance in progress with the time', () => {
    const attendance = admission({
      id: 'ae',
      class: { code: 'EMER' },
      period: { start: '2026-11-22T09:40:00Z' },
      location: [{ location: { reference: 'Location/ed' }, status: 'active' }],
    });
    const [item] = buildLocation([input(ACUTE, [attendance, ae])], ctx());
    expect(item?.kind).toBe('emergency');
    expect(describeLocation(item!)).toBe('In A&E, Emergency Department (A&E), since 22-Nov-2026 09:40');
  });

  it('leaves out finished, cancelled, entered-in-error, ended, future and outpatient encounters, and past places', () => {
    const items = buildLocation(
      [
        input(ACUTE, [
          admission({ id: 'finished', status: 'finished', period: { start: '2026-08-01', end: '2026-08-07' } }),
          admission({ id: 'error', status: 'entered-in-error' }),
          admission({ id: 'ended', period: { start: '2026-11-01', end: '2026-11-02' } }),
          admission({ id: 'future', status: 'in-progress', period: { start: '2026-12-01' } }),
          admission({ id: 'clinic', class: { code: 'AMB' } }),
          admission({ id: 'moved', location: [{ location: { display: 'Ward 3' }, status: 'completed', physicalType: physical('wa') }] }),
        ]),
      ],
      ctx(),
    );
    expect(items.map((i) => [i.provenance.resource, i.place])).toEqual([['Encounter/moved', undefined]]);
  });

  it('puts stays first (newest first), then a care home from an active residential care package', () => {
    const items = buildLocation(
      [
        input(GP, [patient([{ use: 'home', line: ['Oakview Care Home', '12 Station Road'], city: 'Wealdham', postalCode: 'TN12 7QZ' }])]),
        input(ACUTE, [admission(), ward, bed]),
        input(SOCIAL, [carePackage(), oakviewOrg, carePackage({ id: 'old', status: 'completed' })]),
      ],
      ctx(),
    );
    expect(items.map((i) => i.kind)).toEqual(['inpatient', 'care-home']);
    expect(items[1]).toMatchObject({
      place: 'Oakview Care Home',
      organisation: 'Oakview Care Home',
      address: ['Oakview Care Home', '12 Station Road', 'Wealdham', 'TN12 7QZ'],
      phone: '01632 960700',
      basis: 'Residential care package: Oakview Care Home',
      since: '2025-09-22',
    });
    expect(describeLocation(items[1]!)).toBe('In a care home, Oakview Care Home');
  });

  it("takes a care home's address from a patient address naming the home when the package has none", () => {
    const items = buildLocation(
      [
        input(SOCIAL, [carePackage(), patient([{ line: ['Oakview Care Home', '12 Station Road'], city: 'Wealdham' }])]),
        input(GP, [patient([{ line: ['4 Station Road'] }])]),
      ],
      ctx(),
    );
    expect(items.map((i) => [i.kind, i.address])).toEqual([['care-home', ['Oakview Care Home', '12 Station Road', 'Wealdham']]]);
  });

  it("without a care package, the first source's address; a home care package is not a care home", () => {
    const homeCare = carePackage({
      id: 'home-care',
      title: 'Home care package',
      activity: [{ detail: { status: 'in-progress', code: { text: 'Domiciliary care, 4 visits a day' } } }],
    });
    const items = buildLocation(
      [
        input(GP, [
          patient([
            { use: 'old', line: ['1 Old Road'] },
            { use: 'home', line: ['4 Station Road'], city: 'Ashford', postalCode: 'TN23 1PP' },
          ]),
        ]),
        input(ACUTE, [patient([{ line: ['Elsewhere'] }])]),
        input(SOCIAL, [homeCare]),
      ],
      ctx(),
    );
    expect(items).toEqual([
      {
        kind: 'home',
        address: ['4 Station Road', 'Ashford', 'TN23 1PP'],
        basis: 'Address held by Riverside Medical Practice',
        restricted: false,
        provenance: { source: GP, resource: 'Patient/p1', recorded: undefined, lastUpdated: undefined, author: undefined },
      },
    ]);
    expect(describeLocation(items[0]!)).toBe('Address 4 Station Road, Ashford, TN23 1PP');
    expect(buildLocation([input(GP, [patient(undefined)])], ctx())).toEqual([]);
  });

  it('skips and reports encounters that cannot be read', () => {
    const skipped: string[] = [];
    const items = buildLocation(
      [
        input(ACUTE, [
          raw({ ...admission({ id: 'bad' }), location: { location: {} } }),
          raw({ ...admission({ id: 'bad-class' }), class: { code: 5 } }),
          admission(),
        ]),
      ],
      ctx(skipped),
    );
    expect(items.map((i) => i.provenance.resource)).toEqual(['Encounter/adm']);
    expect(skipped).toEqual(['acute:Encounter/bad', 'acute:Encounter/bad-class']);
  });
});

describe('whereNow', () => {
  const all = (p: SourceProgress) => ({ gp: p, acute: p });
  const stay = buildLocation([input(ACUTE, [admission(), ward, bed])], ctx())[0] as LocationItem;
  const home = buildLocation([input(GP, [patient([{ line: ['4 Station Road'] }])])], ctx())[0] as LocationItem;

  it('a stay in progress wins, even while other sources load or fail', () => {
    expect(whereNow({ items: [stay, home], progress: { gp: 'loading', acute: 'loaded' } })).toEqual({
      kind: 'stay',
      stay,
      others: [],
      lives: home,
    });
    expect(whereNow({ items: [stay], progress: { gp: problem(GP), acute: 'loaded' } }).kind).toBe('stay');
  });

  it('an address alone is never "at home": not known, no admission or care-home stay recorded', () => {
    expect(whereNow({ items: [home], progress: all('loaded') })).toEqual({ kind: 'not-known', reason: 'no-stay', lives: home });
  });

  it('a death recorded by any source is where the person is now, and stays still open are conflicts', () => {
    const deceased = { date: '2026-11-01', recordedBy: [{ source: GP, date: '2026-11-01' }], conflicts: [] };
    expect(whereNow({ items: [home], progress: all('loaded') }, deceased)).toEqual({ kind: 'died', deceased, others: [], lives: home });
    expect(whereNow({ items: [stay, home], progress: { gp: 'loading', acute: 'loaded' } }, deceased)).toEqual({
      kind: 'died',
      deceased,
      others: [stay],
      lives: home,
    });
  });

  it('a care home only when every source answered', () => {
    const careHome = { ...home, kind: 'care-home' as const, place: 'Oakview Care Home' };
    expect(whereNow({ items: [careHome], progress: all('loaded') })).toEqual({ kind: 'lives', lives: careHome });
    expect(whereNow({ items: [careHome], progress: { gp: 'loaded', acute: 'loading' } })).toEqual({
      kind: 'not-known',
      reason: 'loading',
      lives: careHome,
    });
    expect(whereNow({ items: [home], progress: { gp: 'loaded', acute: 'loading' } })).toEqual({
      kind: 'not-known',
      reason: 'loading',
      lives: home,
    });
    expect(whereNow({ items: [home], progress: { gp: 'loaded', acute: problem(ACUTE, 'timed-out') } })).toEqual({
      kind: 'not-known',
      reason: 'not-loaded',
      lives: home,
    });
    expect(whereNow({ items: [], progress: all('loaded') })).toEqual({ kind: 'not-known', reason: 'not-recorded' });
    expect(whereNow(undefined)).toEqual({ kind: 'not-known', reason: 'loading', lives: undefined });
  });

  it('a source left out for identity reasons does not make the answer unknown', () => {
    expect(whereNow({ items: [home], progress: { gp: 'loaded', acute: problem(ACUTE, 'identity-mismatch') } })).toMatchObject({
      kind: 'not-known',
      reason: 'no-stay',
    });
  });
});
