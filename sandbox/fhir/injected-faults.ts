// The injected faults (sandbox/faults.ts) of a FHIR source, the audit
// endpoint or the identity provider, as their requests meet them: latency
// before the answer, a 500, or no answer at all. Responses being delayed or
// held are tracked, so close() can end them and the server stop.
import type { ServerResponse } from 'node:http';
import type { FaultTarget, Faults } from '../faults';
import { FhirError } from './http';

/**
 * How an injected 500 is answered: an OperationOutcome with these diagnostics
 * (thrown as a FhirError, for the server's own error handling), or, for a
 * server of web pages, by a function that sends its page.
 */
export type InjectedFailure = string | ((res: ServerResponse) => void);

export class InjectedFaults {
  readonly #faults: Faults;
  readonly #target: FaultTarget;
  readonly #failure: InjectedFailure;
  /** Responses being delayed or held by a fault; destroyed on close(). */
  readonly #held = new Set<ServerResponse>();
  readonly #timers = new Map<NodeJS.Timeout, () => void>();
  #closed = false;

  constructor(faults: Faults, target: FaultTarget, failure: InjectedFailure = 'Injected fault') {
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

  /**
   * The latency, then the failure if any: a 500 is thrown (as a FhirError) or
   * sent (see InjectedFailure). True when the request is to be answered as usual.
   */
  async apply(res: ServerResponse): Promise<boolean> {
    const fault = this.#faults.get(this.#target);
    if (!(await this.delay(res))) return false;
    if (fault.fail === 500) {
      if (typeof this.#failure === 'string') throw FhirError.of(500, 'transient', this.#failure);
      this.#failure(res);
      return false;
    }
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
