// The bench's own logic, without a browser: NHS numbers, generated records,
// what the floors wait for, the figures read from a launch, statistics,
// budgets, profiles and options. (Runs once vitest's unit project includes
// bench/**/*.test.ts.)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, lstatSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, decodeProtectedHeader, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { DpopProofs, htuFor } from '../sandbox/auth/dpop';
import { isNhsNumberDigits } from '../src/format/nhs-number';
import { repeatedRequests, sentHeaders, type NetworkLoad } from './browser-run';
import { checkBudget, readBudget } from './budget';
import { caseFigures, configFetches, firstFhirRequest, recordPageCaching, type CaseFigures } from './figures';
import {
  alertsOnly,
  batchUrls,
  browserFloorPlan,
  browserFloorResult,
  floorFigures,
  planFloor,
  replay,
  typesOf,
  type CapturedRequest,
} from './floor';
import { newKey, proof, sha256 } from './floor-pages/dpop';
import { buildGeneratedRecord, countResources, generatedPatient, nhsNumberFor } from './generated-record';
import { parseOptions, type BenchCase } from './options';
import { caseDetails, type CaseResult } from './report';
import { locator, mainThreadUntil, selfTime, SourceMaps, UNSAMPLED, type CpuProfile } from './profile';
import { switchablePages } from './servers';

