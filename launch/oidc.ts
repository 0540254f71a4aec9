// Sign-in at the identity provider (NHS CIS2 or its sandbox stand-in) with
// oidc-client-ts. Only the signed-link pages load this module (dynamically),
// so SMART launches never download it. Tokens stay in sessionStorage.

import { ErrorResponse, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { IdentityProviderConfig } from '../src/launch/config';
import { NO_SESSION_ERRORS } from '../src/launch/link-launch';
import type { SessionProbeResult } from '../src/launch/session-watch';

export { ErrorResponse };

export function createUserManager(idp: IdentityProviderConfig): UserManager {
  const page = (name: string) => new URL(name, document.baseURI).href;
  return new UserManager({
    authority: idp.issuer,
    client_id: idp.clientId,
    redirect_uri: page('link.html'),
    silent_redirect_uri: page('silent.html'),
    response_type: 'code',
    scope: idp.scope ?? 'openid profile',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
    silentRequestTimeoutInSeconds: 10,
  });
}

/** Whether an error from a `prompt=none` sign-in means there is no smartcard session. */
export function isNoSession(error: unknown): boolean {
  return error instanceof ErrorResponse && NO_SESSION_ERRORS.includes(error.error ?? '');
}

/**
 * One silent check of the smartcard session in a hidden iframe (silent.html):
 * `ended` when the identity provider answers "log in" (card pulled, or
 * another user), `unknown` when it cannot be asked.
 */
export async function probeSession(manager: UserManager, sub: string): Promise<SessionProbeResult> {
  try {
    const status = await manager.querySessionStatus();
    return status?.sub !== undefined && status.sub !== sub ? 'ended' : 'active';
  } catch (error) {
    return isNoSession(error) ? 'ended' : 'unknown';
  }
}
