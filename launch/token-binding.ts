// Sender-constrained tokens (DPoP, RFC 9449) for the SMART side of every
// launch. fhirclient has no DPoP of its own and takes no fetch or headers for
// its code exchange, so when the launch page found that the authorisation
// server binds tokens (server-metadata.ts) the record page exchanges the code
// itself, with a proof, and stores the answer where fhirclient's ready() finds
// it; refreshes pass a proof through fhirclient's refresh options. Servers
// that do not bind tokens keep the plain bearer flow.

import type Client from 'fhirclient/lib/Client';
import { dpopProof, dpopProofMaker, type DpopKey } from '../src/sources/dpop';
import type { ProofMaker } from '../src/sources/token-scope';
import { sessionDpopKey } from './dpop-key-store';
import { TOKEN_BINDING_KEY } from './page';

/** This tab's DPoP key when its launch binds tokens, else undefined (bearer). */
export async function boundKey(): Promise<DpopKey | undefined> {
  return sessionStorage.getItem(TOKEN_BINDING_KEY) === 'dpop' ? sessionDpopKey() : undefined;
}

/** The proof maker for requests carrying the token, when it is bound. */
export function proofMakerOf(key: DpopKey | undefined): ProofMaker | undefined {
  return key ? dpopProofMaker(key) : undefined;
}

interface StoredState {
  clientId?: string;
  redirectUri?: string;
  tokenUri?: string;
  codeVerifier?: string;
  expiresAt?: number;
  tokenResponse?: Record<string, unknown>;
}

/**
 * Exchanges the authorization code on the address for a token bound to `key`,
 * before fhirclient's ready(): the answer is stored in fhirclient's own state,
 * so ready() finds the session authorised and only builds its client. Does
 * nothing when there is no code, no stored state for it (ready() then says
 * what is wrong) or a token already (a reload). `onSent` is called once the
 * request has left, before its answer.
 */
export async function exchangeCodeWithProof(key: DpopKey, search: string = location.search, onSent?: () => void): Promise<void> {
  const params = new URLSearchParams(search);
  const code = params.get('code');
  const stateKey = params.get('state');
  if (!code || !stateKey) return;
  const stored = readState(stateKey);
  if (!stored?.tokenUri || !stored.redirectUri || !stored.clientId || stored.tokenResponse?.access_token) return;
  const body = new URLSearchParams({
    code,
    grant_type: 'authorization_code',
    redirect_uri: stored.redirectUri,
    client_id: stored.clientId,
  });
  if (stored.codeVerifier) body.set('code_verifier', stored.codeVerifier);
  const sent = fetch(stored.tokenUri, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      DPoP: await dpopProof(key, 'POST', stored.tokenUri),
    },
    body,
    credentials: 'omit',
    redirect: 'error',
  });
  onSent?.();
  const response = await sent;
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  // Worded as fhirclient words it, so the launch error page names it the same way.
  if (!response.ok || typeof answer.access_token !== 'string')
    throw new Error(`Failed to obtain access token. (${typeof answer.error === 'string' ? answer.error : response.status})`);
  if (answer.token_type !== 'DPoP') sessionStorage.removeItem(TOKEN_BINDING_KEY);
  const expiresIn = typeof answer.expires_in === 'number' ? answer.expires_in : 300;
  sessionStorage.setItem(
    stateKey,
    JSON.stringify({ ...stored, tokenResponse: answer, expiresAt: Math.floor(Date.now() / 1000) + expiresIn }),
  );
}

/**
 * The access token, refreshed first when it expires within 10 seconds (as
 * fhirclient's refreshIfNeeded decides); a bound token's refresh carries a proof.
 */
export async function currentAccessToken(client: Client, key?: DpopKey): Promise<string> {
  const state = client.state as StoredState & { tokenResponse?: { refresh_token?: string } };
  const due = (state.expiresAt ?? 0) - 10 < Date.now() / 1000;
  if (due && state.tokenResponse?.refresh_token && state.tokenUri) {
    const headers = key ? { DPoP: await dpopProof(key, 'POST', state.tokenUri) } : undefined;
    await client.refresh(headers ? { headers } : {});
  }
  const token: unknown = client.getState('tokenResponse.access_token');
  if (typeof token !== 'string' || token === '') throw new Error('The session has ended.');
  return token;
}

function readState(key: string): StoredState | undefined {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(key) ?? 'null');
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}
