// The viewer's DPoP key, for the sandbox's tests and the benchmark's floor:
// a key per launch, the proof for the token request, and the DPoP headers for
// each request made with the token it was bound to.
import { createDpopKeys, dpopKeyOf, dpopProof, type DpopKey } from '../../src/sources/dpop';

/** Tokens issued in these tests, and the key each was bound to. */
const keysByToken = new Map<string, DpopKey>();

export async function newDpopKey(): Promise<DpopKey> {
  return dpopKeyOf(await createDpopKeys());
}

/** The proof for a token request (no `ath`). */
export function tokenRequestProof(key: DpopKey, tokenEndpoint: string): Promise<string> {
  return dpopProof(key, 'POST', tokenEndpoint);
}

/** Remembers the key a token is bound to, so that `tokenHeaders` can prove it. */
export function rememberKey(token: string, key: DpopKey): void {
  keysByToken.set(token, key);
}

export function keyOf(token: string): DpopKey | undefined {
  return keysByToken.get(token);
}

/** `Authorization: DPoP` and a fresh proof, for a token issued through these helpers (else a bearer token). */
export async function tokenHeaders(token: string, method: string, url: string): Promise<Record<string, string>> {
  const key = keysByToken.get(token);
  if (!key) return { authorization: `Bearer ${token}` };
  return { authorization: `DPoP ${token}`, dpop: await dpopProof(key, method, url, { accessToken: token }) };
}

/** fetch with the token presented as the viewer presents it. */
export async function fetchWithToken(token: string, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = { ...(init.headers as Record<string, string> | undefined), ...(await tokenHeaders(token, init.method ?? 'GET', url)) };
  return fetch(url, { ...init, headers });
}
