// The LaunchContext: what every launch mode ends in, and all that the record
// needs to know about the launch. Built here from plain data so that it can be
// tested without a browser or an authorisation server.

import { base64UrlToText } from '../format/base64';
import { isAllowedIssuer, normaliseBaseUrl, type ViewerConfig } from './config';
import { LaunchFailure, launchError } from './launch-errors';
import type { ProofMaker } from '../sources/token-scope';

/** How the viewer was launched; `embedded`: a host page holding its own SMART session gave it one (createLaunchContext). */
export type LaunchMode = 'smart-ehr' | 'smart-standalone' | 'signed-link' | 'launch-link' | 'embedded';

export interface LaunchUser {
  /** FHIR reference to the user as given by the launch, e.g. `Practitioner/123` (may be absolute). */
  fhirUser?: string;
  /** Display name. From an unverified id_token in SMART modes: for display, never for decisions. */
  name?: string;
  /** The user's role, when the launch mode tells it. */
  role?: string;
  /** The organisation the user works for (ODS code), when the launch mode tells it. */
  organisation?: string;
  /** The user's id at the identity provider (SDS user id), when signed in there (signed links). */
  sub?: string;
}

export interface LaunchContext {
  readonly mode: LaunchMode;
  /** FHIR base URL of the launching server (normalised, no trailing slash). */
  readonly issuer: string;
  /**
   * The patient's FHIR id at the launching server. Absent for a signed link:
   * there is no launching source, and every source is matched by `identity`.
   */
  readonly patientId?: string;
  /** A signed link's patient, as the host stated it (verified): every source must match both. */
  readonly identity?: { readonly nhsNumber: string; readonly birthDate: string };
  /** NHS number (10 digits) when the launch itself states it; otherwise found from the launch Patient. */
  readonly nhsNumber?: string;
  /** Encounter in context, when the host gave one. */
  readonly encounterId?: string;
  readonly user: LaunchUser;
  /** Host asks the viewer to show its own patient banner (SMART: defaults to true when not said). */
  readonly needPatientBanner: boolean;
  /** Host's style sheet for matching its look (SMART `smart_style_url`). */
  readonly smartStyleUrl?: string;
  /** What the host wants to show first (SMART `intent`), e.g. `medications`. */
  readonly intent?: string;
  /** Scopes actually granted. */
  readonly grantedScope?: string;
  /** When the current access token expires, ms since the epoch; follows refreshes. */
  readonly tokenExpiresAt?: number;
  /** Set while break-glass (emergency access) is on: why, and until when (ms since the epoch). */
  readonly breakGlass?: { readonly reason: string; readonly text?: string; readonly expiresAt: number };
  /** The current access token, refreshed first when it is about to expire. Rejects when the session has ended. */
  getAccessToken(): Promise<string>;
  /** When the token is bound to the session's key (DPoP): a proof for each request that carries it. */
  readonly proveToken?: ProofMaker;
}

/** The subset of fhirclient's `ClientState` used here (fhirclient mutates it in place on refresh). */
/**
 * Whether a launch can load the record itself: it can get a token and names
 * the patient (by id at the launching server, or, for a signed link, by NHS
 * number and date of birth). `<care-record>` loads the record when given such
 * a launch and a configuration; given only the hints (banner, style, user), it
 * shows a record set from outside.
 */
export function canLoadRecord(launch: Partial<LaunchContext>): launch is LaunchContext {
  return typeof launch.getAccessToken === 'function' && (typeof launch.patientId === 'string' || launch.identity !== undefined);
}

export interface SmartSessionState {
  serverUrl: string;
  /** Seconds since the epoch. */
  expiresAt?: number;
  tokenResponse?: SmartTokenResponse;
}

export interface SmartTokenResponse {
  access_token?: string;
  scope?: string;
  patient?: string;
  encounter?: string;
  need_patient_banner?: boolean;
  smart_style_url?: string;
  intent?: string;
  fhirUser?: string;
  id_token?: string;
  [key: string]: unknown;
}

export interface SmartLaunchInput {
  mode: 'smart-ehr' | 'smart-standalone';
  state: SmartSessionState;
  getAccessToken: () => Promise<string>;
  proveToken?: ProofMaker;
  config: Pick<ViewerConfig, 'issuers'>;
}

/** Builds the context of a completed SMART launch; throws LaunchFailure when the launch is unusable. */
export function buildSmartLaunchContext({ mode, state, getAccessToken, proveToken, config }: SmartLaunchInput): LaunchContext {
  // Checked again after the redirect: the stored state could predate a configuration change.
  if (!isAllowedIssuer(config, state.serverUrl)) {
    throw new LaunchFailure(launchError('unknown-issuer', [`System address: ${state.serverUrl}`]));
  }
  const token = state.tokenResponse ?? {};
  if (!nonEmpty(token.access_token)) throw new LaunchFailure(launchError('token-failed'));
  const patientId = nonEmpty(token.patient);
  if (!patientId) throw new LaunchFailure(launchError('no-patient'));
  const claims = token.id_token ? decodeJwtClaims(token.id_token) : undefined;
  return {
    mode,
    issuer: normaliseBaseUrl(state.serverUrl),
    patientId,
    // Stated by the authorisation server beside the patient's id: lets the other sources be searched at once (still checked against the launching source's Patient).
    ...optional('nhsNumber', nonEmpty(token.patient_nhs_number)?.replace(/\s/g, '')),
    ...optional('encounterId', nonEmpty(token.encounter)),
    user: userFrom(token, claims),
    needPatientBanner: token.need_patient_banner !== false,
    ...optional('smartStyleUrl', httpUrl(token.smart_style_url)),
    ...optional('intent', nonEmpty(token.intent)),
    ...optional('grantedScope', nonEmpty(token.scope)),
    get tokenExpiresAt() {
      return state.expiresAt === undefined ? undefined : state.expiresAt * 1000;
    },
    getAccessToken,
    ...optional('proveToken', proveToken),
  };
}

