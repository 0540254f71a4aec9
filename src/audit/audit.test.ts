import type { AuditEvent } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { AuditQueue, clearAuditQueues, sharedAuditQueue, type QueueStorage } from './audit-queue';
import { SDS_USER_SYSTEM, VIEWER_EVENT_SYSTEM, auditUserOf, buildAuditEvent, type AuditInput } from './audit-event';
import { minimalAuditEvent } from './minimal-event';
import { sendRefusedLaunch } from './refused-launch';
import { NHS_NUMBER_SYSTEM } from '../format/nhs-number';
import { bodyOf, fetchAnswering } from '../sources/test-helpers/fake-fetch';

const VIEWER = 'http://127.0.0.1:5173';
const input = (over: Partial<AuditInput> = {}): AuditInput => ({
  kind: 'record-opened',
  id: 'evt-1',
  recorded: '2026-01-01T12:00:00.000Z',
  user: { id: 'sarah.ahmed', name: 'Dr Sarah AHMED', role: 'gp', odsCode: 'ZZ001' },
  nhsNumber: '9990000018',
  sources: [
    { name: 'gp', organisation: 'Riverside Medical Practice', odsCode: 'ZZ001' },
    { name: 'acute', organisation: 'Weald General Hospital NHS Trust' },
  ],
  viewer: VIEWER,
  ...over,
});

describe('buildAuditEvent', () => {
  it('builds an IHE Basic Audit patient search for a record opened', () => {
    const event = buildAuditEvent(input());
    expect(event).toMatchObject({
      resourceType: 'AuditEvent',
      id: 'evt-1',
      type: { code: '110110', display: 'Patient Record' },
      action: 'R',
      recorded: '2026-01-01T12:00:00.000Z',
      outcome: '0',
      purposeOfEvent: [{ coding: [{ code: 'TREAT' }] }],
      source: { observer: { identifier: { value: VIEWER } } },
    });
    expect(event.subtype?.map((c) => c.code)).toEqual(['search', 'record-opened']);
    const [user, org, app] = event.agent;
    expect(user).toMatchObject({
      requestor: true,
      who: { identifier: { system: SDS_USER_SYSTEM, value: 'sarah.ahmed' }, display: 'Dr Sarah AHMED' },
      role: [{ text: 'gp' }],
    });
    expect(org).toMatchObject({ requestor: false, who: { identifier: { value: 'ZZ001' } } });
    expect(app).toMatchObject({ requestor: false, type: { coding: [{ code: '110150' }] } });
    const [patient, gp, acute] = event.entity ?? [];
    expect(patient).toMatchObject({ what: { identifier: { system: NHS_NUMBER_SYSTEM, value: '9990000018' } }, role: { code: '1' } });
    expect([gp?.name, acute?.name]).toEqual(['gp', 'acute']);
    expect(gp?.what?.display).toBe('Riverside Medical Practice');
  });

  it('marks break-glass with BTG and the reason', () => {
    const event = buildAuditEvent(input({ kind: 'break-glass-start', breakGlass: { reason: 'other', text: 'Found unconscious' } }));
    expect(event.action).toBe('E');
    expect(event.purposeOfEvent?.[0]?.coding?.[0]?.code).toBe('BTG');
    expect(event.agent[0]?.purposeOfUse?.[0]?.coding?.[0]?.code).toBe('BTG');
    expect(event.entity?.[0]?.detail).toEqual([
      { type: 'break-glass-reason', valueString: 'other' },
      { type: 'break-glass-text', valueString: 'Found unconscious' },
    ]);
    expect(event.outcomeDesc).toBe('Break-glass reason: other: Found unconscious');
  });

  it('records a refused launch as a serious failure, with what the link claimed', () => {
    const event = buildAuditEvent(
      input({ kind: 'launch-refused', sources: [], description: 'Refused: expired', user: { id: 'tom.jones' } }),
    );
    expect(event).toMatchObject({ action: 'E', outcome: '8', outcomeDesc: 'Refused: expired' });
    expect(event.subtype?.find((c) => c.system === VIEWER_EVENT_SYSTEM)?.code).toBe('launch-refused');
    expect(event.agent).toHaveLength(2);
  });
});

class MemoryStorage implements QueueStorage {
  readonly data = new Map<string, string>();
  full = false;
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError');
    this.data.set(key, value);
  }
}

