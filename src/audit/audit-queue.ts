// Sends AuditEvents to the audit endpoint with the user's token, keeping them
// in the tab's storage (sessionStorage: it goes with the tab and its tokens)
// until the endpoint has accepted them: an event is written to storage before
// it is sent, so that none is lost when the endpoint is down or the page
// reloads, and it is sent again later with backoff. What is kept is only what
// an AuditEvent needs (ids, codes, times: minimal-event.ts); it expires after
// a working day and is cleared when the viewer locks. Each event has a fixed
// id: it is stored once, and an event another tab is sending is left to it.

import type { AuditEvent } from '@medplum/fhirtypes';
import { minimalAuditEvent } from './minimal-event';

export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The user's token (and DPoP proof) for one request, as headers; rejects when the session has ended. */
export type AuditCredentials = (request: { method: string; url: string }) => Promise<Record<string, string>>;

export interface AuditQueueOptions {
  endpoint: string;
  storage: QueueStorage;
  /** The user's token for each send; also given later with `authorise()`. */
  credentials?: AuditCredentials;
  /** Events older than this are dropped unsent (default 12 hours). */
  maxAgeMs?: number;
  fetch?: typeof fetch;
  /** Ms since the epoch. */
  now?: () => number;
  timers?: Timers;
  key?: string;
  /** First retry delay; doubles on each failure up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** How often to look for events to send even when nothing failed (another tab may have left some). */
  periodMs?: number;
  /** How long an event being sent is left alone by other tabs. */
  leaseMs?: number;
  /** Told about an event the endpoint refused as malformed (it is dropped: sending it again cannot succeed). */
  onRejected?(event: AuditEvent, status: number): void;
}

interface Entry {
  event: AuditEvent;
  /** When it was queued (ms). */
  created?: number;
  attempts: number;
  /** Not sent before this time (ms). */
  due: number;
  /** Being sent by some tab until this time (ms). */
  lease?: number;
}

export interface FlushResult {
  sent: number;
  /** Still queued (failed now, or not due yet). */
  pending: number;
}

export const AUDIT_QUEUE_KEY = 'care-record-viewer:audit-queue';
/** A queued event older than this is dropped unsent. */
const MAX_AGE_MS = 12 * 60 * 60 * 1000;

export class AuditQueue {
  private readonly options: Required<Pick<AuditQueueOptions, 'minDelayMs' | 'maxDelayMs' | 'periodMs' | 'leaseMs' | 'key' | 'maxAgeMs'>> &
    AuditQueueOptions;
  /** Kept when storage is unavailable or full, so that nothing is lost while the page is open. */
  private memory: Entry[] | undefined;
  private flushing: Promise<FlushResult> | undefined;
  private timer: unknown;
  private started = false;

  constructor(options: AuditQueueOptions) {
    this.options = {
      minDelayMs: 2_000,
      maxDelayMs: 300_000,
      periodMs: 60_000,
      leaseMs: 30_000,
      key: AUDIT_QUEUE_KEY,
      maxAgeMs: MAX_AGE_MS,
      ...options,
    };
  }

  /** Stores the event's minimal form (once per id), then tries to send everything due. */
  async record(event: AuditEvent): Promise<FlushResult> {
    const entries = this.read();
    const now = this.now();
    if (!entries.some((e) => e.event.id === event.id))
      entries.push({ event: minimalAuditEvent(event), created: now, attempts: 0, due: now });
    this.write(entries);
    return this.flush();
  }

  /** The user's token for sending (the record page gives it once the launch has one); sends what waits. */
  authorise(credentials: AuditCredentials): void {
    const first = this.options.credentials === undefined;
    this.options.credentials = credentials;
    // What waited for a token is due now that there is one.
    if (first) this.write(this.read().map((e) => ({ ...e, due: Math.min(e.due, this.now()) })));
    void this.flush();
  }

  /** Forgets every queued event and stops (the viewer has locked). */
  clear(): void {
    this.stop();
    this.options.credentials = undefined;
    this.memory = undefined;
    try {
      this.options.storage.setItem(this.options.key, '[]');
    } catch {
      // Storage gone or full: nothing was kept there.
    }
  }

  /** Events waiting to be sent. */
  pending(): AuditEvent[] {
    return this.read().map((e) => e.event);
  }

  /** Sends every due event, oldest first; one flush at a time. */
  flush(): Promise<FlushResult> {
    this.flushing ??= this.sendDue().finally(() => {
      this.flushing = undefined;
      this.schedule();
    });
    return this.flushing;
  }