describe('generated records', () => {
  it('give each size its own valid NHS number, outside the sandbox patients', () => {
    const numbers = [1000, 10_000, 50_000, 2500].map(nhsNumberFor);
    for (const n of numbers) {
      expect(isNhsNumberDigits(n)).toBe(true);
      expect(n.startsWith('9991')).toBe(true);
    }
    expect(new Set(numbers).size).toBe(numbers.length);
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
  const req = (url: string, start: number, end: number, body?: string, method = 'GET'): CapturedRequest => ({
    method,
    url: `${sandbox}${url}`,
    type: 'fetch',
    status: 200,
    start,
    end,
    responseBytes: 0,
    bodyBytes: 0,
    ...(body === undefined ? {} : { body }),
  });

  it('waits only for the answers that held what a request needed', () => {
    const captured = [
      req('/auth/authorize?launch=x&aud=y', 0, 10),
      req('/auth/token', 20, 30, '{"access_token":"t","patient":"p-acute"}', 'POST'),
      req('/fhir/acute/Patient?_id=p-acute', 40, 60, '{"identifier":[{"value":"9990000018"}]}'),
      req('/fhir/acute/Flag?patient=p-acute', 41, 55, '{}'),
      req('/fhir/gp/Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018', 70, 80, '{"id":"p-gp-123"}'),
      req(
        '/fhir/gp/Condition?patient=p-gp-123',
        90,
        100,
        `{"link":[{"relation":"next","url":"${sandbox}/fhir/gp/Condition?patient=p-gp-123&_count=50&_offset=50"}]}`,
      ),
      req('/fhir/gp/Condition?patient=p-gp-123&_count=50&_offset=50', 110, 120, '{}'),
    ];
    const plan = planFloor(captured, sandbox)!;
    const needs = Object.fromEntries(
      plan.nodes.map((n) => [n.captured.url.replace(sandbox, ''), n.needs.map((i) => plan.nodes[i]!.captured.url.replace(sandbox, ''))]),
    );
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
      batch(
        'gp',
        ['Flag?patient=p-gp-123&_count=1000', 'AllergyIntolerance?patient=p-gp-123&_count=1000'],
        90,
        100,
        '{"type":"batch-response"}',
      ),
      batch(
        'gp',
        ['Observation?patient=p-gp-123&_count=1000'],
        91,
        105,
        `{"entry":[{"resource":{"link":[{"relation":"next","url":"${next}"}]}}]}`,
      ),
      req(next.replace(sandbox, ''), 110, 120, '{}'),
      // The viewer's audit is not a batch: not part of the floor.
      { ...req('/fhir/audit', 95, 99, '{}', 'POST'), requestBody: '{"resourceType":"AuditEvent"}' },
    ];
    const plan = planFloor(captured, sandbox)!;
    const label = (r: CapturedRequest) =>
      `${r.method} ${r.url.replace(sandbox, '')}${
        r.requestBody
          ? ` ${batchUrls(r)
              ?.map((u) => u.replace(`${sandbox}/fhir/`, ''))
              .join(' ')}`
          : ''
      }`;
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
    expect(plan.nodes.map((n) => typesOf(n.captured))).toEqual([
      ['Patient'],
      ['Flag'],
      ['Patient'],
      ['Flag', 'AllergyIntolerance'],
      ['Observation'],
      ['Observation'],
    ]);
  });

  it('sends each batch again with the same body and the token, and counts it for the alerts when it holds an alerts query', async () => {
    const seen: { method: string; url: string; body: string; authorization?: string; contentType?: string }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        seen.push({
          method: request.method ?? '',
          url: request.url ?? '',
          body,
          authorization: request.headers.authorization,
          contentType: request.headers['content-type'],
        });
        setTimeout(
          () => response.writeHead(200, { 'content-type': 'application/fhir+json' }).end('{}'),
          request.method === 'POST' ? 30 : 5,
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const alerts = { ...batch('gp', ['Flag?patient=p-gp-123', 'Consent?patient=p-gp-123'], 0, 0, '{}'), url: `${origin}/fhir/gp` };
      const rest = { ...batch('gp', ['Observation?patient=p-gp-123'], 0, 0, '{}'), url: `${origin}/fhir/gp` };
      const patientRead = { ...req('', 0, 0), url: `${origin}/fhir/acute/Patient?_id=p-acute` };
      const requests = await replay(
        {
          nodes: [
            { captured: patientRead, needs: [] },
            { captured: alerts, needs: [0] },
            { captured: rest, needs: [0] },
          ],
        },
        'tok',
        Infinity,
      );
      expect(
        seen
          .filter((s) => s.method === 'POST')
          .map((s) => s.body)
          .sort(),
      ).toEqual([alerts.requestBody, rest.requestBody].sort());
      expect(seen.every((s) => s.authorization === 'Bearer tok')).toBe(true);
      expect(seen.filter((s) => s.method === 'POST').every((s) => s.contentType === 'application/fhir+json' && s.url === '/fhir/gp')).toBe(
        true,
      );
      expect(requests.map((r) => [r.method, r.types])).toEqual([
        ['GET', ['Patient']],
        ['POST', ['Flag', 'Consent']],
        ['POST', ['Observation']],
      ]);
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
      {
        requests: 3,
        transferredKb: 1,
        sandboxRequests: 1,
        preflights: 0,
        repeatedRequests: 0,
        longTasks: 0,
        longTaskMs: 0,
        configFetches: 1,
        revalidated: 0,
        completeMs: 300,
        timelineElements: null,
      },
      {
        requests: 3,
        transferredKb: 1,
        sandboxRequests: 1,
        preflights: 0,
        repeatedRequests: 0,
        longTasks: 0,
        longTaskMs: 0,
        configFetches: 1,
        revalidated: 0,
        completeMs: 100,
      },
      {
        requests: 3,
        transferredKb: 1,
        sandboxRequests: 1,
        preflights: 0,
        repeatedRequests: 0,
        longTasks: 0,
        longTaskMs: 0,
        configFetches: 1,
        revalidated: 0,
        completeMs: 200,
      },
    ]);
    expect(f.completeMs).toEqual({ median: 200, min: 100, max: 300, n: 3 });
    expect(f.timelineElements).toBeNull();
  });

  it('build the matrix from flags', () => {
    const options = parseOptions(['--case', '0018,10k', '--latency', '0,300', '--fail', 'acute', '--cpu', 'none', '--runs', '5']);
    if (options === 'help') throw new Error('unexpected');
    expect(options.cases.map((c) => c.id)).toEqual([
      '0018 0ms',
      '0018 300ms',
      '0018 300ms fail:acute',
      '10k 0ms',
      '10k 300ms',
      '10k 300ms fail:acute',
    ]);
    expect(options.runs).toBe(5);
    const defaults = parseOptions([]);
    if (defaults === 'help') throw new Error('unexpected');
    // The issue-7 matrix, then the slow-CPU case for both sandbox records at the lowest latency.
    expect(defaults.cases).toHaveLength(14);
    expect(defaults.cases.filter((c) => c.cpuThrottling).map((c) => c.id)).toEqual(['0018 0ms cpu×4', '0085 0ms cpu×4']);
    expect(defaults.server).toBe('nginx');
    expect(defaults.profile).toBe(true);
    expect(() => parseOptions(['--case', 'nope'])).toThrow(/Unknown case/);
  });

  it('add a slow-CPU case per record listed, or none, and choose the server', () => {
    const options = parseOptions(['--case', '0018,1k', '--latency', '100,300', '--fail', 'none', '--cpu', '6', '--server', 'preview']);
    if (options === 'help') throw new Error('unexpected');
    expect(options.cases.map((c) => [c.id, c.latencyMs, c.cpuThrottling])).toEqual([
      ['0018 100ms', 100, undefined],
      ['0018 300ms', 300, undefined],
      ['1k 100ms', 100, undefined],
      ['1k 300ms', 300, undefined],
      ['0018 100ms cpu×6', 100, 6],
      ['1k 100ms cpu×6', 100, 6],
    ]);
    expect(options.server).toBe('preview');
    const without = parseOptions(['--case', '0018', '--latency', '0', '--fail', 'none', '--cpu', 'none']);
    if (without === 'help') throw new Error('unexpected');
    expect(without.cases.map((c) => c.id)).toEqual(['0018 0ms']);
    expect(() => parseOptions(['--cpu', '0.5'])).toThrow(/--cpu/);
    expect(() => parseOptions(['--server', 'apache'])).toThrow(/--server/);
  });
});

