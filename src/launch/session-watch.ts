// Watches the smartcard session at the identity provider: a silent check at
// most every 30 seconds, so that when the card is pulled the viewer locks
// within a minute. A check that cannot say (network trouble) does not lock.

export type SessionProbeResult = 'active' | 'ended' | 'unknown';

export interface SessionWatchOptions {
  /** One silent check at the identity provider. */
  probe(): Promise<SessionProbeResult>;
  /** Called once, when a check says the session has ended. */
  onEnded(): void;
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
    let result: SessionProbeResult;
    try {
      result = await this.options.probe();
    } catch {
      result = 'unknown';
    }
    if (this.stopped) return;
    if (result === 'ended') {
      this.ended = true;
      this.stop();
      this.options.onEnded();
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
    return this.options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  }
}
