// Orders a record load's requests by urgency. A browser keeps at most six
// connections per origin over HTTP/1.1 and serves the rest in the order they
// were made, so a load that asks every source for every section at once leaves
// a late source's alerts queries waiting behind the other sections of the
// sources before it. Holding requests here instead, at most `perOrigin` in
// flight per origin and the most urgent started first, keeps the alerts first.

export const DEFAULT_REQUESTS_PER_ORIGIN = 6;

interface Waiting {
  priority: number;
  order: number;
  start: () => void;
}

export class RequestScheduler {
  private readonly origins = new Map<string, { active: number; waiting: Waiting[] }>();
  private order = 0;

  constructor(private readonly perOrigin = DEFAULT_REQUESTS_PER_ORIGIN) {}

  /** Runs `task` once fewer than `perOrigin` tasks are running for `url`'s origin; lower `priority` first, then in order asked. */
  async run<T>(url: string, priority: number, task: () => Promise<T>): Promise<T> {
    const origin = URL.canParse(url) ? new URL(url).origin : url;
    let state = this.origins.get(origin);
    if (!state) this.origins.set(origin, (state = { active: 0, waiting: [] }));
    if (state.active < this.perOrigin) {
      state.active++;
    } else {
      // A finishing task hands its place over.
      const queue = state.waiting;
      await new Promise<void>((start) => {
        queue.push({ priority, order: this.order++, start });
        queue.sort((a, b) => a.priority - b.priority || a.order - b.order);
      });
    }
    try {
      return await task();
    } finally {
      // Handed over on the next macrotask, not at once: what this answer leads to (a source's alerts
      // batch, once its Patient has been found) is queued first, and so can go before a less urgent
      // request that was already waiting.
      setTimeout(() => this.release(state), 0);
    }
  }

  private release(state: { active: number; waiting: Waiting[] }): void {
    const next = state.waiting.shift();
    if (next) next.start();
    else state.active--;
  }
}
