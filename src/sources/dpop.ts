// DPoP (RFC 9449): the access token is bound to a key pair made for this
// session, and every request carries a proof, a JWT signed with the private
// key over the method, the URL (without query or fragment), the time, a
// unique id and the token's hash. A token taken from a log, or by a source it
// was sent to, is useless without the private key; a proof taken with it
// names one URL and is refused anywhere else and a second time. The private
// key is non-extractable WebCrypto (ECDSA P-256, ES256): script can use it,
// but nothing can read it out. Plain WebCrypto, so this runs in browsers and Node alike.

import type { ProofMaker } from './token-scope';

/** A WebCrypto key, as whichever runtime's `crypto.subtle` makes it (the core names no DOM type). */
type WebCryptoKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

/** A WebCrypto key pair (the DOM's CryptoKeyPair, named here so the core needs no DOM library). */
export interface DpopKeyPair {
  readonly publicKey: WebCryptoKey;
  readonly privateKey: WebCryptoKey;
}

export interface DpopKey {
  keys: DpopKeyPair;
  /** The public key as the proof header carries it (kty, crv, x, y only). */
  jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A new key pair whose private half cannot be exported. */
export async function createDpopKeys(): Promise<DpopKeyPair> {
  return globalThis.crypto.subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
}

/** The key pair with its public JWK (public keys are always exportable). */
export async function dpopKeyOf(keys: DpopKeyPair): Promise<DpopKey> {
  const { kty, crv, x, y } = await globalThis.crypto.subtle.exportKey('jwk', keys.publicKey);
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y) throw new Error('The DPoP key is not a P-256 key');
  return { keys, jwk: { kty, crv, x, y } };
}

/** The URL a proof names: without its query or fragment (RFC 9449 section 4.2). */
export function htuOf(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}

/** One proof for a request (and, at a resource server, the token it carries). */
export async function dpopProof(key: DpopKey, method: string, url: string, options: { accessToken?: string; nonce?: string; now?: number } = {}): Promise<string> {
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: key.jwk };
  const payload: Record<string, unknown> = {
    jti: globalThis.crypto.randomUUID(),
    htm: method.toUpperCase(),
    htu: htuOf(url),
    iat: Math.floor((options.now ?? Date.now()) / 1000),
  };
  if (options.accessToken !== undefined) payload.ath = await sha256(options.accessToken);
  if (options.nonce !== undefined) payload.nonce = options.nonce;
  const input = `${encodeJson(header)}.${encodeJson(payload)}`;
  // WebCrypto's ECDSA signature is r || s (64 bytes), which is exactly JWS's ES256 form.
  const signature = await globalThis.crypto.subtle.sign(SIGNING, key.keys.privateKey, new TextEncoder().encode(input));
  return `${input}.${base64url(new Uint8Array(signature))}`;
}

/** The proof maker the fetching layer calls for each request that carries a token. */
export function dpopProofMaker(key: DpopKey): ProofMaker {
  return (method, url, accessToken) => dpopProof(key, method, url, { accessToken });
}

/** base64url(SHA-256(text)): a token's `ath`, and the JWK thumbprint's last step. */
export async function sha256(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return base64url(new Uint8Array(digest));
}

/** The key's JWK thumbprint (RFC 7638), which a bound token names as `cnf.jkt`. */
export function jwkThumbprint(jwk: DpopKey['jwk']): Promise<string> {
  return sha256(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }));
}

function encodeJson(value: unknown): string {
  return base64url(new TextEncoder().encode(JSON.stringify(value)));
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
