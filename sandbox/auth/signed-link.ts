// Signed context links (docs/access.md section 3), as the authorisation server
// checks them: a host system signs a short-lived JWS naming its user and the
// patient; the viewer checks it in the browser, and this server checks it again
// before it issues a token, because only a server can make "used once" true.
import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, type JWK } from 'jose';

/** Why a link launch was refused: the `error_description` of the OAuth error, and the audit's outcome. */
export type LinkRefusalCode =
  | 'expired'
  | 'not-yet-valid'
  | 'replayed'
  | 'tampered'
  | 'wrong-audience'
  | 'unknown-issuer'
  | 'too-long-lived'
  | 'not-signed-in'
  | 'user-mismatch'
  | 'patient-not-found';

export interface LinkIssuer {
  /** e.g. http://127.0.0.1:8080/hosts/gp */
  issuer: string;
  name?: string;
  jwks: { keys: JWK[] };
}

/** A verified link's claims. */
export interface ContextLink {
  iss: string;
  aud: string | string[];
  iat: number;
  exp: number;
  /** Optional: not valid before (epoch seconds). */
  nbf?: number;
  jti: string;
  /** The host's user (the sandbox user id, as the identity provider's `sub`). */
  sub: string;
  /** ODS code of the user's organisation. */
  org?: string;
  patient: { nhs_number: string; birth_date: string };
  intent?: string;
}

export class LinkRefused extends Error {
  constructor(
    readonly code: LinkRefusalCode,
    message: string,
    readonly link?: Partial<ContextLink>,
  ) {
    super(message);
  }
}

export const MAX_LINK_LIFETIME_SECONDS = 300;
/** Clocks on different machines differ a little; a link is not refused for seconds. */
const CLOCK_LEEWAY_SECONDS = 30;
const MAX_LINK_CHARS = 8 * 1024;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Whether a `launch` value is a compact JWS (a signed link) rather than an EHR launch id. */
export function looksLikeSignedLink(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_LINK_CHARS && COMPACT_JWS.test(value);
}

export interface LinkVerifierOptions {
  issuers: readonly LinkIssuer[];
  /** The viewer's origin: the only `aud` accepted. */
  audience: string;
  /** Epoch ms. */
  now?: () => number;
}

export class SignedLinkVerifier {
  readonly #issuers: Map<string, ReturnType<typeof createLocalJWKSet>>;
  readonly #audience: string;
  readonly #now: () => number;
  /** `issuer jti` → epoch seconds after which the link is refused as expired anyway, so the entry may go. */
  readonly #used = new Map<string, number>();

  constructor(options: LinkVerifierOptions) {
    this.#issuers = new Map(options.issuers.map((i) => [i.issuer, createLocalJWKSet(i.jwks)]));
    this.#audience = options.audience;
    this.#now = options.now ?? Date.now;
  }

  /** Checks everything the link itself can show, and uses its jti up; throws LinkRefused. */
  async verify(jws: string): Promise<ContextLink> {
    let claimed: Partial<ContextLink>;
    try {
      const header = decodeProtectedHeader(jws);
      if (header.alg !== 'ES256' || (header.typ !== undefined && header.typ !== 'JWT')) throw new Error(`alg ${header.alg}`);
      claimed = decodeJwt(jws);
    } catch {
      throw new LinkRefused('tampered', 'the link is not a readable ES256 JWS');
    }
    const keys = typeof claimed.iss === 'string' ? this.#issuers.get(claimed.iss) : undefined;
    if (!keys) throw new LinkRefused('unknown-issuer', `no host system called ${String(claimed.iss)} is trusted to sign links`, claimed);
    try {
      await compactVerify(jws, keys, { algorithms: ['ES256'] });
    } catch (error) {
      if (error instanceof errors.JOSEError)
        throw new LinkRefused('tampered', `the link's signature does not verify (${error.code})`, claimed);
      throw error;
    }
    const link = wellFormed(claimed);
    const now = Math.floor(this.#now() / 1000);
    const audiences = Array.isArray(link.aud) ? link.aud : [link.aud];
    if (!audiences.includes(this.#audience))
      throw new LinkRefused('wrong-audience', `the link is for ${audiences.join(', ')}, not ${this.#audience}`, link);
    if (link.iat > now + CLOCK_LEEWAY_SECONDS) throw new LinkRefused('tampered', 'the link was issued in the future', link);
    if (link.exp + CLOCK_LEEWAY_SECONDS <= now) throw new LinkRefused('expired', 'the link has expired', link);
    if (link.nbf !== undefined && link.nbf > now + CLOCK_LEEWAY_SECONDS)
      throw new LinkRefused('not-yet-valid', 'the link is not valid yet (nbf)', link);
    if (link.exp - link.iat > MAX_LINK_LIFETIME_SECONDS) {
      throw new LinkRefused(
        'too-long-lived',
        `the link lives ${link.exp - link.iat} s; at most ${MAX_LINK_LIFETIME_SECONDS} s is accepted`,
        link,
      );
    }
    this.#prune(now);
    const key = `${link.iss} ${link.jti}`;
    if (this.#used.has(key)) throw new LinkRefused('replayed', 'the link has been used already', link);
    this.#used.set(key, link.exp + CLOCK_LEEWAY_SECONDS);
    return link;
  }

  /** Records a jti as used (the hosts' "replayed link" demonstration). */
  markUsed(issuer: string, jti: string, exp: number): void {
    this.#used.set(`${issuer} ${jti}`, exp + CLOCK_LEEWAY_SECONDS);
  }

  #prune(now: number): void {
    for (const [key, until] of this.#used) if (until <= now) this.#used.delete(key);
  }
}

/** The claims an honest host always sends, in their types; anything else is treated as tampering. */
function wellFormed(claims: Partial<ContextLink>): ContextLink {
  const { iss, aud, iat, exp, nbf, jti, sub, org, patient, intent } = claims;
  const ok =
    typeof iss === 'string' &&
    (typeof aud === 'string' || (Array.isArray(aud) && aud.every((a) => typeof a === 'string'))) &&
    Number.isInteger(iat) &&
    Number.isInteger(exp) &&
    (nbf === undefined || Number.isInteger(nbf)) &&
    typeof jti === 'string' &&
    jti.length > 0 &&
    jti.length <= 200 &&
    typeof sub === 'string' &&
    sub.length > 0 &&
    (org === undefined || typeof org === 'string') &&
    (intent === undefined || (typeof intent === 'string' && /^[a-z][a-z-]{0,31}$/.test(intent))) &&
    typeof patient === 'object' &&
    patient !== null &&
    typeof patient.nhs_number === 'string' &&
    /^\d{10}$/.test(patient.nhs_number) &&
    typeof patient.birth_date === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(patient.birth_date);
  if (!ok) throw new LinkRefused('tampered', 'the link lacks a claim a host always sends, or has one of the wrong type', claims);
  return claims as ContextLink;
}
