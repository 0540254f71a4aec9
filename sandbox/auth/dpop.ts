// Sender-constrained tokens at the sandbox's resource servers (the five FHIR
// sources, the audit endpoint, break-glass): RFC 9449 section 7. The
// authorisation server binds every token it gives the viewer to the viewer's
// key (`jkt`, the key's thumbprint); a resource server then accepts that token
// only as `Authorization: DPoP <token>` with a `DPoP` proof signed by that key
// for this very method and URL, recent, carrying the token's hash and never
// seen before. A token replayed from one source to another (or from a log)
// fails: the proof names the other URL, or was used already, or is missing.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { EmbeddedJWK, calculateJwkThumbprint, jwtVerify, type JWK } from 'jose';
import type { AccessGrant } from './grant';

/** How the client presented its token. */
export interface PresentedToken {
  scheme: 'Bearer' | 'DPoP';
  token: string;
  /** The DPoP header, when sent. */
  proof?: string;
}

/** Why a presented token was not accepted: for the 401 and its WWW-Authenticate. */
export class TokenRefused extends Error {
  constructor(
    readonly error: 'invalid_token' | 'invalid_dpop_proof',
    message: string,
  ) {
    super(message);
  }

  /** The WWW-Authenticate challenge for a 401 at `realm`. */
  challenge(realm: string): string {
    return `DPoP realm="${realm}", algs="ES256", error="${this.error}", error_description="${this.message.replaceAll('"', "'")}"`;
  }
}

/** Seconds a proof's `iat` may be from now (either way). */
export const PROOF_WINDOW_SECONDS = 60;

/** The token and scheme of a request's Authorization header (Bearer or DPoP), and its DPoP proof. */
function presentedToken(req: Pick<IncomingMessage, 'headers'>): PresentedToken | undefined {
  const match = /^(Bearer|DPoP)\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
  const proof = req.headers.dpop;
  return { scheme, token: match[2]!, ...(typeof proof === 'string' ? { proof } : {}) };
}

/** The URL a proof must name: this request's, without query or fragment. */
export function htuFor(origin: string, path: string): string {
  const url = new URL(path, origin);
  url.search = '';
  url.hash = '';
  return url.href;
}

/** What a request's token comes to at a resource server; each server words its own 401s. */
type TokenVerdict =
  | { outcome: 'accepted'; presented: PresentedToken; grant: AccessGrant }
  /** No token, or one with no live grant here. */
  | { outcome: 'unknown'; presented: PresentedToken | undefined }
  /** A live token, presented without the proof its grant's key binding needs. */
  | { outcome: 'refused'; presented: PresentedToken; refused: TokenRefused };

/**
 * The one token check of every resource server (FHIR sources, audit endpoint,
 * break-glass): the request's token, its live grant (`grantOf`), and a DPoP
 * proof for this method and URL at `origin` when the grant is bound to a key.
 */
export async function checkPresentedToken(
  req: Pick<IncomingMessage, 'headers' | 'method' | 'url'>,
  grantOf: (token: string) => Promise<AccessGrant | undefined> | AccessGrant | undefined,
  dpop: DpopProofs,
  origin: string,
): Promise<TokenVerdict> {
  const presented = presentedToken(req);
  const grant = presented ? await grantOf(presented.token) : undefined;
  if (!presented || !grant) return { outcome: 'unknown', presented };
  try {
    await dpop.check(presented, grant.jkt, req.method ?? 'GET', htuFor(origin, req.url ?? '/'));
  } catch (error) {
    if (error instanceof TokenRefused) return { outcome: 'refused', presented, refused: error };
    throw error;
  }
  return { outcome: 'accepted', presented, grant };
}

export class DpopProofs {
  /** `jkt jti` → epoch seconds until which it is remembered. */
  readonly #seen = new Map<string, number>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /**
   * Checks that `presented` may be used with a grant bound to `jkt` (undefined: a
   * plain bearer grant) for `method` at `htu`; throws TokenRefused otherwise.
   */
  async check(presented: PresentedToken, jkt: string | undefined, method: string, htu: string): Promise<void> {
    if (jkt === undefined) {
      if (presented.scheme === 'DPoP')
        throw new TokenRefused('invalid_token', 'the token is not bound to a key, so it cannot be presented as DPoP');
      return;
    }
    if (presented.scheme !== 'DPoP')
      throw new TokenRefused('invalid_token', 'the token is bound to a key (DPoP): a bearer token alone is not accepted');
    if (!presented.proof) throw new TokenRefused('invalid_dpop_proof', 'a DPoP proof is required with this token');
    let payload: Record<string, unknown>;
    let jwk: JWK;
    try {
      const verified = await jwtVerify(presented.proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: ['ES256'] });
      payload = verified.payload;
      jwk = verified.protectedHeader.jwk as JWK;
    } catch {
      throw new TokenRefused('invalid_dpop_proof', 'the DPoP proof is not a valid ES256 dpop+jwt signed by the key it names');
    }
    if ('d' in jwk) throw new TokenRefused('invalid_dpop_proof', 'the DPoP proof names a private key');
    if ((await calculateJwkThumbprint(jwk)) !== jkt)
      throw new TokenRefused('invalid_dpop_proof', 'the DPoP proof is signed by another key than the token is bound to');
    if (payload.htm !== method) throw new TokenRefused('invalid_dpop_proof', `the DPoP proof is for ${String(payload.htm)}, not ${method}`);
    if (typeof payload.htu !== 'string' || !URL.canParse(payload.htu) || htuFor(payload.htu, payload.htu) !== htu) {
      throw new TokenRefused('invalid_dpop_proof', 'the DPoP proof is for another URL');
    }
    const now = Math.floor(this.#now() / 1000);
    if (typeof payload.iat !== 'number' || Math.abs(now - payload.iat) > PROOF_WINDOW_SECONDS) {
      throw new TokenRefused('invalid_dpop_proof', 'the DPoP proof is not recent');
    }
    if (payload.ath !== createHash('sha256').update(presented.token).digest('base64url')) {
      throw new TokenRefused('invalid_dpop_proof', 'the DPoP proof was made for another token');
    }
    if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 200) {
      throw new TokenRefused('invalid_dpop_proof', 'the DPoP proof has no jti');
    }
    this.#prune(now);
    const key = `${jkt} ${payload.jti}`;
    if (this.#seen.has(key)) throw new TokenRefused('invalid_dpop_proof', 'the DPoP proof has been used before');
    this.#seen.set(key, now + PROOF_WINDOW_SECONDS * 2);
  }

  #prune(now: number): void {
    for (const [key, until] of this.#seen) if (until <= now) this.#seen.delete(key);
  }
}
