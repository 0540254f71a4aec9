// Code that <care-record> loads when it is needed: every view's elements, the
// builders of the sections they show (all but the patient's and the alerts'),
// the first-minutes view and the break-glass dialog, each a dynamic import()
// that the bundler makes a chunk of. The record page's own code shows the
// banner and the alerts; the summary's other sections (summary-code.ts, the summary view's loader) are
// asked for by the record page once the token is here, and again as soon
// as the element connects (they arrive while the sources are still answering),
// the other views when first shown, and all of them once the record has loaded
// and the page is idle.

import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { loadFirstMinutes } from '../first-minutes/first-minutes-view';
import { loadSectionBuilders } from './record-loader';
import { VIEWS, viewOf, type ViewChunk, type ViewId, type ViewSpec } from './views';
import { whenIdle } from '../when-idle';

/** What can be loaded later: a view's elements (views.ts says which chunk each is in), first-minutes, break-glass. */
export type ChunkId = ViewChunk | 'first-minutes' | 'break-glass';

/** The chunk holding a view's elements. */
export function chunkOfView(view: ViewId): ChunkId {
  return viewOf(view).chunk;
}

/** A view's elements with the builders of what they show. */
const withBuilders = (...imports: Promise<unknown>[]): Promise<unknown> => Promise.all([loadSectionBuilders(), ...imports]);

/** Every view's chunk, loading the elements of every view in it (views.ts). */
const VIEW_LOADERS = Object.fromEntries(
  [...new Set(VIEWS.map((v) => v.chunk))].map((chunk) => [
    chunk,
    // Views sharing a loader (the summary's) load it once.
    () =>
      withBuilders(
        ...[...new Set((VIEWS as readonly ViewSpec[]).filter((v) => v.chunk === chunk).map((v) => v.load))].flatMap((load) => load()),
      ),
  ]),
) as Record<ViewChunk, () => Promise<unknown>>;

/** A section's loading state (its heading, "Loading"), for what is not there yet. */
export function sectionLoading(heading: string) {
  return html`<cr-record-section heading=${heading}></cr-record-section>`;
}

/** The views' chunks, fetched at idle time once the record has loaded. */
export const VIEW_CHUNKS: readonly ChunkId[] = Object.keys(VIEW_LOADERS) as ViewChunk[];

/**
 * How to load each chunk. An object (not a switch) so that a test can replace
 * one loader, e.g. with one that fails.
 */
export const CHUNK_LOADERS: Record<ChunkId, () => Promise<unknown>> = {
  ...VIEW_LOADERS,
  'first-minutes': () => withBuilders(loadFirstMinutes()),
  'break-glass': () => Promise.all([import('../break-glass/break-glass-dialog'), import('../break-glass/break-glass-banner')]),
};

export type ChunkState = { status: 'loading' } | { status: 'loaded' } | { status: 'failed'; error: unknown };

// Per loader, shared by every <care-record> on the page: a module is evaluated
// once. A failed attempt is forgotten, so the next one (Try again) asks again.
const attempts = new WeakMap<() => Promise<unknown>, Promise<void>>();
const loaded = new WeakSet<() => Promise<unknown>>();

function attempt(load: () => Promise<unknown>): Promise<void> {
  let promise = attempts.get(load);
  if (!promise) {
    promise = load().then(
      () => {
        loaded.add(load);
      },
      (error: unknown) => {
        attempts.delete(load);
        throw error;
      },
    );
    attempts.set(load, promise);
  }
  return promise;
}

/**
 * Loads chunks for its host and re-renders it when one arrives or fails.
 * `need()` during render says what the current screen shows; `settled`
 * resolves when all of that has loaded (or failed), so the host's
 * `updateComplete` can wait for it.
 */
