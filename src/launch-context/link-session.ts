// What a signed-link launch carries across its redirects (identity provider,
// then authorisation server) in sessionStorage: the verified link and, once
// signed in, the user. Read back defensively: storage is not a place to trust shapes.

import type { SignedInUser } from './launch-context';
import type { VerifiedLink } from './signed-link';
import { isRecord } from '../json/is-record';

export const LINK_SESSION_KEY = 'care-record-viewer:link-session';

export interface LinkSession {
  /** The compact JWS, sent as the SMART `launch` parameter. */
  jws: string;
  issuer: string;
  /** The host's name, for messages. */
  issuerName: string;
  sub: string;
  org?: string;
  patient: { nhsNumber: string; birthDate: string };
  intent?: string;
  /** Set once the identity provider has signed the user in and the user matched the link. */
  user?: SignedInUser;
}

export function linkSessionOf(link: VerifiedLink): LinkSession {
  const session: LinkSession = {
    jws: link.jws,
    issuer: link.issuer.issuer,
    issuerName: link.issuer.name,
    sub: link.sub,
    patient: { ...link.patient },
  };
  if (link.org) session.org = link.org;
  if (link.intent) session.intent = link.intent;
  return session;
}

export function parseLinkSession(text: string | null): LinkSession | undefined {
  if (!text) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(json) || !isRecord(json.patient)) return undefined;
  const { jws, issuer, issuerName, sub, org, intent, user } = json;
  const { nhsNumber, birthDate } = json.patient;
  if (![jws, issuer, issuerName, sub, nhsNumber, birthDate].every((v) => typeof v === 'string' && v !== '')) return undefined;
  const session: LinkSession = {
    jws: jws as string,
    issuer: issuer as string,
    issuerName: issuerName as string,
    sub: sub as string,
    patient: { nhsNumber: nhsNumber as string, birthDate: birthDate as string },
  };
  if (typeof org === 'string') session.org = org;
  if (typeof intent === 'string') session.intent = intent;
  if (isRecord(user) && typeof user.sub === 'string') session.user = userOf(user);
  return session;
}

function userOf(user: Record<string, unknown>): SignedInUser {
  const out: SignedInUser = { sub: user.sub as string };
  for (const key of ['name', 'role', 'org', 'fhirUser'] as const) {
    const value = user[key];
    if (typeof value === 'string' && value !== '') out[key] = value;
  }
  return out;
}

/** The user as the identity provider's claims state it (id_token/userinfo profile). */
export function signedInUserOf(profile: Record<string, unknown>): SignedInUser | undefined {
  if (typeof profile.sub !== 'string' || profile.sub === '') return undefined;
  const given = typeof profile.given_name === 'string' ? profile.given_name : '';
  const family = typeof profile.family_name === 'string' ? profile.family_name : '';
  const name = typeof profile.name === 'string' && profile.name ? profile.name : [given, family].filter(Boolean).join(' ');
  return userOf({ sub: profile.sub, name, role: profile.role, org: profile.org, fhirUser: profile.fhirUser });
}
