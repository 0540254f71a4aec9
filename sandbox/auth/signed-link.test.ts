import { SignJWT, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { hostJwks, hostPrivateJwk } from '../hosts/keys';
import { signContextLink, type LinkDemo } from '../hosts/links';
import { LinkRefused, SignedLinkVerifier, looksLikeSignedLink } from './signed-link';

const ORIGIN = 'http://127.0.0.1:8080';
const VIEWER = 'http://127.0.0.1:5173';
const NOW = Date.parse('2025-11-22T10:00:00Z');

function verifier(now = NOW) {
  return new SignedLinkVerifier({ issuers: [{ issuer: `${ORIGIN}/hosts/gp`, jwks: hostJwks('gp') }], audience: VIEWER, now: () => now });
}

const link = (demo?: LinkDemo) =>
  signContextLink({
    host: 'gp',
    sandboxOrigin: ORIGIN,
    audience: VIEWER,
    userId: 'sarah.ahmed',
    org: 'ZZ001',
    patient: { nhsNumber: '9990000018', birthDate: '1938-05-09' },
    now: NOW,
    ...(demo ? { demo } : {}),
  });

async function refusal(jws: string, checker = verifier()): Promise<string | undefined> {
  try {
    await checker.verify(jws);
    return undefined;
  } catch (error) {
    if (error instanceof LinkRefused) return error.code;
    throw error;
  }
}

/** A link signed with the GP's key, with the claims given. */
async function signed(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const jwk = hostPrivateJwk('gp');
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: jwk.kid!, typ: 'JWT', ...header }).sign(await importJWK(jwk, 'ES256'));
}

const good = {
  iss: `${ORIGIN}/hosts/gp`,
  aud: VIEWER,
  iat: NOW / 1000,
  exp: NOW / 1000 + 120,
  jti: 'j1',
  sub: 'sarah.ahmed',
  org: 'ZZ001',
  patient: { nhs_number: '9990000018', birth_date: '1938-05-09' },
};

describe('signed context links at the authorisation server', () => {
  it("accepts a host's link once, and tells links from launch ids", async () => {
    const { jws } = await link();
    expect(looksLikeSignedLink(jws)).toBe(true);
    expect(looksLikeSignedLink('an-ehr-launch-id')).toBe(false);
    const checker = verifier();
    expect(await checker.verify(jws)).toMatchObject({
      sub: 'sarah.ahmed',
      org: 'ZZ001',
      patient: { nhs_number: '9990000018', birth_date: '1938-05-09' },
    });
    expect(await refusal(jws, checker)).toBe('replayed');
  });

  it.each([
    ['tampered', 'tampered'],
    ['expired', 'expired'],
    ['wrong-audience', 'wrong-audience'],
    ['unknown-issuer', 'unknown-issuer'],
    ['too-long-lived', 'too-long-lived'],
  ] as const)("refuses the hosts' %s demonstration as %s", async (demo, code) => {
    expect(await refusal((await link(demo)).jws)).toBe(code);
  });

  it('leaves what the link alone cannot show to the launch: the user and the patient', async () => {
    // Signature, audience and times are fine; the launch compares sub with the id_token and looks the patient up.
    expect(await refusal((await link('user-mismatch')).jws)).toBeUndefined();
    expect(await refusal((await link('patient-not-found')).jws)).toBeUndefined();
  });

  it('allows half a minute of clock difference, and no more', async () => {
    const { jws } = await link();
    expect(await refusal(jws, verifier(NOW + 145_000))).toBeUndefined();
    expect(await refusal(jws, verifier(NOW + 151_000))).toBe('expired');
    expect(await refusal(jws, verifier(NOW - 60_000))).toBe('tampered');
  });

  it('honours nbf: refused until it has come (with the same clock allowance), then accepted', async () => {
    const later = { ...good, jti: 'nbf-1', nbf: NOW / 1000 + 60 };
    expect(await refusal(await signed(later))).toBe('not-yet-valid');
    expect(await refusal(await signed({ ...later, jti: 'nbf-2' }), verifier(NOW + 31_000))).toBeUndefined();
    expect(await refusal(await signed({ ...good, jti: 'nbf-3', nbf: 'soon' }))).toBe('tampered');
  });

  it('treats a malformed link, another algorithm or a missing claim as tampering', async () => {
    expect(await refusal('a.b.c')).toBe('tampered');
    expect(await refusal(await signed(good, { typ: 'at+jwt' }))).toBe('tampered');
    const { patient: _patient, ...withoutPatient } = good;
    expect(await refusal(await signed(withoutPatient))).toBe('tampered');
    expect(await refusal(await signed({ ...good, patient: { nhs_number: '999 000 0018', birth_date: '1938-05-09' } }))).toBe('tampered');
    expect(await refusal(await signed({ ...good, jti: 'j2', aud: ['https://elsewhere.example', VIEWER] }))).toBeUndefined();
  });
});