export class LazyChunks implements ReactiveController {
  readonly #states = new Map<ChunkId, ChunkState>();
  readonly #pending = new Map<ChunkId, Promise<void>>();
  /** Chunks the screen being rendered shows (not prefetches). */
  #shown = new Set<ChunkId>();
  #idle?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly loaders: Record<ChunkId, () => Promise<unknown>> = CHUNK_LOADERS,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    // Each render says again what it shows.
    this.#shown = new Set();
  }

  hostDisconnected(): void {
    this.#idle?.();
    this.#idle = undefined;
  }

  /** The state of a chunk the screen shows, loading it if it is not yet. */
  need(id: ChunkId): ChunkState {
    this.#shown.add(id);
    return this.load(id);
  }

  /** Starts loading a chunk (if it has not loaded or is not loading) and returns its state. */
  load(id: ChunkId): ChunkState {
    const loader = this.loaders[id];
    if (loaded.has(loader)) return this.#set(id, { status: 'loaded' });
    const state = this.#states.get(id);
    if (state?.status === 'loading' || state?.status === 'failed') return state;
    const promise = attempt(loader).then(
      () => {
        this.#set(id, { status: 'loaded' });
      },
      (error: unknown) => {
        this.#set(id, { status: 'failed', error });
      },
    );
    this.#pending.set(id, promise);
    void promise.finally(() => {
      if (this.#pending.get(id) === promise) this.#pending.delete(id);
      this.host.requestUpdate();
    });
    return this.#set(id, { status: 'loading' });
  }

  /** Resolves once the chunk has loaded, asking again if it had failed; rejects if it fails. */
  async whenLoaded(id: ChunkId): Promise<void> {
    if (this.#states.get(id)?.status === 'failed') this.#states.delete(id);
    this.load(id);
    await this.#pending.get(id);
    const state = this.#states.get(id);
    if (state?.status === 'failed') throw state.error;
  }

  /**
   * What needs a chunk: itself once loaded; until then the loading state of a
   * section (its heading, "Loading"); if the chunk cannot be fetched, says so
   * with "Try again" (never a blank area).
   */
  render(chunk: ChunkId, heading: string, content: () => unknown): unknown {
    const state = this.need(chunk);
    if (state.status === 'loaded') return content();
    if (state.status === 'loading') return sectionLoading(heading);
    // One chunk may fail under several headings (the summary's sections): each needs its own id.
    const id = `chunk-failed-${chunk}-${heading.toLowerCase().replace(/[^a-z]+/g, '-')}`;
    return html`<section class="chunk-failed" aria-labelledby=${id}>
      <h2 id=${id}>${heading}</h2>
      <div class="load-failed" role="alert">
        <p class="box-title">This part of the record could not be opened</p>
        <p>The viewer could not fetch what it needs to show it. Check the connection, then try again. If it still fails, reload the page.</p>
      </div>
      <button type="button" @click=${() => this.retry(chunk)}>Try again</button>
    </section>`;
  }

  /** Asks again for a chunk that failed. */
  retry(id: ChunkId): void {
    if (this.#states.get(id)?.status === 'failed') this.#states.delete(id);
    this.load(id);
    this.host.requestUpdate();
  }

  /** Resolves when every chunk the last render showed has loaded or failed (never rejects). */
  get settled(): Promise<void> | undefined {
    const waiting = [...this.#shown].flatMap((id) => this.#pending.get(id) ?? []);
    return waiting.length ? Promise.all(waiting).then(() => undefined) : undefined;
  }

  /**
   * Loads these chunks once `after()` has settled and then the browser is idle
   * (at most `timeout` ms later), so switching view is instant. Once per connection.
   */
  prefetchWhenIdle(ids: readonly ChunkId[], after: () => Promise<unknown> = () => Promise.resolve(), timeout = 2000): void {
    if (this.#idle) return;
    const all = (): void => {
      for (const id of ids) if (this.#states.get(id)?.status !== 'failed') this.load(id);
    };
    let cancel = (): void => undefined;
    let cancelled = false;
    this.#idle = () => {
      cancelled = true;
      cancel();
    };
    void after()
      .catch(() => undefined)
      .then(() => {
        if (cancelled) return;
        cancel = whenIdle(all, timeout);
      });
  }

  #set(id: ChunkId, state: ChunkState): ChunkState {
    this.#states.set(id, state);
    return state;
  }
}
