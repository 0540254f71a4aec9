// The authorisation servers' endpoints, found the way the viewer finds them:
// fhirclient reads `<iss>/.well-known/smart-configuration` (falling back to the
// CapabilityStatement's oauth-uris extension); oidc-client-ts reads the
// identity provider's `/.well-known/openid-configuration`. The server
// configuration needs them because the browser fetches the token endpoints,
// and the Content-Security-Policy names every address the viewer fetches.

import type { ViewerConfig } from '../../src/launch-context/config';

/** What the viewer uses of one authorisation server. */
export interface AuthorizationServer {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** Pushed authorisation requests (RFC 9126), when the server offers them. */
  parEndpoint?: string;
}

export interface Discovery {
  /** Each allowed issuer (a FHIR base) with its SMART authorisation server. */
  smart: { issuer: string; server: AuthorizationServer }[];
  identityProvider?: AuthorizationServer;
}

export class DiscoveryError extends Error {}

const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

/** Reads every allowed issuer's and the identity provider's endpoints; throws a DiscoveryError naming each one it could not read. */
export async function discover(
  config: Pick<ViewerConfig, 'issuers' | 'identityProvider'>,
  fetchFn: typeof fetch = fetch,
): Promise<Discovery> {
  const problems: string[] = [];
  const smart = await Promise.all(
    config.issuers.map(async (issuer) => {
      try {
        return { issuer, server: await smartServer(issuer, fetchFn) };
      } catch (error) {
        problems.push(`${issuer}: ${reason(error)}`);
        return undefined;
      }
    }),
  );
  let identityProvider: AuthorizationServer | undefined;
  if (config.identityProvider) {
    const url = `${config.identityProvider.issuer}/.well-known/openid-configuration`;
    try {
      identityProvider = serverFrom(await getJson(url, fetchFn), url);
    } catch (error) {
      problems.push(`${config.identityProvider.issuer} (identity provider): ${reason(error)}`);
    }
  }
  if (problems.length > 0) {
    throw new DiscoveryError(
      `Could not read the authorisation servers' endpoints, which the Content-Security-Policy must name:\n  ${problems.join('\n  ')}`,
    );
  }
  const found: Discovery = { smart: smart.filter((s) => s !== undefined) };
  if (identityProvider) found.identityProvider = identityProvider;
  return found;
}

async function smartServer(issuer: string, fetchFn: typeof fetch): Promise<AuthorizationServer> {
  const wellKnown = `${issuer}/.well-known/smart-configuration`;
  try {
    return serverFrom(await getJson(wellKnown, fetchFn), wellKnown);
  } catch (first) {
    const metadata = `${issuer}/metadata`;
    const statement = await getJson(metadata, fetchFn).catch(() => {
      throw first;
    });
    return serverFrom(oauthUris(statement), metadata);
  }
}

/** The CapabilityStatement's `rest[0].security` oauth-uris extension, as discovery fields. */
function oauthUris(statement: unknown): Record<string, unknown> {
  const rest = (
    statement as { rest?: { security?: { extension?: { url?: string; extension?: { url?: string; valueUri?: string }[] }[] } }[] }
  ).rest;
  const uris = rest?.[0]?.security?.extension?.find((e) => e.url === OAUTH_URIS)?.extension ?? [];
  const value = (name: string) => uris.find((e) => e.url === name)?.valueUri;
  return { authorization_endpoint: value('authorize'), token_endpoint: value('token') };
}

function serverFrom(json: unknown, from: string): AuthorizationServer {
  const doc = (json ?? {}) as Record<string, unknown>;
  const url = (field: string, required: boolean): string | undefined => {
    const value = doc[field];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || !URL.canParse(value)) throw new DiscoveryError(`${from} has no usable ${field}`);
    return value;
  };
  const server: AuthorizationServer = {
    authorizationEndpoint: url('authorization_endpoint', true) as string,
    tokenEndpoint: url('token_endpoint', true) as string,
  };
  const par = url('pushed_authorization_request_endpoint', false);
  if (par) server.parEndpoint = par;
  return server;
}

async function getJson(url: string, fetchFn: typeof fetch): Promise<unknown> {
  const response = await fetchFn(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new DiscoveryError(`${url} answered ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new DiscoveryError(`${url} is not JSON`);
  }
}

function reason(error: unknown): string {
  if (error instanceof DiscoveryError) return error.message;
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `could not be reached (${error instanceof Error ? error.message : String(error)}${cause})`;
}
