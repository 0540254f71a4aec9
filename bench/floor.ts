// The network floor of a launch: the same token handshake and the same
// requests to the sandbox the viewer made (captured from Playwright's network
// events: GETs, and the FHIR batches POSTed to a source's base, with the same
// body), issued from Node with no viewer, each as soon as what it needs has
// arrived. What it "needs" is read from the captured answers, not from the
// viewer's code: a request needs the earlier answer that first held a value
// in its URL or its batch's entries (the patient's id at a source, the NHS
// number, a next-page link, the smart_style_url), and every request needs the
// access token.
//
// Two figures: `unlimited` (everything that can run in parallel does), which
// is the floor the budgets use; and `sixPerOrigin`, the same with at most six
// requests in flight per origin, as a browser allows over HTTP/1.1 (all five
// sandbox sources share one origin): the difference between the two is what
// the connection limit costs, not the viewer.
//
// The same plan drives the browser floor (bench/floor-pages): the requests
// made again in Chromium by a page with no viewer code, after the same host
// page and SMART handshake; `browserFloorPlan` is what that page is given.
import { ALERT_RESOURCE_TYPES } from '../src/record/sections';
import { dpopProofMaker } from '../src/sources/dpop';
import { tokenHeaders, type ProofMaker } from '../src/sources/token-scope';
import { newDpopKey, tokenRequestProof } from '../sandbox/test-helpers/dpop-client';
import { Browser, pkcePair } from '../sandbox/test-helpers/smart-flow';
import type { BrowserFloorPlan, BrowserFloorReport } from './floor-pages/protocol';

/** What a request to the sandbox carried, without the token's value. */
export interface SentHeaders {
  accept?: string;
  'content-type'?: string;
  /** The Authorization scheme (DPoP, Bearer), when it carried a token. */
  token?: string;
  /** It carried a DPoP proof. */
  dpop: boolean;
}

export interface CapturedRequest {
  method: string;
  url: string;
  /** Playwright's resource type: document, script, fetch... */
  type: string;
  status?: number;
  failure?: string;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  /** Response headers and body as transferred (0 when served from the browser's cache). */
  responseBytes: number;
  bodyBytes: number;
  /** For answers from the sandbox that later requests may depend on (FHIR and token). */
  body?: string;
  /** What a POST to the sandbox's FHIR endpoints sent (a batch Bundle), so the floor can send it again. */
  requestBody?: string;
  /** For requests to the sandbox. */
  sent?: SentHeaders;
}

export interface FloorRequest {
  method: string;
  url: string;
  /** The resource types asked for: the URL's, or a batch's entries'. */
  types: string[];
  /** Indexes into `requests` of the answers this one waited for (besides the token). */
  needs: number[];
  /** Milliseconds from the floor's start. */
  start: number;
  end: number;
  status: number;
  bytes: number;
}

export interface FloorFigures {
  bannerMs: number;
  alertsMs: number;
  completeMs: number;
}

export interface Floor extends FloorFigures {
  /** Host page to token response. */
  handshakeMs: number;
  /** Measured on request (the first measured run of a case): it doubles the floor's time. */
  sixPerOrigin?: FloorFigures;
  requests: FloorRequest[];
}

/** What the alerts need: the Patient (every source's identity check gates its data) and the alerts' own queries. */
export const ALERT_TYPES: ReadonlySet<string> = new Set(['Patient', ...ALERT_RESOURCE_TYPES]);

export interface Plan {
  /** The captured requests the floor repeats, in capture order. */
  nodes: { captured: CapturedRequest; needs: number[] }[];
  authorizeUrl: URL;
  /** The viewer's code exchange. */
  token: CapturedRequest;
}

