// One sandbox FHIR R4 endpoint (docs/architecture.md, the sandbox): medplum's in-memory engine
// behind plain node:http, with SMART token checks, patient compartment
// enforcement, paging links, fault injection, read-only batches of GETs (each
// entry answered by the same code as its GET) and a feed for loading data.
import { STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { getStatus, isOk, Operator, parseSearchRequest, type WithId } from '@medplum/core';
import { FhirRouter, MemoryRepository, type HttpMethod } from '@medplum/fhir-router';
import type {
  Bundle,
  BundleEntry,
  CapabilityStatement,
  Consent,
  OperationOutcome,
  Patient,
  Practitioner,
  Resource,
  ResourceType,
} from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM, type SourceName, type SourceOrganisation, type UserRole } from '../config';
import { isBreakGlass, type AccessGrant, type BreakGlass, type PurposeOfUse, type TokenVerifier } from '../auth/grant';
import type { Faults } from '../faults';
import { DpopProofs, TokenRefused, htuFor, presentedToken } from '../auth/dpop';
import type { AccessOutcomeCode } from '../../src/access/outcomes';
import { isRestricted } from '../../src/access/confidentiality';
import { AccessRefused, DIRECTORY_TYPES, isObjection, roleMayRead, seesRestricted, withheldEntry } from './access';
import { capabilityStatement, VIEWER_RESOURCE_TYPES } from './capability';
import { collectPatientLinks, emptyLinks, isAllowed, type AllowedPatients, type PatientLinks } from './compartment';
import { ensureFhirDefinitions } from './definitions';
import { answerPreflight, FhirError, readBody, readJsonBody, sendError, sendJson, toFhirError } from './http';
import { allowsResource, allowsType, parseResourceScopes, type Permission, type ResourceScope } from './scopes';
import { isResourceType, planSearch, SearchEngine, type SearchPlan } from './search';

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

/** Who asked, under which grant: the part of a grant an audit records. */
interface RequestParty {
  at: string;
  source: SourceName;
  clientId: string;
  userId?: string;
  fhirUser?: string;
  role?: UserRole;
  patient?: AccessGrant['patient'];
  /** Absent: direct care. */
  purposeOfUse?: PurposeOfUse;
  breakGlass?: BreakGlass;
  interaction: 'read' | 'search';
  /** Method and path below the base, with the query. */
  request: string;
}

/** What one answered request released, and to whom. */
export interface ReleaseEvent extends RequestParty {
  /** Resources released, by type (matches and included). */
  resourceTypes: Record<string, number>;
  count: number;
  /** Resources left out by an access rule (restricted data, included types outside the role). */
  withheld?: number;
}

/** A request refused by an access rule. */
export interface RefusalEvent extends RequestParty {
  code: AccessOutcomeCode;
}

interface Caller {
  grant: AccessGrant;
  scopes: ResourceScope[];
}

