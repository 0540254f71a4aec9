// The injected faults (sandbox/faults.ts) of a FHIR source or the audit
// endpoint, as their requests meet them: latency before the answer, a 500, or
// no answer at all. Responses being delayed or held are tracked, so close()
// can end them and the server stop.
import type { ServerResponse } from 'node:http';
import type { FaultTarget, Faults } from '../faults';
import { FhirError } from './http';

export class InjectedFaults {
  readonly #faults: Faults;
  readonly #target: FaultTarget;
  /** The 500's diagnostics. */
  readonly #failure: string;
  /** Responses being delayed or held by a fault; destroyed on close(). */
  readonly #held = new Set<ServerResponse>();
  readonly #timers = new Map<NodeJS.Timeout, () => void>();
  #closed = false;

  constructor(faults: Faults, target: FaultTarget, failure = 'Injected fault') {
    this.#faults = faults;
    this.#target = target;
    this.#failure = failure;
  }

  /** Waits the injected latency; false when the client went away meanwhile. */
  async delay(res: ServerResponse): Promise<boolean> {
    const { latencyMs } = this.#faults.get(this.#target);
    if (latencyMs) {
      this.#held.add(res);
      await this.#sleep(latencyMs);
      this.#held.delete(res);
    }
    return !(res.destroyed || !res.socket || res.socket.destroyed);
  }

  /** The latency, then the failure if any: throws for a 500; false when the request is not to be answered. */
  async apply(res: ServerResponse): Promise<boolean> {
    const fault = this.#faults.get(this.#target);
    if (!(await this.delay(res))) return false;
    if (fault.fail === 500) throw FhirError.of(500, 'transient', this.#failure);
    if (fault.fail === 'timeout') {
      // Never answer: the socket stays open until the client gives up or close() is called.
      if (this.#closed) res.destroy();
      else this.#held.add(res);
      res.once('close', () => this.#held.delete(res));
      return false;
    }
    return true;
  }

  /** Ends the latency being waited out and the responses held, so the HTTP server can close. */
  close(): void {
    this.#closed = true;
    for (const [timer, wake] of this.#timers) {
      clearTimeout(timer);
      wake();
    }
    this.#timers.clear();
    for (const res of this.#held) res.destroy();
    this.#held.clear();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.set(timer, resolve);
    });
  }
}
