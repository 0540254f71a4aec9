// One FHIR source end to end over HTTP: public discovery, reads and searches
// (parameters, sorting, includes, POST to _search), paging links and faults.
import { describe, expect, it } from 'vitest';
import type { Bundle, CapabilityStatement, Observation, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM } from '../config';
import { startTestSandbox } from './testing';
import { get, grant, HBA1C, ids, json, LOINC, NHS_A, resources, sandbox, search, useSourceSandbox } from './source-fixture';

useSourceSandbox();

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
