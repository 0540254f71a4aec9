// A source's queries once its patient is known: sent as a few FHIR batches
// (the alerts' first), or one by one where the source does not take a batch,
// each answer paged and handed to a sink as it arrives. The sink delivers at
// once, or holds (HeldQueries) while the source's patient is still being
// checked against the launch patient. load-record.ts decides which.

import type { Resource } from '@medplum/fhirtypes';
import type { QueryResult, SourceProblem } from '../record/model';
import { queryFor, type ResourceQuery } from '../record/queries';
import { ALERT_RESOURCE_TYPES } from '../record/sections';
import { BatchUnsupported, firstPageOf, planBatches, sendBatch, type EntryAnswer } from './batch';
import { FhirRequestError, problemKindOf, type FhirHttpClient } from './fhir-http';
import type { SourceStatus } from './record-load';
import type { ResolvedSource } from './resolve-sources';
import { searchAll } from './search';

/** What running queries needs of the load: the queries in priority order, and how it words a problem. */
export interface QueryContext {
  readonly queries: readonly ResourceQuery[];
  problem(run: SourceRun, kind: SourceProblem['kind'], reason: string): SourceProblem;
}

export interface SourceRun {
  source: ResolvedSource;
  http: FhirHttpClient;
  status?: SourceStatus;
  /** The patient's id at this source, once accepted. */
  patientId?: string;
  patientDelivered: boolean;
  /** Indexes of queries whose results were delivered as loaded. */
  delivered: Set<number>;
  /** The source refused a batch: from then on its queries go one by one. */
  batchRefused: boolean;
  running?: Promise<void>;
  /** Counts the source's alerts as asked for (also when it finishes, whether it asked or not); once is enough. */
  markAlertsAsked: () => void;
}

/**
 * Where a run of a source's queries puts what it finds: delivered as it comes,
 * or held while the source's patient is still being checked (HeldQueries).
 */
export interface QuerySink {
  problems: SourceProblem[];
  /** Indexes of queries whose results went to this sink as loaded. */
  delivered: Set<number>;
  deliver(result: QueryResult): void;
  signal: AbortSignal | undefined;
}

/** A query still to run, with its place in the priority order. */
export interface PendingQuery {
  template: ResourceQuery;
  index: number;
}

/** Runs the source's queries not yet delivered, in batches unless the source refused one, into the sink. */
export async function runQueries(context: QueryContext, run: SourceRun, patientId: string, sink: QuerySink): Promise<void> {
  const pending = context.queries.flatMap((template, index): PendingQuery[] => (run.delivered.has(index) ? [] : [{ template, index }]));
  const groups = run.batchRefused ? pending.map((query) => [query]) : batchesOf(pending, (query) => queryFor(query.template, patientId));
  await Promise.all(
    groups.map((group) =>
      group.length === 1 ? runQuery(context, run, group[0]!, patientId, sink) : runBatch(context, run, group, patientId, sink),
    ),
  );
}

/**
 * Sends a group of queries as one batch; each answer then goes on as its own
 * query (paging with GETs, its own result). A source that does not take the
 * batch gets the group's queries one by one instead, and no batch again.
 */
async function runBatch(context: QueryContext, run: SourceRun, group: PendingQuery[], patientId: string, sink: QuerySink): Promise<void> {
  const urls = group.map(({ template }) => run.http.resolve(queryFor(template, patientId)));
  // A search asked for twice is sent once, as the request cache does for GETs.
  const unique = [...new Set(urls)];
  let answered: EntryAnswer[];
  try {
    // The group is in priority order: its first query's urgency is the batch's.
    answered = await sendBatch(run.http, unique, { signal: sink.signal, priority: group[0]!.index });
  } catch (error) {
    if (error instanceof BatchUnsupported) {
      run.batchRefused = true;
      await Promise.all(group.map((query) => runQuery(context, run, query, patientId, sink)));
      return;
    }
    // The batch request failed as a whole: each query fails as its own GET would have.
    const failure = error instanceof Error ? error : new Error('the batch request failed', { cause: error });
    await Promise.all(group.map((query) => runQuery(context, run, query, patientId, sink, () => Promise.reject(failure))));
    return;
  }
  const answers = new Map(unique.map((url, i) => [url, answered[i]!]));
  await Promise.all(group.map((query, i) => runQuery(context, run, query, patientId, sink, firstPageOf(answers.get(urls[i]!)!))));
}

