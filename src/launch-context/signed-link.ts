// Signed context links (docs/access.md section 3): a host system signs a short
// JWS naming the user and the patient; the viewer reads it from the address
// fragment and checks it against the host's pinned keys before anything else.
// The authorisation server checks it again (its jti check is the real one).

import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { isNhsNumberDigits } from '../format/nhs-number';
import { normaliseBaseUrl, type LinkIssuer } from './config';
import { launchError, type LaunchError, type LaunchErrorCode } from './launch-errors';
import { isRecord } from '../json/is-record';

/** Longest a link may live (`exp - iat`), in seconds. */
export const MAX_LINK_LIFETIME_S = 300;
/** Allowed difference between the host's clock and ours, in seconds. */
export const CLOCK_SKEW_S = 30;

export type LinkFailureKind =
  'malformed' | 'unknown-issuer' | 'tampered' | 'wrong-audience' | 'expired' | 'not-yet-valid' | 'too-long-lived' | 'replayed';

/** A link whose signature, audience, lifetime and jti have all been checked. */
export interface VerifiedLink {
  /** The compact JWS itself: sent on as the SMART `launch` parameter. */
  jws: string;
  issuer: LinkIssuer;
  /** The user the host signed in (sandbox user id = SDS user id). */
  sub: string;
  /** ODS code of the user's organisation, when the host gave it. */
  org?: string;
  patient: { nhsNumber: string; birthDate: string };
  /** e.g. `emergency` (the paramedic's "first minutes" view). */
  intent?: string;
  jti: string;
  /** Seconds since the epoch. */
  exp: number;
}

/** What a refused link claimed, unverified: for the audit trail only, never for decisions. */
export interface ClaimedLink {
  iss?: string;
  sub?: string;
  org?: string;
  nhsNumber?: string;
}

export type LinkVerification =
  { ok: true; link: VerifiedLink } | { ok: false; failure: LinkFailureKind; detail: string; claimed: ClaimedLink };

/** Links already used in this browser, so that one cannot be replayed here. */
export interface SeenLinks {
  has(issuer: string, jti: string): boolean;
  /** `exp` (seconds since the epoch) lets old entries be forgotten once the link could not be used anyway. */
  add(issuer: string, jti: string, exp: number): void;
}

export interface VerifyLinkOptions {
  issuers: readonly LinkIssuer[];
  /** The viewer's origin, e.g. `http://127.0.0.1:5173`. */
  audience: string;
  seen: SeenLinks;
  /** Milliseconds since the epoch. */
  now?: number;
}

const FAILURE_ERRORS: Record<LinkFailureKind, LaunchErrorCode> = {
  malformed: 'link-malformed',
  'unknown-issuer': 'unknown-issuer',
  tampered: 'link-tampered',
  'wrong-audience': 'link-wrong-audience',
  expired: 'link-expired',
  'not-yet-valid': 'link-not-yet-valid',
  'too-long-lived': 'link-too-long-lived',
  replayed: 'link-replayed',
};

/** The error page for a refused link; the detail is ours (never the link's text), for the service desk. */
export function linkFailureError(failure: LinkFailureKind, detail: string): LaunchError {
  const clipped = detail.length > 200 ? `${detail.slice(0, 199)}…` : detail;
  return launchError(FAILURE_ERRORS[failure], [`Link check: ${failure} (${clipped})`]);
}

export { readLinkFragment } from './link-fragment';

/**
 * Checks a link in a fixed order, so that each refusal has one clear reason:
 * well-formed, known issuer, signature, audience, expiry, not-before, lifetime, then jti.
 * A link that passes is recorded as seen.
 */
