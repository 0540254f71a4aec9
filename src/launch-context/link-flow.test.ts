import { describe, expect, it } from 'vitest';
import { parseViewerConfig, type ViewerConfig } from './config';
import { buildLinkLaunchContext, storedLinkMode, type SmartSessionState } from './launch-context';
import { LaunchFailure, launchError, linkErrorFromRedirect } from './launch-errors';
import { checkLinkUser, linkAudience, planLinkAuthorize, pushedAuthorizeUrl, pushedRequestBody, requestUriOf } from './link-launch';
import { parseLinkSession, signedInUserOf, type LinkSession } from './link-session';
import { SessionWatch, compareSessionUser, type LockReason, type SessionCheck } from './session-watch';

const jwk = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k' };
const base = {
  issuers: ['http://127.0.0.1:8080/fhir/gp', 'http://127.0.0.1:8080/fhir/acute'],
  clientId: 'care-record-viewer',
  scope: 'openid fhirUser launch/patient patient/*.rs',
  redirectUri: 'index.html',
  sources: [{ name: 'gp', organisation: 'Riverside', fhirBaseUrl: 'http://127.0.0.1:8080/fhir/gp', auth: 'launch-token' }],
};
const linkSettings = {
  linkIssuers: [{ issuer: 'http://127.0.0.1:8080/hosts/gp/', name: 'GP system', jwks: { keys: [jwk] } }],
  identityProvider: { issuer: 'http://127.0.0.1:8080/idp', clientId: 'care-record-viewer' },
  auditEndpoint: 'http://127.0.0.1:8080/fhir/audit',
  breakGlassEndpoint: 'http://127.0.0.1:8080/auth/break-glass',
};

