// The public way for a host page that already holds a SMART session (its own
// sign-in, its own token) to give <care-record> one: `createLaunchContext`.
// The options are checked as config.json is, every problem listed at once,
// and turned into the same LaunchContext every launch mode ends in, carrying
// the record's configuration (the sources, audit and break-glass endpoints).
//
// The token may be bound to a key (DPoP, RFC 9449), as the sandbox's and a
// growing number of real authorisation servers' are: the host then gives the
// key pair its token is bound to (`dpopKey`), or a function making a proof
// for each request (`proveToken`), so the private key can stay wherever the
// host keeps it.

import { checkUnknownFields, readOptionalUrl, readSources, readUrl, type ViewerConfig } from './config';
import type { LaunchContext, LaunchUser } from './launch-context';
import { isValidNhsNumber, normaliseNhsNumber } from '../format/nhs-number';
import { dpopKeyOf, dpopProof, type DpopKey, type DpopKeyPair } from '../sources/dpop';
import type { ProofMaker } from '../sources/token-scope';

/** What of the viewer's configuration the record itself uses. */
export type RecordConfig = Pick<ViewerConfig, 'sources' | 'auditEndpoint' | 'breakGlassEndpoint'>;

/** One FHIR source, as in config.json's `sources` (timeoutMs and pageCap may be left out). */
export interface SourceSettings {
  /** Short unique name, e.g. `gp`: lower-case letters, digits and hyphens. */
  name: string;
  /** The organisation, as shown on every item from this source. */
  organisation: string;
  odsCode?: string;
  /** FHIR R4 base URL (https, or http on the loopback interface only). */
  fhirBaseUrl: string;
  /** `launch-token`: the host's token is sent (the source trusts the same authorisation server); `none`: nothing is sent. */
  auth: 'launch-token' | 'none';
  /** Per-request timeout, ms (default 8000). */
  timeoutMs?: number;
  /** Paging stops once a query has this many resources (default 2000). */
  pageCap?: number;
}

export interface LaunchContextOptions {
  /** FHIR base URL of the server the token is for, where the patient is `patientId` (the launching server). */
  fhirBaseUrl: string;
  /** The access token. Give this or `getAccessToken`. */
  accessToken?: string;
  /** Called before each request: the current access token (the host refreshes it). Give this or `accessToken`. */
  getAccessToken?: () => string | Promise<string>;
  /** The patient's FHIR id at `fhirBaseUrl` (SMART's `patient`). */
  patientId: string;
  /** The patient's NHS number (10 digits, spaces allowed; must pass the Modulus 11 check), when the host knows it: the other sources are searched at once. */
  nhsNumber?: string;
  /** Who is looking: shown, and used for the role's notices and break-glass. */
  user?: LaunchUser;
  /** The FHIR sources of the shared record (as config.json's `sources`). None: the server at `fhirBaseUrl` alone. */
  sources?: readonly SourceSettings[];
  /** The key pair the token is bound to (DPoP, ECDSA P-256): every request carrying the token then carries a proof signed with it. */
  dpopKey?: DpopKeyPair;
  /** Instead of `dpopKey`: makes the DPoP proof for one request carrying the token. */
  proveToken?: ProofMaker;
  /** Where AuditEvents are POSTed (with the token); none: the record is not audited by the viewer. */
  auditEndpoint?: string;
  /** The authorisation server's break-glass endpoint; emergency access is offered only with one. */
  breakGlassEndpoint?: string;
  /** Whether the element shows its own patient banner (default true; `false` when the host shows the patient). */
  needPatientBanner?: boolean;
  /** A SMART style document for the element's look (SMART `smart_style_url`). */
  smartStyleUrl?: string;
  /** What to show first, as SMART `intent` (e.g. `emergency` for the paramedic's first minutes). */
  intent?: string;
  /** The encounter in context, if any. */
  encounterId?: string;
}

/** A launch context made by `createLaunchContext`: set it as `<care-record>`'s `launchContext` and the element loads the record. */
export interface EmbeddedLaunchContext extends LaunchContext {
  readonly mode: 'embedded';
  readonly patientId: string;
  /** The record's configuration: used when the element's own `config` is not set. */
  readonly config: RecordConfig;
}

/** The options given to createLaunchContext were not usable; `problems` lists every one. */
export class LaunchContextError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`createLaunchContext: ${problems.join(' ')}`);
    this.name = 'LaunchContextError';
  }
}

const OPTION_FIELDS = [
  'fhirBaseUrl',
  'accessToken',
  'getAccessToken',
  'patientId',
  'nhsNumber',
  'user',
  'sources',
  'dpopKey',
  'proveToken',
  'auditEndpoint',
  'breakGlassEndpoint',
  'needPatientBanner',
  'smartStyleUrl',
  'intent',
  'encounterId',
];
const USER_FIELDS = ['fhirUser', 'name', 'role', 'organisation', 'sub'] as const;
/** FHIR's id type. */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * A launch context for `<care-record>` from a session the host already holds.
 * Throws LaunchContextError listing every problem with the options.
 *
 * ```js
 * record.launchContext = createLaunchContext({
 *   fhirBaseUrl: 'https://fhir.example.nhs.uk/R4', patientId: '123',
 *   getAccessToken: () => session.accessToken(), dpopKey: session.keyPair,
 * });
 * ```
 */
