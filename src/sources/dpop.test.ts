import { EmbeddedJWK, calculateJwkThumbprint, jwtVerify } from 'jose';
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createDpopKeys, dpopKeyOf, dpopProof, dpopProofMaker, htuOf, jwkThumbprint } from './dpop';

describe('DPoP proofs', () => {
  it('makes a key whose private half cannot be exported', async () => {
    const keys = await createDpopKeys();
    expect(keys.privateKey.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('jwk', keys.privateKey)).rejects.toThrow();
  });

  it('signs a proof any DPoP verifier accepts: typ, ES256, the public JWK, htm, htu without query, iat, jti, ath', async () => {
    const key = await dpopKeyOf(await createDpopKeys());
    const proof = await dpopProof(key, 'get', 'http://127.0.0.1:8080/fhir/gp/Observation?patient=1#x', {
      accessToken: 'tok-1',
      now: 1_700_000_000_000,
    });
    const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: ['ES256'],
      currentDate: new Date(1_700_000_000_000),
    });
    expect(protectedHeader.jwk).toEqual(key.jwk);
    expect(protectedHeader.jwk).not.toHaveProperty('d');
    expect(payload).toMatchObject({ htm: 'GET', htu: 'http://127.0.0.1:8080/fhir/gp/Observation', iat: 1_700_000_000 });
    expect(payload.ath).toBe(createHash('sha256').update('tok-1').digest('base64url'));
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives every request its own jti', async () => {
    const make = dpopProofMaker(await dpopKeyOf(await createDpopKeys()));
    const jtis = new Set<unknown>();
    for (let i = 0; i < 5; i++) {
      const { payload } = await jwtVerify(await make('GET', 'http://h/fhir/gp/Patient', 't'), EmbeddedJWK, { typ: 'dpop+jwt' });
      jtis.add(payload.jti);
    }
    expect(jtis.size).toBe(5);
  });

  it("hashes each token once, and gives a new token's proofs the new token's hash", async () => {
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
    const make = dpopProofMaker(await dpopKeyOf(await createDpopKeys()));
    const athOf = async (token: string) =>
      (await jwtVerify(await make('GET', 'http://h/fhir/gp/Patient', token), EmbeddedJWK, { typ: 'dpop+jwt' })).payload.ath;
    const first = await Promise.all([athOf('tok-1'), athOf('tok-1'), athOf('tok-1')]);
    expect(first).toEqual(Array(3).fill(createHash('sha256').update('tok-1').digest('base64url')));
    expect(digest).toHaveBeenCalledTimes(1);
    expect(await athOf('tok-2')).toBe(createHash('sha256').update('tok-2').digest('base64url'));
    expect(digest).toHaveBeenCalledTimes(2);
    digest.mockRestore();
  });

  it('computes the RFC 7638 thumbprint the server binds the token to', async () => {
    const key = await dpopKeyOf(await createDpopKeys());
    expect(await jwkThumbprint(key.jwk)).toBe(await calculateJwkThumbprint(key.jwk));
  });

  it('names the URL without query or fragment', () => {
    expect(htuOf('HTTP://Host:80/fhir/gp/Patient?x=1#y')).toBe('http://host/fhir/gp/Patient');
  });
});