async function runQuery(
  context: QueryContext,
  run: SourceRun,
  { template, index }: PendingQuery,
  patientId: string,
  sink: QuerySink,
  firstPage?: () => Promise<unknown>,
): Promise<void> {
  const query = queryFor(template, patientId);
  try {
    // Queries come in priority order (alerts first): their index is their urgency, pages included.
    const result = await searchAll(run.http, query, {
      pageCap: run.source.config.pageCap,
      signal: sink.signal,
      priority: index,
      ...(firstPage ? { firstPage } : {}),
    });
    sink.delivered.add(index);
    sink.deliver({
      source: run.source.ref,
      resourceType: template.resourceType,
      outcome: {
        kind: 'loaded',
        resources: result.resources,
        truncated: result.truncated,
        warnings: result.warnings,
        ...total(result.total),
        ...(result.restrictedWithheld ? { restrictedWithheld: true } : {}),
        ...(result.restrictedWithheldCount !== undefined ? { restrictedWithheldCount: result.restrictedWithheldCount } : {}),
      },
    });
  } catch (error) {
    const problem = context.problem(run, problemKindOf(error), reasonOf(error));
    sink.problems.push(problem);
    sink.deliver(problemResult(run, template.resourceType, problem));
  }
}

/**
 * A source's queries run for a record found before its match with the launch
 * patient is decided. Their answers are held: on accept() they are delivered,
 * in the order they came, after the source's Patient, and the rest as they
 * come; on drop() they are thrown away, the requests still in flight are
 * cancelled, and nothing of them is ever delivered.
 */
export class HeldQueries implements QuerySink {
  readonly problems: SourceProblem[] = [];
  readonly delivered = new Set<number>();
  readonly signal: AbortSignal;
  running: Promise<void> = Promise.resolve();
  readonly #cancel = new AbortController();
  #held: QueryResult[] | undefined = [];
  #accepted = false;

  constructor(
    readonly patientId: string,
    outer: AbortSignal | undefined,
    private readonly deliverNow: (result: QueryResult) => void,
  ) {
    this.signal = outer ? AbortSignal.any([outer, this.#cancel.signal]) : this.#cancel.signal;
  }

  deliver(result: QueryResult): void {
    if (this.#accepted) this.deliverNow(result);
    else this.#held?.push(result);
  }

  /** The match is accepted for this record: what is held goes out, and the rest as it comes; resolves when the queries are done. */
  accept(run: SourceRun, problems: SourceProblem[]): Promise<void> {
    const held = this.#held ?? [];
    this.#held = undefined;
    this.#accepted = true;
    held.forEach((result) => this.deliverNow(result));
    return this.running.then(() => {
      this.delivered.forEach((index) => run.delivered.add(index));
      problems.push(...this.problems);
    });
  }

  drop(): void {
    this.#held = undefined;
    this.#cancel.abort();
  }
}

/**
 * The alerts' queries in their own batch(es) first, then the rest, each cut to a
 * sensible size. Queries sharing a search go in one batch, which sends it once.
 */
function batchesOf(pending: PendingQuery[], searchOf: (query: PendingQuery) => string): PendingQuery[][] {
  const bySearch = new Map<string, PendingQuery[]>();
  for (const query of pending) bySearch.set(searchOf(query), [...(bySearch.get(searchOf(query)) ?? []), query]);
  const searches = [...bySearch.entries()];
  const isAlert = ([, queries]: [string, PendingQuery[]]) => queries.some((q) => ALERT_RESOURCE_TYPES.has(q.template.resourceType));
  const searchOfEntry = ([search]: [string, PendingQuery[]]) => search;
  return [
    ...planBatches(searches.filter(isAlert), searchOfEntry),
    ...planBatches(
      searches.filter((s) => !isAlert(s)),
      searchOfEntry,
    ),
  ].map((batch) => batch.flatMap(([, queries]) => queries));
}

export function loadedResult(run: SourceRun, resourceType: string, resources: Resource[], warnings: string[]): QueryResult {
  return { source: run.source.ref, resourceType, outcome: { kind: 'loaded', resources, truncated: false, warnings } };
}

export function problemResult(run: SourceRun, resourceType: string, problem: SourceProblem): QueryResult {
  return { source: run.source.ref, resourceType, outcome: { kind: 'problem', problem } };
}

function total(value: number | undefined): { total?: number } {
  return value === undefined ? {} : { total: value };
}

export function reasonOf(error: unknown): string {
  return error instanceof FhirRequestError ? error.message : 'an unexpected error occurred';
}

/** A source's problems once each, for its status line. */
export function distinctProblems(problems: SourceProblem[]): SourceProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.kind}|${p.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
