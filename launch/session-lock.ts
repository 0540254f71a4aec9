// After a signed-link launch: watch the smartcard session (a silent check at
// the identity provider at most every 30 seconds, and when the window regains
// focus) and lock the viewer when it ends: the record is removed from the page,
// the tokens are dropped, and a lock screen says what to do.

import type { IdentityProviderConfig } from '../src/launch/config';
import { SessionWatch } from '../src/launch/session-watch';
import '../components/session-lock/session-lock';

export function watchSmartcardSession(idp: IdentityProviderConfig, sub: string): SessionWatch {
  const watch = new SessionWatch({
    probe: async () => {
      const { createUserManager, probeSession } = await import('./oidc');
      return probeSession(createUserManager(idp), sub);
    },
    onEnded: lockViewer,
  });
  watch.start();
  const onVisible = () => {
    if (document.visibilityState === 'visible') void watch.checkSoon();
  };
  document.addEventListener('visibilitychange', onVisible);
  addEventListener('focus', onVisible);
  return watch;
}

export function lockViewer(): void {
  const root = document.getElementById('app') ?? document.body;
  root.replaceChildren(document.createElement('session-lock'));
  document.title = 'Locked - Care record';
  // The tab's session is over: its tokens go (the audit queue lives in localStorage and stays).
  sessionStorage.clear();
}
