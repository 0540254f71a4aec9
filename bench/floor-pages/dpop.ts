// DPoP (RFC 9449) for the browser floor with WebCrypto alone, no viewer code:
// an ES256 key made for the page and a signed JWT per request, as the
// authorisation server and the sources require of the viewer's bound token.

export interface FloorKey {
  privateKey: CryptoKey;
  jwk: { kty: string; crv: string; x: string; y: string };
}

export async function newKey(): Promise<FloorKey> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const { kty = '', crv = '', x = '', y = '' } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, jwk: { kty, crv, x, y } };
}

/** A proof over the method and the URL without its query; `ath` (the token's hash) on requests that carry a token. */
export async function proof(key: FloorKey, method: string, url: string, ath?: string): Promise<string> {
  const htu = new URL(url);
  htu.search = '';
  htu.hash = '';
  const payload = {
    jti: crypto.randomUUID(),
    htm: method.toUpperCase(),
    htu: htu.href,
    iat: Math.floor(Date.now() / 1000),
    ...(ath ? { ath } : {}),
  };
  const input = `${encode({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.jwk })}.${encode(payload)}`;
  // WebCrypto's ECDSA signature is r || s, which is JWS's ES256 form.
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.privateKey, new TextEncoder().encode(input));
  return `${input}.${base64url(new Uint8Array(signature))}`;
}

/** base64url(SHA-256(text)): a token's `ath`. */
export async function sha256(text: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

function encode(value: unknown): string {
  return base64url(new TextEncoder().encode(JSON.stringify(value)));
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