describe('repeated requests', () => {
  const request = (method: string, url: string, requestBody?: string, bodyBytes = 10): CapturedRequest => ({
    method,
    url,
    type: 'fetch',
    start: 0,
    end: 1,
    responseBytes: bodyBytes,
    bodyBytes,
    ...(requestBody ? { requestBody } : {}),
  });

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

describe('the browser floor', () => {
  const sandbox = 'http://127.0.0.1:8080';
  const fhir = (path: string, start: number, end: number, extra: Partial<CapturedRequest> = {}): CapturedRequest => ({
    method: 'GET',
    url: `${sandbox}${path}`,
    type: 'fetch',
    status: 200,
    start,
    end,
    responseBytes: 0,
    bodyBytes: 0,
    ...extra,
  });
  const bound = { accept: 'application/fhir+json', token: 'DPoP', dpop: true };

  it('is given each request with its batch body, what it waits for and the headers that decide its preflight, never the token', () => {
    const batchBody = JSON.stringify({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ request: { method: 'GET', url: 'Flag?patient=p-acute-1' } }],
    });
    const captured = [
      fhir('/auth/authorize?launch=x', 0, 10),
      fhir('/auth/token', 20, 30, {
        method: 'POST',
        body: '{"access_token":"secret"}',
        sent: { 'content-type': 'application/x-www-form-urlencoded', dpop: true },
      }),
      fhir('/hosts/hospital/smart-style.json', 31, 35, { body: '{}', sent: { dpop: false } }),
      fhir('/fhir/acute/Patient?_id=p-acute-1', 32, 40, { body: '{"id":"p-acute-1"}', sent: bound }),
      fhir('/fhir/acute', 41, 50, {
        method: 'POST',
        body: '{}',
        requestBody: batchBody,
        sent: { ...bound, 'content-type': 'application/fhir+json' },
      }),
    ];
    const plan = browserFloorPlan(planFloor(captured, sandbox)!);
    expect(plan.tokenDpop).toBe(true);
    expect(plan.nodes).toEqual([
      { method: 'GET', url: `${sandbox}/hosts/hospital/smart-style.json`, needs: [], headers: {}, dpop: false, forAlerts: false },
      {
        method: 'GET',
        url: `${sandbox}/fhir/acute/Patient?_id=p-acute-1`,
        needs: [],
        headers: { accept: 'application/fhir+json' },
        token: 'DPoP',
        dpop: true,
        forAlerts: true,
      },
      // The batch names p-acute-1, which the Patient read's answer held first.
      {
        method: 'POST',
        url: `${sandbox}/fhir/acute`,
        body: batchBody,
        needs: [1],
        headers: { accept: 'application/fhir+json', 'content-type': 'application/fhir+json' },
        token: 'DPoP',
        dpop: true,
        forAlerts: true,
      },
    ]);
    expect(JSON.stringify(plan)).not.toContain('secret');
  });

  it('has a launch of its own for what the alerts need, renumbered', () => {
    const node = (url: string, needs: number[], forAlerts: boolean) => ({
      method: 'GET',
      url: `${sandbox}${url}`,
      needs,
      headers: {},
      dpop: true,
      forAlerts,
    });
    const only = alertsOnly({
      tokenDpop: true,
      nodes: [
        node('/fhir/gp/Patient?identifier=n', [], true),
        node('/fhir/gp/Observation?patient=g', [0], false),
        node('/fhir/gp/Flag?patient=g', [0], true),
        node('/fhir/gp/Flag?patient=g&page=2', [2, 0], true),
      ],
    });
    expect(only.tokenDpop).toBe(true);
    expect(only.nodes.map((n) => [n.url.replace(sandbox, ''), n.needs])).toEqual([
      ['/fhir/gp/Patient?identifier=n', []],
      ['/fhir/gp/Flag?patient=g', [0]],
      ['/fhir/gp/Flag?patient=g&page=2', [1, 0]],
    ]);
  });

  it('keeps the header names that matter from what the browser sent, and the token scheme without its value', () => {
    expect(sentHeaders({ Accept: 'application/fhir+json', authorization: 'DPoP abc.def', DPoP: 'proof', 'user-agent': 'x' })).toEqual({
      accept: 'application/fhir+json',
      token: 'DPoP',
      dpop: true,
    });
    expect(sentHeaders({ 'Content-Type': 'application/fhir+json' })).toEqual({ 'content-type': 'application/fhir+json', dpop: false });
  });

  it('reads its banner, alerts and complete from the page report, from its own launch click', () => {
    const plan = {
      tokenDpop: true,
      nodes: [
        { method: 'GET', url: `${sandbox}/fhir/acute/Patient?_id=p1`, needs: [], headers: {}, token: 'DPoP', dpop: true, forAlerts: true },
        {
          method: 'POST',
          url: `${sandbox}/fhir/gp`,
          body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: [{ request: { url: 'Flag?patient=g1' } }] }),
          needs: [0],
          headers: {},
          dpop: true,
          forAlerts: true,
        },
        {
          method: 'POST',
          url: `${sandbox}/fhir/gp`,
          body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: [{ request: { url: 'Observation?patient=g1' } }] }),
          needs: [0],
          headers: {},
          dpop: true,
          forAlerts: false,
        },
      ],
    };
    const t0 = 1_000_000;
    const floor = browserFloorResult(
      {
        kind: 'floor',
        issuer: `${sandbox}/fhir/acute`,
        tokenStart: t0 + 900,
        tokenEnd: t0 + 1000,
        requests: [
          { index: 2, start: t0 + 1060, end: t0 + 1500, status: 200, bytes: 9 },
          { index: 0, start: t0 + 1010, end: t0 + 1050, status: 200, bytes: 5 },
          { index: 1, start: t0 + 1055, end: t0 + 1200, status: 200, bytes: 7 },
        ],
      },
      plan,
      t0,
    );
    expect(floor.handshakeMs).toBe(1000);
    expect(floor).toMatchObject({ bannerMs: 1050, alertsMs: 1200, completeMs: 1500 });
    expect(floor.requests.map((r) => [r.start, r.types])).toEqual([
      [1010, ['Patient']],
      [1055, ['Flag']],
      [1060, ['Observation']],
    ]);
  });

  it('proves its key as the sources require: the sandbox accepts each proof once, for its method and URL and token', async () => {
    const key = await newKey();
    const url = `${sandbox}/fhir/gp/Patient?identifier=x`;
    const token = 'access.token.value';
    const made = await proof(key, 'get', url, await sha256(token));
    const header = decodeProtectedHeader(made);
    expect(header).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256' });
    expect(Object.keys(header.jwk as object).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    const jkt = await calculateJwkThumbprint(header.jwk as JWK);
    const proofs = new DpopProofs();
    const htu = htuFor(sandbox, '/fhir/gp/Patient?identifier=x');
    await expect(proofs.check({ scheme: 'DPoP', token, proof: made }, jkt, 'GET', htu)).resolves.toBeUndefined();
    await expect(proofs.check({ scheme: 'DPoP', token, proof: made }, jkt, 'GET', htu)).rejects.toThrow(/used before/);
    const other = await proof(key, 'POST', url, await sha256(token));
    await expect(proofs.check({ scheme: 'DPoP', token, proof: other }, jkt, 'GET', htu)).rejects.toThrow(/is for POST/);
    const forAnotherToken = await proof(key, 'GET', url, await sha256('another'));
    await expect(proofs.check({ scheme: 'DPoP', token, proof: forAnotherToken }, jkt, 'GET', htu)).rejects.toThrow(/another token/);
  });

  it("is served at the viewer's own URLs by switching the served directory, without source maps", () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-pages-'));
    try {
      const www = join(dir, 'www');
      const floor = join(dir, 'floor');
      mkdirSync(join(www, 'assets'), { recursive: true });
      mkdirSync(join(floor, 'assets', 'bench-floor'), { recursive: true });
      writeFileSync(join(www, 'launch.html'), 'viewer');
      writeFileSync(join(www, 'config.json'), '{}');
      writeFileSync(join(www, 'assets', 'viewer.js'), '');
      writeFileSync(join(floor, 'launch.html'), 'floor');
      writeFileSync(join(floor, 'assets', 'bench-floor', 'launch.js'), '');
      writeFileSync(join(floor, 'assets', 'bench-floor', 'launch.js.map'), '{}');
      const pages = switchablePages(www, floor);
      expect(lstatSync(www).isSymbolicLink()).toBe(true);
      expect(readFileSync(join(www, 'launch.html'), 'utf8')).toBe('viewer');
      pages.use('floor');
      expect(readFileSync(join(www, 'launch.html'), 'utf8')).toBe('floor');
      // The viewer's other files (config.json, its assets) stay served as they are.
      expect(existsSync(join(www, 'config.json')) && existsSync(join(www, 'assets', 'viewer.js'))).toBe(true);
      expect(existsSync(join(www, 'assets', 'bench-floor', 'launch.js'))).toBe(true);
      expect(existsSync(join(www, 'assets', 'bench-floor', 'launch.js.map'))).toBe(false);
      pages.use('viewer');
      expect(readFileSync(join(www, 'launch.html'), 'utf8')).toBe('viewer');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what a launch shows', () => {
  const sandbox = 'http://127.0.0.1:8080';
  const viewer = 'http://127.0.0.1:5173';
  const at = (method: string, path: string, start: number, end: number, status = 200) => ({
    method,
    url: `${sandbox}${path}`,
    start,
    end,
    status,
  });

  it("finds the first FHIR data request after the token, from the click and from the token's answer", () => {
    const t0 = 5000;
    const requests = [
      at('GET', '/fhir/acute/.well-known/smart-configuration', 5100, 5110),
      at('POST', '/auth/token', 5300, 5400),
      at('GET', '/hosts/hospital/smart-style.json', 5420, 5430),
      at('GET', '/fhir/acute/metadata', 5425, 5440),
      at('POST', '/fhir/gp', 5480, 5600),
      at('GET', '/fhir/acute/Patient?_id=p1', 5450, 5500),
    ];
    expect(firstFhirRequest(requests, sandbox, t0)).toEqual({ fromClickMs: 450, afterTokenMs: 50 });
    expect(
      firstFhirRequest(
        requests.filter((r) => !r.url.endsWith('/token')),
        sandbox,
        t0,
      ),
    ).toBeUndefined();
    // A refused exchange is not the token.
    expect(firstFhirRequest([at('POST', '/auth/token', 5300, 5400, 400), ...requests.slice(4)], sandbox, t0)).toBeUndefined();
  });

  it("counts config.json however it was answered, and sorts the record page's files into cached, revalidated and fetched", () => {
    const launchPage = `${viewer}/launch.html?iss=x&launch=y`;
    const recordPage = `${viewer}/index.html?code=c&state=s`;
    const loads: NetworkLoad[] = [
      { url: launchPage, documentUrl: launchPage, status: 200, fromCache: false },
      { url: `${viewer}/config.json`, documentUrl: launchPage, status: 200, fromCache: false },
      { url: `${viewer}/assets/lib-1.js`, documentUrl: launchPage, status: 200, fromCache: false },
      { url: recordPage, documentUrl: recordPage, status: 200, fromCache: false },
      { url: `${viewer}/assets/lib-1.js`, documentUrl: recordPage, status: 200, fromCache: true },
      { url: `${viewer}/assets/page-2.css`, documentUrl: recordPage, status: 304, fromCache: false },
      { url: `${viewer}/config.json`, documentUrl: recordPage, status: 304, fromCache: false },
      { url: `${viewer}/assets/record-3.js`, documentUrl: recordPage, status: 200, fromCache: false },
      { url: `${sandbox}/fhir/gp`, documentUrl: recordPage, status: 200, fromCache: false },
    ];
    expect(configFetches(loads, viewer)).toBe(2);
    expect(recordPageCaching(loads, viewer)).toEqual({
      fromCache: ['/assets/lib-1.js'],
      revalidated: ['/assets/page-2.css', '/config.json'],
      network: ['/assets/record-3.js'],
    });
  });
});

describe('budgets over the floors', () => {
  const benchCase = (latencyMs: number): BenchCase => ({
    id: `0018 ${latencyMs}ms`,
    record: { kind: 'sandbox', key: '0018', nhsNumber: '9990000018', label: '' },
    latencyMs,
  });
  const stat = (median: number) => ({ median, min: median, max: median, n: 5 });

  it('hold the viewer to the browser floor at every latency and to the network floor from 100 ms', () => {
    const figures: CaseFigures = {
      alertsRatio: stat(3),
      completeRatio: stat(3),
      alertsBrowserRatio: stat(1.1),
      completeBrowserRatio: stat(1.6),
      repeatedRequests: stat(0),
    };
    const verdicts = checkBudget(readBudget(), undefined, [
      { case: benchCase(0), figures },
      { case: benchCase(300), figures },
    ]);
    const verdict = (budget: string, id: string) => verdicts.find((v) => v.budget === budget && v.subject === id)?.ok;
    expect(verdict('alertsOverBrowserFloor', '0018 0ms')).toBe(true);
    expect(verdict('completeOverBrowserFloor', '0018 0ms')).toBe(false);
    expect(verdict('alertsOverBrowserFloor', '0018 300ms')).toBe(true);
    expect(verdict('alertsOverFloor', '0018 0ms')).toBeNull();
    expect(verdict('alertsOverFloor', '0018 300ms')).toBe(false);
  });

  it('say so when no run reached the browser floor', () => {
    const verdicts = checkBudget(readBudget(), undefined, [{ case: benchCase(0), figures: {} }]);
    expect(verdicts.find((v) => v.budget === 'alertsOverBrowserFloor')).toMatchObject({
      ok: false,
      note: 'not measured: no run reached it',
    });
  });
});

describe('CPU profiles', () => {
  const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const vlq = (...values: number[]) =>
    values
      .map((v) => {
        let n = v < 0 ? (-v << 1) | 1 : v << 1;
        let out = '';
        do {
          let digit = n & 31;
          n >>>= 5;
          if (n > 0) digit |= 32;
          out += BASE64[digit];
        } while (n > 0);
        return out;
      })
      .join('');
  const viewer = 'http://127.0.0.1:5173';
  const frame = (functionName: string, url = '', lineNumber = 0, columnNumber = 0) => ({ functionName, url, lineNumber, columnNumber });

  /** A built chunk whose line 0 holds a.ts (line 5) from column 0 and lit-html (line 7, `render`) from column 10; line 1 is unmapped. */
  function withMaps(test: (maps: SourceMaps) => void): void {
    const dir = mkdtempSync(join(tmpdir(), 'bench-maps-'));
    try {
      mkdirSync(join(dir, 'dist-sourcemaps', 'assets'), { recursive: true });
      writeFileSync(
        join(dir, 'dist-sourcemaps', 'assets', 'chunk-1.js.map'),
        JSON.stringify({
          version: 3,
          sources: ['../../src/a.ts', '../../node_modules/lit-html/lit-html.js'],
          names: ['render'],
          mappings: `${vlq(0, 0, 4, 0)},${vlq(10, 1, 2, 0, 0)};`,
        }),
      );
      test(new SourceMaps(join(dir, 'dist-sourcemaps'), dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it("maps the built scripts to their original files through the build's source maps", () =>
    withMaps((maps) => {
      expect(maps.original('/assets/chunk-1.js', 0, 3)).toEqual({ file: 'src/a.ts', line: 5 });
      expect(maps.original('/assets/chunk-1.js', 0, 12)).toEqual({ file: 'lit-html/lit-html.js', line: 7, name: 'render' });
      expect(maps.original('/assets/chunk-1.js', 1, 0)).toBeUndefined();
      expect(maps.original('/assets/none.js', 0, 0)).toBeUndefined();
    }));

  it("gives self time by file up to a mark, a built-in's time to the script that called it, and gaps in sampling to no file", () =>
    withMaps((maps) => {
      const chunk = `${viewer}/assets/chunk-1.js`;
      const profile: CpuProfile = {
        nodes: [
          { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 7] },
          { id: 2, callFrame: frame('(program)') },
          { id: 3, callFrame: frame('(idle)') },
          { id: 4, callFrame: frame('a', chunk, 0, 2), children: [5] },
          { id: 5, callFrame: frame('render', chunk, 0, 11), children: [6] },
          { id: 6, callFrame: frame('appendChild') },
          { id: 7, callFrame: frame('x', `${viewer}/assets/unmapped.js`) },
        ],
        startTime: 1000,
        endTime: 2000,
        // Each delta is the interval ending at its sample; the median is 10 µs, so 500 is a gap of 400 beyond ten medians.
        samples: [2, 4, 5, 6, 6, 3, 7, 4, 4, 2],
        timeDeltas: [10, 10, 10, 10, 10, 10, 10, 500, 10, 10],
      };
      const byFile = selfTime(profile, locator(viewer, maps, 'file'), { untilUs: 1585 });
      expect(Object.fromEntries(byFile.map((h) => [h.where, Math.round(h.selfMs * 1000)]))).toEqual({
        '(program)': 10,
        'src/a.ts': 120,
        'lit-html/lit-html.js': 30,
        '/assets/unmapped.js': 10,
        [UNSAMPLED]: 400,
      });
      const byFunction = selfTime(profile, locator(viewer, maps, 'function'), { untilUs: 1585 });
      expect(byFunction.map((h) => h.where)).toContain('lit-html/lit-html.js:7 render → appendChild');
      expect(byFunction.map((h) => h.where)).toContain('src/a.ts:5 a');
    }));

  it("reports the viewer's main thread against the browser floor's, and only the viewer's when the floor has no profile", () => {
    const viewerProfiled = {
      case: { id: '0018 0ms', record: { kind: 'sandbox', key: '0018', nhsNumber: '9990000018', label: '' }, latencyMs: 0 },
      figures: {},
      runs: 5,
      failedRuns: 0,
      hotFiles: [{ where: 'src/a.ts', selfMs: 40 }],
      chromiumMs: { '(program)': 500 },
      busyMs: 960,
      profiledAlertsMs: 1_200,
    } satisfies CaseResult;
    const floorProfile = { alertsMs: 690, busyMs: 550.4, chromiumMs: { '(program)': 355 }, hotFiles: [] };
    const lines = caseDetails([{ ...viewerProfiled, floorProfile }]).split('\n');
    expect(lines[1]).toContain('alerts at 1200 ms, busy 960 ms, of which (program) 500 ms');
    expect(lines.at(-1)).toBe(
      "  the browser floor's alerts launch, profiled the same way: alerts at 690 ms, busy 550 ms, of which (program) 355 ms; the viewer's main thread was busy 410 ms more",
    );
    expect(caseDetails([viewerProfiled])).not.toContain('browser floor');
  });

  it("tells the main thread's time up to a mark apart: Chromium's own entries, then the scripts' places", () =>
    withMaps((maps) => {
      const chunk = `${viewer}/assets/chunk-1.js`;
      const profile: CpuProfile = {
        nodes: [
          { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 5] },
          { id: 2, callFrame: frame('(program)') },
          { id: 3, callFrame: frame('(idle)') },
          { id: 4, callFrame: frame('a', chunk, 0, 2) },
          { id: 5, callFrame: frame('(garbage collector)') },
        ],
        startTime: 1000,
        endTime: 2000,
        samples: [2, 2, 4, 3, 5, 4, 4, 2],
        timeDeltas: [10, 10, 10, 10, 10, 10, 10, 10],
      };
      // Up to 1065 µs: the first six samples (the idle one not counted).
      const thread = mainThreadUntil(profile, locator(viewer, maps, 'file'), 1065);
      expect(Math.round(thread.busyMs * 1000)).toBe(50);
      expect(Object.fromEntries(Object.entries(thread.chromiumMs).map(([k, v]) => [k, Math.round(v * 1000)]))).toEqual({
        '(program)': 20,
        '(garbage collector)': 10,
      });
      expect(thread.places.map((h) => [h.where, Math.round(h.selfMs * 1000)])).toEqual([['src/a.ts', 20]]);
    }));
});
