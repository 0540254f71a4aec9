import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  Bundle,
  BundleEntry,
  CapabilityStatement,
  Encounter,
  Observation,
  OperationOutcome,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM } from '../config';
import type { AccessGrant } from '../auth/grant';
import { startTestSandbox, type TestSandbox } from './testing';

const NHS_A = '9990000018';
const NHS_B = '9990000026';
const LOINC = 'http://loinc.org';
const HBA1C = '4548-4';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

let uuidCounter = 0;
/** A fresh lowercase urn:uuid for a bundle entry. */
function urn(): string {
  uuidCounter++;
  return `urn:uuid:00000000-0000-4000-8000-${uuidCounter.toString(16).padStart(12, '0')}`;
}

function entry(fullUrl: string, resource: Resource): BundleEntry {
  return { fullUrl, resource, request: { method: 'POST', url: resource.resourceType } };
}

function patient(nhsNumber: string | undefined, family: string, birthDate: string, local?: { system: string; value: string }): Patient {
  return {
    resourceType: 'Patient',
    identifier: [...(nhsNumber ? [{ system: NHS_NUMBER_SYSTEM, value: nhsNumber }] : []), ...(local ? [local] : [])],
    name: [{ family, given: ['Test'] }],
    birthDate,
  };
}

function observation(subject: string, code: string, date: string, category = 'laboratory', encounter?: string): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [{ coding: [{ system: CATEGORY, code: category }] }],
    code: { coding: [{ system: LOINC, code }] },
    subject: { reference: subject },
    ...(encounter ? { encounter: { reference: encounter } } : {}),
    effectiveDateTime: date,
    valueQuantity: { value: 50, unit: 'mmol/mol' },
  };
}

function encounter(subject: string, start: string): Encounter {
  return {
    resourceType: 'Encounter',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    subject: { reference: subject },
    period: { start },
  };
}

/** gp: patient A (5 HbA1c, 1 vital sign, 2 encounters, a condition), patient B (2 HbA1c). */
function gpBundle(): Bundle {
  const a = urn();
  const b = urn();
  const encA1 = urn();
  const encA2 = urn();
  const dates = ['2020-01-15', '2020-04-15', '2020-07-15', '2020-10-15', '2021-01-15'];
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      entry(a, patient(NHS_A, 'THOMPSON', '1938-03-02', { system: 'https://gp.example/Id/patient-number', value: 'GP-1' })),
      entry(b, patient(NHS_B, 'OKAFOR', '2019-05-05')),
      entry(encA1, encounter(a, '2020-01-15T09:00:00Z')),
      entry(encA2, encounter(a, '2020-07-15T09:00:00Z')),
      ...dates.map((d, i) => entry(urn(), observation(a, HBA1C, d, 'laboratory', i % 2 === 0 ? encA1 : encA2))),
      entry(urn(), observation(a, '8867-4', '2020-02-01', 'vital-signs')),
      entry(urn(), {
        resourceType: 'Condition',
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
        code: { coding: [{ system: 'http://snomed.info/sct', code: '46635009' }] },
        subject: { reference: a },
        meta: { lastUpdated: '2019-06-01T10:00:00.000Z' },
      }),
      entry(urn(), observation(b, HBA1C, '2020-03-01')),
      entry(urn(), observation(b, HBA1C, '2020-06-01')),
      entry(urn(), { resourceType: 'Practitioner', name: [{ family: 'AHMED', given: ['Sarah'] }] }),
    ],
  };
}

/** acute: patient A again (another id), and an unknown patient with no NHS number. */
function acuteBundle(): Bundle {
  const a = urn();
  const unknown = urn();
  return {
    resourceType: 'Bundle',
    type: 'batch',
    entry: [
      entry(a, patient(NHS_A, 'THOMPSON', '1938-03-02')),
      entry(
        unknown,
        patient(undefined, 'UNKNOWN', '1985-01-01', { system: 'https://acute.example/Id/hospital-number', value: 'ACU-7731' }),
      ),
      entry(urn(), observation(a, HBA1C, '2021-02-01')),
      entry(urn(), observation(unknown, '8867-4', '2024-01-01', 'vital-signs')),
    ],
  };
}