/** Finds the token exchange and what each later sandbox request needed; undefined if the launch never got a token. */
export function planFloor(captured: readonly CapturedRequest[], sandboxOrigin: string): Plan | undefined {
  const token = captured.find(
    (r) => r.method === 'POST' && sameOrigin(r.url, sandboxOrigin) && new URL(r.url).pathname.endsWith('/token') && r.status === 200,
  );
  const authorize = captured.find(
    (r) => sameOrigin(r.url, sandboxOrigin) && new URL(r.url).pathname.endsWith('/authorize') && new URL(r.url).searchParams.has('launch'),
  );
  if (!token || !authorize) return undefined;
  const candidates = captured.filter(
    (r) =>
      r !== token &&
      (r.method === 'GET' || batchUrls(r) !== undefined) &&
      sameOrigin(r.url, sandboxOrigin) &&
      r.start >= token.end &&
      !/^\/(auth|admin)\//.test(new URL(r.url).pathname),
  );
  const producers = [token, ...candidates];
  const nodes = candidates.map((request) => {
    const needs = new Set<number>();
    for (const needle of needlesOf(request)) {
      // A next link names the page that gave it (asked for earlier); an id, the first answer that held it.
      // Either way a producer started before its consumer, so the needs never go round in a circle.
      const isLink = needle === request.url;
      const producer = producers
        .filter(
          (p) =>
            p !== request && p.body !== undefined && p.start < request.start && (isLink || p.end <= request.start) && holds(p.body, needle),
        )
        .sort((a, b) => a.end - b.end)[0];
      if (producer && producer !== token) needs.add(candidates.indexOf(producer));
    }
    return { captured: request, needs: [...needs] };
  });
  return { nodes, authorizeUrl: new URL(authorize.url), token };
}

/**
 * Values in a request that only an earlier answer can have given: ids, NHS
 * numbers, and the URL itself (a next link or a style URL); for a batch, those
 * of each entry's URL (the batch's own URL, the source's base, is in every answer).
 */
function needlesOf(request: CapturedRequest): string[] {
  const entries = batchUrls(request);
  const needles = entries ? entries.flatMap((url) => valuesIn(url)) : [request.url, ...valuesIn(request.url)];
  return [...new Set(needles)].filter((n) => n.length >= 6);
}

