// When <care-record> loads the record itself, it says when that load is
// complete: every source has finished and the record it brought has rendered.

import { fire } from '../events';

/** The element that says so: `record-complete` is its attribute and its event. */
interface CompletingHost extends HTMLElement {
  readonly updateComplete: Promise<boolean>;
}

/**
 * Counts the work of the current load (the load itself, retried sources):
 * `record-complete` (attribute and event, bubbling and composed) once all of
 * it has finished and the host has rendered, removed at once until then. A new
 * load (`restart`) forgets the work of the last.
 */
export class RecordComplete {
  #generation = 0;
  #work = 0;

  constructor(private readonly host: CompletingHost) {}

  /** A new load starts: not complete, and nothing of the last load counts. */
  restart(): void {
    this.#generation++;
    this.#work = 0;
    this.host.toggleAttribute('record-complete', false);
  }

  /** Complete once `work` and any other work of the same load has finished and rendered. */
  after(work: Promise<void>): void {
    const generation = this.#generation;
    this.#work++;
    this.host.toggleAttribute('record-complete', false);
    const current = () => generation === this.#generation && this.#work === 0 && this.host.isConnected;
    void work
      .catch(() => undefined)
      .then(async () => {
        if (generation !== this.#generation || --this.#work > 0) return;
        await this.host.updateComplete;
        if (!current() || this.host.hasAttribute('record-complete')) return;
        this.host.toggleAttribute('record-complete', true);
        fire(this.host, 'record-complete');
      });
  }
}
