// Sign-in at the identity provider (NHS CIS2 or its sandbox stand-in) with
// oidc-client-ts. Only the signed-link pages load this module (dynamically),
// so SMART launches never download it. Tokens stay in sessionStorage.

import { ErrorResponse, UserManager, WebStorageStateStore, type UserManagerSettings } from 'oidc-client-ts';
import type { IdentityProviderConfig } from '../src/launch-context/config';
import { NO_SESSION_ERRORS } from '../src/launch-context/link-launch';
import { compareSessionUser, type SessionCheck, type SessionUser } from '../src/launch-context/session-watch';

export { ErrorResponse };

export function createUserManager(idp: IdentityProviderConfig, extra: Partial<UserManagerSettings> = {}): UserManager {
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
    ...extra,
  });
}

/** Whether an error from a `prompt=none` sign-in means there is no smartcard session. */
export function isNoSession(error: unknown): boolean {
  return error instanceof ErrorResponse && NO_SESSION_ERRORS.includes(error.error ?? '');
}

/**
 * One check of the smartcard session: a silent sign-in (prompt=none, in a
 * hidden iframe on silent.html) whose code is exchanged for an id_token, so
 * the answer names who is signed in now, compared with the record's user.
 * oidc-client-ts's querySessionStatus() cannot do this: it answers `null` when
 * the provider sends no `session_state`, whoever is signed in.
 */
export async function checkSession(idp: IdentityProviderConfig, expected: SessionUser): Promise<SessionCheck> {
  // Its own manager: it must not refuse another user's answer itself (we compare and say why).
  const manager = createUserManager(idp, { validateSubOnSilentRenew: false });
  try {
    const user = await manager.signinSilent();
    return compareSessionUser(expected, user?.profile);
  } catch (error) {
    return { state: 'ended', reason: isNoSession(error) ? 'card-removed' : 'unavailable' };
  } finally {
    // The answer was needed only to compare: no identity provider tokens are kept from it.
    await manager.removeUser().catch(() => undefined);
  }
}
