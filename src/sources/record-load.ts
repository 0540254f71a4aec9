// What a record load is given and gives back: the contract between the
// fetching layer (load-record.ts) and whoever shows the record.

import type { QueryResult, SourceProblem, SourceRef } from '../record/model';
import type { ResourceQuery } from '../record/queries';
import type { SourceConfig } from './source-config';
import type { ProofMaker } from './token-scope';

/** What a record load needs of the launch (a LaunchContext satisfies it). */
export interface LaunchPatient {
  /** FHIR base URL of the launching server. */
  issuer: string;
  /** The patient's id at the launching server. Absent: no source launched, and `identity` finds the patient everywhere. */
  patientId?: string;
  /** Launch by identity (a signed link): every source is matched by both, none is read by id. */
  identity?: { nhsNumber: string; birthDate: string };
  /** NHS number stated by the launch itself, if any: must agree with the launch Patient's. */
  nhsNumber?: string;
  getAccessToken(): Promise<string>;
  /** Proves possession of the key the token is bound to (DPoP), per request; absent: a bearer token. */
  proveToken?: ProofMaker;
}

/** What a status line shows for a source. */
export type SourceStatus =
  | { state: 'loading'; source: SourceRef; since: string }
  /** Finished; `problems` lists queries that failed (a partial load), distinct reasons only. */
  | { state: 'loaded'; source: SourceRef; at: string; problems: SourceProblem[] }
  | { state: 'problem'; source: SourceRef; problem: SourceProblem };

export interface LoadRecordOptions {
  /** Configured sources (ViewerConfig.sources); may be empty. */
  sources: readonly SourceConfig[];
  launch: LaunchPatient;
  /** In priority order: alerts first. */
  queries: readonly ResourceQuery[];
  signal?: AbortSignal;
  /** Called once per source for Patient and once per source per query (again for each retried one). */
  onResult: (result: QueryResult) => void;
  onStatus?: (status: SourceStatus) => void;
  fetch?: typeof fetch;
  now?: () => Date;
  /**
   * Requests in flight at once per origin (default 6, a browser's HTTP/1.1 limit). The rest wait in the
   * loader, Patient searches first, then by query order (a batch by its most urgent query), so the
   * alerts' queries of every source go before any other section's.
   */
  requestsPerOrigin?: number;
}

export interface RecordLoad {
  /** Every source asked, in configured order (an unconfigured launching server first). */
  readonly sources: readonly SourceRef[];
  /** Resolves when every source has finished, failed or been cancelled; never rejects. */
  readonly done: Promise<void>;
  /**
   * Resolves once every source has sent its first request for data, the
   * alerts' (or finished without one); never rejects. At a source found by
   * NHS number that request follows the answer to its Patient search, in a
   * turn of the event loop of its own. Work that would hold the main thread
   * (showing the record) can wait for it, so the requests the alerts need are
   * not held back behind it.
   */
  readonly alertsAsked: Promise<void>;
  status(sourceName: string): SourceStatus | undefined;
  /** Runs a source again, fetching only what failed; retrying the launching source retries those waiting on it. */
  retry(sourceName: string): Promise<void>;
}