/** social-care: a Patient with A's NHS number but another date of birth (the identity-conflict scenario). */
function socialCareBundle(): Bundle {
  return { resourceType: 'Bundle', type: 'transaction', entry: [entry(urn(), patient(NHS_A, 'THOMPSON', '1954-01-01'))] };
}

let sandbox: TestSandbox;
const ids = { gpA: '', gpB: '', acuteA: '', acuteUnknown: '' };

function grant(patient: AccessGrant['patient'], scopes = ['launch', 'openid', 'patient/*.rs']): AccessGrant {
  return {
    clientId: 'care-record-viewer',
    scopes,
    patient,
    userId: 'sarah.ahmed',
    role: 'gp',
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
  };
}

async function get(url: string, token?: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return fetch(url, { ...init, headers });
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function search(url: string, token = 'a'): Promise<Bundle> {
  const response = await get(url, token);
  expect(response.status, await response.clone().text()).toBe(200);
  return json<Bundle>(response);
}

function resources<T extends Resource>(bundle: Bundle, mode = 'match'): T[] {
  return (bundle.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => e.resource as T);
}

beforeAll(async () => {
  sandbox = await startTestSandbox(['gp', 'acute', 'community', 'social-care']);
  const gp = await sandbox.source('gp').load(gpBundle());
  ids.gpA = gp.entry?.[0]?.response?.location?.split('/')[1] ?? '';
  ids.gpB = gp.entry?.[1]?.response?.location?.split('/')[1] ?? '';
  const acute = await sandbox.source('acute').load(acuteBundle());
  ids.acuteA = acute.entry?.[0]?.response?.location?.split('/')[1] ?? '';
  ids.acuteUnknown = acute.entry?.[1]?.response?.location?.split('/')[1] ?? '';
  await sandbox.source('social-care').load(socialCareBundle());

  sandbox.tokens.set('a', grant({ source: 'gp', id: ids.gpA, nhsNumber: NHS_A }));
  sandbox.tokens.set('b', grant({ source: 'gp', id: ids.gpB, nhsNumber: NHS_B }));
  sandbox.tokens.set('unknown', grant({ source: 'acute', id: ids.acuteUnknown }));
  sandbox.tokens.set('a-observations-only', grant({ source: 'gp', id: ids.gpA, nhsNumber: NHS_A }, ['patient/Observation.rs']));
  sandbox.tokens.set('a-v1', grant({ source: 'gp', id: ids.gpA, nhsNumber: NHS_A }, ['patient/*.read']));
  sandbox.tokens.set('a-user', grant({ source: 'gp', id: ids.gpA, nhsNumber: NHS_A }, ['user/*.rs']));
  sandbox.tokens.set('a-labs', grant({ source: 'gp', id: ids.gpA, nhsNumber: NHS_A }, ['patient/Observation.rs?category=laboratory']));
  sandbox.tokens.set('expired', { ...grant({ source: 'gp', id: ids.gpA, nhsNumber: NHS_A }), expiresAt: 1000 });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.faults.clear();
});

describe('public discovery', () => {
  it('serves a CapabilityStatement without a token', async () => {
    const response = await get(`${sandbox.base('gp')}/metadata`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    const cs = await json<CapabilityStatement>(response);
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(cs.format).toContain('json');
    const rest = cs.rest?.[0];
    const observation = rest?.resource?.find((r) => r.type === 'Observation');
    expect(observation?.interaction?.map((i) => i.code)).toEqual(['read', 'search-type']);
    expect(observation?.searchParam?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['patient', 'code', 'date', 'category', '_lastUpdated']),
    );
    expect(observation?.searchParam?.map((p) => p.name)).not.toContain('value-quantity');
    const oauth = rest?.security?.extension?.[0];
    expect(oauth?.url).toBe('http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris');
    expect(oauth?.extension).toEqual(
      expect.arrayContaining([
        { url: 'authorize', valueUri: `${sandbox.origin}/auth/authorize` },
        { url: 'token', valueUri: `${sandbox.origin}/auth/token` },
      ]),
    );
    expect(rest?.security?.service?.[0]?.coding?.[0]?.code).toBe('SMART-on-FHIR');
  });

  it('serves the SMART configuration without a token', async () => {
    const response = await get(`${sandbox.base('acute')}/.well-known/smart-configuration`);
    expect(response.status).toBe(200);
    expect((await json<Record<string, unknown>>(response)).token_endpoint).toBe(`${sandbox.origin}/auth/token`);
  });

  it('answers CORS preflights and reflects only loopback origins', async () => {
    const preflight = await fetch(`${sandbox.base('gp')}/Patient`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:5173',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const local = await get(`${sandbox.base('gp')}/metadata`, undefined, { headers: { Origin: 'http://localhost:4000' } });
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:4000');
    const foreign = await get(`${sandbox.base('gp')}/metadata`, undefined, { headers: { Origin: 'http://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('tokens and scopes', () => {
  it('refuses reads without a valid token with 401 and WWW-Authenticate', async () => {
    for (const token of [undefined, 'nonsense', 'expired']) {
      const response = await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await json<OperationOutcome>(response)).resourceType).toBe('OperationOutcome');
    }
  });

  it('refuses a type the scopes do not cover with 403', async () => {
    const patientRead = await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, 'a-observations-only');
    expect(patientRead.status).toBe(403);
    expect((await json<OperationOutcome>(patientRead)).issue?.[0]?.code).toBe('forbidden');
    await search(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}`, 'a-observations-only');
    const include = await get(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}&_include=Observation:encounter`, 'a-observations-only');
    expect(include.status).toBe(403);
  });

  it('accepts SMART v1 and user-level scopes', async () => {
    expect((await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, 'a-v1')).status).toBe(200);
    expect((await search(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}`, 'a-user')).total).toBe(6);
  });

  it('enforces granular v2 scopes by refusing, not filtering', async () => {
    const labs = await search(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}&category=laboratory`, 'a-labs');
    expect(labs.total).toBe(5);
    expect((await get(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}`, 'a-labs')).status).toBe(403);
  });
});

describe('the feed', () => {
  it('loads a transaction with urn:uuid references resolved, without a token', async () => {
    const pat = urn();
    const response = await fetch(sandbox.base('social-care'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          entry(pat, patient(NHS_B, 'OKAFOR', '2019-05-05')),
          entry(urn(), { resourceType: 'Flag', status: 'active', code: { text: 'Child protection plan' }, subject: { reference: pat } }),
        ],
      }),
    });
    expect(response.status).toBe(200);
    const result = await json<Bundle>(response);
    expect(result.type).toBe('transaction-response');
    expect(result.entry?.map((e) => e.response?.status)).toEqual(['201', '201']);
    const patientId = result.entry?.[0]?.response?.location?.split('/')[1];
    const flags = await search(`${sandbox.base('social-care')}/Flag?patient=${patientId}`, 'b');
    expect(resources(flags)[0]).toMatchObject({ subject: { reference: `Patient/${patientId}` } });
  });

  it('finds shared entries again by ifNoneExist across bundles', async () => {
    const nhs = '9990000042';
    const chunk = (): Bundle => {
      const pat = urn();
      return {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            fullUrl: pat,
            resource: patient(nhs, 'PATEL', '1961-01-01'),
            request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${NHS_NUMBER_SYSTEM}|${nhs}` },
          },
          entry(urn(), observation(pat, HBA1C, '2022-01-01')),
        ],
      };
    };
    const first = await sandbox.source('community').load(chunk());
    const second = await sandbox.source('community').load(chunk());
    expect(first.entry?.map((e) => e.response?.status)).toEqual(['201', '201']);
    expect(second.entry?.[0]?.response?.status).toBe('200');
    expect(second.entry?.[0]?.response?.location).toBe(first.entry?.[0]?.response?.location);
    const patients = await sandbox.source('community').findPatientsByNhsNumber('999 000 0042');
    expect(patients).toHaveLength(1);
    sandbox.tokens.set('patel', grant({ source: 'community', id: patients[0]?.id as string, nhsNumber: nhs }));
    expect((await search(`${sandbox.base('community')}/Observation?patient=${patients[0]?.id}`, 'patel')).total).toBe(2);
  });

  it('refuses bundles it cannot load faithfully', async () => {
    const post = (body: unknown) => fetch(sandbox.base('social-care'), { method: 'POST', body: JSON.stringify(body) });
    const dangling = await post({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [entry(urn(), observation(urn(), HBA1C, '2020-01-01'))],
    });
    expect(dangling.status).toBe(400);
    expect((await json<OperationOutcome>(dangling)).issue?.[0]?.diagnostics).toMatch(/References to no entry/);
    const read = await post({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ request: { method: 'GET', url: `Patient?identifier=${NHS_A}` } }],
    });
    expect(read.status).toBe(400);
    expect((await post({ resourceType: 'Patient' })).status).toBe(400);
    expect((await post({ resourceType: 'Bundle', type: 'collection', entry: [] })).status).toBe(400);
  });

  it('is read-only for everything else (405)', async () => {
    const put = await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, 'a', { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, OPTIONS');
    expect((await json<OperationOutcome>(put)).resourceType).toBe('OperationOutcome');
    expect((await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, 'a', { method: 'DELETE' })).status).toBe(405);
    expect((await get(`${sandbox.base('gp')}/Patient`, 'a', { method: 'POST', body: '{}' })).status).toBe(405);
  });

  it('keeps meta.lastUpdated as sent by the source', async () => {
    const conditions = await search(`${sandbox.base('gp')}/Condition?patient=${ids.gpA}&_lastUpdated=lt2020-01-01`);
    expect(resources(conditions)).toHaveLength(1);
    expect(resources(conditions)[0]?.meta?.lastUpdated).toBe('2019-06-01T10:00:00.000Z');
  });
});