  /** Sends what earlier pages left, then keeps trying periodically and after failures. */
  start(): void {
    this.started = true;
    void this.flush();
  }

  stop(): void {
    this.started = false;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async sendDue(): Promise<FlushResult> {
    let sent = 0;
    for (;;) {
      const entry = this.claimNext();
      if (!entry) break;
      const outcome = await this.send(entry.event);
      if (outcome === 'sent' || outcome === 'rejected') {
        if (outcome === 'sent') sent++;
        this.update(entry.event.id, () => undefined);
      } else {
        this.update(entry.event.id, (e) => ({
          ...e,
          attempts: e.attempts + 1,
          due: this.now() + this.delay(e.attempts + 1),
          lease: undefined,
        }));
        break; // the endpoint is failing: the rest wait for the next attempt
      }
    }
    return { sent, pending: this.read().length };
  }

  /** The oldest due event not leased by another tab, leased now to this one. */
  private claimNext(): Entry | undefined {
    const now = this.now();
    const entries = this.read();
    const next = entries.find((e) => e.due <= now && (e.lease === undefined || e.lease <= now));
    if (!next) return undefined;
    next.lease = now + this.options.leaseMs;
    this.write(entries);
    return next;
  }

  private async send(event: AuditEvent): Promise<'sent' | 'rejected' | 'failed'> {
    try {
      const auth = this.options.credentials ? await this.options.credentials({ method: 'POST', url: this.options.endpoint }) : {};
      const response = await (this.options.fetch ?? fetch)(this.options.endpoint, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' },
        body: JSON.stringify(event),
        keepalive: true,
        redirect: 'manual',
      });
      // 409: the endpoint already holds this id (sent before, answer lost): delivered.
      if (response.ok || response.status === 409) return 'sent';
      // 401: no usable token yet (or a refresh is due): kept, and tried again.
      if (response.status >= 400 && response.status < 500 && ![401, 408, 429].includes(response.status)) {
        this.options.onRejected?.(event, response.status);
        return 'rejected';
      }
      return 'failed';
    } catch {
      return 'failed';
    }
  }

  private delay(attempts: number): number {
    return Math.min(this.options.maxDelayMs, this.options.minDelayMs * 2 ** Math.max(0, attempts - 1));
  }

  /** Next flush: when the earliest event is due, or after the period. */
  private schedule(): void {
    if (!this.started) return;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    const now = this.now();
    const dues = this.read().map((e) => Math.max(e.due, e.lease ?? 0));
    const wait = Math.min(this.options.periodMs, ...dues.map((d) => Math.max(0, d - now)));
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, wait);
  }

  private update(id: string | undefined, change: (entry: Entry) => Entry | undefined): void {
    const entries = this.read().flatMap((e) => {
      if (e.event.id !== id) return [e];
      const changed = change(e);
      return changed ? [changed] : [];
    });
    this.write(entries);
  }

  private read(): Entry[] {
    const oldest = this.now() - this.options.maxAgeMs;
    const fresh = (e: Entry) => (e.created ?? e.due) >= oldest;
    if (this.memory) return structuredClone(this.memory).filter(fresh);
    try {
      const parsed: unknown = JSON.parse(this.options.storage.getItem(this.options.key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isEntry).filter(fresh) : [];
    } catch {
      return [];
    }
  }

  private write(entries: Entry[]): void {
    try {
      this.options.storage.setItem(this.options.key, JSON.stringify(entries));
      this.memory = undefined;
    } catch {
      this.memory = structuredClone(entries);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private get timers(): Timers {
    return (
      this.options.timers ?? {
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      }
    );
  }
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Entry>;
  return (
    typeof entry.event === 'object' && entry.event !== null && entry.event.resourceType === 'AuditEvent' && typeof entry.due === 'number'
  );
}

const shared = new Map<string, AuditQueue>();

/** Forgets every queued event of this page's queues (the viewer has locked). */
export function clearAuditQueues(): void {
  for (const queue of shared.values()) queue.clear();
  shared.clear();
}

/**
 * One started queue per endpoint and page, shared by whoever writes events
 * (the record, its print action), so that one flush sends them all. The record
 * gives it the user's token with `authorise()`.
 */
export function sharedAuditQueue(endpoint: string, storage: QueueStorage, options: Partial<AuditQueueOptions> = {}): AuditQueue {
  let queue = shared.get(endpoint);
  if (!queue) {
    queue = new AuditQueue({ ...options, endpoint, storage });
    queue.start();
    shared.set(endpoint, queue);
  }
  return queue;
}