/** A fake audit endpoint: up or down, remembering what it accepted (by id, like an idempotent server). */
class FakeEndpoint {
  up = true;
  status = 201;
  readonly received: AuditEvent[] = [];
  attempts = 0;
  readonly fetch = fetchAnswering((_url, init) => {
    this.attempts++;
    if (!this.up) throw new TypeError('Failed to fetch');
    if (this.status >= 400) return new Response('{}', { status: this.status });
    this.received.push(JSON.parse(bodyOf(init)) as AuditEvent);
    return new Response('{}', { status: this.status });
  });
  ids(): string[] {
    return this.received.map((e) => e.id!);
  }
}

function fakeTimers() {
  const pending = new Map<number, { fn: () => void; at: number }>();
  let next = 1;
  return {
    pending,
    setTimeout: (fn: () => void, ms: number) => {
      const id = next++;
      pending.set(id, { fn, at: ms });
      return id;
    },
    clearTimeout: (id: unknown) => void pending.delete(id as number),
  };
}

const event = (id: string) => buildAuditEvent(input({ id }));

describe('AuditQueue', () => {
  function setup() {
    const storage = new MemoryStorage();
    const endpoint = new FakeEndpoint();
    let now = 1_000_000;
    const timers = fakeTimers();
    const make = () =>
      new AuditQueue({
        endpoint: 'http://127.0.0.1:8080/fhir/audit',
        storage,
        fetch: endpoint.fetch,
        now: () => now,
        timers,
        minDelayMs: 1000,
        maxDelayMs: 8000,
      });
    return { storage, endpoint, timers, make, advance: (ms: number) => (now += ms) };
  }

  it('sends at once when the endpoint is up, leaving nothing queued', async () => {
    const { endpoint, make } = setup();
    const queue = make();
    expect(await queue.record(event('a'))).toEqual({ sent: 1, pending: 0 });
    expect(endpoint.ids()).toEqual(['a']);
    expect(queue.pending()).toEqual([]);
  });

  it('keeps events while the endpoint is down and sends each once when it is back, oldest first', async () => {
    const { endpoint, make, advance } = setup();
    endpoint.up = false;
    const queue = make();
    await queue.record(event('a'));
    await queue.record(event('b'));
    expect(queue.pending().map((e) => e.id)).toEqual(['a', 'b']);
    endpoint.up = true;
    expect(await queue.flush()).toEqual({ sent: 0, pending: 2 }); // backing off: not due yet
    advance(1000);
    expect(await queue.flush()).toEqual({ sent: 2, pending: 0 });
    expect(endpoint.ids()).toEqual(['a', 'b']);
    await queue.flush();
    expect(endpoint.ids()).toEqual(['a', 'b']);
  });

  it('backs off exponentially up to the maximum', async () => {
    const { endpoint, make, advance } = setup();
    endpoint.up = false;
    const queue = make();
    await queue.record(event('a'));
    expect(endpoint.attempts).toBe(1);
    for (const wait of [1000, 2000, 4000, 8000, 8000]) {
      const before = endpoint.attempts;
      advance(wait - 1);
      await queue.flush();
      expect(endpoint.attempts).toBe(before); // not a millisecond early
      advance(1);
      await queue.flush();
      expect(endpoint.attempts).toBe(before + 1);
    }
    expect(queue.pending()).toHaveLength(1);
  });

  it('survives a page reload: a new queue sends what the last one left (start flushes at once)', async () => {
    const { endpoint, make, timers } = setup();
    endpoint.up = false;
    await make().record(event('a'));
    endpoint.up = true;
    const next = make();
    next.start();
    await next.flush();
    // Nothing was due yet (backoff), so a timer waits for it.
    expect(timers.pending.size).toBe(1);
    const [timer] = timers.pending.values();
    expect(timer!.at).toBeLessThanOrEqual(1000);
    next.stop();
    expect(timers.pending.size).toBe(0);
  });

  it('stores an id once, and leaves an event another tab is sending alone', async () => {
    const { endpoint, make, storage } = setup();
    endpoint.up = false;
    const queue = make();
    await queue.record(event('a'));
    await queue.record(event('a'));
    expect(queue.pending()).toHaveLength(1);
    // Another tab has leased it (it is sending it now).
    const [entry] = JSON.parse(storage.data.get('care-record-viewer:audit-queue')!) as { lease?: number; due: number }[];
    storage.data.set('care-record-viewer:audit-queue', JSON.stringify([{ ...entry, due: 0, lease: 9e15 }]));
    endpoint.up = true;
    await queue.flush();
    expect(endpoint.ids()).toEqual([]);
  });

  it('drops an event the endpoint rejects as malformed, telling the caller; keeps one that met a server error', async () => {
    const { endpoint, storage } = setup();
    const rejected: string[] = [];
    const queue = new AuditQueue({
      endpoint: 'x',
      storage,
      fetch: endpoint.fetch,
      onRejected: (e, status) => rejected.push(`${e.id} ${status}`),
    });
    endpoint.status = 500;
    await queue.record(event('a'));
    expect(queue.pending().map((e) => e.id)).toEqual(['a']);
    endpoint.status = 400;
    await queue.record(event('b'));
    expect(rejected).toEqual(['b 400']);
    expect(queue.pending().map((e) => e.id)).toEqual(['a']);
  });

  it('keeps events in memory when storage is full', async () => {
    const { endpoint, make, storage, advance } = setup();
    storage.full = true;
    endpoint.up = false;
    const queue = make();
    await queue.record(event('a'));
    expect(queue.pending().map((e) => e.id)).toEqual(['a']);
    endpoint.up = true;
    advance(1000);
    await queue.flush();
    expect(endpoint.ids()).toEqual(['a']);
  });
});

