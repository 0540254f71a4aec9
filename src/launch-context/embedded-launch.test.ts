import { describe, expect, it } from 'vitest';
import { createLaunchContext, LaunchContextError, type LaunchContextOptions } from './embedded-launch';
import { createDpopKeys, dpopKeyOf, jwkThumbprint } from '../sources/dpop';

const base: LaunchContextOptions = {
  fhirBaseUrl: 'http://127.0.0.1:8080/fhir/community/',
  patientId: 'cm-thompson',
  accessToken: 'token-1',
};

function problemsOf(options: unknown): readonly string[] {
  try {
    createLaunchContext(options as LaunchContextOptions);
  } catch (error) {
    if (error instanceof LaunchContextError) return error.problems;
    throw error;
  }
  return [];
}

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('createLaunchContext', () => {
  it("makes the LaunchContext every launch ends in, with the record's configuration", async () => {
    const context = createLaunchContext({
      ...base,
      nhsNumber: '999 000 0018',
      user: { name: 'Nurse Mei LEE', role: 'community-nurse', organisation: 'ZZ003' },
      sources: [
        { name: 'gp', organisation: 'Riverside Medical Practice', fhirBaseUrl: 'http://127.0.0.1:8080/fhir/gp', auth: 'launch-token' },
      ],
      auditEndpoint: 'http://127.0.0.1:8080/fhir/audit',
      needPatientBanner: false,
    });
    expect(context).toMatchObject({
      mode: 'embedded',
      issuer: 'http://127.0.0.1:8080/fhir/community',
      patientId: 'cm-thompson',
      nhsNumber: '9990000018',
      user: { name: 'Nurse Mei LEE', role: 'community-nurse', organisation: 'ZZ003' },
      needPatientBanner: false,
    });
    // The sources as config.json would have them: defaults filled in.
    expect(context.config).toEqual({
      sources: [
        {
          name: 'gp',
          organisation: 'Riverside Medical Practice',
          fhirBaseUrl: 'http://127.0.0.1:8080/fhir/gp',
          auth: 'launch-token',
          timeoutMs: 8000,
          pageCap: 2000,
        },
      ],
      auditEndpoint: 'http://127.0.0.1:8080/fhir/audit',
    });
    expect(await context.getAccessToken()).toBe('token-1');
    expect(context.proveToken).toBeUndefined();
    expect(Object.isFrozen(context)).toBe(true);
  });

  it('asks the host for the current token on every request when given getAccessToken', async () => {
    let n = 0;
    const context = createLaunchContext({
      fhirBaseUrl: base.fhirBaseUrl,
      patientId: 'p1',
      getAccessToken: () => Promise.resolve(`token-${++n}`),
    });
    expect(await context.getAccessToken()).toBe('token-1');
    expect(await context.getAccessToken()).toBe('token-2');
    expect(context.config).toEqual({ sources: [] });
    const ended = createLaunchContext({ fhirBaseUrl: base.fhirBaseUrl, patientId: 'p1', getAccessToken: () => '' });
    await expect(ended.getAccessToken()).rejects.toThrow(/session has ended/);
  });

  it("signs a DPoP proof with the host's key pair for each request carrying the token", async () => {
    const keys = await createDpopKeys();
    const context = createLaunchContext({ ...base, dpopKey: keys });
    const proof = await context.proveToken!('GET', 'http://127.0.0.1:8080/fhir/gp/Patient?identifier=x', 'token-1');
    const [header, payload] = proof.split('.');
    const jwk = decode(header!).jwk as Parameters<typeof jwkThumbprint>[0];
    expect(await jwkThumbprint(jwk)).toBe(await jwkThumbprint((await dpopKeyOf(keys)).jwk));
    expect(decode(payload!)).toMatchObject({ htm: 'GET', htu: 'http://127.0.0.1:8080/fhir/gp/Patient' });
    expect(decode(payload!).ath).toEqual(expect.any(String));
  });

  it("uses the host's own proof function instead, when it keeps the key itself", async () => {
    const calls: string[] = [];
    const context = createLaunchContext({
      ...base,
      proveToken: (method, url, token) => (calls.push(`${method} ${url} ${token}`), Promise.resolve('proof')),
    });
    expect(await context.proveToken!('POST', 'http://x.example/fhir', 't')).toBe('proof');
    expect(calls).toEqual(['POST http://x.example/fhir t']);
  });

  it('lists every problem at once, as the configuration check does', () => {
    const problems = problemsOf({
      fhirBaseUrl: 'http://fhir.example.org/r4',
      patientId: 'has spaces',
      nhsNumber: '999 000 0019',
      accessToken: 'a',
      getAccessToken: () => 'b',
      dpopKey: { privateKey: 'not a key' },
      user: { name: 'x', colour: 'red' },
      sources: [{ name: 'GP', organisation: 'x', fhirBaseUrl: 'ftp://x', auth: 'magic' }],
      needPatientBanner: 'no',
      patient: 'typo',
    });
    expect(problems).toEqual([
      'patient is not a known setting.',
      'fhirBaseUrl (http://fhir.example.org/r4) must use https (plain http is allowed only for 127.0.0.1 or localhost).',
      'patientId must be the patient\'s FHIR id at fhirBaseUrl (letters, digits, "-" and ".", at most 64).',
      'nhsNumber (999 000 0019) fails the Modulus 11 check: it is not a valid NHS number.',
      'Give exactly one of accessToken (the token) and getAccessToken (a function returning the current token).',
      'dpopKey must be the WebCrypto key pair the token is bound to: ECDSA P-256, the private key usable for "sign".',
      'user.colour is not a known setting.',
      'sources[0].name "GP" may contain only lower-case letters, digits and hyphens.',
      'sources[0].fhirBaseUrl (ftp://x) must use https (plain http is allowed only for 127.0.0.1 or localhost).',
      'sources[0].auth must be one of "launch-token", "none".',
      'needPatientBanner must be true or false.',
    ]);
  });

  it('refuses a missing token, a key given twice, a malformed NHS number and no options at all', () => {
    expect(problemsOf({ fhirBaseUrl: base.fhirBaseUrl, patientId: 'p' })).toEqual([
      'Give exactly one of accessToken (the token) and getAccessToken (a function returning the current token).',
    ]);
    expect(problemsOf({ ...base, dpopKey: {}, proveToken: () => 'x' })).toEqual(['Give dpopKey or proveToken, not both.']);
    expect(problemsOf({ ...base, nhsNumber: '12345' })).toEqual(['nhsNumber must be 10 digits (spaces allowed).']);
    expect(problemsOf(null)).toEqual(['The options must be an object.']);
    expect(() => createLaunchContext({ ...base, patientId: '' })).toThrow(/^createLaunchContext: patientId must be/);
  });
});
