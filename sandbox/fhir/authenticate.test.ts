// A FHIR source's token check: the 401 and challenge for each way a token is
// not usable, and the caller a usable one makes.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DpopProofs } from '../auth/dpop';
import type { AccessGrant } from '../auth/grant';
import { authenticate } from './authenticate';
import { FhirError } from './http';

const BASE = 'http://127.0.0.1:8080/fhir/gp';
const live: AccessGrant = { clientId: 'viewer', scopes: ['patient/*.rs', 'openid'], expiresAt: Date.now() / 1000 + 600 };
const tokens = new Map<string, AccessGrant>([
  ['live', live],
  ['expired', { ...live, expiresAt: Date.now() / 1000 - 1 }],
  ['bound', { ...live, jkt: 'thumbprint-of-the-viewers-key' }],
]);

const check = (authorization?: string) =>
  authenticate(
    { method: 'GET', url: '/fhir/gp/Patient/1', headers: authorization ? { authorization } : {} } as IncomingMessage,
    BASE,
    (token) => Promise.resolve(tokens.get(token)),
    new DpopProofs(),
  );

async function refusal(authorization?: string): Promise<{ status: number; diagnostics?: string; challenge: unknown }> {
  const error: unknown = await check(authorization).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof FhirError)) throw new Error(`expected a FhirError, not ${String(error)}`);
  return { status: error.status, diagnostics: error.outcome.issue?.[0]?.diagnostics, challenge: error.headers['WWW-Authenticate'] };
}

describe("a FHIR source's token check", () => {
  it('asks for a token when there is none, offering both schemes', async () => {
    expect(await refusal()).toEqual({
      status: 401,
      diagnostics: 'An access token is required',
      challenge: `Bearer realm="${BASE}", DPoP realm="${BASE}", algs="ES256"`,
    });
  });

  it('refuses a token it does not know, or one expired, in the scheme it came in', async () => {
    expect(await refusal('Bearer unknown')).toEqual({
      status: 401,
      diagnostics: 'The access token is invalid or has expired',
      challenge: `Bearer realm="${BASE}", error="invalid_token"`,
    });
    expect(await refusal('DPoP expired')).toEqual({
      status: 401,
      diagnostics: 'The access token is invalid or has expired',
      challenge: `DPoP realm="${BASE}", error="invalid_token"`,
    });
  });

  it('refuses a token bound to a key when it comes without its proof', async () => {
    const refused = await refusal('Bearer bound');
    expect(refused.status).toBe(401);
    expect(refused.diagnostics).toBe(
      'The access token was refused: the token is bound to a key (DPoP): a bearer token alone is not accepted',
    );
    expect(refused.challenge).toMatch(/^DPoP realm="http:\/\/127\.0\.0\.1:8080\/fhir\/gp", algs="ES256", error="invalid_token"/);
  });

  it('gives the grant and its resource scopes for a usable token', async () => {
    const caller = await check('Bearer live');
    expect(caller.grant).toBe(live);
    expect(caller.scopes).toHaveLength(1);
  });
});
