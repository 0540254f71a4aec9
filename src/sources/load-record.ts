// Loads one patient's record from every source in parallel. Per source: find
// the patient (the launching source by id, the others by NHS number, checked
// against the launch patient; after a signed link, every source by the link's
// NHS number and date of birth), then run the section queries in the given order
// (a source's queries may start before its check has passed, but their answers
// are held until it passes and dropped if it does not; source-queries.ts runs
// them as batches or one by one). Each answer is handed over as soon as it
// arrives; a source that fails never stops the others; aborting stops
// everything and nothing more is reported.

import type { Patient, Resource } from '@medplum/fhirtypes';
import type { QueryResult, SourceProblem } from '../record/model';
import { FhirHttpClient, FhirRequestError, RequestCache, problemKindOf } from './fhir-http';
import { DEFAULT_REQUESTS_PER_ORIGIN, RequestScheduler } from './scheduler';
import type { LoadRecordOptions, RecordLoad, SourceStatus } from './record-load';
import { isNhsNumberDigits, NHS_NUMBER_SYSTEM } from '../format/nhs-number';
import { identityFromLaunch, launchIdentityOf, matchPatient, type LaunchIdentityOutcome } from './identity';
import { resolveSources } from './resolve-sources';
import { searchAll, type SearchResult } from './search';
import { BatchUnsupported, firstPageOf, sendBatch, type EntryAnswer } from './batch';
import type { ResourceQuery } from '../record/queries';
import {
  HeldQueries,
  loadedResult,
  problemResult,
  distinctProblems,
  reasonOf,
  runQueries,
  type QueryContext,
  type QuerySink,
  type SourceRun,
} from './source-queries';

export type { LaunchPatient, LoadRecordOptions, RecordLoad, SourceStatus } from './record-load';

export function loadRecord(options: LoadRecordOptions): RecordLoad {
  return new SourceFetches(options).start();
}

/** The launch Patient, and what came with it (the registered practice). */
type LaunchPatientRead = { ok: true; patient: Patient; related: Resource[] } | { ok: false; error: unknown };

/** Finding the patient comes before any query: every source's data waits on it. */
const PATIENT_PRIORITY = -1;

/** Patient reads bring the registered practice along, for the banner. */
const PATIENT_INCLUDES = '&_include=Patient:general-practitioner';

class SourceFetches implements QueryContext {
  private readonly options: LoadRecordOptions;
  private readonly runs: SourceRun[];
  /** Undefined in a launch by identity: no source's patient is taken on trust. */
  private readonly launching: SourceRun | undefined;
  /** Per source: its first request for data (the alerts', not the Patient's) has left, or it finished without one. */
  private readonly alertsAsked: Promise<void>[] = [];

