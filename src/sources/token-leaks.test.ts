// Tried as a hostile source would: answers whose next links, references,
// attachments and redirects point outside the source's base, on its own host
// and on another. Two real HTTP listeners on 127.0.0.1 record every request;
// no request outside the base may carry the token (in fact none is made).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAttachmentFetcher } from './attachments';
import { sendBatch } from './batch';
import { FhirHttpClient, FhirRequestError } from './fhir-http';
import { searchAll } from './search';

interface Seen {
  server: 'source' | 'other';
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

const TOKEN = 'secret-token-1';
let seen: Seen[] = [];
let source: Server;
let other: Server;
let sourceOrigin = '';
let otherOrigin = '';
const base = () => `${sourceOrigin}/fhir/src`;

function bundle(next?: string) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [{ resource: { resourceType: 'Observation', id: 'o1' } }],
    ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
  };
}

/** The hostile source: each search's first page points its next link where the query says. */
function answer(path: string): { status: number; headers?: Record<string, string>; body?: unknown } {
  const url = new URL(path, sourceOrigin);
  if (url.pathname === '/fhir/src/Observation') {
    const next = url.searchParams.get('next');
    return { status: 200, body: bundle(next ?? undefined) };
  }
  if (url.pathname === '/fhir/src/redirect') return { status: 302, headers: { Location: url.searchParams.get('to') ?? '/' } };
  if (url.pathname === '/fhir/src' || url.pathname === '/fhir/src/') {
    return {
      status: 200,
      body: { resourceType: 'Bundle', type: 'batch-response', entry: [{ resource: bundle(), response: { status: '200' } }] },
    };
  }
  if (url.pathname.startsWith('/fhir/src/Binary/')) return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'letter' };
  return { status: 200, body: bundle() };
}

