import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { assembleWith, RecordAssembly } from '../../src/record/assemble-with';
import { alertsSettled, FIRST_SCREEN_RESOURCE_TYPES, firstScreenBuilders, type SectionBuilders } from '../../src/record/sections';
import type { CareRecord, QueryResult, SourceRef } from '../../src/record/model';
import type { ViewerConfig } from '../../src/launch-context/config';
import type { LaunchContext } from '../../src/launch-context/launch-context';
import type { RecordLoad, SourceStatus } from '../../src/sources/record-load';
import { startRecordLoad, takeBegunLoad, type StartedLoad } from '../../src/sources/started-load';

const FIRST_SCREEN_BUILDERS = firstScreenBuilders();

/**
 * Until the alerts have heard from every source, only the first screen (the
 * banner and the alerts) is built and shown: on a slow PC, building and
 * showing the other sections' answers as they arrive beside the alerts' held
 * the alerts back. The rest is built once the alerts have been shown (after
 * the browser has had a frame to paint them), or this long after the load
 * began, so that a slow source's alerts never keep the rest waiting for long.
 * Until then the other sections say they are loading, never empty.
 */
export const REST_WAITS_FOR_ALERTS_MS = 1500;

/** A frame to paint in, then a turn: or, where no frame comes (a hidden iframe), a short timer. */
function afterPaint(then: () => void): void {
  let pending = true;
  const go = (): void => {
    if (!pending) return;
    pending = false;
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    then();
  };
  const frame = requestAnimationFrame(() => setTimeout(go, 0));
  const fallback = setTimeout(go, 100);
}

// The record page's own code builds the patient and the alerts; every other
// section's builder comes in a chunk fetched as soon as a load starts (and by
// every view that shows those sections, so a view whose chunk failed says so).
// Until it arrives those sections are loading, never empty.
let allBuilders: SectionBuilders | undefined;
let buildersLoading: Promise<void> | undefined;
const buildersListeners = new Set<() => void>();

/** Fetches the builders of every section (once; a failed attempt is forgotten so the next one asks again). */
export function loadSectionBuilders(): Promise<void> {
  buildersLoading ??= import('../../src/record/section-builders').then(
    (module) => {
      allBuilders = module.SECTION_BUILDERS;
      for (const listener of buildersListeners) listener();
    },
    (error: unknown) => {
      buildersLoading = undefined;
      throw error;
    },
  );
  return buildersLoading;
}

/**
 * Loads a patient's record from every configured source and hands the host a
 * new CareRecord as answers stream in (alerts' queries first). Answers that
 * arrive together are built once (a timer, not a frame callback, so a hidden
 * iframe still loads). A load the record page began for this launch
 * (started-load.ts) is taken over. Switching patient or leaving the page
 * cancels everything in flight.
 */