  constructor(options: LoadRecordOptions) {
    this.options = options;
    const cache = new RequestCache();
    const scheduler = new RequestScheduler(options.requestsPerOrigin ?? DEFAULT_REQUESTS_PER_ORIGIN);
    const byIdentity = options.launch.patientId === undefined;
    this.runs = resolveSources(options.sources, options.launch.issuer).map((resolved) => {
      const source = byIdentity ? { ...resolved, launching: false } : resolved;
      let markAlerts = (): void => undefined;
      this.alertsAsked.push(new Promise<void>((resolve) => (markAlerts = resolve)));
      return {
        source,
        http: new FhirHttpClient({
          baseUrl: source.config.fhirBaseUrl,
          timeoutMs: source.config.timeoutMs,
          ...(source.config.auth === 'launch-token' ? { getAccessToken: () => options.launch.getAccessToken() } : {}),
          ...(source.config.auth === 'launch-token' && options.launch.proveToken ? { proveToken: options.launch.proveToken } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
          // Finding the patient comes first; its data (the alerts' batch first) follows.
          onSend: (priority) => {
            if (priority !== PATIENT_PRIORITY) markAlerts();
          },
          cache,
          scheduler,
        }),
        markAlertsAsked: () => markAlerts(),
        patientDelivered: false,
        delivered: new Set<number>(),
        batchRefused: false,
      };
    });
    this.launching = this.runs.find((run) => run.source.launching);
  }

  get queries(): readonly ResourceQuery[] {
    return this.options.queries;
  }

  start(): RecordLoad {
    const done = Promise.all(this.runs.map((run) => this.run(run))).then(() => undefined);
    return {
      sources: this.runs.map((run) => run.source.ref),
      done,
      alertsAsked: Promise.all(this.alertsAsked).then(() => undefined),
      status: (name) => this.find(name)?.status,
      retry: (name) => this.retry(name),
    };
  }

  private retry(name: string): Promise<void> {
    const run = this.find(name);
    if (!run || this.aborted) return Promise.resolve();
    if (run !== this.launching) return this.run(run);
    const waiting = this.runs.filter((r) => r !== run && !isComplete(r.status));
    return Promise.all([this.run(run), ...waiting.map((r) => this.run(r))]).then(() => undefined);
  }

  /** Starts a source unless it is already running. */
  private run(run: SourceRun): Promise<void> {
    run.running ??= this.load(run).finally(() => {
      run.running = undefined;
      run.markAlertsAsked();
    });
    return run.running;
  }

  private async load(run: SourceRun): Promise<void> {
    this.setStatus(run, { state: 'loading', source: run.source.ref, since: this.timestamp() });
    const problems: SourceProblem[] = [];
    const launchId = this.options.launch.patientId;
    if (run.source.launching && launchId !== undefined) {
      // The launching source's data needs no matching: start it alongside the Patient read.
      await Promise.all([this.deliverLaunchPatient(run, problems), runQueries(this, run, launchId, this.sinkOf(run, problems))]);
    } else {
      const matched = await this.matchPatientAt(run, problems);
      // Queries started while the match was being decided are that run; the rest start now.
      if (matched) await (matched.ahead ?? runQueries(this, run, matched.patientId, this.sinkOf(run, problems)));
    }
    this.finish(run, problems);
  }

  // ------------------------------------------------------------ patient

  private async deliverLaunchPatient(run: SourceRun, problems: SourceProblem[]): Promise<void> {
    if (run.patientDelivered) return;
    const read = await this.readLaunchPatient();
    if (!read.ok) {
      this.failPatient(run, this.problem(run, problemKindOf(read.error), reasonOf(read.error)), problems);
      return;
    }
    run.patientDelivered = true;
    this.deliver(loadedResult(run, 'Patient', [read.patient, ...read.related], []));
  }

  /** Shared by every source (the request cache makes it one GET). */
  private async readLaunchPatient(): Promise<LaunchPatientRead> {
    const launching = this.launching;
    if (!launching)
      return { ok: false, error: new FhirRequestError('invalid-response', 'no launching source', this.options.launch.issuer) };
    const path = `Patient?_id=${encodeURIComponent(this.options.launch.patientId ?? '')}${PATIENT_INCLUDES}`;
    try {
      const found = await searchAll(launching.http, path, {
        pageCap: launching.source.config.pageCap,
        signal: this.options.signal,
        priority: PATIENT_PRIORITY,
      });
      const patient = this.checkLaunchPatient(found.resources, launching.http.resolve(path));
      return { ok: true, patient, related: found.resources.filter((r) => r.resourceType !== 'Patient') };
    } catch (error) {
      return { ok: false, error };
    }
  }

  private checkLaunchPatient(resources: Resource[], url: string): Patient {
    const patients = resources.filter((r): r is Patient => r.resourceType === 'Patient');
    if (patients.length === 0) {
      throw new FhirRequestError('invalid-response', 'the launch patient could not be read: the server did not answer with a Patient', url);
    }
    if (patients.length > 1 || patients[0]!.id !== this.options.launch.patientId) {
      throw new FhirRequestError('invalid-response', 'the server answered with a different patient than the one launched', url);
    }
    return patients[0]!;
  }

  /** Who to look for: the link's identity, or the launch Patient's (read once, shared by every source). */
  private async launchIdentity(run: SourceRun, problems: SourceProblem[]): Promise<LaunchIdentityOutcome | undefined> {
    const stated = this.options.launch.identity;
    if (this.options.launch.patientId === undefined) return identityFromLaunch(stated);
    const launch = await this.readLaunchPatient();
    if (launch.ok) return launchIdentityOf(launch.patient, this.options.launch.nhsNumber);
    const reason = `not checked: the patient's details could not be read at launch (${reasonOf(launch.error)})`;
    return this.failSource(run, this.problem(run, 'failed', reason), problems);
  }

  /**
   * Finds the launch patient at another source; returns its id there, or reports why not.
   * When the launch stated the NHS number (a SMART token's `patient_nhs_number`), the
   * search starts at once, beside the launch Patient's read, rather than after it; the
   * match is still decided only once the launch Patient is known (a stated number that
   * differs from the launching source's stops every other source, as before).
   */
  private async matchPatientAt(
    run: SourceRun,
    problems: SourceProblem[],
  ): Promise<{ patientId: string; ahead?: Promise<void> } | undefined> {
    if (run.patientId !== undefined) return { patientId: run.patientId };
    const stated = this.options.launch.patientId !== undefined ? this.options.launch.nhsNumber?.replace(/\s/g, '') : undefined;
    const early = stated && isNhsNumberDigits(stated) ? this.searchPatient(run, stated) : undefined;
    // The one record the early search finds has its data fetched while the launch patient is read, held until the match.
    const ahead = early?.then((searched) => this.queriesAhead(run, searched));
    const decided = await this.decideMatch(run, problems, stated, early);
    // Decided on the early search's answer, so the held queries (if any) exist already.
    const held = decided?.fromEarly ? await ahead : undefined;
    const accepted = held !== undefined && held.patientId === decided?.patient.id ? held : undefined;
    // Not accepted (no match, or another record): whatever was fetched ahead is never delivered.
    if (!accepted) void ahead?.then((queries) => queries?.drop());
    if (!decided) return undefined;
    run.patientId = decided.patient.id;
    run.patientDelivered = true;
    this.deliver(loadedResult(run, 'Patient', [decided.patient, ...decided.related], decided.warnings));
    return { patientId: decided.patient.id, ...(accepted ? { ahead: accepted.accept(run, problems) } : {}) };
  }

  /** The launch patient's record at this source, or undefined once the source has been failed with the reason. */
  private async decideMatch(
    run: SourceRun,
    problems: SourceProblem[],
    stated: string | undefined,
    early: ReturnType<SourceFetches['searchPatient']> | undefined,
  ): Promise<{ patient: Patient & { id: string }; related: Resource[]; warnings: string[]; fromEarly: boolean } | undefined> {
    const identity = await this.launchIdentity(run, problems);
    if (!identity) return undefined;
    if (identity.kind !== 'ok') return this.failSource(run, this.problem(run, identity.kind, identity.reason), problems);
    const fromEarly = identity.identity.nhsNumber === stated && early !== undefined;
    const searched = await (fromEarly ? early : this.searchPatient(run, identity.identity.nhsNumber));
    if (!searched.ok) return this.failSource(run, this.problem(run, problemKindOf(searched.error), reasonOf(searched.error)), problems);
    const found = searched.found;
    const match = matchPatient(identity.identity, found.resources);
    if (match.kind !== 'accepted') return this.failSource(run, this.problem(run, match.kind, match.reason), problems);
    const { id } = match.patient;
    if (!id) return this.failSource(run, this.problem(run, 'failed', 'the matching Patient has no id'), problems);
    return {
      patient: { ...match.patient, id },
      related: found.resources.filter((r) => r.resourceType !== 'Patient'),
      warnings: found.warnings,
      fromEarly,
    };
  }

  /**
   * When a search has found exactly one record, its queries start at once, their
   * answers held (HeldQueries) until the match with the launch patient is decided:
   * the data waits for its own search only, never for the launch patient's read,
   * and nothing of it is delivered unless the match is accepted for that record.
   */
  private queriesAhead(run: SourceRun, searched: Awaited<ReturnType<SourceFetches['searchPatient']>>): HeldQueries | undefined {
    if (!searched.ok || this.aborted) return undefined;
    const candidates = searched.found.resources.filter((r): r is Patient => r.resourceType === 'Patient');
    const patientId = candidates.length === 1 ? candidates[0]!.id : undefined;
    if (!patientId) return undefined;
    const held = new HeldQueries(patientId, this.options.signal, (result) => this.deliver(result));
    held.running = runQueries(this, run, patientId, held);
    return held;
  }

  /**
   * A source's Patient search by NHS number, as an outcome (it may be started before
   * anyone waits for it). Sent as a batch of one where the source takes batches: the
   * source's data batches then go to a URL the browser has already made its CORS
   * preflight for, so the data waits one round trip less.
   */
  private searchPatient(run: SourceRun, nhsNumber: string): Promise<{ ok: true; found: SearchResult } | { ok: false; error: unknown }> {
    const query = `Patient?identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${nhsNumber}`)}${PATIENT_INCLUDES}`;
    const options = { pageCap: run.source.config.pageCap, signal: this.options.signal, priority: PATIENT_PRIORITY };
    const search = async (): Promise<SearchResult> => {
      if (!run.batchRefused) {
        try {
          const [answer] = (await sendBatch(run.http, [run.http.resolve(query)], options)) as [EntryAnswer];
          return await searchAll(run.http, query, { ...options, firstPage: firstPageOf(answer) });
        } catch (error) {
          if (!(error instanceof BatchUnsupported)) throw error;
          run.batchRefused = true;
        }
      }
      return searchAll(run.http, query, options);
    };
    return search().then(
      (found) => ({ ok: true as const, found }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  }

  // ------------------------------------------------------------ queries

  /** The sink that delivers a source's results as they come. */
  private sinkOf(run: SourceRun, problems: SourceProblem[]): QuerySink {
    return { problems, delivered: run.delivered, deliver: (result) => this.deliver(result), signal: this.options.signal };
  }

  // ------------------------------------------------------------ reporting

  /** Nothing can be used from this source: every outstanding result becomes this problem. */
  private failSource(run: SourceRun, problem: SourceProblem, problems: SourceProblem[]): undefined {
    this.failPatient(run, problem, problems);
    this.options.queries.forEach((query, index) => {
      if (!run.delivered.has(index)) this.deliver(problemResult(run, query.resourceType, problem));
    });
    return undefined;
  }

  private failPatient(run: SourceRun, problem: SourceProblem, problems: SourceProblem[]): void {
    problems.push(problem);
    this.deliver(problemResult(run, 'Patient', problem));
  }

  private finish(run: SourceRun, problems: SourceProblem[]): void {
    if (this.aborted) {
      run.status = { state: 'problem', source: run.source.ref, problem: this.problem(run, 'cancelled', 'cancelled') };
      return;
    }
    const distinct = distinctProblems(problems);
    const first = distinct[0];
    const hasData = run.delivered.size > 0 || (this.options.queries.length === 0 && run.patientDelivered);
    if (first && !hasData) {
      this.setStatus(run, { state: 'problem', source: run.source.ref, problem: first });
    } else {
      this.setStatus(run, { state: 'loaded', source: run.source.ref, at: this.timestamp(), problems: distinct });
    }
  }

  private setStatus(run: SourceRun, status: SourceStatus): void {
    run.status = status;
    if (this.options.onStatus) this.callback(this.options.onStatus, status);
  }

  /** Results are never delivered after an abort: they may belong to a patient no longer shown. */
  private deliver(result: QueryResult): void {
    this.callback(this.options.onResult, result);
  }

  private callback<T>(fn: (value: T) => void, value: T): void {
    if (this.aborted) return;
    try {
      fn(value);
    } catch (error) {
      // A consumer's bug must not fail a source: surface it without breaking the load.
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  problem(run: SourceRun, kind: SourceProblem['kind'], reason: string): SourceProblem {
    return { source: run.source.ref, kind, reason, at: this.timestamp() };
  }

  private timestamp(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private get aborted(): boolean {
    return this.options.signal?.aborted ?? false;
  }

  private find(name: string): SourceRun | undefined {
    return this.runs.find((run) => run.source.ref.name === name);
  }
}

function isComplete(status: SourceStatus | undefined): boolean {
  return status?.state === 'loaded' && status.problems.length === 0;
}