describe('what the queue keeps and sends: ids, codes and times only', () => {
  const full = () =>
    buildAuditEvent(
      input({
        kind: 'restricted-opened',
        breakGlass: { reason: 'other', text: 'Found unconscious at home' },
        description: 'Restricted information shown: Mental health',
        section: 'mentalHealth',
        failedSources: ['acute'],
        launchMode: 'signed-link',
      }),
    );

  it('drops names, displays, free text and the NHS number, keeping the codes an AuditEvent needs', () => {
    const minimal = minimalAuditEvent(full());
    const text = JSON.stringify(minimal);
    for (const sensitive of [
      '9990000018',
      'AHMED',
      'Sarah',
      'Riverside',
      'Weald',
      'Found unconscious',
      'Restricted information shown',
      'Mental health',
      'Shared care record viewer (',
    ]) {
      expect(text).not.toContain(sensitive);
    }
    expect(minimal).toMatchObject({
      resourceType: 'AuditEvent',
      id: 'evt-1',
      recorded: '2026-01-01T12:00:00.000Z',
      action: 'R',
      outcome: '0',
    });
    expect(minimal.subtype?.map((c) => c.code)).toEqual(['read', 'restricted-opened']);
    expect(minimal.purposeOfEvent?.[0]?.coding?.[0]?.code).toBe('BTG');
    expect(minimal.agent[0]).toMatchObject({ requestor: true, who: { identifier: { system: SDS_USER_SYSTEM, value: 'sarah.ahmed' } } });
    expect(minimal.agent[0]?.who).not.toHaveProperty('display');
    const patient = minimal.entity?.find((e) => e.role?.code === '1');
    expect(patient).not.toHaveProperty('what');
    expect(patient?.detail).toEqual([{ type: 'break-glass-reason', valueString: 'other' }]);
    expect(minimal.entity?.filter((e) => e.name).map((e) => [e.name, e.detail])).toEqual([
      ['gp', undefined],
      ['acute', [{ type: 'load', valueString: 'failed' }]],
    ]);
    expect(minimal.entity?.some((e) => e.detail?.some((d) => d.type === 'section' && d.valueString === 'mentalHealth'))).toBe(true);
    expect(minimal).not.toHaveProperty('outcomeDesc');
  });

  it("stores and sends only the minimal form, with the user's token", async () => {
    const storage = new MemoryStorage();
    const sent: { body: string; auth: string | null }[] = [];
    const fetch = fetchAnswering((_url, init) => {
      sent.push({ body: bodyOf(init), auth: new Headers(init?.headers).get('Authorization') });
      return new Response('{}', { status: sent.length === 1 ? 503 : 201 });
    });
    const queue = new AuditQueue({
      endpoint: 'http://a/fhir/audit',
      storage,
      fetch,
      credentials: () => Promise.resolve({ Authorization: 'DPoP tok', DPoP: 'proof' }),
    });
    await queue.record(full());
    const stored = storage.data.get('care-record-viewer:audit-queue')!;
    expect(stored).not.toMatch(/9990000018|AHMED|Found unconscious|Mental health/);
    expect(sent[0]!.auth).toBe('DPoP tok');
    expect(sent[0]!.body).not.toMatch(/9990000018|AHMED|Found unconscious/);
  });

  it('waits without a token, sends once one is given; a 401 is kept to try again', async () => {
    const storage = new MemoryStorage();
    const statuses = [401, 201];
    const auths: (string | null)[] = [];
    const now = 0;
    const fetch = fetchAnswering((_url, init) => {
      auths.push(new Headers(init?.headers).get('Authorization'));
      return new Response('{}', { status: statuses.shift() ?? 201 });
    });
    const queue = new AuditQueue({ endpoint: 'x', storage, fetch, now: () => now, minDelayMs: 10, timers: fakeTimers() });
    await queue.record(event('a'));
    expect(queue.pending().map((e) => e.id)).toEqual(['a']);
    queue.authorise(() => Promise.resolve({ Authorization: 'Bearer t' }));
    await queue.flush();
    expect(auths).toEqual([null, 'Bearer t']);
    expect(queue.pending()).toEqual([]);
  });

  it('drops events older than a working day unsent', async () => {
    const storage = new MemoryStorage();
    let now = 0;
    const queue = new AuditQueue({
      endpoint: 'x',
      storage,
      fetch: () => Promise.reject(new TypeError('down')),
      now: () => now,
      timers: fakeTimers(),
    });
    await queue.record(event('a'));
    now += 11 * 60 * 60 * 1000;
    expect(queue.pending()).toHaveLength(1);
    now += 2 * 60 * 60 * 1000;
    expect(queue.pending()).toEqual([]);
  });

  it('forgets everything on lock (clearAuditQueues)', async () => {
    const storage = new MemoryStorage();
    const queue = sharedAuditQueue('http://lock.test/fhir/audit', storage, {
      fetch: () => Promise.reject(new TypeError('down')),
      timers: fakeTimers(),
    });
    await queue.record(event('a'));
    expect(JSON.parse(storage.data.get('care-record-viewer:audit-queue')!)).toHaveLength(1);
    clearAuditQueues();
    expect(storage.data.get('care-record-viewer:audit-queue')).toBe('[]');
    expect(queue.pending()).toEqual([]);
  });
});