/** A read or search answered: as an HTTP response, or as a batch entry. */
interface Answer {
  status: number;
  body: Resource;
  headers?: OutgoingHttpHeaders;
  /** What a batch entry's `response` carries instead of the headers. */
  entryResponse?: Pick<NonNullable<BundleEntry['response']>, 'etag' | 'lastModified'>;
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** medplum rewrites only these (lowercase) forms of local references. */
const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FEED_INTERACTIONS: ReadonlySet<string> = new Set(['create', 'update', 'delete', 'patch']);
const FEED_LIMIT = 512 * 1024 * 1024;
const FORM_LIMIT = 1024 * 1024;
/** Entries in a client's batch: enough for every query of a record, small enough that one request cannot hog the server. */
export const MAX_BATCH_ENTRIES = 100;
const BATCH_BODY_LIMIT = 1024 * 1024;

/** Search parameters whose value names the patient a search is about. */
const PATIENT_SEARCH_PARAMS = new Set(['patient', 'subject', 'beneficiary']);
/** Types that hold no one's record (the directory, and medicines as products): read and searched without a patient. */
const UNPINNED_TYPES: ReadonlySet<string> = new Set([...DIRECTORY_TYPES, 'Medication']);

export class FhirSource {
  readonly name: SourceName;
  readonly baseUrl: string;
  readonly #options: FhirSourceOptions;
  readonly #dpop: DpopProofs;
  readonly #repo = new MemoryRepository();
  readonly #router = new FhirRouter();
  readonly #search: SearchEngine;
  readonly #started = new Date().toISOString();
  /** Resource types ever loaded, for the CapabilityStatement. */
  readonly #types = new Set<ResourceType>();
  /** Responses being delayed or held by a fault; destroyed on close(). */
  readonly #held = new Set<ServerResponse>();
  readonly #timers = new Map<NodeJS.Timeout, () => void>();
  #nhsIndex = new Map<string, string[]>();
  /** Patient ids (joined) → whether an objection is in force for them here; cleared when data loads. */
  #objections = new Map<string, Promise<boolean>>();
  #loading: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(options: FhirSourceOptions) {
    ensureFhirDefinitions();
    this.#options = options;
    this.#dpop = options.dpop ?? new DpopProofs();
    this.name = options.source.name;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#search = new SearchEngine(this.#repo, this.baseUrl);
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
    // One load at a time: medplum's batch awaits between entries.
    const result = this.#loading.then(() => this.#load(bundle));
    this.#loading = result.catch(() => undefined);
    return result;
  }

