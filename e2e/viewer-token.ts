// The viewer's token as the servers see it. Its tokens are bound to a key
// (DPoP) that cannot be read out of the browser, so requests "with the
// viewer's token" are made from inside the viewer's page, signing a proof with
// its key as the viewer does; a token taken out of the page is useless alone.
import type { Frame, Page } from '@playwright/test';
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';

/** A field of the token response in fhirclient's session state, in the page or frame holding the record. */
export async function tokenResponseField(target: Page | Frame, field: 'access_token' | 'patient'): Promise<string> {
  const value = await target.evaluate((name) => {
    for (let i = 0; i < sessionStorage.length; i++) {
      try {
        const state = JSON.parse(sessionStorage.getItem(sessionStorage.key(i)!) ?? '') as { tokenResponse?: Record<string, unknown> };
        const found = state?.tokenResponse?.[name];
        if (typeof found === 'string' && found) return found;
      } catch {
        // not JSON
      }
    }
    return undefined;
  }, field);
  if (!value) throw new Error(`No ${field} in the viewer session`);
  return value;
}

/** The access token in fhirclient's session state. */
export function accessToken(target: Page | Frame): Promise<string> {
  return tokenResponseField(target, 'access_token');
}

export interface Answer {
  status: number;
  body: Bundle | OperationOutcome;
}

/**
 * A request with the viewer's token and a DPoP proof by the viewer's own key, made
 * in the viewer's page (`token` overrides the token sent, e.g. a break-glass one).
 */
export async function requestAsViewer(
  target: Page | Frame,
  url: string,
  init: { method?: string; body?: string; contentType?: string; token?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const token = init.token ?? (await accessToken(target));
  return target.evaluate(
    async ({ url, token, method, body, contentType }) => {
      const id = sessionStorage.getItem('care-record-viewer:dpop-key');
      const keys = await new Promise<CryptoKeyPair>((resolve, reject) => {
        const open = indexedDB.open('care-record-viewer', 1);
        open.onerror = () => reject(open.error ?? new Error('the key store did not open'));
        open.onsuccess = () => {
          const read = open.result
            .transaction('dpop-keys')
            .objectStore('dpop-keys')
            .get(id ?? '');
          read.onsuccess = () => (read.result ? resolve((read.result as { keys: CryptoKeyPair }).keys) : reject(new Error('no DPoP key')));
          read.onerror = () => reject(read.error ?? new Error('the DPoP key could not be read'));
        };
      });
      const bytes = (text: string) => new TextEncoder().encode(text);
      const b64 = (buffer: ArrayBuffer | Uint8Array) =>
        btoa(String.fromCharCode(...new Uint8Array(buffer)))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '');
      const part = (value: unknown) => b64(bytes(JSON.stringify(value)));
      const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', keys.publicKey);
      const htu = new URL(url);
      htu.search = '';
      htu.hash = '';
      const ath = b64(await crypto.subtle.digest('SHA-256', bytes(token)));
      const input = `${part({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y } })}.${part({ jti: crypto.randomUUID(), htm: method, htu: htu.href, iat: Math.floor(Date.now() / 1000), ath })}`;
      const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, bytes(input));
      const response = await fetch(url, {
        method,
        headers: {
          Authorization: `DPoP ${token}`,
          DPoP: `${input}.${b64(signature)}`,
          Accept: 'application/fhir+json',
          ...(contentType ? { 'Content-Type': contentType } : {}),
        },
        ...(body === undefined ? {} : { body }),
      });
      return { status: response.status, body: (await response.json().catch(() => undefined)) as unknown };
    },
    { url, token, method: init.method ?? 'GET', body: init.body, contentType: init.contentType },
  );
}
