// After a signed-link launch: watch the smartcard session (a silent sign-in at
// the identity provider at most every 30 seconds, and when the window regains
// focus, compared with the user the record was opened for) and lock the viewer
// unless it is still that user: the record is removed from the page, the
// tokens, the key they are bound to and the queued audit events are dropped,
// and a lock screen says why and what to do.

import type { IdentityProviderConfig } from '../src/launch-context/config';
import { LOCK_REASONS, SessionWatch, type LockReason, type SessionUser } from '../src/launch-context/session-watch';
import { clearAuditQueues } from '../src/audit/audit-queue';
import { forgetSessionDpopKey } from './dpop-key-store';
import '../components/session-lock/session-lock';

export function watchSmartcardSession(idp: IdentityProviderConfig, user: SessionUser): SessionWatch {
  const watch = new SessionWatch({
    probe: async () => {
      const { checkSession } = await import('./oidc');
      return checkSession(idp, user);
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

export function lockViewer(reason: LockReason = 'card-removed'): void {
  const root = document.getElementById('app') ?? document.body;
  const lock = document.createElement('cr-session-lock');
  lock.reason = LOCK_REASONS[reason];
  lock.dataset.reason = reason;
  root.replaceChildren(lock);
  document.title = 'Locked - Care record';
  // The tab's session is over: its key, what it had queued to audit, and its tokens (the key's id first).
  void forgetSessionDpopKey();
  clearAuditQueues();
  sessionStorage.clear();
}
