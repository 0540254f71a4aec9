// One sandbox FHIR R4 endpoint (docs/architecture.md, the sandbox): medplum's in-memory engine
// behind plain node:http. This file is the endpoint: its routes, its data and lookups over it.
// Reads and searches with their access checks and audit are read-search.ts; beside them the
// token check (authenticate.ts), faults (injected-faults.ts), read-only batches of GETs
// (batch.ts) and the feed that loads data (feed.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Operator, parseSearchRequest, type WithId } from '@medplum/core';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, CapabilityStatement, Consent, Patient, Practitioner } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM, type SourceName, type SourceOrganisation } from '../config';
import type { AccessGrant, TokenVerifier } from '../auth/grant';
import type { Faults } from '../faults';
import { DpopProofs } from '../auth/dpop';
import { isObjection } from './access';
import { authenticate } from './authenticate';
import { answerBatch, batchRequests, BATCH_BODY_LIMIT, MAX_BATCH_ENTRIES } from './batch';
import { capabilityStatement, VIEWER_RESOURCE_TYPES } from './capability';
import { ensureFhirDefinitions } from './definitions';
import { Feed, FEED_LIMIT } from './feed';
import { answerPreflight, decodeSegments, FhirError, localUrl, readBody, readJsonBody, sendError, sendJson } from './http';
import { InjectedFaults } from './injected-faults';
import { ReadSearch } from './read-search';
import type { RefusalEvent, ReleaseEvent } from './release-events';
import type { Caller } from './scopes';
import { isFhirId, SearchEngine } from './search';

export type { RefusalEvent, ReleaseEvent } from './release-events';

export interface FhirSourceOptions {
  source: SourceOrganisation;
  /** Absolute base, e.g. http://127.0.0.1:8080/fhir/gp; fullUrls and links are built on it. */
  baseUrl: string;
  /** The authorisation server's SMART discovery document. */
  smartConfiguration: () => object;
  verifyToken: TokenVerifier;
  /** Checks DPoP proofs (shared by the sandbox's resource servers, so a proof counts as used everywhere). */
  dpop?: DpopProofs;
  faults: Faults;
  /** Told of every read or search answered with data, for audit. */
  onRelease?: (event: ReleaseEvent) => void;
  /** Told of every request refused by an access rule (role, restricted data, objection), for audit. */
  onRefusal?: (event: RefusalEvent) => void;
  /**
   * Whether the patient has objected to sharing, in any source (the record is one record).
   * Without it, only this source's Consents are asked.
   */
  hasObjection?: (patient: NonNullable<AccessGrant['patient']>) => Promise<boolean>;
}

const FORM_LIMIT = 1024 * 1024;

export class FhirSource {
  readonly name: SourceName;
  readonly baseUrl: string;
  readonly #options: FhirSourceOptions;
  readonly #dpop: DpopProofs;
  readonly #faults: InjectedFaults;
  readonly #repo = new MemoryRepository();
  readonly #router = new FhirRouter();
  readonly #search: SearchEngine;
  readonly #feed: Feed;
  readonly #reads: ReadSearch;
  readonly #started = new Date().toISOString();
  #nhsIndex = new Map<string, string[]>();
  /** Patient ids (joined) → whether an objection is in force for them here; cleared when data loads. */
  #objections = new Map<string, Promise<boolean>>();

