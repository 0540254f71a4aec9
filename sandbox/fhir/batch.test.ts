// A client's batch of reads and searches over HTTP: each entry answered and
// audited as its GET would be, what is not a batch of GETs refused whole,
// faults met once per batch, and the batch allowed across origins.
import { describe, expect, it } from 'vitest';
import type { Bundle, CapabilityStatement, Observation, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { get, HBA1C, ids, json, NHS_A, patient, resources, sandbox, search, useSourceSandbox } from './source-fixture';

useSourceSandbox();

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
