// link.html: a signed context link from a host system (docs/access.md section 3).
//   1. `#link=<jws>`: take it out of the address bar at once, check it against
//      the host's pinned keys, then sign the user in silently (prompt=none) at
//      the identity provider.
//   2. Back from the identity provider (`?code&state`): the signed-in user must
//      be the link's user; then the SMART authorize request (the link as
//      `launch`, the id_token as `id_token_hint`, PKCE S256), pushed to the
//      authorisation server (PAR) so that neither secret is ever in an address,
//      whose answer lands on the record page (index.html), which finishes in link-record.ts.
// Every refusal ends on a worded page and is audited.

import { readLinkFragment } from '../src/launch-context/link-fragment';
import { LaunchFailure, launchError, mapLaunchError, type LaunchError } from '../src/launch-context/launch-errors';
import { LINK_SESSION_KEY, linkSessionOf, parseLinkSession, signedInUserOf, type LinkSession } from '../src/launch-context/link-session';
import type { ViewerConfig } from '../src/launch-context/config';
import { showLaunchError } from './error-page';
import { auditRefusedLaunch } from './launch-audit';
import { LAUNCH_MODE_KEY, clearRedirectParams, launchConfig, loadConfig, randomState } from './page';
import './page.css';

// First thing: the link must not stay in the address bar or the history.
const linkFromAddress = readLinkFragment(location.hash);
if (location.hash) history.replaceState(null, '', `${location.pathname}${location.search}`);

/** A refusal with what to audit alongside it. */
class Refusal extends LaunchFailure {
  constructor(
    error: LaunchError,
    readonly claimed: LinkSession | { sub?: string; org?: string; nhsNumber?: string; iss?: string } = {},
  ) {
    super(error);
  }
}

let config: ViewerConfig | undefined;

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  if (linkFromAddress) return startLink(linkFromAddress);
  if (params.has('state') && (params.has('code') || params.has('error'))) return finishSignIn();
  throw new LaunchFailure(launchError('no-link'));
}

async function startLink(jws: string): Promise<void> {
  config = await loadConfig();
  const { verifyContextLink, storedSeenLinks, linkFailureError } = await import('../src/launch-context/signed-link');
  const result = await verifyContextLink(jws, {
    issuers: config.linkIssuers ?? [],
    audience: location.origin,
    seen: storedSeenLinks(localStorage),
  });
  if (!result.ok) throw new Refusal(linkFailureError(result.failure, result.detail), result.claimed);
  const idp = config.identityProvider;
  if (!idp) throw new LaunchFailure(launchError('config', ['identityProvider is not configured.']));
  sessionStorage.removeItem(LAUNCH_MODE_KEY);
  sessionStorage.setItem(LINK_SESSION_KEY, JSON.stringify(linkSessionOf(result.link)));
  const { createUserManager } = await import('./oidc');
  // Silent: the smartcard session is already there (or the answer is login_required).
  await createUserManager(idp).signinRedirect({ prompt: 'none' });
}

async function finishSignIn(): Promise<void> {
  config = await launchConfig();
  const session = parseLinkSession(sessionStorage.getItem(LINK_SESSION_KEY));
  if (!session) {
    clearRedirectParams();
    throw new LaunchFailure(launchError('no-session'));
  }
  const idp = config.identityProvider;
  if (!idp) throw new LaunchFailure(launchError('config', ['identityProvider is not configured.']));
  const { createUserManager, isNoSession } = await import('./oidc');
  const user = await createUserManager(idp)
    .signinRedirectCallback(location.href)
    .catch((error: unknown) => {
      clearRedirectParams();
      if (isNoSession(error)) throw new Refusal(launchError('login-required'), session);
      throw new Refusal(launchError('authorisation-failed', ['The identity provider did not complete the sign-in.']), session);
    });
  clearRedirectParams();
  const { checkLinkUser, planLinkAuthorize, pushedAuthorizeUrl, pushedRequestBody, requestUriOf } =
    await import('../src/launch-context/link-launch');
  const signedIn = signedInUserOf(user.profile);
  const mismatch = checkLinkUser(session, signedIn);
  if (mismatch) throw new Refusal(mismatch, { ...session, ...(signedIn ? { sub: signedIn.sub } : {}) });
  sessionStorage.setItem(LINK_SESSION_KEY, JSON.stringify({ ...session, user: signedIn }));

  const plan = planLinkAuthorize(config, session, location.href);
  if ('code' in plan) throw new LaunchFailure(plan);
  const { default: FHIR } = await import('fhirclient');
  const authorizeUrl = await FHIR.oauth2.authorize({ ...plan, stateKey: randomState(), noRedirect: true });
  if (typeof authorizeUrl !== 'string' || !user.id_token) throw new LaunchFailure(launchError('authorisation-failed'));
  const { rememberTokenBinding, serverMetadata } = await import('./server-metadata');
  const metadata = await serverMetadata(plan.iss);
  if (!metadata.parEndpoint) {
    throw new LaunchFailure(
      launchError('config', [
        'The authorisation server does not take pushed authorization requests (PAR), so the link cannot be sent safely.',
      ]),
    );
  }
  rememberTokenBinding(metadata);
  // The link and the id_token go in a POST body; the address will carry only the request_uri.
  const pushed = await fetch(metadata.parEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: pushedRequestBody(authorizeUrl, user.id_token),
    credentials: 'omit',
    redirect: 'error',
  });
  const requestUri = requestUriOf(await pushed.json().catch(() => undefined));
  if (!pushed.ok || !requestUri)
    throw new LaunchFailure(
      launchError('authorisation-failed', [`The authorisation server did not take the pushed request (${pushed.status}).`]),
    );
  sessionStorage.setItem(LAUNCH_MODE_KEY, session.intent === 'emergency' ? 'launch-link' : 'signed-link');
  location.assign(pushedAuthorizeUrl(authorizeUrl, plan.clientId, requestUri));
}

main().catch((error: unknown) => {
  const shown = mapLaunchError(error, { phase: 'authorize' });
  if (config && error instanceof Refusal) {
    const claimed = error.claimed;
    auditRefusedLaunch(config, {
      error: shown,
      claimed:
        'patient' in claimed
          ? { sub: claimed.sub, ...(claimed.org ? { org: claimed.org } : {}), nhsNumber: claimed.patient.nhsNumber, iss: claimed.issuer }
          : claimed,
      mode: 'signed-link',
    });
  }
  showLaunchError(shown);
});
