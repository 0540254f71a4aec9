// Watches the smartcard session at the identity provider after a signed-link
// launch: at most every 30 seconds (and when the window regains focus) the
// viewer signs in silently (prompt=none) and compares who is signed in now
// with the user the record was opened for (`sub`, and the organisation). The
// record stays open only on a positive answer: the same user. A removed card,
// another user's card, an error, a timeout or an answer it cannot read all
// lock it, since "could not tell" is not "still signed in".

export type LockReason = 'card-removed' | 'another-user' | 'unavailable';

export type SessionCheck = { state: 'same-user' } | { state: 'ended'; reason: LockReason };

/** The lock screen's first sentence, per reason. */
export const LOCK_REASONS: Readonly<Record<LockReason, string>> = {
  'card-removed': 'Your smartcard session has ended: the card was removed, or you signed out of your clinical system.',
  'another-user': "A different person's smartcard is now in use on this computer. The record was opened for someone else.",
  unavailable: 'The viewer could not check your smartcard session: the sign-in service did not answer as expected.',
};

/** Who the record was opened for. */
export interface SessionUser {
  sub: string;
  org?: string;
}

/** The answer of a silent sign-in (its id_token's claims) against the record's user. */
export function compareSessionUser(expected: SessionUser, claims: Record<string, unknown> | undefined): SessionCheck {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub === '') return { state: 'ended', reason: 'unavailable' };
  if (sub !== expected.sub) return { state: 'ended', reason: 'another-user' };
  // The same person under another organisation (another role profile) is not who the record was opened for either.
  if (expected.org !== undefined && claims?.org !== expected.org) return { state: 'ended', reason: 'another-user' };
  return { state: 'same-user' };
}

export interface SessionWatchOptions {
  /** One silent check at the identity provider. A rejection counts as `unavailable`. */
  probe(): Promise<SessionCheck>;
  /** Called once, when a check says anything but "the same user". */
  onEnded(reason: LockReason): void;
  /** At most one check per this many ms (default 30 s). */
  intervalMs?: number;
  now?: () => number;
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

export const SESSION_CHECK_INTERVAL_MS = 30_000;

export class SessionWatch {
  private readonly options: SessionWatchOptions;
  private timer: unknown;
  private lastCheck = -Infinity;
  private running: Promise<void> | undefined;
  private stopped = true;
  private ended = false;

  constructor(options: SessionWatchOptions) {
    this.options = options;
  }

  /** Checks every interval from now (the sign-in has just proved the session, so the first check waits). */
  start(): void {
    this.stopped = false;
    this.lastCheck = this.now();
    this.schedule(this.interval);
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  /** Checks now unless a check ran within the interval (e.g. when the window regains focus). */
  checkSoon(): Promise<void> {
    if (this.stopped || this.ended) return Promise.resolve();
    const wait = this.lastCheck + this.interval - this.now();
    if (wait > 0) return Promise.resolve();
    return this.check();
  }

  private check(): Promise<void> {
    this.running ??= this.runProbe().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runProbe(): Promise<void> {
    this.clear();
    this.lastCheck = this.now();
    let result: SessionCheck;
    try {
      result = await this.options.probe();
    } catch {
      result = { state: 'ended', reason: 'unavailable' };
    }
    if (this.stopped) return;
    if (result.state !== 'same-user') {
      this.ended = true;
      this.stop();
      this.options.onEnded(result.reason);
      return;
    }
    this.schedule(this.interval);
  }

  private schedule(ms: number): void {
    this.clear();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.check();
    }, ms);
  }

  private clear(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private get interval(): number {
    return this.options.intervalMs ?? SESSION_CHECK_INTERVAL_MS;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private get timers(): NonNullable<SessionWatchOptions['timers']> {
    return (
      this.options.timers ?? {
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      }
    );
  }
}
