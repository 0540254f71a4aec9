// Signed context links as the host simulators make them (docs/access.md
// section 3), and the broken ones they make on request (`&demo=`) so that each
// refusal can be shown, and tested, from end to end.
import { randomUUID } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import { USERS } from '../config';
import { LINK_ALG, hostPrivateJwk, type HostKeyName } from './keys';

export const LINK_LIFETIME_SECONDS = 120;

export const LINK_DEMOS = [
  'tampered',
  'expired',
  'replayed',
  'wrong-audience',
  'unknown-issuer',
  'user-mismatch',
  'too-long-lived',
  'patient-not-found',
] as const;
export type LinkDemo = (typeof LINK_DEMOS)[number];

export const LINK_DEMO_LABELS: Record<LinkDemo, string> = {
  tampered: 'Tampered (signature no longer matches)',
  expired: 'Expired',
  replayed: 'Replayed (already used)',
  'wrong-audience': 'Wrong audience (made for another viewer)',
  'unknown-issuer': 'Unknown issuer (a system nobody trusts)',
  'user-mismatch': 'User mismatch (names someone other than the signed-in user)',
  'too-long-lived': 'Too long-lived (valid for an hour)',
  'patient-not-found': 'Patient not found (date of birth does not match)',
};

export function isLinkDemo(value: string | null): value is LinkDemo {
  return (LINK_DEMOS as readonly string[]).includes(value ?? '');
}

export interface LinkRequest {
  host: Exclude<HostKeyName, 'unknown'>;
  sandboxOrigin: string;
  /** The viewer's origin (the link's `aud`). */
  audience: string;
  userId: string;
  org: string;
  patient: { nhsNumber: string; birthDate: string };
  intent?: string;
  demo?: LinkDemo;
  /** Epoch ms. */
  now?: number;
}

export interface SignedLink {
  jws: string;
  iss: string;
  jti: string;
  exp: number;
}

/** Signs a link, or the broken link a demonstration asks for. */
export async function signContextLink(request: LinkRequest): Promise<SignedLink> {
  const { demo } = request;
  const now = Math.floor((request.now ?? Date.now()) / 1000);
  const iat = demo === 'expired' ? now - 600 : now;
  const exp = iat + (demo === 'too-long-lived' ? 3600 : LINK_LIFETIME_SECONDS);
  const keyName: HostKeyName = demo === 'unknown-issuer' ? 'unknown' : request.host;
  const iss = `${request.sandboxOrigin}/hosts/${demo === 'unknown-issuer' ? 'unknown-system' : request.host}`;
  const jti = randomUUID();
  const someoneElse =
    USERS.find((u) => u.id !== request.userId && u.odsCode === request.org) ?? USERS.find((u) => u.id !== request.userId)!;
  const claims = {
    org: request.org,
    patient: {
      nhs_number: request.patient.nhsNumber,
      birth_date: demo === 'patient-not-found' ? shiftYear(request.patient.birthDate) : request.patient.birthDate,
    },
    ...(request.intent ? { intent: request.intent } : {}),
  };
  const jwk = hostPrivateJwk(keyName);
  const jws = await new SignJWT(claims)
    .setProtectedHeader({ alg: LINK_ALG, kid: jwk.kid!, typ: 'JWT' })
    .setIssuer(iss)
    .setAudience(demo === 'wrong-audience' ? 'https://viewer.elsewhere.example' : request.audience)
    .setSubject(demo === 'user-mismatch' ? someoneElse.id : request.userId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(await importJWK(jwk, LINK_ALG));
  return { jws: demo === 'tampered' ? tamper(jws) : jws, iss, jti, exp };
}

/** Swaps the payload for one naming another patient, keeping the original signature. */
function tamper(jws: string): string {
  const [header, payload, signature] = jws.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { patient: { nhs_number: string } };
  claims.patient.nhs_number = claims.patient.nhs_number === '9990000026' ? '9990000018' : '9990000026';
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

function shiftYear(birthDate: string): string {
  const year = Number(birthDate.slice(0, 4));
  return `${String(year + 1).padStart(4, '0')}${birthDate.slice(4)}`;
}
