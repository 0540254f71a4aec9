// The OAuth `state` (and fhirclient's storage key for the launch): fhirclient
// makes its own from Math.random, which is not a secure source. 32 bytes from
// crypto.getRandomValues, base64url, so it is unguessable and URL-safe.

const STATE_BYTES = 32;

export function randomState(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(STATE_BYTES));
  return base64url(bytes);
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
