// What the launch pages read from the authorisation server's SMART
// configuration beyond fhirclient: whether it binds tokens to a key (DPoP,
// `dpop_signing_alg_values_supported` with ES256) and where it takes pushed
// authorization requests (PAR). Read from fhirclient's in-memory cache of the
// document its authorize() has just fetched, so nothing is asked twice.

import { getAndCache } from 'fhirclient/lib/lib';
import { TOKEN_BINDING_KEY } from './page';

/** The parts of the server's SMART configuration the viewer reads beyond fhirclient. */
export interface ServerMetadata {
  dpop: boolean;
  /** RFC 9126: where authorization requests are pushed, when the server takes them. */
  parEndpoint?: string;
}

/** The server's SMART configuration, as fhirclient's authorize() has just fetched it (call after authorize). */
export async function serverMetadata(iss: string): Promise<ServerMetadata> {
  const url = `${String(iss).replace(/\/*$/, '/')}.well-known/smart-configuration`;
  let json: unknown;
  try {
    json = await getAndCache(url);
  } catch {
    return { dpop: false };
  }
  const meta = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const algs = Array.isArray(meta.dpop_signing_alg_values_supported) ? meta.dpop_signing_alg_values_supported : [];
  const par = meta.pushed_authorization_request_endpoint;
  return { dpop: algs.includes('ES256'), ...(typeof par === 'string' && URL.canParse(par) ? { parEndpoint: par } : {}) };
}

/** Remembers, across the redirect, whether the record page must bind its token. */
export function rememberTokenBinding(metadata: ServerMetadata): void {
  if (metadata.dpop) sessionStorage.setItem(TOKEN_BINDING_KEY, 'dpop');
  else sessionStorage.removeItem(TOKEN_BINDING_KEY);
}