function valuesIn(url: string): string[] {
  const values: string[] = [];
  for (const [name, value] of new URL(url).searchParams) {
    if (name === '_id' || name === 'patient' || name === 'subject') values.push(value.replace(/^.*\//, ''));
    if (name === 'identifier') values.push(value.slice(value.lastIndexOf('|') + 1));
  }
  return values;
}

/** A FHIR batch POSTed to a source: its entries' URLs, absolute; undefined for any other request. */
export function batchUrls(request: Pick<CapturedRequest, 'method' | 'url' | 'requestBody'>): string[] | undefined {
  if (request.method !== 'POST' || !request.requestBody || !/^\/fhir\/[^/]+\/?$/.test(new URL(request.url).pathname)) return undefined;
  let bundle: { resourceType?: unknown; type?: unknown; entry?: unknown };
  try {
    bundle = JSON.parse(request.requestBody) as typeof bundle;
  } catch {
    return undefined;
  }
  if (bundle.resourceType !== 'Bundle' || bundle.type !== 'batch' || !Array.isArray(bundle.entry)) return undefined;
  const base = request.url.endsWith('/') ? request.url : `${request.url}/`;
  return bundle.entry.map((e: { request?: { url?: unknown } }) => {
    const url = e?.request?.url;
    return new URL(typeof url === 'string' ? url : '', base).href;
  });
}

/** The resource types a request asks for: its URL's, or its batch's entries'. */
export function typesOf(request: Pick<CapturedRequest, 'method' | 'url' | 'requestBody'>): string[] {
  return [...new Set((batchUrls(request) ?? [request.url]).map((url) => fhirType(new URL(url))).filter(Boolean))];
}

function holds(body: string, needle: string): boolean {
  if (needle.includes('://')) return body.includes(needle) || body.includes(safeDecode(needle));
  return body.includes(`"${needle}"`);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function sameOrigin(url: string, origin: string): boolean {
  return URL.canParse(url) && new URL(url).origin === origin;
}

/** What the browser floor's record page makes again: each request with its body, what it waits for and the headers that decide its preflight. */
export function browserFloorPlan(plan: Pick<Plan, 'nodes' | 'token'>): BrowserFloorPlan {
  // What the alerts need, and what that waits for, goes first through the browser's six connections per origin.
  const forAlerts = new Set<number>();
  const mark = (i: number): void => {
    if (forAlerts.has(i)) return;
    forAlerts.add(i);
    plan.nodes[i]?.needs.forEach(mark);
  };
  plan.nodes.forEach((n, i) => {
    if (typesOf(n.captured).some((t) => ALERT_TYPES.has(t))) mark(i);
  });
  return {
    tokenDpop: plan.token.sent?.dpop ?? false,
    nodes: plan.nodes.map(({ captured, needs }, index) => {
      const headers: Record<string, string> = {};
      for (const name of ['accept', 'content-type'] as const) {
        const value = captured.sent?.[name];
        if (value !== undefined) headers[name] = value;
      }
      const isBatch = batchUrls(captured) !== undefined;
      return {
        method: isBatch ? 'POST' : 'GET',
        url: captured.url,
        ...(isBatch ? { body: captured.requestBody } : {}),
        needs,
        headers,
        ...(captured.sent?.token ? { token: captured.sent.token } : {}),
        dpop: captured.sent?.dpop ?? false,
        forAlerts: forAlerts.has(index),
      };
    }),
  };
}

/**
 * Only what the alerts need, for a launch of its own: with every request at
 * once, the alerts' answers would queue behind the whole record's at the
 * sources and on the page's main thread (parsing), which a viewer need not
 * let happen. Indexes are renumbered; the needs stay within (a request the
 * alerts need needs only requests they need).
 */
export function alertsOnly(plan: BrowserFloorPlan): BrowserFloorPlan {
  const kept = plan.nodes.map((n, i) => [n, i] as const).filter(([n]) => n.forAlerts);
  const renumber = new Map(kept.map(([, old], i) => [old, i]));
  return {
    ...plan,
    nodes: kept.map(([n]) => ({ ...n, needs: n.needs.map((i) => renumber.get(i)).filter((i): i is number => i !== undefined) })),
  };
}

export interface BrowserFloor extends FloorFigures {
  /** Launch click to the token's answer, in the floor's own launch. */
  handshakeMs: number;
  /** Milliseconds from the floor's launch click. */
  requests: FloorRequest[];
}

/** The browser floor's figures from its page's report: times from its own launch click (`t0`, epoch ms). */
export function browserFloorResult(report: BrowserFloorReport, plan: BrowserFloorPlan, t0: number): BrowserFloor {
  const requests = report.requests
    .map((r): FloorRequest => {
      const node = plan.nodes[r.index]!;
      return {
        method: node.method,
        url: node.url,
        types: typesOf({ method: node.method, url: node.url, requestBody: node.body }),
        needs: node.needs,
        start: r.start - t0,
        end: r.end - t0,
        status: r.status,
        bytes: r.bytes,
      };
    })
    .sort((a, b) => a.start - b.start);
  const handshakeMs = report.tokenEnd - t0;
  return { handshakeMs, ...floorFigures(requests, handshakeMs, report.issuer), requests };
}

/** Runs the floor for a launch just measured: a fresh handshake from the same host page, then the plan (again six at a time if asked). */
export async function measureFloor(plan: Plan, hostUrl: string, viewerOrigin: string, withSixPerOrigin = false): Promise<Floor> {
  const started = performance.now();
  const token = await handshake(plan, hostUrl, viewerOrigin);
  const handshakeMs = performance.now() - started;
  const shift = (requests: FloorRequest[]) => requests.map((r) => ({ ...r, start: r.start + handshakeMs, end: r.end + handshakeMs }));
  const requests = shift(await replay(plan, token.accessToken, Infinity, token.prove));
  const floor: Floor = { handshakeMs, ...floorFigures(requests, handshakeMs, token.issuer), requests };
  if (withSixPerOrigin)
    floor.sixPerOrigin = floorFigures(shift(await replay(plan, token.accessToken, 6, token.prove)), handshakeMs, token.issuer);
  return floor;
}

/** When the banner, the alerts and everything could have been shown: the last answer each needs. */
export function floorFigures(requests: readonly FloorRequest[], handshakeMs: number, issuer: string): FloorFigures {
  const endOf = (keep: (r: FloorRequest) => boolean) => Math.max(handshakeMs, ...requests.filter(keep).map((r) => r.end));
  const atIssuer = (r: FloorRequest) => r.url === issuer || r.url.startsWith(`${issuer}/`) || r.url.startsWith(`${issuer}?`);
  return {
    bannerMs: endOf((r) => atIssuer(r) && r.types.includes('Patient')),
    alertsMs: endOf((r) => r.types.some((t) => ALERT_TYPES.has(t))),
    completeMs: endOf(() => true),
  };
}

/** The resource type a sandbox FHIR URL searches or reads: `/fhir/gp/Condition?...` is Condition. */
function fhirType(url: URL): string {
  return /^\/fhir\/[^/]+\/([A-Za-z]+)/.exec(url.pathname)?.[1] ?? '';
}

interface Token {
  accessToken: string;
  issuer: string;
  /** DPoP proofs, when the server bound the token to the floor's key (as it does the viewer's). */
  prove?: ProofMaker;
}

/** The SMART EHR launch as the viewer does it: host page, discovery, authorize (redirects followed), token. */
async function handshake(plan: Plan, hostUrl: string, viewerOrigin: string): Promise<Token> {
  const browser = new Browser(viewerOrigin);
  const host = await browser.run(hostUrl);
  if (host.kind !== 'page' || host.status !== 200) throw new Error(`Floor: the host page ${hostUrl} did not open`);
  const frame = (host.html.match(/<iframe\b[^>]*>/g) ?? [])
    .find((tag) => /\btitle="Shared care record"/.test(tag))
    ?.match(/\bsrc="([^"]+)"/)?.[1];
  if (!frame) throw new Error('Floor: the host page has no <iframe title="Shared care record">');
  const launchUrl = new URL(frame.replaceAll('&amp;', '&'));
  const issuer = launchUrl.searchParams.get('iss') ?? '';
  const discovery = (await (await fetch(`${issuer}/.well-known/smart-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
    dpop_signing_alg_values_supported?: string[];
  };
  const { verifier, challenge } = pkcePair();
  const authorize = new URL(discovery.authorization_endpoint);
  for (const [name, value] of plan.authorizeUrl.searchParams) authorize.searchParams.set(name, value);
  authorize.searchParams.set('launch', launchUrl.searchParams.get('launch') ?? '');
  authorize.searchParams.set('state', crypto.randomUUID());
  authorize.searchParams.set('code_challenge', challenge);
  const step = await browser.run(authorize.href);
  const code = step.kind === 'redirect' ? step.url.searchParams.get('code') : null;
  if (!code)
    throw new Error(
      `Floor: the authorisation server did not return a code (${step.kind === 'page' ? `${step.status} ${step.html.slice(0, 200)}` : step.url.href})`,
    );
  // As the viewer does when the server binds tokens: a key made for the session, a proof with the exchange.
  const dpop = discovery.dpop_signing_alg_values_supported?.includes('ES256') ? await newDpopKey() : undefined;
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(dpop ? { dpop: await tokenRequestProof(dpop, discovery.token_endpoint) } : {}),
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: authorize.searchParams.get('redirect_uri') ?? '',
      client_id: authorize.searchParams.get('client_id') ?? '',
    }),
  });
  const token = (await response.json()) as { access_token?: string };
  if (!token.access_token) throw new Error(`Floor: no access token (HTTP ${response.status})`);
  return { accessToken: token.access_token, issuer, ...(dpop ? { prove: dpopProofMaker(dpop) } : {}) };
}

/** Issues every planned request as soon as the answers it needs are in, at most `perOrigin` at a time. */
const REPLAY_TIMEOUT_MS = 60_000;

export async function replay(
  plan: Pick<Plan, 'nodes'>,
  accessToken: string,
  perOrigin: number,
  prove?: ProofMaker,
): Promise<FloorRequest[]> {
  const started = performance.now();
  const results: FloorRequest[] = [];
  const running = new Map<number, Promise<void>>();
  const slots = new Semaphore(perOrigin);
  const run = (index: number): Promise<void> => {
    let promise = running.get(index);
    if (!promise) {
      const node = plan.nodes[index]!;
      promise = Promise.all(node.needs.map(run)).then(() =>
        slots.use(async () => {
          const { captured } = node;
          const start = performance.now() - started;
          const isFhir = new URL(captured.url).pathname.startsWith('/fhir/');
          const isBatch = batchUrls(captured) !== undefined;
          const method = isBatch ? 'POST' : 'GET';
          const response = await fetch(captured.url, {
            method,
            headers: {
              ...(isFhir
                ? { ...(await tokenHeaders(accessToken, { method, url: captured.url }, prove)), accept: 'application/fhir+json' }
                : {}),
              ...(isBatch ? { 'content-type': 'application/fhir+json' } : {}),
            },
            ...(isBatch ? { body: captured.requestBody } : {}),
            // A request the sandbox never answers fails the floor rather than the whole bench.
            signal: AbortSignal.timeout(REPLAY_TIMEOUT_MS),
          });
          const bytes = (await response.arrayBuffer()).byteLength;
          results[index] = {
            method: captured.method,
            url: captured.url,
            types: typesOf(captured),
            needs: node.needs,
            start,
            end: performance.now() - started,
            status: response.status,
            bytes,
          };
        }),
      );
      running.set(index, promise);
    }
    return promise;
  };
  await Promise.all(plan.nodes.map((_, i) => run(i)));
  return results;
}

class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#free = size;
  }

  async use<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}
