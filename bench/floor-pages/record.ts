// The browser floor's record page, served at /index.html (the redirect URI) in
// place of the viewer's: the code exchanged for a token with a DPoP proof
// (WebCrypto, as the viewer binds its token), then every request the viewer
// made to the sources in the same run, with the same method, URL, batch body
// and headers (so Chromium sends the same CORS preflights), each as soon as
// the answers it needs have arrived and been parsed, six per origin as the
// browser allows, those the alerts need first (fetch priority). No fhirclient
// here: its ready() does no network work.

import { newKey, proof, sha256 } from './dpop';
import type { BrowserFloorPlan, BrowserFloorReport } from './protocol';

interface FloorWindow {
  __benchFloorPlan?: BrowserFloorPlan;
  __benchReport?: (report: BrowserFloorReport) => void;
}

/** fhirclient's state for this launch, which its authorize() left in sessionStorage. */
interface LaunchState {
  serverUrl: string;
  tokenUri: string;
  redirectUri: string;
  clientId: string;
  codeVerifier?: string;
}

const w = window as unknown as FloorWindow;
const now = () => performance.timeOrigin + performance.now();

async function openRecord(): Promise<BrowserFloorReport> {
  const plan = w.__benchFloorPlan;
  if (!plan) throw new Error('no plan: open this page from the bench');
  const params = new URLSearchParams(location.search);
  const state = JSON.parse(sessionStorage.getItem(params.get('state') ?? '') ?? 'null') as LaunchState | null;
  if (!state?.tokenUri) throw new Error('no launch state for this code');
  const key = plan.tokenDpop ? await newKey() : undefined;
  const body = new URLSearchParams({
    code: params.get('code') ?? '',
    grant_type: 'authorization_code',
    redirect_uri: state.redirectUri,
    client_id: state.clientId,
  });
  if (state.codeVerifier) body.set('code_verifier', state.codeVerifier);
  const tokenStart = now();
  const response = await fetch(state.tokenUri, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      ...(key ? { DPoP: await proof(key, 'POST', state.tokenUri) } : {}),
    },
    body,
    credentials: 'omit',
    redirect: 'error',
  });
  const token = (await response.json()) as { access_token?: string; token_type?: string };
  const tokenEnd = now();
  if (!token.access_token) throw new Error(`no access token (HTTP ${response.status})`);
  const accessToken = token.access_token;
  const ath = key ? await sha256(accessToken) : undefined;

  const requests: BrowserFloorReport['requests'] = [];
  const running = new Map<number, Promise<void>>();
  const run = (index: number): Promise<void> => {
    const known = running.get(index);
    if (known) return known;
    const node = plan.nodes[index]!;
    const promise = Promise.all(node.needs.map(run)).then(async () => {
      const headers: Record<string, string> = { ...node.headers };
      if (node.token) headers.Authorization = `${node.token} ${accessToken}`;
      if (node.dpop && key) headers.DPoP = await proof(key, node.method, node.url, ath);
      const start = now();
      // Chromium hands its six connections per origin to the highest priority first: the alerts' requests before the rest.
      const answer = await fetch(node.url, {
        method: node.method,
        headers,
        ...(node.body === undefined ? {} : { body: node.body }),
        credentials: 'omit',
        redirect: 'manual',
        priority: node.forAlerts ? 'high' : 'low',
      });
      // Parsed, as any viewer must before it can show an answer.
      const text = await answer.text();
      if (/json/.test(answer.headers.get('content-type') ?? '')) JSON.parse(text);
      requests.push({ index, start, end: now(), status: answer.status, bytes: text.length });
    });
    running.set(index, promise);
    return promise;
  };
  await Promise.all(plan.nodes.map((_, i) => run(i)));
  return { kind: 'floor', issuer: state.serverUrl, tokenStart, tokenEnd, requests };
}

openRecord().then(
  (report) => w.__benchReport?.(report),
  (error: unknown) =>
    w.__benchReport?.({
      kind: 'floor',
      issuer: '',
      tokenStart: 0,
      tokenEnd: 0,
      requests: [],
      error: `browser floor: ${error instanceof Error ? error.message : String(error)}`,
    }),
);
