// The token check of the sandbox's FHIR resource servers (the sources and the
// audit endpoint): who a request comes from, refused with 401 and the challenge
// a SMART client expects when its token is missing, unknown, expired, or
// presented without the DPoP proof it is bound to.
import type { IncomingMessage } from 'node:http';
import type { AccessGrant, TokenVerifier } from '../auth/grant';
import { checkPresentedToken, type DpopProofs, type PresentedToken } from '../auth/dpop';
import { FhirError } from './http';
import { parseResourceScopes, type Caller } from './scopes';

export interface TokenCheck {
  /** The server's base URL: the realm of its challenges, and the origin its DPoP proofs name. */
  baseUrl: string;
  verifyToken: TokenVerifier;
  dpop: DpopProofs;
  now?: () => number;
  /** The 401 for a token missing (undefined) or unknown or expired (the one presented); a FHIR source's unless said. */
  refuse?: (presented: PresentedToken | undefined) => FhirError;
}

/**
 * The caller's grant, from `Authorization: DPoP <token>` with a proof for this
 * method and URL (the viewer's tokens are all bound to its key), or a plain
 * bearer token that is bound to nothing (the sandbox's own tests' grants).
 */
export async function authenticate(req: IncomingMessage, baseUrl: string, verifyToken: TokenVerifier, dpop: DpopProofs): Promise<Caller> {
  const grant = await verifiedGrant(req, { baseUrl, verifyToken, dpop });
  return { grant, scopes: parseResourceScopes(grant.scopes) };
}

/** The grant of the request's token, once the token is known, unexpired and presented as it is bound to be. */
export async function verifiedGrant(req: IncomingMessage, check: TokenCheck): Promise<AccessGrant> {
  const { baseUrl, verifyToken, dpop, now = Date.now, refuse = sourceRefusal(baseUrl) } = check;
  const liveGrant = async (token: string) => {
    const grant = await verifyToken(token);
    return grant && grant.expiresAt * 1000 > now() ? grant : undefined;
  };
  const checked = await checkPresentedToken(req, liveGrant, dpop, new URL(baseUrl).origin);
  if (checked.outcome === 'unknown') throw refuse(checked.presented);
  if (checked.outcome === 'refused')
    throw FhirError.of(401, 'login', `The access token was refused: ${checked.refused.message}`, {
      'WWW-Authenticate': checked.refused.challenge(baseUrl),
    });
  return checked.grant;
}

/** A FHIR source's 401 for a missing token, or for one it does not know or that has expired. */
function sourceRefusal(baseUrl: string): (presented: PresentedToken | undefined) => FhirError {
  return (presented) =>
    presented
      ? FhirError.of(401, 'login', 'The access token is invalid or has expired', {
          'WWW-Authenticate': `${presented.scheme} realm="${baseUrl}", error="invalid_token"`,
        })
      : FhirError.of(401, 'login', 'An access token is required', {
          'WWW-Authenticate': `Bearer realm="${baseUrl}", DPoP realm="${baseUrl}", algs="ES256"`,
        });
}
