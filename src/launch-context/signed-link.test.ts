import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LinkIssuer } from './config';
import { MAX_LINK_LIFETIME_S, readLinkFragment, storedSeenLinks, verifyContextLink, type SeenLinks } from './signed-link';

const GP = 'http://127.0.0.1:8080/hosts/gp';
const VIEWER = 'http://127.0.0.1:5173';
const NOW = Date.UTC(2026, 10, 22, 14, 0, 0);
const nowS = NOW / 1000;

let gpKey: CryptoKey;
let otherKey: CryptoKey;
let issuers: LinkIssuer[];

beforeAll(async () => {
  const gp = await generateKeyPair('ES256');
  const other = await generateKeyPair('ES256');
  gpKey = gp.privateKey;
  otherKey = other.privateKey;
  const jwk: JWK = { ...(await exportJWK(gp.publicKey)), kid: 'gp-1', alg: 'ES256', use: 'sig' };
  issuers = [{ issuer: GP, name: 'GP system', jwks: { keys: [jwk as LinkIssuer['jwks']['keys'][number]] } }];
});

const claims = (over: Record<string, unknown> = {}) => ({
  iss: GP,
  aud: VIEWER,
  iat: nowS - 10,
  exp: nowS + 110,
  jti: 'link-1',
  sub: 'sarah.ahmed',
  org: 'ZZ001',
  patient: { nhs_number: '9990000018', birth_date: '1938-05-09' },
  ...over,
});

async function sign(over: Record<string, unknown> = {}, key: CryptoKey = gpKey, kid = 'gp-1'): Promise<string> {
  return new SignJWT(claims(over)).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(key);
}

function memorySeen(): SeenLinks & { ids: string[] } {
  const ids: string[] = [];
  return { ids, has: (iss, jti) => ids.includes(`${iss} ${jti}`), add: (iss, jti) => void ids.push(`${iss} ${jti}`) };
}

const verify = (jws: string, seen: SeenLinks = memorySeen()) => verifyContextLink(jws, { issuers, audience: VIEWER, seen, now: NOW });

