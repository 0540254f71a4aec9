// A FHIR source's token check: who a request comes from, refused with 401 and
// the challenge a SMART client expects when its token is missing, unknown,
// expired, or presented without the DPoP proof it is bound to.
import type { IncomingMessage } from 'node:http';
import type { TokenVerifier } from '../auth/grant';
import { htuFor, presentedToken, TokenRefused, type DpopProofs } from '../auth/dpop';
import { FhirError } from './http';
import { parseResourceScopes, type Caller } from './scopes';

/**
 * The caller's grant, from `Authorization: DPoP <token>` with a proof for this
 * method and URL (the viewer's tokens are all bound to its key), or a plain
 * bearer token that is bound to nothing (the sandbox's own tests' grants).
 */
export async function authenticate(req: IncomingMessage, baseUrl: string, verifyToken: TokenVerifier, dpop: DpopProofs): Promise<Caller> {
  const realm = `Bearer realm="${baseUrl}", DPoP realm="${baseUrl}", algs="ES256"`;
  const presented = presentedToken(req);
  if (!presented) throw FhirError.of(401, 'login', 'An access token is required', { 'WWW-Authenticate': realm });
  const grant = await verifyToken(presented.token);
  if (!grant || grant.expiresAt * 1000 <= Date.now()) {
    throw FhirError.of(401, 'login', 'The access token is invalid or has expired', {
      'WWW-Authenticate': `${presented.scheme} realm="${baseUrl}", error="invalid_token"`,
    });
  }
  try {
    await dpop.check(presented, grant.jkt, req.method ?? 'GET', htuFor(new URL(baseUrl).origin, req.url ?? '/'));
  } catch (error) {
    if (error instanceof TokenRefused)
      throw FhirError.of(401, 'login', `The access token was refused: ${error.message}`, {
        'WWW-Authenticate': error.challenge(baseUrl),
      });
    throw error;
  }
  return { grant, scopes: parseResourceScopes(grant.scopes) };
}
