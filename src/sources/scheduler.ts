// Orders a record load's requests by urgency. A browser keeps at most six
// connections per origin over HTTP/1.1 and serves the rest in the order they
// were made, so a load that asks every source for every section at once leaves
// a late source's Patient search or alerts waiting behind the other sections
// of the sources before it. Holding requests here instead, at most `perOrigin`
// in flight per origin and the most urgent started first, keeps them first.
//
// Places are given out on the next macrotask, never at once: everything asked
// for in the same turn (every source's Patient search and the launching
// source's batches, say) competes by urgency, and a finished request's place
// goes to what its answer leads to (a source's alerts) if that is more urgent
// than what was already waiting.

export const DEFAULT_REQUESTS_PER_ORIGIN = 6;

interface Waiting {
  priority: number;
  order: number;
  start: () => void;
}

interface OriginState {
  active: number;
  waiting: Waiting[];
  handingOut: boolean;
}

export class RequestScheduler {
  private readonly origins = new Map<string, OriginState>();
  private order = 0;

  constructor(private readonly perOrigin = DEFAULT_REQUESTS_PER_ORIGIN) {}

  /** Runs `task` once fewer than `perOrigin` tasks are running for `url`'s origin; lower `priority` first, then in order asked. */
  async run<T>(url: string, priority: number, task: () => Promise<T>): Promise<T> {
    const origin = URL.canParse(url) ? new URL(url).origin : url;
    let state = this.origins.get(origin);
    if (!state) this.origins.set(origin, (state = { active: 0, waiting: [], handingOut: false }));
    const queue = state;
    await new Promise<void>((start) => {
      queue.waiting.push({ priority, order: this.order++, start });
      this.handOutSoon(queue);
    });
    try {
      return await task();
    } finally {
      queue.active--;
      this.handOutSoon(queue);
    }
  }

  private handOutSoon(state: OriginState): void {
    if (state.handingOut) return;
    state.handingOut = true;
    setTimeout(() => {
      state.handingOut = false;
      state.waiting.sort((a, b) => a.priority - b.priority || a.order - b.order);
      while (state.active < this.perOrigin && state.waiting.length > 0) {
        state.active++;
        state.waiting.shift()!.start();
      }
    }, 0);
  }
}
