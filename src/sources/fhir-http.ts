// HTTP to one FHIR source: the access token (only under the source's base,
// never across a redirect), FHIR JSON, a timeout per request combined with the
// caller's abort signal, and errors that say which of "answered with an
// error", "unreachable", "too slow" and "cancelled" happened.

import type { SourceProblem } from '../record/model';
import type { RequestScheduler } from './scheduler';
import { ACCESS_TEXT, accessCodeOf, type AccessOutcomeCode } from '../access/outcomes';
import { isUnderBase, isUnfollowedRedirect, tokenHeaders, type ProofMaker } from './token-scope';
import { isRecord } from '../json/is-record';

/** A request's headers, made before its place in the queue came up. */
interface PreparedHeaders {
  headers: Record<string, string>;
  /** The token they carry, if any. */
  token?: string;
  /** Date.now() when made. */
  madeAt: number;
}

/** How long made headers stay usable: a proof's `iat` is checked against the server's clock, usually within a minute. */
const PREPARED_HEADERS_MAX_AGE_MS = 5_000;

export type FhirErrorKind = 'http' | 'network' | 'timeout' | 'cancelled' | 'invalid-response' | 'auth';

/** A failed request. `message` is plain English, fit to show as a SourceProblem reason. */
export class FhirRequestError extends Error {
  readonly kind: FhirErrorKind;
  readonly url: string;
  readonly status: number | undefined;
  /** Set when the server refused on purpose and said why (role, objection): not a failure to load. */
  readonly access: AccessOutcomeCode | undefined;

  constructor(kind: FhirErrorKind, message: string, url: string, status?: number, access?: AccessOutcomeCode) {
    super(message);
    this.name = 'FhirRequestError';
    this.kind = kind;
    this.url = url;
    this.status = status;
    this.access = access;
  }
}

/** The SourceProblem kind a request error is shown as. */
export function problemKindOf(error: unknown): SourceProblem['kind'] {
  if (!(error instanceof FhirRequestError)) return 'failed';
  if (error.kind === 'timeout') return 'timed-out';
  if (error.kind === 'cancelled') return 'cancelled';
  if (error.access === 'objection') return 'objection';
  if (error.access) return 'withheld';
  return 'failed';
}

/**
 * Shares requests by absolute URL within one record load: a URL asked for twice
 * is fetched once. Failures are forgotten so that a retry fetches them again.
 */
export class RequestCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  get(url: string, load: () => Promise<unknown>): Promise<unknown> {
    const cached = this.entries.get(url);
    if (cached) return cached;
    const pending = load();
    this.entries.set(url, pending);
    pending.catch(() => this.entries.delete(url));
    return pending;
  }
}

export interface FhirHttpOptions {
  baseUrl: string;
  timeoutMs: number;
  /** Access token provider; absent for an open source (no token is ever sent to it). */
  getAccessToken?: () => Promise<string>;
  /** With it, the token is sent sender-constrained (DPoP) with a proof per request; without it, as a bearer token. */
  proveToken?: ProofMaker;
  fetch?: typeof fetch;
  cache?: RequestCache;
  /** Shared by the sources of a load: how many requests run at once per origin, most urgent first. */
  scheduler?: RequestScheduler;
  /** Told as each request leaves (is handed to `fetch`), with the urgency it was asked with. */
  onSend?: (priority: number) => void;
}

const MAX_REASON_LENGTH = 300;

export class FhirHttpClient {
  readonly baseUrl: string;
  private readonly options: FhirHttpOptions;
  private readonly cache: RequestCache;

  constructor(options: FhirHttpOptions) {
    this.options = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.cache = options.cache ?? new RequestCache();
  }

  /** Absolute URL of `path` (e.g. `Patient/1`) at this source; absolute URLs are kept. */
  resolve(path: string): string {
    return new URL(path, `${this.baseUrl}/`).href;
  }

  /** GETs FHIR JSON; each distinct URL is fetched at most once while it succeeds. With a scheduler, lower `priority` goes first. */
  getJson(path: string, signal?: AbortSignal, priority = 0): Promise<unknown> {
    const url = this.resolve(path);
    return this.cache.get(url, () => this.schedule(url, undefined, priority, signal));
  }

  /**
   * POSTs a FHIR JSON body (a batch Bundle) and returns the JSON answer. Never
   * shared or cached: the caller decides what is sent again. Same token, timeout,
   * scheduler and errors as a GET.
   */
  postJson(path: string, body: unknown, signal?: AbortSignal, priority = 0): Promise<unknown> {
    const url = this.resolve(path);
    return this.schedule(url, JSON.stringify(body), priority, signal);
  }

  /**
   * Sends when the scheduler gives the request its place. Its headers (the
   * token and, for a bound token, a proof, which takes a turn of the event
   * loop to sign) are made while it waits, so it leaves the moment it has its
   * place instead of after whatever else the page does in between.
   */
  private schedule(url: string, body: string | undefined, priority: number, signal?: AbortSignal): Promise<unknown> {
    const scheduler = this.options.scheduler;
    if (!scheduler) return this.fetchJson(url, body, priority, signal);
    const prepared = this.headers(body === undefined ? 'GET' : 'POST', url);
    prepared.catch(() => undefined);
    return scheduler.run(url, priority, () => this.fetchJson(url, body, priority, signal, prepared));
  }