/** The stored mode when it is a signed-link mode (the record page then finishes that launch instead). */
export function storedLinkMode(stored: string | null): 'signed-link' | 'launch-link' | undefined {
  return stored === 'signed-link' || stored === 'launch-link' ? stored : undefined;
}

/** Reads the mode stored by the launch page; anything unexpected is treated as an EHR launch. */
export function parseLaunchMode(stored: string | null): 'smart-ehr' | 'smart-standalone' {
  return stored === 'smart-standalone' ? 'smart-standalone' : 'smart-ehr';
}

/** Decodes a JWT's claims WITHOUT verifying it: use only for display. */
export function decodeJwtClaims(jwt: string): Record<string, unknown> | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(base64UrlToText(payload));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function userFrom(token: SmartTokenResponse, claims: Record<string, unknown> | undefined): LaunchUser {
  const fhirUser = nonEmpty(token.fhirUser) ?? nonEmpty(claims?.fhirUser);
  const given = nonEmpty(claims?.given_name);
  const family = nonEmpty(claims?.family_name);
  const name = nonEmpty(claims?.name) ?? ([given, family].filter(Boolean).join(' ') || undefined);
  // The role and organisation the authorisation server granted for (the servers enforce; the viewer only explains).
  const role = nonEmpty(token.role) ?? nonEmpty(claims?.role);
  const organisation = nonEmpty(token.org) ?? nonEmpty(claims?.org);
  return {
    ...optional('fhirUser', fhirUser),
    ...optional('name', name),
    ...optional('role', role),
    ...optional('organisation', organisation),
  };
}

/** The user's identity as the identity provider signed it in (oidc-client-ts profile claims). */
export interface SignedInUser {
  sub: string;
  name?: string;
  role?: string;
  org?: string;
  fhirUser?: string;
}

export interface LinkLaunchInput {
  mode: 'signed-link' | 'launch-link';
  state: SmartSessionState;
  /** The verified link's patient (and intent). */
  link: { patient: { nhsNumber: string; birthDate: string }; intent?: string };
  /** The user signed in at the identity provider. */
  user: SignedInUser;
  getAccessToken: () => Promise<string>;
  proveToken?: ProofMaker;
  config: Pick<ViewerConfig, 'issuers'>;
}

/**
 * Builds the context of a completed signed-link launch: the patient is the
 * link's (by NHS number and date of birth, at every source); the token must be
 * for that same NHS number when the server says which one it is for.
 */
export function buildLinkLaunchContext({ mode, state, link, user, getAccessToken, proveToken, config }: LinkLaunchInput): LaunchContext {
  if (!isAllowedIssuer(config, state.serverUrl)) {
    throw new LaunchFailure(launchError('unknown-issuer', [`System address: ${state.serverUrl}`]));
  }
  const token = state.tokenResponse ?? {};
  if (!nonEmpty(token.access_token)) throw new LaunchFailure(launchError('token-failed'));
  const tokenNhs = nonEmpty(token.patient_nhs_number)?.replace(/\s/g, '');
  if (tokenNhs && tokenNhs !== link.patient.nhsNumber) {
    throw new LaunchFailure(
      launchError('token-failed', ['The sign-in service granted access to a different patient than the link named.']),
    );
  }
  const fromToken = userFrom(token, undefined);
  const launchUser: LaunchUser = {
    ...optional('fhirUser', fromToken.fhirUser ?? nonEmpty(user.fhirUser)),
    ...optional('name', nonEmpty(user.name)),
    ...optional('role', fromToken.role ?? nonEmpty(user.role)),
    ...optional('organisation', fromToken.organisation ?? nonEmpty(user.org)),
    sub: user.sub,
  };
  return {
    mode: link.intent === 'emergency' ? 'launch-link' : mode,
    issuer: normaliseBaseUrl(state.serverUrl),
    identity: { nhsNumber: link.patient.nhsNumber, birthDate: link.patient.birthDate },
    nhsNumber: link.patient.nhsNumber,
    user: launchUser,
    needPatientBanner: token.need_patient_banner !== false,
    ...optional('smartStyleUrl', httpUrl(token.smart_style_url)),
    ...optional('intent', nonEmpty(link.intent) ?? nonEmpty(token.intent)),
    ...optional('grantedScope', nonEmpty(token.scope)),
    get tokenExpiresAt() {
      return state.expiresAt === undefined ? undefined : state.expiresAt * 1000;
    },
    getAccessToken,
    ...optional('proveToken', proveToken),
  };
}

function httpUrl(value: unknown): string | undefined {
  const text = nonEmpty(value);
  if (!text || !URL.canParse(text)) return undefined;
  const protocol = new URL(text).protocol;
  return protocol === 'https:' || protocol === 'http:' ? text : undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `{ key: value }` when value is defined, else `{}`: keeps optional fields absent rather than undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