function listen(name: Seen['server']): Promise<Server> {
  const server = createServer((req, res) => {
    seen.push({ server: name, method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers });
    req.resume();
    const reply = name === 'source' ? answer(req.url ?? '/') : { status: 200, body: bundle() };
    res.writeHead(reply.status, { 'Content-Type': 'application/fhir+json', ...reply.headers });
    res.end(typeof reply.body === 'string' ? reply.body : reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const originOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const outsideBase = () =>
  seen.filter(
    (s) => s.server === 'other' || !(s.path === '/fhir/src' || s.path.startsWith('/fhir/src/') || s.path.startsWith('/fhir/src?')),
  );
const withToken = () => seen.filter((s) => s.headers.authorization !== undefined);

beforeAll(async () => {
  source = await listen('source');
  other = await listen('other');
  sourceOrigin = originOf(source);
  otherOrigin = originOf(other);
});

afterAll(async () => {
  await Promise.all([source, other].map((s) => new Promise((resolve) => s.close(resolve))));
});

beforeEach(() => {
  seen = [];
});

const http = () => new FhirHttpClient({ baseUrl: base(), timeoutMs: 5000, getAccessToken: () => Promise.resolve(TOKEN) });

describe("a token goes only under its source's base", () => {
  it.each([
    ['a same-origin next link outside the base (the audit endpoint)', () => `${sourceOrigin}/fhir/audit?patient=9990000018`],
    ['a same-origin next link to a sibling base that merely starts alike', () => `${sourceOrigin}/fhir/src-evil/Observation`],
    ['a next link that climbs out with dot segments', () => `${base()}/../audit`],
    ['a next link that climbs out with encoded dot segments', () => `${base()}/%2e%2e/audit`],
    ['a cross-origin next link', () => `${otherOrigin}/fhir/src/Observation`],
    ['a next link with credentials in it', () => `http://user:pw@${sourceOrigin.slice(7)}/fhir/src/Observation`],
  ])('%s is not followed, and no request outside the base is made', async (_what, next) => {
    const result = await searchAll(http(), `Observation?next=${encodeURIComponent(next())}`, { pageCap: 100 });
    expect(result.resources).toHaveLength(1);
    expect(result.truncated).toBe(true);
    expect(result.warnings).toContain('paging stopped: the next page link points outside this source');
    expect(outsideBase()).toEqual([]);
    expect(withToken().map((s) => s.path)).toEqual([`/fhir/src/Observation?next=${encodeURIComponent(next())}`]);
  });

  it('follows a next link under the base, with the token', async () => {
    const next = `${base()}/Observation?page=2`;
    const result = await searchAll(http(), `Observation?next=${encodeURIComponent(next)}`, { pageCap: 100 });
    expect(result.resources).toHaveLength(2);
    expect(withToken().map((s) => s.path)).toEqual([
      `/fhir/src/Observation?next=${encodeURIComponent(next)}`,
      '/fhir/src/Observation?page=2',
    ]);
  });

  it('refuses a read of an absolute URL outside the base (a reference to elsewhere) without asking', async () => {
    for (const url of [`${sourceOrigin}/fhir/audit`, `${otherOrigin}/fhir/src/Patient/1`, `${sourceOrigin}/fhir/src-evil/Patient/1`]) {
      const error = await http()
        .getJson(url)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FhirRequestError);
      expect((error as FhirRequestError).message).toBe('the address is outside this source, so it was not asked');
    }
    expect(seen).toEqual([]);
  });

  it('never follows a redirect with the token: not to the same host, not to another', async () => {
    for (const to of ['/fhir/audit', `${otherOrigin}/collect`, '/fhir/src/Observation']) {
      const error = await http()
        .getJson(`redirect?to=${encodeURIComponent(to)}`)
        .catch((e: unknown) => e);
      expect((error as FhirRequestError).message).toBe('the server redirected the request elsewhere, which is not followed');
    }
    expect(seen.map((s) => s.path)).toEqual([
      `/fhir/src/redirect?to=${encodeURIComponent('/fhir/audit')}`,
      `/fhir/src/redirect?to=${encodeURIComponent(`${otherOrigin}/collect`)}`,
      `/fhir/src/redirect?to=${encodeURIComponent('/fhir/src/Observation')}`,
    ]);
    expect(outsideBase()).toEqual([]);
  });

  it('sends a batch to the base itself, with the token', async () => {
    const answers = await sendBatch(http(), [`${base()}/Observation?patient=1`]);
    expect(answers).toHaveLength(1);
    expect(withToken().map((s) => `${s.method} ${s.path}`)).toEqual(['POST /fhir/src']);
  });
});

describe('attachments', () => {
  const fetcher = () =>
    createAttachmentFetcher({
      sources: [{ name: 'src', organisation: 'Hostile Trust', fhirBaseUrl: base(), auth: 'launch-token', timeoutMs: 5000, pageCap: 100 }],
      issuer: base(),
      getAccessToken: () => Promise.resolve(TOKEN),
    });
  const ref = { name: 'src', organisation: 'Hostile Trust' };

  it('fetches content under the base with the token', async () => {
    const blob = await fetcher()({ source: ref, url: 'Binary/letter-1' });
    expect(await blob.text()).toBe('letter');
    expect(withToken().map((s) => s.path)).toEqual(['/fhir/src/Binary/letter-1']);
  });

  it.each([
    ['on the same host outside the base', () => `${sourceOrigin}/fhir/audit`],
    ['on the same host, climbing out', () => '../audit/AuditEvent'],
    ['on a sibling base', () => `${sourceOrigin}/fhir/src-evil/Binary/1`],
    ['on another host', () => `${otherOrigin}/Binary/1`],
  ])('refuses an attachment URL %s without a request', async (_what, url) => {
    const error = await fetcher()({ source: ref, url: url() }).catch((e: unknown) => e);
    expect((error as FhirRequestError).message).toBe('the document is held outside Hostile Trust and cannot be opened here');
    expect(seen).toEqual([]);
  });

  it("does not follow an attachment's redirect", async () => {
    const error = await fetcher()({ source: ref, url: `redirect?to=${encodeURIComponent(`${otherOrigin}/Binary/1`)}` }).catch(
      (e: unknown) => e,
    );
    expect((error as FhirRequestError).message).toBe('the server redirected the request elsewhere, which is not followed');
    expect(seen.filter((s) => s.server === 'other')).toEqual([]);
  });
});