  private async fetchJson(
    url: string,
    body: string | undefined,
    priority: number,
    outer?: AbortSignal,
    prepared?: Promise<PreparedHeaders>,
  ): Promise<unknown> {
    throwIfCancelled(outer, url);
    const method = body === undefined ? 'GET' : 'POST';
    const headers = { ...(await this.headersToSend(method, url, prepared)).headers };
    if (body !== undefined) headers['Content-Type'] = 'application/fhir+json';
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.options.timeoutMs);
    const signal = outer ? AbortSignal.any([outer, timeout.signal]) : timeout.signal;
    try {
      // Never followed: a redirect could take the token (or the search) anywhere. No cookies either.
      const init: RequestInit = {
        method,
        headers,
        signal,
        redirect: 'manual',
        credentials: 'omit',
        ...(body === undefined ? {} : { body }),
      };
      const sent = (this.options.fetch ?? fetch)(url, init);
      this.options.onSend?.(priority);
      const response = await sent;
      if (isUnfollowedRedirect(response)) {
        throw new FhirRequestError(
          'http',
          'the server redirected the request elsewhere, which is not followed',
          url,
          response.status || undefined,
        );
      }
      const text = await response.text();
      if (!response.ok) throw errorForStatus(response.status, response.statusText, tryParse(text), url);
      return parseJson(text, url);
    } catch (error) {
      throw this.classify(error, url, outer, timeout.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The headers made while the request waited, if its token is still the one
   * to send and its proof is fresh; else new ones. The token is asked for at
   * the moment of sending either way, so a refreshed one is used.
   */
  private async headersToSend(method: string, url: string, prepared?: Promise<PreparedHeaders>): Promise<PreparedHeaders> {
    if (!prepared) return this.headers(method, url);
    const early = await prepared;
    if (early.token === undefined) return early;
    const fresh = Date.now() - early.madeAt < PREPARED_HEADERS_MAX_AGE_MS && (await this.token(url)) === early.token;
    return fresh ? early : this.headers(method, url);
  }

  private async headers(method: string, url: string): Promise<PreparedHeaders> {
    const headers: Record<string, string> = { Accept: 'application/fhir+json' };
    if (!this.options.getAccessToken) return { headers, madeAt: Date.now() };
    // The token belongs to this source: an address outside its base is not asked at all.
    if (!isUnderBase(url, this.baseUrl))
      throw new FhirRequestError('invalid-response', 'the address is outside this source, so it was not asked', url);
    const token = await this.token(url);
    return { headers: { ...headers, ...(await tokenHeaders(token, { method, url }, this.options.proveToken)) }, token, madeAt: Date.now() };
  }

  private async token(url: string): Promise<string> {
    try {
      return await this.options.getAccessToken!();
    } catch {
      throw new FhirRequestError('auth', 'no access token: the session may have ended', url);
    }
  }

  /** Which signal fired decides the kind; error names differ between browsers and Node. */
  private classify(error: unknown, url: string, outer: AbortSignal | undefined, timeout: AbortSignal): FhirRequestError {
    if (error instanceof FhirRequestError) return error;
    if (outer?.aborted) return new FhirRequestError('cancelled', 'cancelled', url);
    if (timeout.aborted) {
      return new FhirRequestError('timeout', `no answer within ${seconds(this.options.timeoutMs)}`, url);
    }
    return new FhirRequestError('network', 'could not be reached (network error)', url);
  }
}

function throwIfCancelled(signal: AbortSignal | undefined, url: string): void {
  if (signal?.aborted) throw new FhirRequestError('cancelled', 'cancelled', url);
}

/**
 * The error for an answer that is not a success: of a request, or of one entry
 * of a batch (which gives the same status and body its request would have).
 */
export function errorForStatus(statusCode: number, statusText: string, json: unknown, url: string): FhirRequestError {
  const status = `${statusCode}${statusText ? ` ${statusText}` : ''}`;
  // A refusal the server explains with an access outcome is worded as the viewer's own sentence.
  const access = statusCode === 403 ? accessCodeOf(json) : undefined;
  if (access) return new FhirRequestError('http', ACCESS_TEXT[access], url, statusCode, access);
  const detail = outcomeText(json);
  const what = statusCode === 401 ? 'not authorised' : statusCode === 403 ? 'access refused' : 'the server answered with an error';
  const message = `${what} (${status})${detail ? `: ${detail}` : ''}`;
  return new FhirRequestError('http', clip(message), url, statusCode);
}

function parseJson(text: string, url: string): unknown {
  const json = tryParse(text);
  if (json === undefined) throw notFhirJson(url);
  return json;
}

export function notFhirJson(url: string): FhirRequestError {
  return new FhirRequestError('invalid-response', 'the server answered with something that is not FHIR JSON', url);
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The readable text of an OperationOutcome (details.text, else diagnostics), or undefined. */
export function outcomeText(json: unknown): string | undefined {
  const issues = isRecord(json) && json.resourceType === 'OperationOutcome' && Array.isArray(json.issue) ? json.issue : [];
  const texts = issues.map(issueText).filter((t): t is string => t !== undefined);
  return texts.length > 0 ? clip(texts.join('; ')) : undefined;
}

export function issueText(issue: unknown): string | undefined {
  if (!isRecord(issue)) return undefined;
  const details = isRecord(issue.details) ? issue.details.text : undefined;
  const text = typeof details === 'string' && details.trim() ? details : issue.diagnostics;
  return typeof text === 'string' && text.trim() ? text.trim() : undefined;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${s} second${s === 1 ? '' : 's'}`;
}

function clip(text: string): string {
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text;
}