export class RecordLoader implements ReactiveController {
  /** Per source, what the status line shows. */
  readonly statuses = new Map<string, SourceStatus>();
  /** The load in progress: also what tells a late timer or flush that its load was replaced. */
  #started?: StartedLoad;
  #load?: RecordLoad;
  #sources: SourceRef[] = [];
  #results: QueryResult[] = [];
  #timer?: ReturnType<typeof setTimeout>;
  #done?: Promise<void>;
  /** What the builds of this load remember (sections, the results' last build): this patient's, dropped on stop. */
  #assembly = new RecordAssembly();
  /**
   * What the builds hold (REST_WAITS_FOR_ALERTS_MS): the first screen while the
   * alerts wait for a source; still only it while their paint is awaited; then all.
   */
  #showing: 'alerts' | 'alerts-painting' | 'all' = 'all';
  /** The longest the rest waits for the alerts. */
  #restCap?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly publish: (record: CareRecord) => void,
    private readonly now: () => Date = () => new Date(),
  ) {
    host.addController(this);
  }

  readonly #onBuilders = (): void => {
    if (this.#started && this.#showing === 'all') this.#build();
  };

  hostConnected(): void {
    buildersListeners.add(this.#onBuilders);
  }

  /** Starts loading for this launch, cancelling any load in progress. */
  start(launch: LaunchContext, config: Pick<ViewerConfig, 'sources'>): void {
    this.stop();
    const started = takeBegunLoad(launch, config.sources) ?? startRecordLoad(launch, config.sources);
    this.#started = started;
    this.#results = [];
    this.#assembly = new RecordAssembly();
    this.statuses.clear();
    this.#load = started.load;
    started.listen({
      onResult: (result) => {
        this.#results.push(result);
        // While the first screen is shown alone, an answer it is not built from waits for the rest's build.
        if (this.#showing === 'all' || FIRST_SCREEN_RESOURCE_TYPES.has(result.resourceType)) this.#schedule();
      },
      onStatus: (status) => {
        this.statuses.set(status.source.name, status);
        this.host.requestUpdate();
      },
    });
    this.#sources = [...this.#load.sources];
    this.#showing = 'alerts';
    this.#restCap = setTimeout(() => this.#releaseRest(), REST_WAITS_FOR_ALERTS_MS);
    // A failure shows where the sections are shown (their view's chunk needs the builders too).
    loadSectionBuilders().catch(() => undefined);
    // Once every source has finished, the last answers are published at once (not after the timer).
    this.#done = this.#load.done.then(() => this.#flush(started));
    this.#build();
  }

  /** Runs a failed source again; resolves once it has finished and its answers are published. */
  retry(sourceName: string): Promise<void> {
    const started = this.#started;
    const retried = this.#load?.retry(sourceName);
    return retried && started ? retried.then(() => this.#flush(started)) : Promise.resolve();
  }

  /** Every answer of the current load so far (for the audit of restricted information). */
  get results(): readonly QueryResult[] {
    return this.#results;
  }

  /** Resolves when every source has finished, failed or been cancelled, and the record holding every answer has been published. */
  get done(): Promise<void> {
    return this.#done ?? Promise.resolve();
  }

  stop(): void {
    this.#started?.abort();
    this.#started = undefined;
    this.#load = undefined;
    this.#done = undefined;
    // Nothing of this patient's record is kept once the load stops (another launch, leaving the page, the lock).
    this.#results = [];
    this.#assembly = new RecordAssembly();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    clearTimeout(this.#restCap);
    this.#showing = 'all';
  }

  hostDisconnected(): void {
    buildersListeners.delete(this.#onBuilders);
    this.stop();
  }

  #schedule(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#build();
    }, 0);
  }

  /** Publishes everything not yet published (answers waiting for the timer, or for the alerts), unless this load has been replaced or stopped. */
  #flush(started: StartedLoad): void {
    if (this.#started !== started || (this.#timer === undefined && this.#showing === 'all')) return;
    this.#buildAll();
  }

  #build(): void {
    if (this.#showing === 'all') {
      this.publish(assembleWith(allBuilders ?? FIRST_SCREEN_BUILDERS, this.#sources, this.#results, this.now(), this.#assembly));
      return;
    }
    const firstScreen = assembleWith(FIRST_SCREEN_BUILDERS, this.#sources, this.#results, this.now(), this.#assembly);
    this.publish(firstScreen);
    if (alertsSettled(firstScreen)) this.#releaseRest();
  }

  /** Builds the whole record now, ending any wait (the timer's, the alerts'). */
  #buildAll(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    clearTimeout(this.#restCap);
    this.#showing = 'all';
    this.#build();
  }

  /**
   * Whether the records published so far hold only the first screen (the
   * banner and the alerts): from the start of a load until the rest is first
   * built. The host can leave the other sections' elements unmade until then.
   */
  get alertsAlone(): boolean {
    return this.#showing !== 'all';
  }

  /** The alerts are settled, or have waited long enough: the rest is built after the next paint. */
  #releaseRest(): void {
    if (this.#showing !== 'alerts') return;
    clearTimeout(this.#restCap);
    this.#showing = 'alerts-painting';
    const started = this.#started;
    // Nothing if the load was stopped or replaced, or everything was built meanwhile (the load finished).
    afterPaint(() => {
      if (this.#started === started && this.#showing === 'alerts-painting') this.#buildAll();
    });
  }
}