describe('read and search', () => {
  it('reads by id, with absolute fullUrls in searches', async () => {
    const response = await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, 'a');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^W\//);
    expect((await json<Patient>(response)).id).toBe(ids.gpA);
    // Not found and another patient's answer alike; an unknown type is still 404.
    const missing = await get(`${sandbox.base('gp')}/Patient/does-not-exist`, 'a');
    const someoneElse = await get(`${sandbox.base('gp')}/Patient/${ids.gpB}`, 'a');
    expect([missing.status, someoneElse.status]).toEqual([403, 403]);
    expect(await json(missing)).toEqual(await json(someoneElse));
    expect((await get(`${sandbox.base('gp')}/Nonsense/1`, 'a')).status).toBe(404);
  });

  it('searches by identifier, patient, subject, code, date, category, status and _id', async () => {
    const base = sandbox.base('gp');
    const byNhs = await search(`${base}/Patient?identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${NHS_A}`)}`);
    expect(resources(byNhs).map((p) => p.id)).toEqual([ids.gpA]);
    expect(byNhs.entry?.[0]?.fullUrl).toBe(`${base}/Patient/${ids.gpA}`);
    // By its local number the patient is found only by running the search over everyone's: refused as not pinned.
    expect((await get(`${base}/Patient?identifier=GP-1`, 'a')).status).toBe(403);
    expect((await search(`${base}/Observation?patient=${ids.gpA}`)).total).toBe(6);
    expect((await search(`${base}/Observation?patient=Patient/${ids.gpA}`)).total).toBe(6);
    expect((await search(`${base}/Observation?subject=${ids.gpA}`)).total).toBe(6);
    expect((await search(`${base}/Observation?subject:Patient=${ids.gpA}`)).total).toBe(6);
    expect((await search(`${base}/Observation?subject=${encodeURIComponent(`${base}/Patient/${ids.gpA}`)}`)).total).toBe(6);
    expect((await search(`${base}/Observation?patient=${ids.gpA}&code=${encodeURIComponent(`${LOINC}|${HBA1C}`)}`)).total).toBe(5);
    expect((await search(`${base}/Observation?patient=${ids.gpA}&category=vital-signs`)).total).toBe(1);
    expect((await search(`${base}/Observation?patient=${ids.gpA}&date=ge2020-07-01&date=lt2021-01-01`)).total).toBe(2);
    expect((await search(`${base}/Observation?patient=${ids.gpA}&status=final,amended`)).total).toBe(6);
    expect((await search(`${base}/Condition?patient=${ids.gpA}&clinical-status=active`)).total).toBe(1);
    expect((await search(`${base}/Patient?_id=${ids.gpA}`)).total).toBe(1);
    expect((await search(`${base}/Practitioner?name=ahmed`)).total).toBe(1);
  });

  it('sorts and counts', async () => {
    const bundle = await search(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}&code=${HBA1C}&_sort=-date&_count=3`);
    expect(bundle.total).toBe(5);
    expect(resources<Observation>(bundle).map((o) => o.effectiveDateTime)).toEqual(['2021-01-15', '2020-10-15', '2020-07-15']);
    const ascending = await search(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}&_sort=date&_count=2`);
    expect(resources<Observation>(ascending).map((o) => o.effectiveDateTime)).toEqual(['2020-01-15', '2020-02-01']);
    const counted = await search(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}&_summary=count`);
    expect(counted.total).toBe(6);
    expect(counted.entry).toBeUndefined();
  });

  it('includes and reverse-includes', async () => {
    const base = sandbox.base('gp');
    const withEncounters = await search(`${base}/Observation?patient=${ids.gpA}&code=${HBA1C}&_include=Observation:encounter`);
    expect(resources(withEncounters)).toHaveLength(5);
    expect(resources(withEncounters, 'include').map((r) => r.resourceType)).toEqual(['Encounter', 'Encounter']);
    const withObservations = await search(`${base}/Encounter?patient=${ids.gpA}&_revinclude=Observation:encounter&_sort=date`);
    expect(resources(withObservations)).toHaveLength(2);
    expect(resources(withObservations, 'include')).toHaveLength(5);
    expect(withObservations.entry?.every((e) => e.fullUrl?.startsWith(`${base}/`))).toBe(true);
  });

  it('refuses parameters the engine would silently ignore', async () => {
    const base = sandbox.base('gp');
    for (const query of [
      'foo=bar',
      'value-quantity=50',
      'code:text=x',
      '_sort=nonsense',
      '_count=-1',
      '_include=Observation:nonsense',
      'date=yesterday',
      '_has:Observation:patient:code=1',
    ]) {
      const response = await get(`${base}/Observation?patient=${ids.gpA}&${query}`, 'a');
      expect(response.status, query).toBe(400);
      expect((await json<OperationOutcome>(response)).resourceType).toBe('OperationOutcome');
    }
  });

  it('searches by POST to _search with a form body', async () => {
    const response = await get(`${sandbox.base('gp')}/Observation/_search`, 'a', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ patient: ids.gpA, code: HBA1C, _count: '2' }),
    });
    expect(response.status).toBe(200);
    const bundle = await json<Bundle>(response);
    expect(bundle.total).toBe(5);
    expect(bundle.link?.find((l) => l.relation === 'next')?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir\/gp\/Observation\?/);
    expect((await get(`${sandbox.base('gp')}/Observation/_search`, undefined, { method: 'POST', body: '' })).status).toBe(401);
  });
});

