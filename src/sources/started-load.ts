// A record load that may begin before anything shows it. The record page
// begins one as soon as the token is here, while the record's own code is
// still arriving and compiling, so the first FHIR requests do not wait for
// it; <care-record> then takes that load over instead of starting its own.
// Answers that arrive before it listens are kept and handed over in order.
// A load is taken only by the same launch (the same object) and the same
// sources it was begun for, once: anything else aborts it and starts afresh,
// so no other patient's or session's answers can be handed over.

import type { QueryResult } from '../record/model';
import { DATA_QUERIES } from '../record/sections';
import { loadRecord } from './load-record';
import type { LaunchPatient, LoadRecordOptions, RecordLoad, SourceStatus } from './record-load';
import type { SourceConfig } from './source-config';

export interface LoadListener {
  onResult(result: QueryResult): void;
  onStatus(status: SourceStatus): void;
}

export interface StartedLoad {
  readonly load: RecordLoad;
  /** Hands over what has arrived so far, in order, then every later answer as it arrives. Once. */
  listen(listener: LoadListener): void;
  /** Cancels everything in flight; nothing more is handed over. */
  abort(): void;
}

type Pending = { result: QueryResult } | { status: SourceStatus };

/** What a load may be given besides its launch and sources (tests give their own network). */
export type StartOptions = Pick<LoadRecordOptions, 'fetch'>;

/** Starts loading a patient's record from every source (the record's queries, alerts first). */
export function startRecordLoad(launch: LaunchPatient, sources: readonly SourceConfig[], options: StartOptions = {}): StartedLoad {
  const controller = new AbortController();
  const pending: Pending[] = [];
  let listener: LoadListener | undefined;
  const load = loadRecord({
    sources,
    launch,
    queries: DATA_QUERIES,
    signal: controller.signal,
    ...options,
    onResult: (result) => (listener ? listener.onResult(result) : pending.push({ result })),
    onStatus: (status) => (listener ? listener.onStatus(status) : pending.push({ status })),
  });
  return {
    load,
    listen(next) {
      if (listener) throw new Error('A record load has one listener.');
      listener = next;
      for (const item of pending.splice(0)) {
        if ('result' in item) next.onResult(item.result);
        else next.onStatus(item.status);
      }
    },
    abort() {
      pending.length = 0;
      controller.abort();
    },
  };
}

let begun: { launch: LaunchPatient; sources: readonly SourceConfig[]; started: StartedLoad } | undefined;

/** Begins the load for a launch before its record is shown (replacing any begun before and not taken). */
export function beginRecordLoad(launch: LaunchPatient, sources: readonly SourceConfig[], options: StartOptions = {}): StartedLoad {
  begun?.started.abort();
  begun = { launch, sources, started: startRecordLoad(launch, sources, options) };
  return begun.started;
}

/**
 * The load begun for exactly this launch and these sources, taken once; else
 * undefined, and a load begun for anything else is aborted.
 */
export function takeBegunLoad(launch: LaunchPatient, sources: readonly SourceConfig[]): StartedLoad | undefined {
  const taken = begun;
  begun = undefined;
  if (taken && taken.launch === launch && taken.sources === sources) return taken.started;
  taken?.started.abort();
  return undefined;
}