function config(): ViewerConfig {
  const result = parseViewerConfig({ ...base, ...linkSettings });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

const session: LinkSession = {
  jws: 'a.b.c',
  issuer: 'http://127.0.0.1:8080/hosts/gp',
  issuerName: 'GP system',
  sub: 'sarah.ahmed',
  org: 'ZZ001',
  patient: { nhsNumber: '9990000018', birthDate: '1938-05-09' },
};

describe('configuration for signed links', () => {
  it('reads linkIssuers, identityProvider, auditEndpoint and breakGlassEndpoint', () => {
    const c = config();
    expect(c.linkIssuers).toEqual([{ issuer: 'http://127.0.0.1:8080/hosts/gp', name: 'GP system', jwks: { keys: [jwk] } }]);
    expect(c.identityProvider).toEqual({ issuer: 'http://127.0.0.1:8080/idp', clientId: 'care-record-viewer' });
    expect(c.auditEndpoint).toBe('http://127.0.0.1:8080/fhir/audit');
    expect(c.breakGlassEndpoint).toBe('http://127.0.0.1:8080/auth/break-glass');
  });

  it('refuses private keys, empty key sets, duplicates, and links without an identity provider', () => {
    const result = parseViewerConfig({
      ...base,
      linkIssuers: [
        { issuer: 'http://127.0.0.1:8080/hosts/gp', name: 'GP', jwks: { keys: [{ ...jwk, d: 'secret' }] } },
        { issuer: 'http://127.0.0.1:8080/hosts/gp', name: 'GP again', jwks: { keys: [jwk] } },
        { issuer: 'http://evil.example/hosts', name: 'x', jwks: { keys: [] }, extra: 1 },
      ],
      auditEndpoint: 'not a url',
    });
    expect(result.ok ? [] : result.errors).toEqual([
      'linkIssuers[0].jwks.keys[0] holds private key material: pin the public key only (and replace the leaked key).',
      'linkIssuers[2].extra is not a known setting.',
      'linkIssuers[2].issuer (http://evil.example/hosts) must use https (plain http is allowed only for 127.0.0.1 or localhost).',
      'linkIssuers[2].jwks must be a JWK Set with at least one key ({ "keys": [...] }).',
      'identityProvider is needed when linkIssuers are listed: signed links sign the user in with it.',
      'auditEndpoint must be an absolute URL.',
    ]);
  });
});

describe('the SMART step of a link launch', () => {
  it('asks for a token for the first source, with the link as launch, PKCE required, back to the record page', () => {
    const plan = planLinkAuthorize(config(), session, 'http://127.0.0.1:5173/link.html?code=x');
    expect(plan).toEqual({
      clientId: 'care-record-viewer',
      scope: 'openid fhirUser launch/patient patient/*.rs launch',
      redirectUri: 'http://127.0.0.1:5173/index.html',
      iss: 'http://127.0.0.1:8080/fhir/gp',
      launch: 'a.b.c',
      pkceMode: 'required',
      completeInTarget: true,
    });
    expect(linkAudience({ sources: [], issuers: ['https://a.example/fhir'] })).toBe('https://a.example/fhir');
  });

  it('refuses an audience that is not an allowed issuer', () => {
    const c = { ...config(), issuers: ['http://127.0.0.1:8080/fhir/acute'] };
    expect(planLinkAuthorize(c, session, 'http://127.0.0.1:5173/link.html')).toMatchObject({ code: 'config' });
  });

  it('pushes every authorize parameter and the id_token, and leaves the address only client_id and request_uri', () => {
    const authorize = 'http://127.0.0.1:8080/auth/authorize?response_type=code&client_id=care-record-viewer&launch=a.b.c&state=s1&aud=x';
    const body = pushedRequestBody(authorize, 'id.tok.en');
    expect(Object.fromEntries(body)).toEqual({
      response_type: 'code',
      client_id: 'care-record-viewer',
      launch: 'a.b.c',
      state: 's1',
      aud: 'x',
      id_token_hint: 'id.tok.en',
    });
    const address = pushedAuthorizeUrl(authorize, 'care-record-viewer', 'urn:ietf:params:oauth:request_uri:abc');
    expect(address).toBe(
      'http://127.0.0.1:8080/auth/authorize?client_id=care-record-viewer&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc',
    );
    expect(address).not.toContain('a.b.c');
    expect(address).not.toContain('id.tok.en');
    expect(requestUriOf({ request_uri: 'urn:x', expires_in: 60 })).toBe('urn:x');
    expect(requestUriOf({ error: 'invalid_request' })).toBeUndefined();
  });

  it("requires the signed-in user to be the link's user", () => {
    expect(checkLinkUser(session, { sub: 'sarah.ahmed', org: 'ZZ001' })).toBeUndefined();
    expect(checkLinkUser(session, { sub: 'kwame.osei' })?.code).toBe('user-mismatch');
    expect(checkLinkUser(session, { sub: 'sarah.ahmed', org: 'ZZ002' })?.code).toBe('user-mismatch');
    expect(checkLinkUser(session, undefined)?.code).toBe('login-required');
  });
});

describe("the server's refusal of a link", () => {
  it.each([
    ['expired', 'link-expired'],
    ['replayed', 'link-replayed'],
    ['tampered', 'link-tampered'],
    ['wrong-audience', 'link-wrong-audience'],
    ['unknown-issuer', 'unknown-issuer'],
    ['user-mismatch', 'user-mismatch'],
    ['too-long-lived', 'link-too-long-lived'],
    ['patient-not-found', 'patient-not-found'],
    ['not-signed-in', 'login-required'],
  ])('names "%s" from error_description', (code, expected) => {
    expect(linkErrorFromRedirect(`?error=access_denied&error_description=${code}&state=s`)).toMatchObject({
      code: expected,
      details: [`Refused by the sign-in service: ${code}`],
    });
  });

  it('never shows other server text', () => {
    expect(linkErrorFromRedirect('?error=access_denied&error_description=Call+0800&state=s')?.code).toBe('access-denied');
    expect(linkErrorFromRedirect('?code=c&state=s')).toBeUndefined();
  });
});

describe('the link session across redirects', () => {
  it('round-trips, and refuses a damaged one', () => {
    const withUser = { ...session, user: { sub: 'sarah.ahmed', name: 'Sarah Ahmed', role: 'gp' } };
    expect(parseLinkSession(JSON.stringify(withUser))).toEqual(withUser);
    expect(parseLinkSession(JSON.stringify({ ...session, jws: 3 }))).toBeUndefined();
    expect(parseLinkSession('{')).toBeUndefined();
    expect(parseLinkSession(null)).toBeUndefined();
  });

  it("reads the identity provider's claims", () => {
    expect(
      signedInUserOf({
        sub: 'tom.jones',
        given_name: 'Tom',
        family_name: 'JONES',
        role: 'paramedic',
        org: 'ZZ006',
        nhsid_useruid: 'tom.jones',
      }),
    ).toEqual({ sub: 'tom.jones', name: 'Tom JONES', role: 'paramedic', org: 'ZZ006' });
    expect(signedInUserOf({})).toBeUndefined();
  });
});

describe('buildLinkLaunchContext', () => {
  const state = (token: Record<string, unknown>): SmartSessionState => ({
    serverUrl: 'http://127.0.0.1:8080/fhir/gp',
    expiresAt: 2_000_000_000,
    tokenResponse: token,
  });
  const getAccessToken = () => Promise.resolve('t');

  it("launches by identity: no patient id, the link's NHS number and date of birth", () => {
    const context = buildLinkLaunchContext({
      mode: 'signed-link',
      state: state({
        access_token: 't',
        patient: 'gp-1',
        patient_nhs_number: '9990000018',
        need_patient_banner: true,
        role: 'paramedic',
        fhirUser: 'Practitioner/p',
      }),
      link: { patient: session.patient, intent: 'emergency' },
      user: { sub: 'tom.jones', name: 'Tom JONES', org: 'ZZ006' },
      getAccessToken,
      config: config(),
    });
    expect(context).toMatchObject({
      mode: 'launch-link',
      issuer: 'http://127.0.0.1:8080/fhir/gp',
      identity: { nhsNumber: '9990000018', birthDate: '1938-05-09' },
      nhsNumber: '9990000018',
      intent: 'emergency',
      needPatientBanner: true,
      user: { sub: 'tom.jones', name: 'Tom JONES', role: 'paramedic', organisation: 'ZZ006', fhirUser: 'Practitioner/p' },
      tokenExpiresAt: 2_000_000_000_000,
    });
    expect(context.patientId).toBeUndefined();
  });

  it('refuses a token for another patient, or no token', () => {
    const build = (token: Record<string, unknown>) => () =>
      buildLinkLaunchContext({
        mode: 'signed-link',
        state: state(token),
        link: session,
        user: { sub: 's' },
        getAccessToken,
        config: config(),
      });
    expect(build({ access_token: 't', patient_nhs_number: '9990000026' })).toThrow(LaunchFailure);
    expect(build({})).toThrow(new LaunchFailure(launchError('token-failed')));
  });

  it('knows the link modes stored across the redirect', () => {
    expect(storedLinkMode('signed-link')).toBe('signed-link');
    expect(storedLinkMode('launch-link')).toBe('launch-link');
    expect(storedLinkMode('smart-ehr')).toBeUndefined();
  });
});

describe('compareSessionUser', () => {
  it('keeps the record open only for the same user of the same organisation', () => {
    expect(compareSessionUser({ sub: 'sarah.ahmed', org: 'ZZ001' }, { sub: 'sarah.ahmed', org: 'ZZ001' })).toEqual({ state: 'same-user' });
    expect(compareSessionUser({ sub: 'sarah.ahmed' }, { sub: 'sarah.ahmed', org: 'ZZ001' })).toEqual({ state: 'same-user' });
  });

  it.each([
    ["another user's card", { sub: 'kwame.osei', org: 'ZZ002' }, 'another-user'],
    ['the same user under another organisation', { sub: 'sarah.ahmed', org: 'ZZ002' }, 'another-user'],
    ['the same user with no organisation said', { sub: 'sarah.ahmed' }, 'another-user'],
    ['an answer without a user', {}, 'unavailable'],
    ['no answer', undefined, 'unavailable'],
  ] as const)('locks for %s', (_what, claims, reason) => {
    expect(compareSessionUser({ sub: 'sarah.ahmed', org: 'ZZ001' }, claims)).toEqual({ state: 'ended', reason });
  });
});

describe('SessionWatch', () => {
  const SAME: SessionCheck = { state: 'same-user' };
  function setup(results: Array<SessionCheck | 'throws'>) {
    let now = 0;
    const timers = new Map<number, { fn: () => void; at: number }>();
    let id = 0;
    const ended: LockReason[] = [];
    const probes: number[] = [];
    const watch = new SessionWatch({
      probe: () => {
        probes.push(now);
        const r = results.shift() ?? SAME;
        return r === 'throws' ? Promise.reject(new Error('offline')) : Promise.resolve(r);
      },
      onEnded: (reason) => ended.push(reason),
      now: () => now,
      timers: {
        setTimeout: (fn, ms) => (timers.set(++id, { fn, at: now + ms }), id),
        clearTimeout: (h) => void timers.delete(h as number),
      },
    });
    const tick = async (ms: number) => {
      now += ms;
      for (const [key, t] of [...timers]) {
        if (t.at <= now) {
          timers.delete(key);
          t.fn();
        }
      }
      await new Promise((r) => setTimeout(r, 0));
    };
    return { watch, tick, probes, ended, timers };
  }

  it('checks every 30 seconds and locks at the first answer that is not the same user', async () => {
    const { watch, tick, probes, ended, timers } = setup([SAME, SAME, { state: 'ended', reason: 'another-user' }]);
    watch.start();
    await tick(30_000);
    await tick(30_000);
    expect(ended).toEqual([]);
    await tick(30_000);
    expect(probes).toEqual([30_000, 60_000, 90_000]);
    expect(ended).toEqual(['another-user']);
    expect(timers.size).toBe(0);
  });

  it('locks when the check fails or cannot say (the identity provider is down): unknown is not "still signed in"', async () => {
    const { watch, tick, ended, timers } = setup(['throws']);
    watch.start();
    await tick(30_000);
    expect(ended).toEqual(['unavailable']);
    expect(timers.size).toBe(0);
  });

  it('locks at once, for a removed card, on the first check', async () => {
    const { watch, tick, ended } = setup([{ state: 'ended', reason: 'card-removed' }]);
    watch.start();
    await tick(30_000);
    expect(ended).toEqual(['card-removed']);
  });

  it('checks on demand (focus) at most once per interval', async () => {
    const { watch, tick, probes } = setup([]);
    watch.start();
    await watch.checkSoon();
    expect(probes).toEqual([]);
    await tick(30_000);
    await watch.checkSoon();
    expect(probes).toEqual([30_000]);
    watch.stop();
    await tick(60_000);
    expect(probes).toEqual([30_000]);
  });
});
