// In-memory storage for oidc-provider's models. The library's own memory adapter
// is one LRU of 1,000 entries shared by every provider in the process, so a busy
// demo or test run could silently evict a live token; this one keeps each
// server's artefacts apart and drops them only when they expire.
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch ms; undefined never expires. */
  expiresAt?: number;
}

/** Everything one authorisation server has stored, across its models. */
export class MemoryStore {
  readonly entries = new Map<string, Entry>();
  /** grantId → keys of the tokens issued under it, for revocation. */
  readonly grants = new Map<string, Set<string>>();
  /** Session uid → session id. */
  readonly sessionUids = new Map<string, string>();
  /** Device flow user code → id (unused by the sandbox, required by the interface). */
  readonly userCodes = new Map<string, string>();
  #writes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(key: string, payload: AdapterPayload, expiresInSeconds?: number): void {
    this.entries.set(key, {
      payload,
      expiresAt: expiresInSeconds === undefined ? undefined : this.now() + expiresInSeconds * 1000,
    });
    // Sweep now and then so that expired artefacts nobody asks for again do not pile up.
    if (++this.#writes % 500 === 0) this.sweep();
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    const grantId = entry?.payload.grantId;
    if (grantId) this.grants.get(grantId)?.delete(key);
  }

  sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.delete(key);
    }
    for (const [grantId, keys] of this.grants) if (keys.size === 0) this.grants.delete(grantId);
    for (const [uid, id] of this.sessionUids) if (!this.entries.has(`Session:${id}`)) this.sessionUids.delete(uid);
    for (const [code, id] of this.userCodes) if (!this.entries.has(`DeviceCode:${id}`)) this.userCodes.delete(code);
  }
}

/** oidc-provider's adapter interface over a MemoryStore, one instance per model name. */
export class MemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: MemoryStore,
  ) {}

  #key(id: string): string {
    return `${this.model}:${id}`;
  }

  upsert(id: string, payload: AdapterPayload, expiresIn?: number): void {
    const key = this.#key(id);
    this.store.set(key, payload, expiresIn);
    if (payload.grantId) {
      const keys = this.store.grants.get(payload.grantId) ?? new Set<string>();
      keys.add(key);
      this.store.grants.set(payload.grantId, keys);
    }
    if (this.model === 'Session' && payload.uid) this.store.sessionUids.set(payload.uid, id);
    if (payload.userCode) this.store.userCodes.set(payload.userCode, id);
  }

  find(id: string): AdapterPayload | undefined {
    return this.store.get(this.#key(id));
  }

  findByUid(uid: string): AdapterPayload | undefined {
    const id = this.store.sessionUids.get(uid);
    return id === undefined ? undefined : this.find(id);
  }

  findByUserCode(userCode: string): AdapterPayload | undefined {
    const id = this.store.userCodes.get(userCode);
    return id === undefined ? undefined : this.find(id);
  }

  consume(id: string): void {
    const payload = this.store.get(this.#key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  destroy(id: string): void {
    const key = this.#key(id);
    const payload = this.store.get(key);
    if (payload?.uid && this.store.sessionUids.get(payload.uid) === id) this.store.sessionUids.delete(payload.uid);
    if (payload?.userCode) this.store.userCodes.delete(payload.userCode);
    this.store.delete(key);
  }

  revokeByGrantId(grantId: string): void {
    for (const key of this.store.grants.get(grantId) ?? []) this.store.entries.delete(key);
    this.store.grants.delete(grantId);
  }
}