  async getPatient(id: string): Promise<Patient | undefined> {
    if (!ID.test(id)) return undefined;
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
    if (patient.localId && ID.test(patient.localId)) ids.add(patient.localId);
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
    this.#closed = true;
    for (const [timer, wake] of this.#timers) {
      clearTimeout(timer);
      wake();
    }
    this.#timers.clear();
    for (const res of this.#held) res.destroy();
    this.#held.clear();
  }

  // ---- routing ------------------------------------------------------------

  async #dispatch(req: IncomingMessage, res: ServerResponse, subPath: string): Promise<void> {
    const url = localUrl(subPath);
    const segments = decodeSegments(url.pathname);
    const method = req.method ?? 'GET';
    const isGet = method === 'GET' || method === 'HEAD';

    // A CORS preflight is a round trip too: it pays the injected latency, so the benchmark sees real networks.
    if (method === 'OPTIONS') {
      if (await this.#delay(res)) answerPreflight(req, res);
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

    if (!(await this.#applyFaults(res))) return;
    const caller = await this.#authenticate(req);
    const form = isSearchPost ? [...new URLSearchParams(await readBody(req, FORM_LIMIT))] : [];
    const answer = await this.#answer(caller, method, url, form);
    sendJson(req, res, answer.status, answer.body, answer.headers);
  }

  /**
   * Answers one read or search (a GET, a POST to _search, or a batch entry): every
   * access check, the audit of what was released or refused, and the answer itself.
   * Throws a FhirError (or AccessRefused) for anything refused.
   */
  async #answer(caller: Caller, method: string, url: URL, form: [string, string][] = []): Promise<Answer> {
    const segments = decodeSegments(url.pathname);
    // Public, so reached here only from a batch entry.
    if (segments.length === 1 && segments[0] === 'metadata' && method === 'GET') return { status: 200, body: this.#capabilityStatement() };
    if (segments.length === 0)
      throw FhirError.of(
        400,
        'not-supported',
        'Search across all resource types is not supported; search one type, e.g. Observation?patient=...',
      );
    const [type = '', second] = segments;
    if (!isResourceType(type)) throw FhirError.of(404, 'not-supported', `Unknown resource type "${type}"`);
    const isSearchPost = method === 'POST' && segments.length === 2 && second === '_search';
    const interaction = segments.length === 2 && !isSearchPost ? 'read' : 'search';
    try {
      if (segments.length === 1) return await this.#searchType(caller, type, url.searchParams, `${method} ${url.pathname}${url.search}`);
      if (isSearchPost)
        return await this.#searchType(caller, type, [...url.searchParams, ...form], `${method} ${url.pathname}${url.search}`);
      if (segments.length === 2 && second !== undefined) return await this.#read(caller, type, second, `${method} ${url.pathname}`);
    } catch (err) {
      if (err instanceof AccessRefused) {
        this.#options.onRefusal?.({ ...this.#party(caller, interaction, `${method} ${url.pathname}${url.search}`), code: err.code });
      }
      throw err;
    }
    throw FhirError.of(404, 'not-supported', `Unsupported request: ${url.pathname} (only read and search are supported)`);
  }

  /**
   * A client's batch of reads and searches: faults and the token once for the
   * whole request, then each entry answered by #answer exactly as its GET would
   * be (checks, paging links, audit), its failure confined to its own entry.
   */
  async #batch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(await this.#applyFaults(res))) return;
    const caller = await this.#authenticate(req);
    const urls = this.#batchRequests(await readJsonBody(req, BATCH_BODY_LIMIT));
    const entry: BundleEntry[] = [];
    // One after another, in order: the audit then reads as the same GETs would.
    for (const url of urls) {
      try {
        const answer = await this.#answer(caller, 'GET', url);
        entry.push({ resource: answer.body, response: { status: statusLine(answer.status), ...answer.entryResponse } });
      } catch (err) {
        const error = toFhirError(err);
        entry.push({ resource: error.outcome, response: { status: statusLine(error.status) } });
      }
    }
    sendJson(req, res, 200, { resourceType: 'Bundle', id: randomUUID(), type: 'batch-response', entry } satisfies Bundle);
  }

  /** The entries' URLs, below the base; refuses (400) a Bundle that is not a batch of at most MAX_BATCH_ENTRIES GETs. */
  #batchRequests(input: unknown): URL[] {
    const bundle = input as Bundle;
    if (typeof input !== 'object' || input === null || bundle.resourceType !== 'Bundle')
      throw FhirError.of(400, 'structure', 'Expected a Bundle');
    if (bundle.type !== 'batch') {
      throw FhirError.of(
        400,
        'not-supported',
        `With a bearer token only a batch Bundle of GET reads and searches is accepted, not "${String(bundle.type)}" (data is loaded by the feed, which takes no token)`,
      );
    }
    const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
    if (entries.length === 0) throw FhirError.of(400, 'invalid', 'The batch has no entries');
    if (entries.length > MAX_BATCH_ENTRIES) {
      throw FhirError.of(400, 'too-costly', `A batch may hold at most ${MAX_BATCH_ENTRIES} entries; this one has ${entries.length}`);
    }
    return entries.map((entry, i) => {
      const where = `Bundle.entry[${i}]`;
      const method = entry?.request?.method;
      const target = entry?.request?.url;
      if (method !== 'GET') {
        throw FhirError.of(
          400,
          'not-supported',
          `${where}: this server is read-only, so a batch takes GET reads and searches only (got ${String(method ?? 'no method')} ${String(target ?? '')})`,
        );
      }
      if (typeof target !== 'string' || target === '') throw FhirError.of(400, 'invalid', `${where}: request.url is missing`);
      const local = target.startsWith(`${this.baseUrl}/`) ? target.slice(this.baseUrl.length) : target;
      if (/^[a-z][a-z0-9+.-]*:/i.test(local) || local.startsWith('//')) {
        throw FhirError.of(
          400,
          'invalid',
          `${where}: "${target}" is not at this server; use a URL relative to its base, e.g. Observation?patient=...`,
        );
      }
      return localUrl(local);
    });
  }

  /** Waits the injected latency; false when the client went away meanwhile. */
  async #delay(res: ServerResponse): Promise<boolean> {
    const { latencyMs } = this.#options.faults.get(this.name);
    if (latencyMs) {
      this.#held.add(res);
      await this.#sleep(latencyMs);
      this.#held.delete(res);
    }
    return !(res.destroyed || !res.socket || res.socket.destroyed);
  }

  async #applyFaults(res: ServerResponse): Promise<boolean> {
    const fault = this.#options.faults.get(this.name);
    if (!(await this.#delay(res))) return false;
    if (fault.fail === 500) throw FhirError.of(500, 'transient', 'Injected fault');
    if (fault.fail === 'timeout') {
      // Never answer: the socket stays open until the client gives up or close() is called.
      if (this.#closed) res.destroy();
      else this.#held.add(res);
      res.once('close', () => this.#held.delete(res));
      return false;
    }
    return true;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.set(timer, resolve);
    });
  }

  /**
   * The caller's grant, from `Authorization: DPoP <token>` with a proof for this
   * method and URL (the viewer's tokens are all bound to its key), or a plain
   * bearer token that is bound to nothing (the sandbox's own tests' grants).
   */
  async #authenticate(req: IncomingMessage): Promise<Caller> {
    const realm = `Bearer realm="${this.baseUrl}", DPoP realm="${this.baseUrl}", algs="ES256"`;
    const presented = presentedToken(req);
    if (!presented) throw FhirError.of(401, 'login', 'An access token is required', { 'WWW-Authenticate': realm });
    const grant = await this.#options.verifyToken(presented.token);
    if (!grant || grant.expiresAt * 1000 <= Date.now()) {
      throw FhirError.of(401, 'login', 'The access token is invalid or has expired', {
        'WWW-Authenticate': `${presented.scheme} realm="${this.baseUrl}", error="invalid_token"`,
      });
    }
    try {
      await this.#dpop.check(presented, grant.jkt, req.method ?? 'GET', htuFor(new URL(this.baseUrl).origin, req.url ?? '/'));
    } catch (error) {
      if (error instanceof TokenRefused)
        throw FhirError.of(401, 'login', `The access token was refused: ${error.message}`, {
          'WWW-Authenticate': error.challenge(this.baseUrl),
        });
      throw error;
    }
    return { grant, scopes: parseResourceScopes(grant.scopes) };
  }

  // ---- read and search ----------------------------------------------------

  async #read(caller: Caller, type: ResourceType, id: string, request: string): Promise<Answer> {
    this.#requireScope(caller, type, ['r'], 'read');
    this.#requireRole(caller, type);
    if (!ID.test(id)) throw FhirError.of(400, 'invalid', `Invalid id "${id}"`);
    const [outcome, resource] = await this.#router.handleRequest(
      { method: 'GET', url: `${type}/${id}`, pathname: '', body: undefined, params: {}, query: {} },
      this.#repo,
    );
    // Not found and not yours answer alike for record data: a 404 would say that another patient's id exists.
    if (!isOk(outcome) || !resource) {
      if (getStatus(outcome) === 404 && !UNPINNED_TYPES.has(type)) throw notYours();
      throw new FhirError(getStatus(outcome), outcome);
    }
    if (!allowsResource(caller.scopes, resource, ['r'])) throw forbiddenScope(`The token's scopes do not cover this ${type}`);
    await this.#requireCompartment(caller, collectPatientLinks(resource, this.baseUrl, emptyLinks()));
    await this.#requireNoObjection(caller, type);
    if (isRestricted(resource) && !seesRestricted(caller.grant)) {
      throw new AccessRefused('restricted-withheld', `This ${type} carries the restricted label, which this role does not see`);
    }
    const etag = resource.meta?.versionId ? `W/"${resource.meta.versionId}"` : undefined;
    const lastModified = resource.meta?.lastUpdated;
    this.#release(caller, 'read', request, [resource]);
    return {
      status: 200,
      body: resource,
      headers: { ...(etag ? { ETag: etag } : {}), ...(lastModified ? { 'Last-Modified': new Date(lastModified).toUTCString() } : {}) },
      entryResponse: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) },
    };
  }

  async #searchType(caller: Caller, type: ResourceType, params: Iterable<[string, string]>, request: string): Promise<Answer> {
    const plan = planSearch(type, params, this.baseUrl);
    this.#requireScope(caller, type, ['s'], 'search');
    this.#requireRole(caller, type);
    await this.#requireSearchedPatients(caller, plan);
    await this.#requireNoObjection(caller, type);
    if (type === 'Patient' && (plan.request.include || plan.request.revInclude)) await this.#requireNoObjection(caller, 'Resource');
    const found = await this.#search.run(plan, { withholdRestricted: !seesRestricted(caller.grant) });
    await this.#requireCompartment(caller, found.links);
    await this.#requireGranularScopes(caller, plan, found.total);
    const included = emptyLinks();
    for (const resource of found.included) {
      if (!allowsResource(caller.scopes, resource, ['r', 's'])) {
        throw forbiddenScope(`The token's scopes do not cover the included ${resource.resourceType}`);
      }
      collectPatientLinks(resource, this.baseUrl, included);
    }
    await this.#requireCompartment(caller, included);
    // An _include may reach types outside the role's profile: those are left out, and said to be.
    const role = caller.grant.role;
    const shownIncluded = role ? found.included.filter((r) => roleMayRead(role, r.resourceType)) : found.included;
    const roleWithheld = found.included.length - shownIncluded.length;

    const entry: BundleEntry[] = [
      ...found.matches.map((resource) => this.#entry(resource, 'match')),
      ...shownIncluded.map((resource) => this.#entry(resource, 'include')),
      ...(found.withheld ? [withheldEntry('restricted-withheld', found.withheld, 'resources')] : []),
      ...(roleWithheld ? [withheldEntry('role-withheld', roleWithheld, 'resources')] : []),
    ];
    const bundle: Bundle = {
      resourceType: 'Bundle',
      id: randomUUID(),
      meta: { lastUpdated: new Date().toISOString() },
      type: 'searchset',
      total: found.total,
      link: this.#links(plan, found.total),
      ...(entry.length ? { entry } : {}),
    };
    this.#release(caller, 'search', request, [...found.matches, ...shownIncluded], found.withheld + roleWithheld);
    return { status: 200, body: bundle };
  }

  #entry(resource: Resource, mode: 'match' | 'include'): BundleEntry {
    return { fullUrl: `${this.baseUrl}/${resource.resourceType}/${resource.id}`, resource, search: { mode } };
  }

  /** self, first, previous and next, absolute at this base, paging by _offset over the cached matches. */
  #links(plan: SearchPlan, total: number): Bundle['link'] {
    const at = (offset: number): string => {
      const query = new URLSearchParams(plan.linkParams);
      query.set('_count', String(plan.count));
      if (offset > 0) query.set('_offset', String(offset));
      return `${this.baseUrl}/${plan.resourceType}?${query.toString()}`;
    };
    const links = [
      { relation: 'self', url: at(plan.offset) },
      { relation: 'first', url: at(0) },
    ];
    if (plan.offset > 0 && plan.count > 0) links.push({ relation: 'previous', url: at(Math.max(0, plan.offset - plan.count)) });
    if (plan.count > 0 && plan.offset + plan.count < total) links.push({ relation: 'next', url: at(plan.offset + plan.count) });
    return links;
  }

  /** Refuses a type outside the role's access profile (docs/access.md section 1). */
  #requireRole(caller: Caller, type: string): void {
    const role = caller.grant.role;
    if (role && !roleMayRead(role, type)) throw new AccessRefused('role-withheld', `${type} is not available to the ${role} role`);
  }

  /**
   * Refuses everything about a patient who has objected to sharing, except the
   * Patient itself (so the viewer can say who has objected) and the directory;
   * break-glass overrides it. `Resource` asks for any type.
   */
  async #requireNoObjection(caller: Caller, type: string): Promise<void> {
    const { grant } = caller;
    if (!grant.role || !grant.patient || type === 'Patient' || DIRECTORY_TYPES.has(type) || isBreakGlass(grant)) return;
    const hasObjection =
      this.#options.hasObjection ??
      ((patient) =>
        this.recordsObjection({ nhsNumber: patient.nhsNumber, ...(patient.source === this.name ? { localId: patient.id } : {}) }));
    if (await hasObjection(grant.patient)) {
      throw new AccessRefused(
        'objection',
        'The patient has objected to sharing their record through the shared care record; only the Patient is released',
      );
    }
  }

  #requireScope(caller: Caller, type: string, permissions: Permission[], what: string): void {
    if (!allowsType(caller.scopes, type, permissions)) {
      throw forbiddenScope(`The token has no scope allowing ${what} of ${type} (granted: ${caller.grant.scopes.join(' ') || 'none'})`);
    }
  }

  /** Refuses the whole answer if any resource is about a patient the token is not for: nothing is filtered silently. */
  async #requireCompartment(caller: Caller, links: PatientLinks): Promise<void> {
    if (links.patientIds.size === 0 && links.nhsNumbers.size === 0 && !links.unplaceable) return;
    if (!isAllowed(links, await this.#allowedPatients(caller.grant))) throw notYours();
  }

  /**
   * Refuses a search that names another patient (`patient=`, `subject=`, a Patient `_id`) even when
   * it would find nothing: an empty answer would still say something about that patient.
   */
  async #requireSearchedPatients(caller: Caller, plan: SearchPlan): Promise<void> {
    const filters = plan.request.filters ?? [];
    const named = filters
      .filter((f) => PATIENT_SEARCH_PARAMS.has(f.code) || (plan.resourceType === 'Patient' && f.code === '_id'))
      .flatMap((f) => f.value.split(','))
      .map((value) => value.replace(/^.*\bPatient\//, ''))
      .filter((id) => id && !id.includes('/'));
    const allowed = await this.#allowedPatients(caller.grant);
    if (named.some((id) => !allowed.ids.has(id))) throw notYours();
    if (named.length > 0 || UNPINNED_TYPES.has(plan.resourceType)) return;
    // A Patient found by the token's own NHS number is pinned too (the viewer's search at the other sources).
    const byNhsNumber =
      plan.resourceType === 'Patient' &&
      allowed.nhsNumber !== undefined &&
      filters.some((f) => f.code === 'identifier') &&
      filters.filter((f) => f.code === 'identifier').every((f) => f.value === `${NHS_NUMBER_SYSTEM}|${allowed.nhsNumber}`);
    // Anything else would be run over every patient's data and answer "found" or "not found" about them.
    if (!byNhsNumber)
      throw notYours("Searches of record data must name the token's patient (patient=, subject=, or a Patient by _id or NHS number)");
  }

  /** With only granular scopes (e.g. Observation.rs?category=laboratory) for the type, every match must fit one. */
  async #requireGranularScopes(caller: Caller, plan: SearchPlan, total: number): Promise<void> {
    const relevant = caller.scopes.filter((s) => (s.type === '*' || s.type === plan.resourceType) && s.permissions.has('s'));
    if (total === 0 || relevant.some((s) => !s.query)) return;
    const all = await this.#repo.searchResources({ resourceType: plan.resourceType, filters: plan.request.filters });
    if (!all.every((r) => allowsResource(caller.scopes, r, ['s']))) {
      throw forbiddenScope(`Some ${plan.resourceType} matches fall outside the token's scopes; add the scope's criteria to the search`);
    }
  }

  /** This source's patients the grant covers: by NHS number, or (without one) only the chosen patient in the source it was chosen in. */
  async #allowedPatients(grant: AccessGrant): Promise<AllowedPatients> {
    const patient = grant.patient;
    const ids = new Set<string>();
    if (!patient) return { ids };
    const nhsNumber = patient.nhsNumber?.replace(/\s/g, '');
    if (nhsNumber) for (const id of await this.#patientIdsByNhsNumber(nhsNumber)) ids.add(id);
    if (patient.source === this.name) ids.add(patient.id);
    return { ids, ...(nhsNumber ? { nhsNumber } : {}) };
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

  #party(caller: Caller, interaction: RequestParty['interaction'], request: string): RequestParty {
    const { grant } = caller;
    return {
      at: new Date().toISOString(),
      source: this.name,
      clientId: grant.clientId,
      ...(grant.userId ? { userId: grant.userId } : {}),
      ...(grant.fhirUser ? { fhirUser: grant.fhirUser } : {}),
      ...(grant.role ? { role: grant.role } : {}),
      ...(grant.patient ? { patient: { ...grant.patient } } : {}),
      ...(grant.purposeOfUse ? { purposeOfUse: grant.purposeOfUse } : {}),
      ...(grant.breakGlass ? { breakGlass: { ...grant.breakGlass } } : {}),
      interaction,
      request,
    };
  }

  #release(caller: Caller, interaction: ReleaseEvent['interaction'], request: string, resources: Resource[], withheld = 0): void {
    const onRelease = this.#options.onRelease;
    if (!onRelease) return;
    const resourceTypes: Record<string, number> = {};
    for (const r of resources) resourceTypes[r.resourceType] = (resourceTypes[r.resourceType] ?? 0) + 1;
    onRelease({ ...this.#party(caller, interaction, request), resourceTypes, count: resources.length, ...(withheld ? { withheld } : {}) });
  }

  #capabilityStatement(): CapabilityStatement {
    return capabilityStatement({
      baseUrl: this.baseUrl,
      organisation: this.#options.source.organisation,
      smartConfiguration: this.#options.smartConfiguration() as Record<string, unknown>,
      resourceTypes: [...VIEWER_RESOURCE_TYPES, ...this.#types],
      date: this.#started,
      maxBatchEntries: MAX_BATCH_ENTRIES,
    });
  }

  // ---- the feed -----------------------------------------------------------

  async #load(input: Bundle): Promise<Bundle> {
    if (typeof input !== 'object' || input === null || input.resourceType !== 'Bundle') {
      throw FhirError.of(400, 'structure', 'Expected a Bundle');
    }
    if (input.type !== 'transaction' && input.type !== 'batch') {
      throw FhirError.of(400, 'invalid', `Expected a transaction or batch Bundle, not "${String(input.type)}"`);
    }
    // medplum assigns ids into the bundle it is given; keep the caller's intact.
    const bundle = structuredClone(input);
    this.#checkFeed(bundle);
    let outcome: OperationOutcome;
    let result: Resource | undefined;
    try {
      [outcome, result] = await this.#repo.withSeeding(() =>
        this.#router.handleRequest({ method: 'POST', url: '', pathname: '', body: bundle, params: {}, query: {} }, this.#repo),
      );
    } finally {
      this.#search.invalidate();
      this.#nhsIndex = new Map();
      this.#objections = new Map();
    }
    if (!isOk(outcome) || !result) throw new FhirError(getStatus(outcome), outcome);

    // Only the response parts: echoing 24,000 resources back helps nobody (and a
    // conditional create would echo an existing record to an unauthenticated caller).
    const entries = ((result as Bundle).entry ?? []).map((e): BundleEntry => {
      const status = e.response?.status ?? '500';
      const failed = !/^2/.test(status);
      return {
        response: {
          status,
          ...(e.response?.location ? { location: e.response.location } : {}),
          ...(failed && e.response?.outcome ? { outcome: e.response.outcome } : {}),
        },
      };
    });
    const failures = entries.map((e, i) => [i, e] as const).filter(([, e]) => !/^2/.test(e.response?.status ?? ''));
    if (bundle.type === 'transaction' && failures.length) {
      // The in-memory store has no rollback; entries were checked up front so this is rare.
      const detail = failures
        .slice(0, 5)
        .map(([i, e]) => `entry[${i}]: ${e.response?.outcome?.issue?.[0]?.diagnostics ?? e.response?.status}`)
        .join('; ');
      throw FhirError.of(
        400,
        'processing',
        `${failures.length} of ${entries.length} transaction entries failed (the others were applied): ${detail}`,
      );
    }
    return {
      resourceType: 'Bundle',
      id: randomUUID(),
      type: bundle.type === 'transaction' ? 'transaction-response' : 'batch-response',
      entry: entries,
    };
  }

  /** Refuses, before anything is stored, entries the feed does not take and local references that would not resolve. */
  #checkFeed(bundle: Bundle): void {
    const entries = bundle.entry ?? [];
    if (!entries.length) throw FhirError.of(400, 'invalid', 'The Bundle has no entries');
    const fullUrls = new Set<string>();
    entries.forEach((entry, i) => {
      const where = `Bundle.entry[${i}]`;
      const method = entry.request?.method;
      const url = entry.request?.url ?? '';
      const route = method ? this.#router.find(method as HttpMethod, url) : undefined;
      if (!method || !route?.data || !FEED_INTERACTIONS.has(route.data.interaction)) {
        const hint = method === 'GET' ? '; a batch of reads and searches needs a bearer token' : '';
        throw FhirError.of(
          400,
          'not-supported',
          `${where}: the feed takes create, update, patch and delete entries only (got ${method ?? 'no method'} ${url})${hint}`,
        );
      }
      const type = route.params.resourceType ?? '';
      if (!isResourceType(type)) throw FhirError.of(400, 'invalid', `${where}: unknown resource type "${type}"`);
      const resource = entry.resource;
      if (method === 'POST' || method === 'PUT') {
        if (!resource || resource.resourceType !== type) {
          throw FhirError.of(400, 'invalid', `${where}: expected a ${type} resource for ${method} ${url}`);
        }
        const id = route.params.id;
        if (method === 'PUT' && id) {
          if (resource.id !== undefined && resource.id !== id)
            throw FhirError.of(400, 'invalid', `${where}: resource id "${resource.id}" differs from the URL's "${id}"`);
          if (!ID.test(id)) throw FhirError.of(400, 'invalid', `${where}: invalid id "${id}"`);
          resource.id = id;
        }
        this.#types.add(type);
      }
      if (entry.fullUrl?.startsWith('urn:')) {
        if (!URN_UUID.test(entry.fullUrl))
          throw FhirError.of(400, 'invalid', `${where}: fullUrl "${entry.fullUrl}" must be urn:uuid: and a lowercase UUID`);
        fullUrls.add(entry.fullUrl);
      }
    });
    const unresolved = new Set<string>();
    findLocalReferences(entries, unresolved, fullUrls);
    if (unresolved.size) {
      throw FhirError.of(400, 'invalid', `References to no entry of the Bundle: ${[...unresolved].slice(0, 5).join(', ')}`);
    }
  }
}

