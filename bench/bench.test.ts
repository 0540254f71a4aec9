// The bench's own logic, without a browser: NHS numbers, generated records,
// what the floor waits for, statistics and options. (Runs once vitest's unit
// project includes bench/**/*.test.ts.)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isNhsNumberDigits as isValidNhsNumber } from '../src/format/nhs-number';
import { repeatedRequests } from './browser-run';
import { caseFigures } from './figures';
import { batchUrls, floorFigures, planFloor, replay, typesOf, type CapturedRequest } from './floor';
import { buildGeneratedRecord, countResources, generatedPatient, nhsCheckDigit, nhsNumberFor } from './generated-record';
import { parseOptions } from './options';

describe('generated records', () => {
  it('give each size its own valid NHS number, outside the sandbox patients', () => {
    const numbers = [1000, 10_000, 50_000, 2500].map(nhsNumberFor);
    for (const n of numbers) {
      expect(isValidNhsNumber(n)).toBe(true);
      expect(n.startsWith('9991')).toBe(true);
    }
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(nhsCheckDigit('943476591')).toBe(9);
  });

  it('hold exactly the resources asked for, in transaction Bundles of at most 2,000 entries, the same every time', () => {
    const patient = generatedPatient(5000);
    const record = buildGeneratedRecord(patient, new Date('2026-01-01T00:00:00Z'));
    expect(countResources(record)).toBe(5000);
    const bundles = Object.values(record).flat();
    expect(bundles.every((b) => b.type === 'transaction' && (b.entry?.length ?? 0) <= 2000)).toBe(true);
    const again = buildGeneratedRecord(patient, new Date('2026-01-01T00:00:00Z'));
    expect(JSON.stringify(again)).toBe(JSON.stringify(record));
  });
});