export async function verifyContextLink(jws: string, options: VerifyLinkOptions): Promise<LinkVerification> {
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  let claims: Record<string, unknown>;
  try {
    decodeProtectedHeader(jws);
    claims = decodeJwt(jws);
  } catch {
    return refuse('malformed', 'the link is not a signed token', {});
  }
  const claimed = claimedOf(claims);
  const iss = typeof claims.iss === 'string' ? normaliseBaseUrl(claims.iss) : undefined;
  const issuer = iss ? options.issuers.find((i) => i.issuer === iss) : undefined;
  if (!issuer) return refuse('unknown-issuer', `issuer ${iss ?? '(none)'} is not configured`, claimed);

  try {
    const verified = await compactVerify(jws, createLocalJWKSet(issuer.jwks as JSONWebKeySet), { algorithms: ['ES256'] });
    claims = JSON.parse(new TextDecoder().decode(verified.payload)) as Record<string, unknown>;
  } catch {
    return refuse('tampered', "the signature does not match the host's key", claimed);
  }

  const audiences = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
  if (!audiences.some((a) => typeof a === 'string' && normaliseBaseUrl(a) === normaliseBaseUrl(options.audience))) {
    return refuse('wrong-audience', `the link is for ${audiences.join(', ') || '(no audience)'}, not ${options.audience}`, claimed);
  }
  const { iat, exp } = claims;
  if (!isTime(iat) || !isTime(exp)) return refuse('malformed', 'the link has no issue or expiry time', claimed);
  if (exp + CLOCK_SKEW_S <= now) return refuse('expired', `expired ${now - exp} seconds ago`, claimed);
  if (iat - CLOCK_SKEW_S > now) return refuse('malformed', 'the link was issued in the future', claimed);
  // `nbf` is optional; when present it is honoured like `exp`, with the same clock allowance.
  const { nbf } = claims;
  if (nbf !== undefined && !isTime(nbf)) return refuse('malformed', "the link's not-before time is not a number", claimed);
  if (nbf !== undefined && nbf - CLOCK_SKEW_S > now)
    return refuse('not-yet-valid', `valid only from ${nbf - now} seconds from now`, claimed);
  if (exp - iat > MAX_LINK_LIFETIME_S) {
    return refuse('too-long-lived', `it was valid for ${exp - iat} seconds (at most ${MAX_LINK_LIFETIME_S} allowed)`, claimed);
  }

  const link = linkOf(jws, issuer, claims, exp);
  if (typeof link === 'string') return refuse('malformed', link, claimed);
  if (options.seen.has(issuer.issuer, link.jti)) return refuse('replayed', 'this link has been used before', claimed);
  options.seen.add(issuer.issuer, link.jti, exp);
  return { ok: true, link };
}

/** The link's contents, or what is wrong with them. */
function linkOf(jws: string, issuer: LinkIssuer, claims: Record<string, unknown>, exp: number): VerifiedLink | string {
  const jti = text(claims.jti);
  const sub = text(claims.sub);
  const patient = isRecord(claims.patient) ? claims.patient : {};
  const nhsNumber = text(patient.nhs_number)?.replace(/\s/g, '');
  const birthDate = text(patient.birth_date);
  if (!jti) return 'the link has no jti';
  if (!sub) return 'the link names no user';
  if (!nhsNumber || !isNhsNumberDigits(nhsNumber)) return 'the link has no valid NHS number';
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return 'the link has no full date of birth';
  const link: VerifiedLink = { jws, issuer, sub, patient: { nhsNumber, birthDate }, jti, exp };
  const org = text(claims.org);
  const intent = text(claims.intent);
  if (org) link.org = org;
  if (intent) link.intent = intent;
  return link;
}

function claimedOf(claims: Record<string, unknown>): ClaimedLink {
  const patient = isRecord(claims.patient) ? claims.patient : {};
  const claimed: ClaimedLink = {};
  const iss = text(claims.iss);
  const sub = text(claims.sub);
  const org = text(claims.org);
  const nhs = text(patient.nhs_number)?.replace(/\s/g, '');
  if (iss) claimed.iss = iss;
  if (sub) claimed.sub = sub;
  if (org) claimed.org = org;
  if (nhs && /^\d{10}$/.test(nhs)) claimed.nhsNumber = nhs;
  return claimed;
}

function refuse(failure: LinkFailureKind, detail: string, claimed: ClaimedLink): LinkVerification {
  return { ok: false, failure, detail, claimed };
}

/** What storedSeenLinks needs of a Web Storage (localStorage satisfies it). */
interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** A SeenLinks list kept in (local) storage; entries are dropped once their link has expired. */
export function storedSeenLinks(storage: KeyValueStore, key = 'care-record-viewer:seen-links', now: () => number = Date.now): SeenLinks {
  const read = (): Record<string, number> => {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(key) ?? '{}');
      return isRecord(parsed) ? (parsed as Record<string, number>) : {};
    } catch {
      return {};
    }
  };
  const id = (issuer: string, jti: string): string => `${issuer} ${jti}`;
  return {
    has: (issuer, jti) => id(issuer, jti) in read(),
    add(issuer, jti, exp) {
      const cutoff = Math.floor(now() / 1000) - CLOCK_SKEW_S;
      const kept = Object.fromEntries(Object.entries(read()).filter(([, e]) => typeof e === 'number' && e >= cutoff));
      kept[id(issuer, jti)] = exp;
      storage.setItem(key, JSON.stringify(kept));
    },
  };
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