export function createLaunchContext(options: LaunchContextOptions): EmbeddedLaunchContext {
  const problems: string[] = [];
  if (typeof options !== 'object' || options === null) throw new LaunchContextError(['The options must be an object.']);
  const given = options as unknown as Record<string, unknown>;
  checkUnknownFields(given, OPTION_FIELDS, '', problems);
  const issuer = readUrl(given.fhirBaseUrl, 'fhirBaseUrl', problems) ?? '';
  const patientId = readPatientId(given.patientId, problems);
  const nhsNumber = readNhsNumber(given.nhsNumber, problems);
  const getAccessToken = readToken(given.accessToken, given.getAccessToken, problems);
  const proveToken = readProof(given.dpopKey, given.proveToken, problems);
  const user = readUser(given.user, problems);
  const sources = readSources(given.sources, problems);
  const auditEndpoint = readOptionalUrl(given.auditEndpoint, 'auditEndpoint', problems);
  const breakGlassEndpoint = readOptionalUrl(given.breakGlassEndpoint, 'breakGlassEndpoint', problems);
  const smartStyleUrl = readOptionalUrl(given.smartStyleUrl, 'smartStyleUrl', problems);
  if (given.needPatientBanner !== undefined && typeof given.needPatientBanner !== 'boolean')
    problems.push('needPatientBanner must be true or false.');
  const intent = readOptionalText(given.intent, 'intent', problems);
  const encounterId = readOptionalText(given.encounterId, 'encounterId', problems);
  if (problems.length > 0) throw new LaunchContextError(problems);

  const config: RecordConfig = {
    sources,
    ...(auditEndpoint ? { auditEndpoint } : {}),
    ...(breakGlassEndpoint ? { breakGlassEndpoint } : {}),
  };
  return Object.freeze({
    mode: 'embedded' as const,
    issuer,
    patientId,
    ...(nhsNumber ? { nhsNumber } : {}),
    ...(encounterId ? { encounterId } : {}),
    user,
    needPatientBanner: given.needPatientBanner !== false,
    ...(smartStyleUrl ? { smartStyleUrl } : {}),
    ...(intent ? { intent } : {}),
    getAccessToken,
    ...(proveToken ? { proveToken } : {}),
    config,
  });
}

function readPatientId(value: unknown, problems: string[]): string {
  if (typeof value === 'string' && FHIR_ID.test(value)) return value;
  problems.push('patientId must be the patient\'s FHIR id at fhirBaseUrl (letters, digits, "-" and ".", at most 64).');
  return '';
}

function readNhsNumber(value: unknown, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{10}$/.test(normaliseNhsNumber(value))) {
    problems.push('nhsNumber must be 10 digits (spaces allowed).');
    return undefined;
  }
  const digits = normaliseNhsNumber(value);
  if (!isValidNhsNumber(digits)) {
    problems.push(`nhsNumber (${value}) fails the Modulus 11 check: it is not a valid NHS number.`);
    return undefined;
  }
  return digits;
}

function readToken(token: unknown, getter: unknown, problems: string[]): () => Promise<string> {
  const fail = () => Promise.reject(new Error('The host gave no access token.'));
  if ((token === undefined) === (getter === undefined)) {
    problems.push('Give exactly one of accessToken (the token) and getAccessToken (a function returning the current token).');
    return fail;
  }
  if (token !== undefined) {
    if (typeof token !== 'string' || token.trim() === '') {
      problems.push('accessToken must be a non-empty text.');
      return fail;
    }
    return () => Promise.resolve(token);
  }
  if (typeof getter !== 'function') {
    problems.push('getAccessToken must be a function returning the current access token (or a promise of it).');
    return fail;
  }
  return async () => {
    const current: unknown = await (getter as () => unknown)();
    if (typeof current !== 'string' || current === '')
      throw new Error("The host's getAccessToken gave no access token: the session has ended.");
    return current;
  };
}

function readProof(dpopKey: unknown, proveToken: unknown, problems: string[]): ProofMaker | undefined {
  if (dpopKey !== undefined && proveToken !== undefined) {
    problems.push('Give dpopKey or proveToken, not both.');
    return undefined;
  }
  if (proveToken !== undefined) {
    if (typeof proveToken === 'function') return proveToken as ProofMaker;
    problems.push('proveToken must be a function (method, url, accessToken) returning a DPoP proof.');
    return undefined;
  }
  if (dpopKey === undefined) return undefined;
  if (!isSigningKeyPair(dpopKey)) {
    problems.push('dpopKey must be the WebCrypto key pair the token is bound to: ECDSA P-256, the private key usable for "sign".');
    return undefined;
  }
  let key: Promise<DpopKey> | undefined;
  return async (method, url, accessToken) => {
    key ??= dpopKeyOf(dpopKey);
    return dpopProof(await key, method, url, { accessToken });
  };
}

function isSigningKeyPair(value: unknown): value is DpopKeyPair {
  const pair = value as Partial<DpopKeyPair> | null;
  // A WebCrypto key's algorithm, as an ECDSA key has it ({ name, namedCurve }).
  const algorithm = pair?.privateKey?.algorithm as { name?: string; namedCurve?: string } | undefined;
  return (
    typeof pair === 'object' &&
    pair !== null &&
    pair.publicKey !== undefined &&
    algorithm?.name === 'ECDSA' &&
    algorithm.namedCurve === 'P-256' &&
    Boolean(pair.privateKey?.usages.includes('sign'))
  );
}

function readUser(value: unknown, problems: string[]): LaunchUser {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('user must be an object ({ fhirUser?, name?, role?, organisation?, sub? }).');
    return {};
  }
  const record = value as Record<string, unknown>;
  checkUnknownFields(record, [...USER_FIELDS], 'user.', problems);
  const user: LaunchUser = {};
  for (const field of USER_FIELDS) {
    const text = readOptionalText(record[field], `user.${field}`, problems);
    if (text) user[field] = text;
  }
  return user;
}

function readOptionalText(value: unknown, path: string, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  problems.push(`${path} must be a non-empty text.`);
  return undefined;
}