describe('the network floor', () => {
  const sandbox = 'http://127.0.0.1:8080';
  const req = (url: string, start: number, end: number, body?: string, method = 'GET'): CapturedRequest =>
    ({ method, url: `${sandbox}${url}`, type: 'fetch', status: 200, start, end, responseBytes: 0, bodyBytes: 0, ...(body === undefined ? {} : { body }) });

  it('waits only for the answers that held what a request needed', () => {
    const captured = [
      req('/auth/authorize?launch=x&aud=y', 0, 10),
      req('/auth/token', 20, 30, '{"access_token":"t","patient":"p-acute"}', 'POST'),
      req('/fhir/acute/Patient?_id=p-acute', 40, 60, '{"identifier":[{"value":"9990000018"}]}'),
      req('/fhir/acute/Flag?patient=p-acute', 41, 55, '{}'),
      req('/fhir/gp/Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018', 70, 80, '{"id":"p-gp-123"}'),
      req('/fhir/gp/Condition?patient=p-gp-123', 90, 100, `{"link":[{"relation":"next","url":"${sandbox}/fhir/gp/Condition?patient=p-gp-123&_count=50&_offset=50"}]}`),
      req('/fhir/gp/Condition?patient=p-gp-123&_count=50&_offset=50', 110, 120, '{}'),
    ];
    const plan = planFloor(captured, sandbox)!;
    const needs = Object.fromEntries(plan.nodes.map((n) => [n.captured.url.replace(sandbox, ''), n.needs.map((i) => plan.nodes[i]!.captured.url.replace(sandbox, ''))]));
    expect(needs).toEqual({
      '/fhir/acute/Patient?_id=p-acute': [],
      '/fhir/acute/Flag?patient=p-acute': [],
      '/fhir/gp/Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018': ['/fhir/acute/Patient?_id=p-acute'],
      '/fhir/gp/Condition?patient=p-gp-123': ['/fhir/gp/Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018'],
      // Page 2 needs page 1 (its next link) and, redundantly but truly, the patient's id at gp.
      '/fhir/gp/Condition?patient=p-gp-123&_count=50&_offset=50': [
        '/fhir/gp/Condition?patient=p-gp-123',
        '/fhir/gp/Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018',
      ],
    });
  });

  it('has nothing to replay when the launch never got a token', () => {
    expect(planFloor([req('/hosts/hospital?patient=1', 0, 5)], sandbox)).toBeUndefined();
  });

  /** A FHIR batch of these GETs, POSTed to a source's base, as the viewer sends it. */
  const batch = (source: string, urls: string[], start: number, end: number, body: string): CapturedRequest => ({
    ...req(`/fhir/${source}`, start, end, body, 'POST'),
    requestBody: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: urls.map((url) => ({ request: { method: 'GET', url } })) }),
  });

  it('replays batches too: a batch needs what its entries name, and a next link in its answer is needed by the page after', () => {
    const next = `${sandbox}/fhir/gp/Observation?patient=p-gp-123&_count=1000&_offset=1000`;
    const captured = [
      req('/auth/authorize?launch=x&aud=y', 0, 10),
      req('/auth/token', 20, 30, '{"access_token":"t","patient":"p-acute"}', 'POST'),
      req('/fhir/acute/Patient?_id=p-acute', 40, 60, `{"identifier":[{"value":"9990000018"}],"fullUrl":"${sandbox}/fhir/gp"}`),
      batch('acute', ['Flag?patient=p-acute&_count=1000'], 41, 55, '{"resourceType":"Bundle","type":"batch-response"}'),
      req('/fhir/gp/Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018', 70, 80, '{"id":"p-gp-123"}'),
      batch('gp', ['Flag?patient=p-gp-123&_count=1000', 'AllergyIntolerance?patient=p-gp-123&_count=1000'], 90, 100, '{"type":"batch-response"}'),
      batch('gp', ['Observation?patient=p-gp-123&_count=1000'], 91, 105, `{"entry":[{"resource":{"link":[{"relation":"next","url":"${next}"}]}}]}`),
      req(next.replace(sandbox, ''), 110, 120, '{}'),
      // The viewer's audit is not a batch: not part of the floor.
      { ...req('/fhir/audit', 95, 99, '{}', 'POST'), requestBody: '{"resourceType":"AuditEvent"}' },
    ];
    const plan = planFloor(captured, sandbox)!;
    const label = (r: CapturedRequest) => `${r.method} ${r.url.replace(sandbox, '')}${r.requestBody ? ` ${batchUrls(r)?.map((u) => u.replace(`${sandbox}/fhir/`, '')).join(' ')}` : ''}`;
    const needs = Object.fromEntries(plan.nodes.map((n) => [label(n.captured), n.needs.map((i) => label(plan.nodes[i]!.captured))]));
    const gpSearch = 'GET /fhir/gp/Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018';
    const observations = 'POST /fhir/gp gp/Observation?patient=p-gp-123&_count=1000';
    expect(needs).toEqual({
      'GET /fhir/acute/Patient?_id=p-acute': [],
      'POST /fhir/acute acute/Flag?patient=p-acute&_count=1000': [],
      [gpSearch]: ['GET /fhir/acute/Patient?_id=p-acute'],
      'POST /fhir/gp gp/Flag?patient=p-gp-123&_count=1000 gp/AllergyIntolerance?patient=p-gp-123&_count=1000': [gpSearch],
      [observations]: [gpSearch],
      [`GET ${next.replace(sandbox, '')}`]: [observations, gpSearch],
    });
    expect(plan.nodes.map((n) => typesOf(n.captured))).toEqual([['Patient'], ['Flag'], ['Patient'], ['Flag', 'AllergyIntolerance'], ['Observation'], ['Observation']]);
  });

  it('sends each batch again with the same body and the token, and counts it for the alerts when it holds an alerts query', async () => {
    const seen: { method: string; url: string; body: string; authorization?: string; contentType?: string }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        seen.push({ method: request.method ?? '', url: request.url ?? '', body, authorization: request.headers.authorization, contentType: request.headers['content-type'] });
        setTimeout(() => response.writeHead(200, { 'content-type': 'application/fhir+json' }).end('{}'), request.method === 'POST' ? 30 : 5);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const alerts = { ...batch('gp', ['Flag?patient=p-gp-123', 'Consent?patient=p-gp-123'], 0, 0, '{}'), url: `${origin}/fhir/gp` };
      const rest = { ...batch('gp', ['Observation?patient=p-gp-123'], 0, 0, '{}'), url: `${origin}/fhir/gp` };
      const patientRead = { ...req('', 0, 0), url: `${origin}/fhir/acute/Patient?_id=p-acute` };
      const requests = await replay({ nodes: [{ captured: patientRead, needs: [] }, { captured: alerts, needs: [0] }, { captured: rest, needs: [0] }] }, 'tok', Infinity);
      expect(seen.filter((s) => s.method === 'POST').map((s) => s.body).sort()).toEqual([alerts.requestBody, rest.requestBody].sort());
      expect(seen.every((s) => s.authorization === 'Bearer tok')).toBe(true);
      expect(seen.filter((s) => s.method === 'POST').every((s) => s.contentType === 'application/fhir+json' && s.url === '/fhir/gp')).toBe(true);
      expect(requests.map((r) => [r.method, r.types])).toEqual([['GET', ['Patient']], ['POST', ['Flag', 'Consent']], ['POST', ['Observation']]]);
      expect(requests[1]!.start).toBeGreaterThanOrEqual(requests[0]!.end);

      const figures = floorFigures(requests, 0, `${origin}/fhir/acute`);
      expect(figures.bannerMs).toBe(requests[0]!.end);
      expect(figures.alertsMs).toBe(Math.max(requests[0]!.end, requests[1]!.end));
      expect(figures.completeMs).toBe(Math.max(...requests.map((r) => r.end)));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('figures and options', () => {
  it('give median, minimum and maximum, and null where no run could measure', () => {
    const f = caseFigures([
      { requests: 3, transferredKb: 1, sandboxRequests: 1, preflights: 0, repeatedRequests: 0, longTasks: 0, longTaskMs: 0, completeMs: 300, timelineElements: null },
      { requests: 3, transferredKb: 1, sandboxRequests: 1, preflights: 0, repeatedRequests: 0, longTasks: 0, longTaskMs: 0, completeMs: 100 },
      { requests: 3, transferredKb: 1, sandboxRequests: 1, preflights: 0, repeatedRequests: 0, longTasks: 0, longTaskMs: 0, completeMs: 200 },
    ]);
    expect(f.completeMs).toEqual({ median: 200, min: 100, max: 300, n: 3 });
    expect(f.timelineElements).toBeNull();
  });

  it('build the matrix from flags', () => {
    const options = parseOptions(['--case', '0018,10k', '--latency', '0,300', '--fail', 'acute', '--runs', '5']);
    if (options === 'help') throw new Error('unexpected');
    expect(options.cases.map((c) => c.id)).toEqual(['0018 0ms', '0018 300ms', '0018 300ms fail:acute', '10k 0ms', '10k 300ms', '10k 300ms fail:acute']);
    expect(options.runs).toBe(5);
    const defaults = parseOptions([]);
    if (defaults === 'help') throw new Error('unexpected');
    expect(defaults.cases).toHaveLength(12);
    expect(() => parseOptions(['--case', 'nope'])).toThrow(/Unknown case/);
  });
});

describe('repeated requests', () => {
  const request = (method: string, url: string, requestBody?: string, bodyBytes = 10): CapturedRequest =>
    ({ method, url, type: 'fetch', start: 0, end: 1, responseBytes: bodyBytes, bodyBytes, ...(requestBody ? { requestBody } : {}) }) as CapturedRequest;

  it('counts the same URL asked again, but not batches with other bodies to one base', () => {
    const base = 'http://127.0.0.1:8080/fhir/gp';
    const found = repeatedRequests([
      request('POST', base, '{"entry":[1]}'),
      request('POST', base, '{"entry":[2]}'),
      request('GET', `${base}/Patient?_id=1`),
      request('GET', `${base}/Patient?_id=1`, undefined, 0),
      request('POST', base, '{"entry":[1]}'),
    ]);
    expect(found).toEqual([
      { request: `POST ${base}`, times: 2, transferred: 2 },
      { request: `GET ${base}/Patient?_id=1`, times: 2, transferred: 1 },
    ]);
  });
});
