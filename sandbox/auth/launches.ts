// EHR launch ids: what a host simulator registers before it opens the viewer with
// `launch=<id>`. An id is unguessable, lives ten minutes and completes one
// authorisation, so a leaked launch URL cannot be replayed for the patient later.
import { randomBytes } from 'node:crypto';
import { SOURCE_NAMES, USERS } from '../config';
import type { LaunchRequest } from './grant';

export const LAUNCH_LIFETIME_MS = 10 * 60 * 1000;

interface StoredLaunch {
  request: LaunchRequest;
  expiresAt: number;
  used: boolean;
}

export class LaunchStore {
  readonly #launches = new Map<string, StoredLaunch>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Registers a launch; throws when it names an unknown source or user (a host simulator bug). */
  create(request: LaunchRequest): string {
    if (!(SOURCE_NAMES as readonly string[]).includes(request.source)) {
      throw new Error(`Unknown source "${request.source}"; sources are ${SOURCE_NAMES.join(', ')}`);
    }
    if (!USERS.some((user) => user.id === request.userId)) throw new Error(`Unknown sandbox user "${request.userId}"`);
    if (typeof request.patientId !== 'string' || request.patientId === '') throw new Error('A launch needs a patient id');

    this.#prune();
    const id = randomBytes(32).toString('base64url');
    this.#launches.set(id, { request: { ...request }, expiresAt: this.now() + LAUNCH_LIFETIME_MS, used: false });
    return id;
  }

  /** Whether the id is known, unexpired and unused (checked when the authorisation request arrives). */
  usable(id: string): boolean {
    return this.#usable(id) !== undefined;
  }

  /** Uses the launch for one authorisation; undefined when it is unknown, expired or already used. */
  take(id: string): LaunchRequest | undefined {
    const launch = this.#usable(id);
    if (launch) launch.used = true;
    return launch?.request;
  }

  #usable(id: string): StoredLaunch | undefined {
    const launch = this.#launches.get(id);
    return launch && !launch.used && launch.expiresAt > this.now() ? launch : undefined;
  }

  #prune(): void {
    const now = this.now();
    for (const [id, launch] of this.#launches) if (launch.expiresAt <= now) this.#launches.delete(id);
  }
}
