// The viewer's fetching layer (src/sources) against the whole sandbox, from Node:
// Margaret Thompson (999 000 0018) launched from the hospital, each source's
// queries sent as batches, and again against sources that refuse batches. The
// two loads must give the same results; the batches take far fewer requests.
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA_QUERIES } from '../../src/record/sections';
import type { QueryResult } from '../../src/record/model';
import { loadRecord, type SourceStatus } from '../../src/sources/load-record';
import { SOURCES, VIEWER_CLIENT_ID, type SourceName } from '../config';
import { Browser, pkcePair } from '../test-helpers/smart-flow';
import { newDpopKey, tokenRequestProof } from '../test-helpers/dpop-client';
import { dpopProofMaker, type DpopKey } from '../../src/sources/dpop';
import { useWholeSandbox } from '../test-helpers/whole-sandbox';

const VIEWER = 'http://127.0.0.1:5173';
const NHS_NUMBER = '9990000018';
const QUERIES = DATA_QUERIES;

const world = useWholeSandbox(VIEWER);

/** An EHR launch from the hospital's system for the patient, through to the access token. */
async function hospitalLaunch(): Promise<{ token: string; patient: string; key: DpopKey }> {
  const patientId = await world.patientId('acute', NHS_NUMBER);
  const launch = world.sandbox.auth.createLaunch({ source: 'acute', patientId, userId: 'kwame.osei', needPatientBanner: false });
  const { verifier, challenge } = pkcePair();
  const authorize = new URL(`${world.sandbox.origin}/auth/authorize`);
  for (const [name, value] of Object.entries({
    response_type: 'code',
    client_id: VIEWER_CLIENT_ID,
    redirect_uri: `${VIEWER}/`,
    launch,
    state: 's',
    scope: 'launch openid fhirUser patient/*.rs',
    aud: world.base('acute'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }))
    authorize.searchParams.set(name, value);
  const step = await new Browser(VIEWER).run(authorize.href);
  if (step.kind !== 'redirect') throw new Error(`The launch did not return to the viewer: ${step.status}`);
  const key = await newDpopKey();
  const response = await fetch(`${world.sandbox.origin}/auth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      dpop: await tokenRequestProof(key, `${world.sandbox.origin}/auth/token`),
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: step.url.searchParams.get('code') ?? '',
      code_verifier: verifier,
      redirect_uri: `${VIEWER}/`,
      client_id: VIEWER_CLIENT_ID,
    }),
  });
  const body = (await response.json()) as { access_token: string; patient: string };
  return { token: body.access_token, patient: body.patient, key };
}

interface Sent {
  method: string;
  url: string;
  status: number;
}

/** Loads the record as the viewer does; `refuseBatch` makes every source answer a batch 405, as a server without batch would. */
async function load(launch: { token: string; patient: string; key: DpopKey }, refuseBatch: boolean) {
  const sent: Sent[] = [];
  const counting: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    const response =
      refuseBatch && method === 'POST'
        ? new Response(
            JSON.stringify({
              resourceType: 'OperationOutcome',
              issue: [{ severity: 'error', code: 'not-supported', diagnostics: 'no batch here' }],
            }),
            { status: 405 },
          )
        : await fetch(input, init);
    sent.push({ method, url, status: response.status });
    return response;
  };
  const results: QueryResult[] = [];
  const statuses = new Map<string, SourceStatus>();
  const loading = loadRecord({
    sources: SOURCES.map((s) => ({
      name: s.name,
      organisation: s.organisation,
      fhirBaseUrl: world.base(s.name),
      auth: 'launch-token' as const,
      timeoutMs: 8000,
      pageCap: 2000,
    })),
    launch: {
      issuer: world.base('acute'),
      patientId: launch.patient,
      getAccessToken: () => Promise.resolve(launch.token),
      proveToken: dpopProofMaker(launch.key),
    },
    queries: QUERIES,
    onResult: (r) => results.push(r),
    onStatus: (s) => statuses.set(s.source.name, s),
    fetch: counting,
    // A fixed clock: the two loads' results are compared whole.
    now: () => new Date('2026-01-01T09:00:00Z'),
  });
  await loading.done;
  const sorted = [...results].sort((a, b) => `${a.source.name} ${a.resourceType}`.localeCompare(`${b.source.name} ${b.resourceType}`));
  return { sent, results: sorted, statuses };
}

const toSource = (name: SourceName) => (s: Sent) =>
  s.url === world.base(name) || s.url.startsWith(`${world.base(name)}/`) || s.url.startsWith(`${world.base(name)}?`);

describe("the viewer's record load against the sandbox (THOMPSON, 999 000 0018)", () => {
  let launch: { token: string; patient: string; key: DpopKey };
  beforeAll(async () => {
    launch = await hospitalLaunch();
  });

  it('gets the same results from batches as from one GET per query, with a handful of requests per source', async () => {
    const batched = await load(launch, false);
    const single = await load(launch, true);
    expect(batched.results).toEqual(single.results);
    expect(batched.results.length).toBe(SOURCES.length * (QUERIES.length + 1));
    expect(batched.results.filter((r) => r.outcome.kind === 'loaded').length).toBeGreaterThan(QUERIES.length * 3);
    for (const status of batched.statuses.values()) expect(status.state).not.toBe('loading');

    const rows = SOURCES.map(({ name }) => {
      const mine = batched.sent.filter(toSource(name));
      const theirs = single.sent.filter(toSource(name));
      return {
        name,
        batched: mine.length,
        posts: mine.filter((s) => s.method === 'POST').length,
        single: theirs.filter((s) => s.method === 'GET').length,
      };
    });
    console.log(
      `requests per source for ${NHS_NUMBER} (batched vs one GET per query):\n${rows.map((r) => `  ${r.name.padEnd(14)} ${String(r.batched).padStart(3)} (${r.posts} batches)  vs ${String(r.single).padStart(3)}`).join('\n')}`,
    );
    const holding = ['gp', 'acute', 'community', 'social-care'];
    for (const row of rows.filter((r) => holding.includes(r.name))) {
      expect(row.posts).toBeGreaterThan(0);
      expect(row.batched).toBeLessThanOrEqual(6);
      expect(row.single).toBeGreaterThanOrEqual(QUERIES.length + 1);
    }
    expect(batched.sent.every((s) => s.status === 200)).toBe(true);
    // Mental health does not hold THOMPSON: its Patient search (a batch of one) is all it is asked.
    expect(rows.find((r) => r.name === 'mental-health')).toMatchObject({ batched: 1, posts: 1, single: 1 });
  });

  it('names a failing source and loads the others, with the same words as without batches', async () => {
    world.sandbox.faults.set({ gp: { fail: 500 } });
    try {
      const batched = await load(launch, false);
      const single = await load(launch, true);
      expect(batched.statuses.get('gp')).toMatchObject({
        state: 'problem',
        problem: { kind: 'failed', reason: 'the server answered with an error (500 Internal Server Error): Injected fault' },
      });
      expect(batched.statuses.get('acute')).toMatchObject({ state: 'loaded', problems: [] });
      const reasons = (r: { results: QueryResult[] }) =>
        r.results.map((x) => (x.outcome.kind === 'problem' ? `${x.source.name} ${x.resourceType} ${x.outcome.problem.reason}` : 'loaded'));
      expect(reasons(batched)).toEqual(reasons(single));
    } finally {
      world.sandbox.faults.clear();
    }
  });
});
