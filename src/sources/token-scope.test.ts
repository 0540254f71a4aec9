import { describe, expect, it } from 'vitest';
import { isUnderBase, isUnfollowedRedirect, tokenHeaders } from './token-scope';

const BASE = 'http://127.0.0.1:8080/fhir/gp';

describe('isUnderBase', () => {
  it.each([
    [BASE, true],
    [`${BASE}/`, true],
    [`${BASE}/Observation?patient=1`, true],
    [`${BASE}?_format=json`, true],
    ['HTTP://127.0.0.1:8080/fhir/gp/Patient/1', true],
    [`${BASE}/../gp/Patient/1`, true],
    ['http://127.0.0.1:8080/fhir/gp-evil/Patient/1', false],
    ['http://127.0.0.1:8080/fhir/gpx', false],
    ['http://127.0.0.1:8080/fhir/audit', false],
    [`${BASE}/../audit`, false],
    [`${BASE}/%2E%2E/audit`, false],
    ['http://127.0.0.1:8081/fhir/gp/Patient/1', false],
    ['https://127.0.0.1:8080/fhir/gp/Patient/1', false],
    ['http://user@127.0.0.1:8080/fhir/gp/Patient/1', false],
    ['Patient/1', false],
  ])('%s → %s', (url, expected) => {
    expect(isUnderBase(url, BASE)).toBe(expected);
  });

  it('takes the base with or without its trailing slash', () => {
    expect(isUnderBase(`${BASE}/Patient/1`, `${BASE}/`)).toBe(true);
  });
});

describe('tokenHeaders', () => {
  it('is a bearer token without a proof maker', async () => {
    expect(await tokenHeaders('t1', { method: 'GET', url: `${BASE}/Patient/1` })).toEqual({ Authorization: 'Bearer t1' });
  });

  it('is a DPoP token with a fresh proof for this method and URL', async () => {
    const asked: string[] = [];
    const headers = await tokenHeaders('t1', { method: 'POST', url: BASE }, (method, url, token) => {
      asked.push(`${method} ${url} ${token}`);
      return Promise.resolve('proof-jwt');
    });
    expect(headers).toEqual({ Authorization: 'DPoP t1', DPoP: 'proof-jwt' });
    expect(asked).toEqual([`POST ${BASE} t1`]);
  });
});

describe('isUnfollowedRedirect', () => {
  it('knows a manual redirect in Node (3xx) and in browsers (opaque)', () => {
    expect(isUnfollowedRedirect(new Response(null, { status: 302 }))).toBe(true);
    expect(isUnfollowedRedirect({ type: 'opaqueredirect', status: 0 } as Response)).toBe(true);
    expect(isUnfollowedRedirect(new Response('{}', { status: 200 }))).toBe(false);
    expect(isUnfollowedRedirect(new Response('{}', { status: 404 }))).toBe(false);
  });
});