describe('refused launches: the unauthenticated channel', () => {
  it('posts to <endpoint>/unauthenticated without a token or cookies, retrying while down, storing nothing', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    let up = false;
    const fetch = fetchAnswering((url, init) => {
      calls.push({ url, ...(init ? { init } : {}) });
      if (!up) throw new TypeError('down');
      return new Response('{}', { status: 201 });
    });
    const waits: number[] = [];
    const refused = buildAuditEvent(
      input({ kind: 'launch-refused', sources: [], user: { id: 'tom.jones' }, description: 'Launch refused: link-expired' }),
    );
    const sent = sendRefusedLaunch('http://a/fhir/audit/', refused, {
      fetch,
      sleep: (ms) => {
        waits.push(ms);
        up = waits.length === 2;
        return Promise.resolve();
      },
    });
    expect(await sent).toBe(true);
    expect(calls.map((c) => c.url)).toEqual(Array(3).fill('http://a/fhir/audit/unauthenticated'));
    expect(waits).toEqual([2000, 8000]);
    expect(new Headers(calls[0]!.init?.headers).has('Authorization')).toBe(false);
    expect(calls[0]!.init?.credentials).toBe('omit');
  });

  it('gives up on a refusal (400) at once, and after the last retry when it stays down', async () => {
    let calls = 0;
    const refused = buildAuditEvent(input({ kind: 'launch-refused', sources: [] }));
    expect(
      await sendRefusedLaunch('x', refused, {
        fetch: () => (calls++, Promise.resolve(new Response('{}', { status: 400 }))),
        sleep: () => Promise.resolve(),
      }),
    ).toBe(false);
    expect(calls).toBe(1);
    expect(
      await sendRefusedLaunch('x', refused, {
        fetch: () => (calls++, Promise.reject(new TypeError('down'))),
        sleep: () => Promise.resolve(),
        retryDelaysMs: [1, 1],
      }),
    ).toBe(false);
    expect(calls).toBe(4);
  });
});

describe('the audited user', () => {
  it("is named by the identity provider's id, else the fhirUser, with role and organisation when known", () => {
    expect(
      auditUserOf({ sub: 'sarah.ahmed', fhirUser: 'Practitioner/1', role: 'gp', organisation: 'ZZ001', name: 'Dr Sarah Ahmed' } as never),
    ).toEqual({
      id: 'sarah.ahmed',
      role: 'gp',
      odsCode: 'ZZ001',
    });
    expect(auditUserOf({ fhirUser: 'Practitioner/1' })).toEqual({ id: 'Practitioner/1' });
    expect(auditUserOf({})).toEqual({});
  });
});