  constructor(options: FhirSourceOptions) {
    ensureFhirDefinitions();
    this.#options = options;
    this.#dpop = options.dpop ?? new DpopProofs();
    this.name = options.source.name;
    this.#faults = new InjectedFaults(options.faults, this.name);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#search = new SearchEngine(this.#repo, this.baseUrl);
    this.#feed = new Feed(this.#repo, this.#router, () => {
      this.#search.invalidate();
      this.#nhsIndex = new Map();
      this.#objections = new Map();
    });
    this.#reads = new ReadSearch({
      source: this.name,
      baseUrl: this.baseUrl,
      repo: this.#repo,
      router: this.#router,
      search: this.#search,
      patientIdsByNhsNumber: (nhsNumber) => this.#patientIdsByNhsNumber(nhsNumber),
      hasObjection: (patient) => this.#hasObjection(patient),
      capabilityStatement: () => this.#capabilityStatement(),
      onRelease: options.onRelease,
      onRefusal: options.onRefusal,
    });
  }

  /** Handles one request whose path is below the base: subPath like '/Patient?identifier=...', '/metadata' or ''. */
  async handle(req: IncomingMessage, res: ServerResponse, subPath: string): Promise<void> {
    try {
      await this.#dispatch(req, res, subPath);
    } catch (err) {
      sendError(req, res, err);
    }
  }

  /** Loads a transaction or batch Bundle (urn:uuid: references resolved); returns the response Bundle, without the resources. */
  load(bundle: Bundle): Promise<Bundle> {
    return this.#feed.load(bundle);
  }

  async getPatient(id: string): Promise<Patient | undefined> {
    if (!isFhirId(id)) return undefined;
    try {
      return await this.#repo.readResource<Patient>('Patient', id);
    } catch {
      return undefined;
    }
  }

  async listPatients(): Promise<Patient[]> {
    return this.#repo.searchResources<Patient>({ resourceType: 'Patient' });
  }

  /** Patients in this source holding an NHS number (spaces ignored). */
  async findPatientsByNhsNumber(nhsNumber: string): Promise<Patient[]> {
    const ids = await this.#patientIdsByNhsNumber(nhsNumber.replace(/\s/g, ''));
    const patients = await Promise.all(ids.map((id) => this.getPatient(id)));
    return patients.filter((p): p is WithId<Patient> => p !== undefined);
  }

  /**
   * Whether this source records an objection to sharing for the patient: its
   * Patients with the NHS number, and (for a patient without one) the local id.
   */
  async recordsObjection(patient: { nhsNumber?: string; localId?: string }): Promise<boolean> {
    const ids = new Set(patient.nhsNumber ? await this.#patientIdsByNhsNumber(patient.nhsNumber.replace(/\s/g, '')) : []);
    if (patient.localId && isFhirId(patient.localId)) ids.add(patient.localId);
    if (ids.size === 0) return false;
    const key = [...ids].sort().join(',');
    let answer = this.#objections.get(key);
    if (!answer) {
      answer = this.#repo
        .searchResources<Consent>({
          resourceType: 'Consent',
          filters: [{ code: 'patient', operator: Operator.EQUALS, value: [...ids].map((id) => `Patient/${id}`).join(',') }],
        })
        .then((consents) => consents.some((c) => isObjection(c)));
      this.#objections.set(key, answer);
    }
    return answer;
  }

  /** The Practitioner with this identifier (`system|value`), e.g. a user's SDS user id. */
  async findPractitioner(identifier: string): Promise<Practitioner | undefined> {
    const [found] = await this.#repo.searchResources<Practitioner>({
      resourceType: 'Practitioner',
      filters: [{ code: 'identifier', operator: Operator.EQUALS, value: identifier }],
      count: 1,
    });
    return found;
  }

  /** Ends requests held or delayed by faults, so the HTTP server can close. */
  close(): void {
    this.#faults.close();
  }

  // ---- routing ------------------------------------------------------------

  async #dispatch(req: IncomingMessage, res: ServerResponse, subPath: string): Promise<void> {
    const url = localUrl(subPath);
    const segments = decodeSegments(url.pathname);
    const method = req.method ?? 'GET';
    const isGet = method === 'GET' || method === 'HEAD';

    // A CORS preflight is a round trip too: it pays the injected latency, so the benchmark sees real networks.
    if (method === 'OPTIONS') {
      if (await this.#faults.delay(res)) answerPreflight(req, res);
      return;
    }
    if (segments.length === 1 && segments[0] === 'metadata' && isGet) {
      return sendJson(req, res, 200, this.#capabilityStatement());
    }
    if (segments.length === 2 && segments[0] === '.well-known' && segments[1] === 'smart-configuration' && isGet) {
      return sendJson(req, res, 200, this.#options.smartConfiguration(), { 'Content-Type': 'application/json; charset=utf-8' });
    }
    if (segments.length === 0 && method === 'POST') {
      // With a token, a client's read-only batch; without one, the source system's feed.
      if (req.headers.authorization !== undefined) return this.#batch(req, res);
      const body = await readJsonBody(req, FEED_LIMIT);
      return sendJson(req, res, 200, await this.load(body as Bundle));
    }
    const isSearchPost = method === 'POST' && segments.length === 2 && segments[1] === '_search';
    if (!isGet && !isSearchPost) {
      const allow =
        segments.length === 0
          ? 'GET, POST, OPTIONS'
          : segments.length === 2 && segments[1] === '_search'
            ? 'POST, OPTIONS'
            : 'GET, OPTIONS';
      throw FhirError.of(
        405,
        'not-supported',
        `${method} is not allowed: this server is read-only (data arrives by a Bundle POSTed to the base)`,
        { Allow: allow },
      );
    }

    if (!(await this.#faults.apply(res))) return;
    const caller = await this.#authenticate(req);
    const form = isSearchPost ? [...new URLSearchParams(await readBody(req, FORM_LIMIT))] : [];
    const answer = await this.#reads.answer(caller, method, url, form);
    sendJson(req, res, answer.status, answer.body, answer.headers);
  }

  /**
   * A client's batch of reads and searches: faults and the token once for the
   * whole request, then each entry answered exactly as its GET would be
   * (checks, paging links, audit), its failure confined to its own entry.
   */
  async #batch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(await this.#faults.apply(res))) return;
    const caller = await this.#authenticate(req);
    const urls = batchRequests(await readJsonBody(req, BATCH_BODY_LIMIT), this.baseUrl);
    sendJson(req, res, 200, await answerBatch(urls, (url) => this.#reads.answer(caller, 'GET', url)));
  }

  #authenticate(req: IncomingMessage): Promise<Caller> {
    return authenticate(req, this.baseUrl, this.#options.verifyToken, this.#dpop);
  }

  /** Whether the patient has objected: in any source when the sandbox says, or else in this one. */
  #hasObjection(patient: NonNullable<AccessGrant['patient']>): Promise<boolean> {
    if (this.#options.hasObjection) return this.#options.hasObjection(patient);
    return this.recordsObjection({ nhsNumber: patient.nhsNumber, ...(patient.source === this.name ? { localId: patient.id } : {}) });
  }

  async #patientIdsByNhsNumber(nhsNumber: string): Promise<string[]> {
    let ids = this.#nhsIndex.get(nhsNumber);
    if (!ids) {
      const patients = await this.#repo.searchResources(parseSearchRequest('Patient', { identifier: `${NHS_NUMBER_SYSTEM}|${nhsNumber}` }));
      ids = patients.map((p) => p.id);
      this.#nhsIndex.set(nhsNumber, ids);
    }
    return ids;
  }

  #capabilityStatement(): CapabilityStatement {
    return capabilityStatement({
      baseUrl: this.baseUrl,
      organisation: this.#options.source.organisation,
      smartConfiguration: this.#options.smartConfiguration() as Record<string, unknown>,
      resourceTypes: [...VIEWER_RESOURCE_TYPES, ...this.#feed.types],
      date: this.#started,
      maxBatchEntries: MAX_BATCH_ENTRIES,
    });
  }
}

/**
 * Routes `{prefix}/{source}/...` to the matching source; returns false when the
 * path is not for any of them, so a host server can try its other routes.
 */
export function fhirRequestHandler(
  sources: Iterable<FhirSource>,
  prefix = '/fhir',
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const byName = new Map([...sources].map((s) => [s.name as string, s]));
  return (req, res) => {
    const target = req.url ?? '/';
    if (!target.startsWith(`${prefix}/`)) return false;
    const rest = target.slice(prefix.length + 1);
    const end = rest.search(/[/?]|$/);
    const source = byName.get(rest.slice(0, end));
    if (!source) return false;
    void source.handle(req, res, rest.slice(end));
    return true;
  };
}