describe('verifyContextLink', () => {
  it('accepts a good link and records its jti', async () => {
    const seen = memorySeen();
    const result = await verify(await sign({ intent: 'emergency' }), seen);
    expect(result).toMatchObject({
      ok: true,
      link: {
        sub: 'sarah.ahmed',
        org: 'ZZ001',
        patient: { nhsNumber: '9990000018', birthDate: '1938-05-09' },
        intent: 'emergency',
        jti: 'link-1',
      },
    });
    expect(seen.ids).toEqual([`${GP} link-1`]);
  });

  it('refuses a replayed link', async () => {
    const seen = memorySeen();
    const jws = await sign();
    expect((await verify(jws, seen)).ok).toBe(true);
    expect(await verify(jws, seen)).toMatchObject({ ok: false, failure: 'replayed' });
  });

  it('refuses an expired link (beyond the clock skew allowed)', async () => {
    const result = await verify(await sign({ iat: nowS - 200, exp: nowS - 60 }));
    expect(result).toMatchObject({ ok: false, failure: 'expired', claimed: { sub: 'sarah.ahmed', nhsNumber: '9990000018' } });
  });

  it('honours nbf: refused as not yet valid beyond the clock skew, accepted within it', async () => {
    const early = await verify(await sign({ jti: 'nbf-1', nbf: nowS + 120 }));
    expect(early).toMatchObject({ ok: false, failure: 'not-yet-valid', claimed: { sub: 'sarah.ahmed' } });
    expect((await verify(await sign({ jti: 'nbf-2', nbf: nowS + 20 }))).ok).toBe(true);
    expect(await verify(await sign({ jti: 'nbf-3', nbf: 'later' }))).toMatchObject({ ok: false, failure: 'malformed' });
  });

  it('refuses a link that lives longer than 5 minutes', async () => {
    expect((await verify(await sign({ iat: nowS - 10, exp: nowS - 10 + MAX_LINK_LIFETIME_S }))).ok).toBe(true);
    const result = await verify(await sign({ jti: 'long', iat: nowS - 10, exp: nowS + MAX_LINK_LIFETIME_S }));
    expect(result).toMatchObject({ ok: false, failure: 'too-long-lived' });
  });

  it('refuses a tampered link: a changed payload, or another key', async () => {
    const [header, , signature] = (await sign()).split('.');
    const forged = Buffer.from(JSON.stringify(claims({ patient: { nhs_number: '9990000026', birth_date: '2020-01-01' } }))).toString(
      'base64url',
    );
    expect(await verify(`${header}.${forged}.${signature}`)).toMatchObject({ ok: false, failure: 'tampered' });
    expect(await verify(await sign({}, otherKey))).toMatchObject({ ok: false, failure: 'tampered' });
    expect(await verify(await sign({}, otherKey, 'unknown-kid'))).toMatchObject({ ok: false, failure: 'tampered' });
  });

  it('refuses an unsigned (alg none) link', async () => {
    const body = Buffer.from(JSON.stringify(claims())).toString('base64url');
    const head = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(await verify(`${head}.${body}.`)).toMatchObject({ ok: false, failure: 'tampered' });
  });

  it('refuses a link for another audience', async () => {
    expect(await verify(await sign({ aud: 'https://other-viewer.example' }))).toMatchObject({ ok: false, failure: 'wrong-audience' });
    expect((await verify(await sign({ aud: [VIEWER, 'x'], jti: 'arr' }))).ok).toBe(true);
  });

  it('refuses an unknown issuer before checking any signature', async () => {
    const result = await verify(await sign({ iss: 'http://127.0.0.1:8080/hosts/evil' }));
    expect(result).toMatchObject({ ok: false, failure: 'unknown-issuer', claimed: { iss: 'http://127.0.0.1:8080/hosts/evil' } });
  });

  it('refuses links that are incomplete or not JWTs', async () => {
    expect(await verify('not-a-jwt')).toMatchObject({ ok: false, failure: 'malformed' });
    expect(await verify(await sign({ jti: undefined }))).toMatchObject({ ok: false, failure: 'malformed' });
    expect(await verify(await sign({ patient: { nhs_number: '9990000019', birth_date: '1938-05-09' } }))).toMatchObject({
      ok: false,
      failure: 'malformed',
    });
    expect(await verify(await sign({ patient: { nhs_number: '9990000018' } }))).toMatchObject({ ok: false, failure: 'malformed' });
    expect(await verify(await sign({ exp: undefined }))).toMatchObject({ ok: false, failure: 'malformed' });
    expect(await verify(await sign({ iat: nowS + 600, exp: nowS + 700 }))).toMatchObject({ ok: false, failure: 'malformed' });
  });
});

describe('readLinkFragment', () => {
  it('reads #link= and nothing else', () => {
    expect(readLinkFragment('#link=a.b.c')).toBe('a.b.c');
    expect(readLinkFragment('#other=1&link=a.b.c')).toBe('a.b.c');
    expect(readLinkFragment('')).toBeUndefined();
    expect(readLinkFragment('#link=')).toBeUndefined();
  });
});

describe('storedSeenLinks', () => {
  it('remembers links across instances and forgets expired ones', () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    let now = NOW;
    const seen = storedSeenLinks(storage, 'seen', () => now);
    seen.add(GP, 'a', nowS + 100);
    expect(storedSeenLinks(storage, 'seen', () => now).has(GP, 'a')).toBe(true);
    expect(seen.has(GP, 'b')).toBe(false);
    now = NOW + 1000_000;
    seen.add(GP, 'b', now / 1000 + 100);
    expect(seen.has(GP, 'a')).toBe(false);
    expect(seen.has(GP, 'b')).toBe(true);
  });

  it('survives garbage in storage', () => {
    const storage = { getItem: () => '{not json', setItem: () => undefined };
    expect(storedSeenLinks(storage).has(GP, 'a')).toBe(false);
  });
});