/**
 * The one answer for another patient's data, a patient that does not exist and
 * a search not pinned to the token's patient: the same status and words, so
 * that no answer says whether someone else's record exists.
 */
function notYours(
  diagnostics = "Not available with this token: it is for another patient, or no such record exists for the token's patient",
): FhirError {
  return FhirError.of(403, 'forbidden', diagnostics);
}

function forbiddenScope(message: string): FhirError {
  return FhirError.of(403, 'forbidden', message, { 'WWW-Authenticate': 'Bearer error="insufficient_scope"' });
}

/** A path below the base (`/Observation?patient=1`, `Patient/1`) as a URL, as requests and batch entries are both read. */
function localUrl(subPath: string): URL {
  return new URL(subPath.startsWith('/') ? subPath : `/${subPath}`, 'http://base');
}

/** A batch entry's response.status: the code and its standard phrase, as the HTTP status line has them. */
function statusLine(status: number): string {
  const phrase = STATUS_CODES[status];
  return phrase ? `${status} ${phrase}` : String(status);
}

function decodeSegments(pathname: string): string[] {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw FhirError.of(400, 'invalid', 'Malformed URL');
  }
}

/** Collects urn: references (in resources and request URLs) that name no entry's fullUrl. */
function findLocalReferences(node: unknown, unresolved: Set<string>, fullUrls: ReadonlySet<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) findLocalReferences(item, unresolved, fullUrls);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'reference' && typeof value === 'string' && value.startsWith('urn:') && !fullUrls.has(value)) unresolved.add(value);
    else if (typeof value === 'object') findLocalReferences(value, unresolved, fullUrls);
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