describe('paging', () => {
  it('walks every match once through absolute next links', async () => {
    const first = await search(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}&_sort=-date&_count=2`);
    const all = await search(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}&_sort=-date&_count=1000`);
    const seen: string[] = [];
    let page: Bundle | undefined = first;
    let pages = 0;
    while (page) {
      pages++;
      expect(page.total).toBe(6);
      expect(page.link?.find((l) => l.relation === 'self')?.url).toMatch(new RegExp(`^${sandbox.base('gp')}/Observation\\?`));
      if (pages > 1) expect(page.link?.some((l) => l.relation === 'previous')).toBe(true);
      seen.push(...resources(page).map((r) => r.id as string));
      const next: string | undefined = page.link?.find((l) => l.relation === 'next')?.url;
      page = next ? await search(next) : undefined;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(resources(all).map((r) => r.id));
    expect(new Set(seen).size).toBe(6);
  });

  it('needs the token on next links too', async () => {
    const first = await search(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}&_count=2`);
    const next = first.link?.find((l) => l.relation === 'next')?.url as string;
    expect((await get(next)).status).toBe(401);
    expect((await get(next, 'b')).status).toBe(403);
  });
});

describe('patient compartment', () => {
  it("refuses another patient's data by id, by search and by identifier", async () => {
    const base = sandbox.base('gp');
    expect((await get(`${base}/Patient/${ids.gpB}`, 'a')).status).toBe(403);
    expect((await get(`${base}/Observation?patient=${ids.gpB}`, 'a')).status).toBe(403);
    expect((await get(`${base}/Patient?identifier=${NHS_NUMBER_SYSTEM}|${NHS_B}`, 'a')).status).toBe(403);
    // Not filtered silently: a search spanning both patients is refused as a whole.
    const mixed = await get(`${base}/Observation?code=${HBA1C}`, 'a');
    expect(mixed.status).toBe(403);
    expect((await json<OperationOutcome>(mixed)).issue?.[0]?.code).toBe('forbidden');
    // Resources about no patient are readable.
    expect((await search(`${base}/Practitioner`, 'a')).total).toBe(1);
  });

  it('follows the NHS number into another source', async () => {
    const base = sandbox.base('acute');
    const found = await search(`${base}/Patient?identifier=${NHS_NUMBER_SYSTEM}|${NHS_A}`);
    expect(resources(found).map((p) => p.id)).toEqual([ids.acuteA]);
    expect((await search(`${base}/Observation?patient=${ids.acuteA}`)).total).toBe(1);
    expect((await get(`${base}/Patient/${ids.acuteUnknown}`, 'a')).status).toBe(403);
  });

  it('returns a Patient matching by NHS number even when its date of birth differs', async () => {
    const found = await search(`${sandbox.base('social-care')}/Patient?identifier=${NHS_NUMBER_SYSTEM}|${NHS_A}`);
    expect(resources<Patient>(found).map((p) => p.birthDate)).toEqual(['1954-01-01']);
  });

  it('limits a grant without an NHS number to its own patient in its own source', async () => {
    expect((await get(`${sandbox.base('acute')}/Patient/${ids.acuteUnknown}`, 'unknown')).status).toBe(200);
    expect((await search(`${sandbox.base('acute')}/Observation?patient=${ids.acuteUnknown}`, 'unknown')).total).toBe(1);
    expect((await get(`${sandbox.base('acute')}/Patient/${ids.acuteA}`, 'unknown')).status).toBe(403);
    expect((await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, 'unknown')).status).toBe(403);
    expect((await get(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}`, 'unknown')).status).toBe(403);
  });

  it('reports what was released to whom', async () => {
    sandbox.releases.length = 0;
    await search(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}&code=${HBA1C}&_include=Observation:encounter`);
    await get(`${sandbox.base('gp')}/Patient/${ids.gpB}`, 'a'); // refused: nothing released
    expect(sandbox.releases).toHaveLength(1);
    expect(sandbox.releases[0]).toMatchObject({
      source: 'gp',
      userId: 'sarah.ahmed',
      clientId: 'care-record-viewer',
      patient: { source: 'gp', id: ids.gpA, nhsNumber: NHS_A },
      interaction: 'search',
      resourceTypes: { Observation: 5, Encounter: 2 },
      count: 7,
    });
  });
});

describe('faults', () => {
  it('adds latency', async () => {
    sandbox.faults.set({ gp: { latencyMs: 300 } });
    const started = performance.now();
    expect((await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, 'a')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('fails with 500 and an OperationOutcome, still answering discovery', async () => {
    sandbox.faults.set({ gp: { fail: 500 } });
    const response = await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, 'a', { headers: { Origin: 'http://127.0.0.1:5173' } });
    expect(response.status).toBe(500);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect((await json<OperationOutcome>(response)).issue?.[0]?.diagnostics).toBe('Injected fault');
    expect((await get(`${sandbox.base('gp')}/metadata`)).status).toBe(200);
    expect((await get(`${sandbox.base('acute')}/Patient/${ids.acuteA}`, 'a')).status).toBe(200);
  });

  it('never answers on timeout, until the client gives up', async () => {
    sandbox.faults.set({ gp: { fail: 'timeout' } });
    const started = performance.now();
    await expect(get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, 'a', { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('lets the server close while requests are held', async () => {
    const other = await startTestSandbox(['community']);
    other.faults.set({ community: { fail: 'timeout' } });
    other.tokens.set('t', grant(undefined));
    const pending = get(`${other.base('community')}/Patient`, 't').catch((err: unknown) => err);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await other.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('batch of reads and searches (with a token)', () => {
  type Entry = NonNullable<Bundle['entry']>[number];

  /** POSTs a batch of GETs; `null` sends no token. */
  async function batch(urls: string[], token: string | null = 'a', source: 'gp' | 'acute' = 'gp', type = 'batch'): Promise<Response> {
    return get(sandbox.base(source), token ?? undefined, {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Bundle', type, entry: urls.map((url) => ({ request: { method: 'GET', url } })) }),
    });
  }

  async function entries(urls: string[], token = 'a'): Promise<Entry[]> {
    const response = await batch(urls, token);
    expect(response.status, await response.clone().text()).toBe(200);
    const bundle = await json<Bundle>(response);
    expect(bundle.type).toBe('batch-response');
    expect(bundle.entry).toHaveLength(urls.length);
    return bundle.entry ?? [];
  }

  /** A body without what differs between two answers of the same request (a searchset's id and time). */
  const comparable = (body: unknown) => {
    const { id: _id, meta: _meta, ...rest } = body as Bundle;
    return (body as Resource).resourceType === 'Bundle' ? rest : body;
  };

  it('answers each entry in order with the status and body its GET gives, and the next link works as a plain GET', async () => {
    const base = sandbox.base('gp');
    const urls = [
      `Observation?patient=${ids.gpA}&_sort=-date&_count=2`,
      `Patient/${ids.gpA}`,
      `Observation?patient=${ids.gpB}`,
      `Observation?patient=${ids.gpA}&foo=bar`,
      'Nonsense?patient=1',
      'Patient/does-not-exist',
      `${base}/Condition?patient=${ids.gpA}`,
    ];
    const answered = await entries(urls);
    for (const [i, url] of urls.entries()) {
      const alone = await get(url.startsWith('http') ? url : `${base}/${url}`, 'a');
      const entry = answered[i]!;
      expect(entry.response?.status, url).toMatch(new RegExp(`^${alone.status} `));
      expect(comparable(entry.resource), url).toEqual(comparable(await alone.json()));
    }
    // A record that does not exist answers as another patient's does (403), so that no answer says who exists.
    expect(answered.map((e) => e.response?.status)).toEqual([
      '200 OK',
      '200 OK',
      '403 Forbidden',
      '400 Bad Request',
      '404 Not Found',
      '403 Forbidden',
      '200 OK',
    ]);
    expect(answered[1]?.response?.etag).toMatch(/^W\//);

    const first = answered[0]?.resource as Bundle;
    expect(resources<Observation>(first).map((o) => o.effectiveDateTime)).toEqual(['2021-01-15', '2020-10-15']);
    const next = first.link?.find((l) => l.relation === 'next')?.url ?? '';
    expect(next).toMatch(new RegExp(`^${base}/Observation\\?`));
    const second = await search(next);
    expect(resources<Observation>(second).map((o) => o.effectiveDateTime)).toEqual(['2020-07-15', '2020-04-15']);
  });

  it('audits each entry exactly as its GET would be', async () => {
    const urls = [
      `Observation?patient=${ids.gpA}&code=${HBA1C}&_include=Observation:encounter`,
      `Patient/${ids.gpA}`,
      `Patient/${ids.gpB}`,
    ];
    const withoutTime = (events: object[]) => events.map(({ at: _at, ...rest }: { at?: string }) => rest);
    sandbox.releases.length = 0;
    await entries(urls);
    const fromBatch = withoutTime(sandbox.releases);
    sandbox.releases.length = 0;
    for (const url of urls) await get(`${sandbox.base('gp')}/${url}`, 'a');
    expect(fromBatch).toEqual(withoutTime(sandbox.releases));
    expect(fromBatch.map((e) => (e as { request: string }).request)).toEqual([
      `GET /Observation?patient=${ids.gpA}&code=${HBA1C}&_include=Observation:encounter`,
      `GET /Patient/${ids.gpA}`,
    ]);
  });

  it('refuses, as a whole and with an OperationOutcome saying why, what is not a batch of at most 100 GETs', async () => {
    const refusal = async (response: Response, status: number, diagnostics: RegExp) => {
      expect(response.status).toBe(status);
      const outcome = await json<OperationOutcome>(response);
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue?.[0]?.diagnostics).toMatch(diagnostics);
    };
    sandbox.releases.length = 0;
    const post = (body: unknown) =>
      get(sandbox.base('gp'), 'a', { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(body) });
    await refusal(
      await post({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          { request: { method: 'GET', url: `Patient/${ids.gpA}` } },
          { resource: patient(NHS_A, 'X', '2000-01-01'), request: { method: 'POST', url: 'Patient' } },
        ],
      }),
      400,
      /entry\[1\].*GET reads and searches only \(got POST Patient\)/,
    );
    await refusal(await batch(Array.from({ length: 101 }, () => `Patient/${ids.gpA}`)), 400, /at most 100 entries; this one has 101/);
    await refusal(await batch([`Patient/${ids.gpA}`], 'a', 'gp', 'transaction'), 400, /only a batch Bundle of GET reads and searches/);
    await refusal(await batch(['http://elsewhere.example/fhir/Patient/1']), 400, /is not at this server/);
    await refusal(await post({ resourceType: 'Patient' }), 400, /Expected a Bundle/);
    await refusal(await batch([`Patient/${ids.gpA}`], 'nonsense'), 401, /invalid or has expired/);
    // Without a token it is the feed, which takes no reads.
    await refusal(
      await batch([`Patient/${ids.gpA}`], null),
      400,
      /feed takes create, update, patch and delete entries only \(got GET .*needs a bearer token/,
    );
    expect(sandbox.releases).toEqual([]);
    // Exactly 100 is fine.
    expect(await entries(Array.from({ length: 100 }, () => `Patient/${ids.gpA}`))).toHaveLength(100);
  });

  it('pays the injected latency once, and fails or hangs as a whole under a fault', async () => {
    const urls = [`Patient/${ids.gpA}`, `Observation?patient=${ids.gpA}`, `Condition?patient=${ids.gpA}`, `Encounter?patient=${ids.gpA}`];
    sandbox.faults.set({ gp: { latencyMs: 300 } });
    const started = performance.now();
    await entries(urls);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(4 * 300);

    sandbox.faults.set({ gp: { fail: 500 } });
    const failed = await batch(urls);
    expect(failed.status).toBe(500);
    expect((await json<OperationOutcome>(failed)).issue?.[0]?.diagnostics).toBe('Injected fault');

    sandbox.faults.set({ gp: { fail: 'timeout' } });
    const body = JSON.stringify({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ request: { method: 'GET', url: `Patient/${ids.gpA}` } }],
    });
    await expect(get(sandbox.base('gp'), 'a', { method: 'POST', body, signal: AbortSignal.timeout(300) })).rejects.toThrow();
  });

  it('lets the viewer POST a batch across origins, and says so in the CapabilityStatement', async () => {
    const preflight = await fetch(sandbox.base('gp'), {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,accept',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/\bPOST\b/);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
    expect(Number(preflight.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    const answered = await get(sandbox.base('gp'), 'a', {
      method: 'POST',
      headers: { Origin: 'http://127.0.0.1:5173', 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `Patient/${ids.gpA}` } }] }),
    });
    expect(answered.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');

    const rest = (await json<CapabilityStatement>(await get(`${sandbox.base('gp')}/metadata`))).rest?.[0];
    const batchInteraction = rest?.interaction?.find((i) => i.code === 'batch');
    expect(batchInteraction?.documentation).toMatch(/bearer token: up to 100 entries, all GET reads or searches/);
    expect(rest?.documentation).toMatch(/batch Bundle POSTed to the base may hold up to 100 GET reads and searches/);
  });
});
