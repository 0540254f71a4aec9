// The SMART step of a signed-link launch: after the identity provider has
// signed the user in, an authorize request at the shared care record's
// authorisation server carrying the link as `launch` and the id_token as
// `id_token_hint`. Both are secrets, so the request is pushed (PAR, RFC 9126)
// in a POST body and the browser's address carries only the `request_uri`
// that stands for it. Pure functions; the page does the POST and the redirect.

import { normaliseBaseUrl, type ViewerConfig } from './config';
import { launchError, type LaunchError } from './launch-errors';
import type { SignedInUser } from './launch-context';
import type { LinkSession } from './link-session';
import { scopeForMode, type SmartAuthorizeOptions } from './smart-launch-plan';

/**
 * The FHIR server the token is asked for (`aud`): the first configured source,
 * else the standalone issuer, else the first issuer. Every source trusts the
 * same authorisation server, so one token serves them all.
 */
export function linkAudience(config: Pick<ViewerConfig, 'sources' | 'standaloneIssuer' | 'issuers'>): string | undefined {
  const aud = config.sources[0]?.fhirBaseUrl ?? config.standaloneIssuer ?? config.issuers[0];
  return aud ? normaliseBaseUrl(aud) : undefined;
}

/** fhirclient's authorize options for the link (it makes the PKCE pair and `state`). */
export function planLinkAuthorize(config: ViewerConfig, session: LinkSession, pageUrl: string): SmartAuthorizeOptions | LaunchError {
  const iss = linkAudience(config);
  if (!iss || !config.issuers.includes(iss)) {
    return launchError('config', ['The first source (the signed-link token audience) must also be listed in issuers.']);
  }
  return {
    clientId: config.clientId,
    scope: scopeForMode(config.scope, 'smart-ehr'),
    redirectUri: new URL(config.redirectUri, pageUrl).href,
    iss,
    launch: session.jws,
    pkceMode: 'required',
    completeInTarget: true,
  };
}

/** The body to push (PAR): every parameter of the authorize URL fhirclient built, and the id_token as `id_token_hint`. */
export function pushedRequestBody(authorizeUrl: string, idToken: string): URLSearchParams {
  const body = new URLSearchParams(new URL(authorizeUrl).search);
  body.set('id_token_hint', idToken);
  return body;
}

/** The address the browser then goes to: the authorize endpoint with `client_id` and `request_uri` only. */
export function pushedAuthorizeUrl(authorizeUrl: string, clientId: string, requestUri: string): string {
  const url = new URL(authorizeUrl);
  url.search = new URLSearchParams({ client_id: clientId, request_uri: requestUri }).toString();
  return url.href;
}

/** The `request_uri` of the server's answer to a push, or undefined when it is not one. */
export function requestUriOf(answer: unknown): string | undefined {
  const uri = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>).request_uri : undefined;
  return typeof uri === 'string' && uri !== '' ? uri : undefined;
}

/** The signed-in user must be the user the host signed the link for. */
export function checkLinkUser(session: LinkSession, user: SignedInUser | undefined): LaunchError | undefined {
  if (!user) return launchError('login-required');
  if (user.sub !== session.sub) return launchError('user-mismatch', [`The link was made for ${session.sub}; signed in as ${user.sub}.`]);
  if (session.org && user.org && session.org !== user.org) {
    return launchError('user-mismatch', [`The link was made for organisation ${session.org}; signed in for ${user.org}.`]);
  }
  return undefined;
}

/** OpenID Connect errors of a `prompt=none` sign-in that mean "no session": sign in to the clinical system first. */
export const NO_SESSION_ERRORS: readonly string[] = [
  'login_required',
  'interaction_required',
  'consent_required',
  'account_selection_required',
];
