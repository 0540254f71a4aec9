// Drives the SMART authorisation server as a browser and an app would: over HTTP,
// redirects followed by hand, cookies kept, forms submitted.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Patient } from '@medplum/fhirtypes';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NHS_NUMBER_SYSTEM, SOURCE_NAMES, VIEWER_CLIENT_ID, type SourceName } from '../config';
import { createAuthorizationServer, type AuthorizationServer, type AuthorizationServerOptions } from './authorization-server';
import { LAUNCH_LIFETIME_MS } from './launches';
import { Browser as ScriptedBrowser, pkcePair, type Step } from '../test-helpers/smart-flow';
import { newDpopKey, tokenRequestProof } from '../test-helpers/dpop-client';
import { jwkThumbprint, type DpopKey } from '../../src/sources/dpop';

/** A browser that stops when it is sent back to the viewer. */
class Browser extends ScriptedBrowser {
  constructor() {
    super(VIEWER);
  }
}

const VIEWER = 'http://127.0.0.1:5173';
const REDIRECT_URI = `${VIEWER}/`;

const PATIENTS: Array<{ source: SourceName; patient: Patient }> = [
  {
    source: 'gp',
    patient: {
      resourceType: 'Patient',
      id: 'gp-thompson',
      identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9990000018' }],
      name: [{ use: 'official', family: 'Thompson', given: ['Margaret'], prefix: ['Mrs'] }],
      birthDate: '1938-03-02',
    },
  },
  {
    source: 'acute',
    patient: {
      resourceType: 'Patient',
      id: 'acute-unknown',
      identifier: [{ system: 'https://fhir.weald-general.example.nhs.uk/Id/hospital-number', value: 'ACU-7731' }],
      name: [{ family: 'Unknown', given: ['Male'] }],
    },
  },
  {
    source: 'gp',
    patient: {
      resourceType: 'Patient',
      id: 'gp-mallory',
      name: [{ family: '<script>alert(1)</script>', given: ['Eve'] }],
      birthDate: '1970',
    },
  },
];

interface Sandbox {
  origin: string;
  issuer: string;
  auth: AuthorizationServer;
  fhirBase(source: SourceName): string;
  /** Moves the launch clock on. */
  advance(ms: number): void;
  close(): Promise<void>;
}

async function startSandbox(overrides: Partial<AuthorizationServerOptions> = {}): Promise<Sandbox> {
  // The issuer needs the port, so the server listens before the authorisation server exists.
  const mounted: { auth?: AuthorizationServer } = {};
  const server = createServer((req, res) => {
    if (mounted.auth && req.url?.startsWith('/auth')) {
      mounted.auth.handle(req, res).catch((error: unknown) => {
        console.error(error);
        res.writeHead(500).end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fhirBase = (source: SourceName) => `${origin}/fhir/${source}`;
  let offset = 0;
  const auth = await createAuthorizationServer({
    issuer: `${origin}/auth`,
    fhirBaseUrls: Object.fromEntries(SOURCE_NAMES.map((s) => [s, fhirBase(s)])) as Record<SourceName, string>,
    viewerRedirectUris: [REDIRECT_URI, `${VIEWER}/index.html`],
    lookupPatient: async (source, id) => PATIENTS.find((p) => p.source === source && p.patient.id === id)?.patient,
    listPatients: async () => PATIENTS,
    resolveFhirUser: async (user) => `${fhirBase(user.practitionerSource)}/Practitioner/prac-${user.id}`,
    now: () => Date.now() + offset,
    ...overrides,
  });
  mounted.auth = auth;
  return {
    origin,
    issuer: `${origin}/auth`,
    auth,
    fhirBase,
    advance: (ms) => {
      offset += ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function authorizeRequest(sandbox: Sandbox, overrides: Record<string, string | undefined> = {}) {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(16).toString('base64url');
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: VIEWER_CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'launch openid fhirUser profile patient/*.rs offline_access',
    aud: sandbox.fhirBase('gp'),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  const url = new URL(`${sandbox.issuer}/authorize`);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return { url: url.href, verifier, state };
}

/** The viewer's key in these tests: every token request proves it (DPoP), unless told to use another or none. */
let KEY: DpopKey;
beforeAll(async () => {
  KEY = await newDpopKey();
});

async function tokenRequest(sandbox: Sandbox, fields: Record<string, string>, origin?: string, key: DpopKey | null = KEY) {
  const endpoint = `${sandbox.issuer}/token`;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(origin ? { origin } : {}),
      ...(key ? { dpop: await tokenRequestProof(key, endpoint) } : {}),
    },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

function exchangeCode(sandbox: Sandbox, code: string, verifier: string, origin?: string, key: DpopKey | null = KEY) {
  return tokenRequest(
    sandbox,
    {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
      client_id: VIEWER_CLIENT_ID,
    },
    origin,
    key,
  );
}

/** As fhirclient refreshes by default: a public app, no client_id. */
function refresh(sandbox: Sandbox, refreshToken: unknown, key: DpopKey | null = KEY) {
  return tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: String(refreshToken) }, undefined, key);
}

function redirected(step: Step): URLSearchParams {
  if (step.kind !== 'redirect') throw new Error(`Expected a redirect to the viewer, got a ${step.status} page:\n${step.html}`);
  return step.url.searchParams;
}

function gpLaunch(sandbox: Sandbox) {
  return sandbox.auth.createLaunch({
    source: 'gp',
    patientId: 'gp-thompson',
    userId: 'sarah.ahmed',
    needPatientBanner: false,
    smartStyleUrl: `${sandbox.origin}/hosts/gp/smart-style.json`,
    intent: 'summary',
  });
}

/** An EHR launch from the GP system, through to the token response. */
async function ehrTokens(sandbox: Sandbox) {
  const request = authorizeRequest(sandbox, { launch: gpLaunch(sandbox) });
  const returned = redirected(await new Browser().run(request.url));
  const tokens = await exchangeCode(sandbox, returned.get('code')!, request.verifier);
  expect(tokens.status).toBe(200);
  return tokens.body;
}

describe('SMART authorisation server', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  describe('discovery', () => {
    it('publishes OpenID and SMART configuration with endpoints under the /auth mount', async () => {
      const response = await fetch(`${sandbox.issuer}/.well-known/openid-configuration`);
      expect(response.status).toBe(200);
      const openid = (await response.json()) as Record<string, unknown>;
      expect(openid).toMatchObject({
        issuer: sandbox.issuer,
        authorization_endpoint: `${sandbox.issuer}/authorize`,
        token_endpoint: `${sandbox.issuer}/token`,
        jwks_uri: `${sandbox.issuer}/jwks`,
        code_challenge_methods_supported: ['S256'],
      });

      const smart = sandbox.auth.smartConfiguration();
      expect(smart).toMatchObject({
        issuer: sandbox.issuer,
        authorization_endpoint: openid.authorization_endpoint,
        token_endpoint: openid.token_endpoint,
        jwks_uri: openid.jwks_uri,
        code_challenge_methods_supported: ['S256'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        response_types_supported: ['code'],
      });
      expect(smart.capabilities).toEqual(
        expect.arrayContaining([
          'launch-ehr',
          'launch-standalone',
          'client-public',
          'context-ehr-patient',
          'context-standalone-patient',
          'context-banner',
          'context-style',
          'permission-v1',
          'permission-v2',
          'permission-patient',
          'permission-offline',
          'sso-openid-connect',
        ]),
      );
      expect(smart.scopes_supported).toEqual(expect.arrayContaining(['openid', 'fhirUser', 'launch', 'launch/patient', 'patient/*.rs']));

      const served = await fetch(`${sandbox.issuer}/.well-known/smart-configuration`);
      expect(await served.json()).toEqual(smart);
      const jwks = (await (await fetch(smart.jwks_uri)).json()) as { keys: Array<Record<string, unknown>> };
      expect(jwks.keys).toHaveLength(1);
      expect(jwks.keys[0]).not.toHaveProperty('d');
    });
  });

  describe('EHR launch', () => {
    it('completes without a page and returns the launch context with the tokens', async () => {
      const request = authorizeRequest(sandbox, { launch: gpLaunch(sandbox) });
      const returned = redirected(await new Browser().run(request.url));
      expect(returned.get('state')).toBe(request.state);
      expect(returned.get('iss')).toBe(sandbox.issuer);

      const tokens = await exchangeCode(sandbox, returned.get('code')!, request.verifier, VIEWER);
      expect(tokens.status).toBe(200);
      expect(tokens.headers.get('access-control-allow-origin')).toBe(VIEWER);
      const fhirUser = `${sandbox.fhirBase('gp')}/Practitioner/prac-sarah.ahmed`;
      expect(tokens.body).toMatchObject({
        token_type: 'DPoP',
        expires_in: 3600,
        patient: 'gp-thompson',
        need_patient_banner: false,
        smart_style_url: `${sandbox.origin}/hosts/gp/smart-style.json`,
        intent: 'summary',
        fhirUser,
      });
      expect(String(tokens.body.scope).split(' ').sort()).toEqual([
        'fhirUser',
        'launch',
        'offline_access',
        'openid',
        'patient/*.rs',
        'profile',
      ]);
      expect(tokens.body.access_token).toEqual(expect.any(String));
      expect(tokens.body.refresh_token).toEqual(expect.any(String));

      const jwks = createRemoteJWKSet(new URL(`${sandbox.issuer}/jwks`));
      const { payload } = await jwtVerify(String(tokens.body.id_token), jwks, { issuer: sandbox.issuer, audience: VIEWER_CLIENT_ID });
      expect(payload).toMatchObject({ sub: 'sarah.ahmed', fhirUser, name: 'Dr Sarah AHMED' });

      const grant = await sandbox.auth.verifyToken(String(tokens.body.access_token));
      expect(grant).toEqual({
        clientId: VIEWER_CLIENT_ID,
        scopes: expect.arrayContaining(['patient/*.rs', 'launch', 'openid', 'fhirUser']),
        patient: { source: 'gp', id: 'gp-thompson', nhsNumber: '9990000018' },
        fhirUser,
        userId: 'sarah.ahmed',
        role: 'gp',
        expiresAt: expect.any(Number),
        jkt: await jwkThumbprint(KEY.jwk),
      });
      expect(grant!.expiresAt).toBeGreaterThan(Date.now() / 1000 + 3500);
    });

    it('signs in the launch user even where the browser was signed in as someone else', async () => {
      const browser = new Browser();
      redirected(await browser.run(authorizeRequest(sandbox, { launch: gpLaunch(sandbox) }).url));
      const launch = sandbox.auth.createLaunch({
        source: 'acute',
        patientId: 'acute-unknown',
        userId: 'kwame.osei',
        needPatientBanner: true,
      });
      const request = authorizeRequest(sandbox, { launch, aud: sandbox.fhirBase('acute') });
      const returned = redirected(await browser.run(request.url));
      const tokens = await exchangeCode(sandbox, returned.get('code')!, request.verifier);
      expect(tokens.body).toMatchObject({ patient: 'acute-unknown', need_patient_banner: true });
      expect(tokens.body).not.toHaveProperty('smart_style_url');
      const grant = await sandbox.auth.verifyToken(String(tokens.body.access_token));
      expect(grant).toMatchObject({
        userId: 'kwame.osei',
        role: 'ae-doctor',
        patient: { source: 'acute', id: 'acute-unknown', nhsNumber: undefined },
      });
    });

    it('grants only read scopes', async () => {
      const request = authorizeRequest(sandbox, {
        launch: gpLaunch(sandbox),
        scope: 'launch patient/*.cruds patient/Observation.rs?category=laboratory patient/Condition.read patient/*.write user/*.rs',
      });
      const returned = redirected(await new Browser().run(request.url));
      const tokens = await exchangeCode(sandbox, returned.get('code')!, request.verifier);
      expect(String(tokens.body.scope).split(' ').sort()).toEqual([
        'launch',
        'patient/Condition.read',
        'patient/Observation.rs?category=laboratory',
        'user/*.rs',
      ]);
      expect(tokens.body).not.toHaveProperty('refresh_token');
      expect(tokens.body).not.toHaveProperty('id_token');
    });
  });

  describe('standalone launch', () => {
    it('signs the user in, lets them pick a patient, and returns that patient', async () => {
      const browser = new Browser();
      const request = authorizeRequest(sandbox, { scope: 'launch/patient openid fhirUser patient/*.rs', aud: sandbox.fhirBase('gp') });
      const login = await browser.run(request.url);
      expect(login).toMatchObject({ kind: 'page', status: 200 });
      const loginHtml = login.kind === 'page' ? login.html : '';
      expect(loginHtml).toContain('<legend>Sign in as</legend>');
      expect(loginHtml).toMatch(/<label for="user-0"><span class="value">Dr Sarah AHMED<\/span>/);
      expect(loginHtml).toContain('Paramedic, Coastal Ambulance Service NHS Trust (ZZ006)');

      const picker = await browser.submit(login, '/login', { user: 'tom.jones' });
      expect(picker).toMatchObject({ kind: 'page', status: 200 });
      const pickerHtml = picker.kind === 'page' ? picker.html : '';
      expect(pickerHtml).toContain('Signed in as <strong>Tom JONES</strong>');
      expect(pickerHtml).toContain('THOMPSON, Margaret (Mrs)');
      expect(pickerHtml).toContain('999 000 0018');
      expect(pickerHtml).toContain('02-Mar-1938');
      expect(pickerHtml).toContain('Riverside Medical Practice');
      expect(pickerHtml).toContain('&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;, Eve');
      expect(pickerHtml).not.toContain('<script');
      // Patient ids belong to one server: only the patients of the `aud` server are offered.
      expect(pickerHtml).not.toContain('UNKNOWN, Male');

      const refused = await browser.submit(picker, '/patient', { patient: 'gp/someone-else' });
      expect(refused).toMatchObject({ kind: 'page', status: 400 });
      expect(refused.kind === 'page' && refused.html).toContain('role="alert"');

      const returned = redirected(await browser.submit(refused, '/patient', { patient: 'gp/gp-thompson' }));
      expect(returned.get('state')).toBe(request.state);
      const tokens = await exchangeCode(sandbox, returned.get('code')!, request.verifier);
      expect(tokens.status).toBe(200);
      expect(tokens.body).toMatchObject({
        patient: 'gp-thompson',
        need_patient_banner: true,
        fhirUser: `${sandbox.fhirBase('acute')}/Practitioner/prac-tom.jones`,
      });
      expect(tokens.body).not.toHaveProperty('refresh_token');
      expect(await sandbox.auth.verifyToken(String(tokens.body.access_token))).toMatchObject({
        userId: 'tom.jones',
        role: 'paramedic',
        patient: { source: 'gp', id: 'gp-thompson', nhsNumber: '9990000018' },
      });
    });

    it('asks who is signing in every time, and refuses a user it does not know', async () => {
      const browser = new Browser();
      const first = authorizeRequest(sandbox, { scope: 'launch/patient patient/*.rs' });
      const picker = await browser.submit(await browser.run(first.url), '/login', { user: 'mei.lee' });
      redirected(await browser.submit(picker, '/patient', { patient: 'gp/gp-thompson' }));

      const second = await browser.run(authorizeRequest(sandbox, { scope: 'launch/patient patient/*.rs' }).url);
      expect(second.kind === 'page' && second.html).toContain('Sign in as');
      const refused = await browser.submit(second, '/login', { user: 'mallory' });
      expect(refused).toMatchObject({ kind: 'page', status: 400 });
    });

    it('returns to the app with access_denied when the user cancels', async () => {
      const browser = new Browser();
      const request = authorizeRequest(sandbox, { scope: 'launch/patient patient/*.rs' });
      const returned = redirected(await browser.submit(await browser.run(request.url), '/cancel', {}));
      expect(returned.get('error')).toBe('access_denied');
      expect(returned.get('state')).toBe(request.state);
    });

    it('needs no patient for user-level scopes', async () => {
      const browser = new Browser();
      const request = authorizeRequest(sandbox, { scope: 'openid fhirUser user/*.rs' });
      const returned = redirected(await browser.submit(await browser.run(request.url), '/login', { user: 'priya.khan' }));
      const tokens = await exchangeCode(sandbox, returned.get('code')!, request.verifier);
      expect(tokens.body).not.toHaveProperty('patient');
      expect(await sandbox.auth.verifyToken(String(tokens.body.access_token))).toMatchObject({ userId: 'priya.khan', patient: undefined });
    });

    it('shows an error page, not a stack trace, for an interaction it does not know', async () => {
      const response = await fetch(`${sandbox.issuer}/interaction/not-a-real-one`);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('This sign-in has expired');
      expect(html).not.toMatch(/node_modules|at .*\.js/);
    });
  });

  describe('refresh tokens', () => {
    it('rotate on use, keep the launch context, and cannot be used twice', async () => {
      const first = await ehrTokens(sandbox);
      const second = await refresh(sandbox, first.refresh_token);
      expect(second.status).toBe(200);
      expect(second.body.refresh_token).toEqual(expect.any(String));
      expect(second.body.refresh_token).not.toBe(first.refresh_token);
      expect(second.body.access_token).not.toBe(first.access_token);
      for (const field of ['patient', 'need_patient_banner', 'smart_style_url', 'intent', 'fhirUser', 'scope']) {
        expect(second.body[field]).toEqual(first[field]);
      }
      expect(await sandbox.auth.verifyToken(String(second.body.access_token))).toMatchObject({
        patient: { source: 'gp', id: 'gp-thompson', nhsNumber: '9990000018' },
      });

      const third = await refresh(sandbox, second.body.refresh_token);
      expect(third.status).toBe(200);
      expect(third.body.patient).toBe('gp-thompson');

      // Reuse of a spent refresh token looks like theft: the whole grant is revoked.
      const reused = await refresh(sandbox, first.refresh_token);
      expect(reused.status).toBe(400);
      expect(reused.body.error).toBe('invalid_grant');
      expect((await refresh(sandbox, third.body.refresh_token)).status).toBe(400);
      expect(await sandbox.auth.verifyToken(String(third.body.access_token))).toBeUndefined();
    });
  });

  describe('sender-constrained tokens (DPoP)', () => {
    it('refuses a code exchange without a proof of possession: no token is ever a bare bearer token', async () => {
      const request = authorizeRequest(sandbox, { launch: gpLaunch(sandbox) });
      const returned = redirected(await new Browser().run(request.url));
      const tokens = await exchangeCode(sandbox, returned.get('code')!, request.verifier, undefined, null);
      expect(tokens.status).toBe(400);
      expect(tokens.body).toMatchObject({ error: 'invalid_grant' });
      expect(tokens.body).not.toHaveProperty('access_token');
      // With the proof the same code is still good: it was the missing proof that was refused.
      expect((await exchangeCode(sandbox, returned.get('code')!, request.verifier)).status).toBe(200);
    });

    it('binds the refresh token to the key too: another key cannot refresh it', async () => {
      const first = await ehrTokens(sandbox);
      const thief = await refresh(sandbox, first.refresh_token, await newDpopKey());
      expect(thief.status).toBe(400);
      expect(thief.body).not.toHaveProperty('access_token');
      const bare = await refresh(sandbox, first.refresh_token, null);
      expect(bare.status).toBe(400);
    });

    it('says so in its SMART configuration', async () => {
      const smart = (await (await fetch(`${sandbox.issuer}/.well-known/smart-configuration`)).json()) as Record<string, unknown>;
      expect(smart.dpop_signing_alg_values_supported).toEqual(['ES256']);
    });
  });

  describe('verifyToken', () => {
    it('knows nothing of unknown or revoked tokens', async () => {
      expect(await sandbox.auth.verifyToken('')).toBeUndefined();
      expect(await sandbox.auth.verifyToken('not-a-token')).toBeUndefined();
      const tokens = await ehrTokens(sandbox);
      const accessToken = String(tokens.access_token);
      expect(await sandbox.auth.verifyToken(accessToken)).toBeDefined();
      const revoked = await fetch(`${sandbox.issuer}/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: accessToken, client_id: VIEWER_CLIENT_ID }),
      });
      expect(revoked.status).toBe(200);
      expect(await sandbox.auth.verifyToken(accessToken)).toBeUndefined();
    });

    it('knows nothing of expired tokens', async () => {
      const shortLived = await startSandbox({ accessTokenTtlSeconds: 1 });
      try {
        const tokens = await ehrTokens(shortLived);
        expect(tokens.expires_in).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 2100));
        expect(await shortLived.auth.verifyToken(String(tokens.access_token))).toBeUndefined();
      } finally {
        await shortLived.close();
      }
    });
  });

  describe('CORS', () => {
    it('lets the viewer origin, and only it, call the token endpoint from a browser', async () => {
      // Preflights are answered for any origin (the client is not known yet); the request itself is checked.
      const preflight = await fetch(`${sandbox.issuer}/token`, {
        method: 'OPTIONS',
        headers: { origin: VIEWER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(VIEWER);

      const tokens = await ehrTokens(sandbox);
      const fromLocalhost = await tokenRequest(
        sandbox,
        {
          grant_type: 'refresh_token',
          refresh_token: String(tokens.refresh_token),
          client_id: VIEWER_CLIENT_ID,
        },
        'http://localhost:5173',
      );
      expect(fromLocalhost.status).toBe(200);
      expect(fromLocalhost.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');

      const fromElsewhere = await tokenRequest(
        sandbox,
        {
          grant_type: 'refresh_token',
          refresh_token: String(fromLocalhost.body.refresh_token),
          client_id: VIEWER_CLIENT_ID,
        },
        'http://evil.example',
      );
      expect(fromElsewhere.status).toBe(400);
      expect(fromElsewhere.body.error).toBe('invalid_request');
      expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('refusals', () => {
    async function authorizationError(overrides: Record<string, string | undefined>) {
      const request = authorizeRequest(sandbox, overrides);
      const returned = redirected(await new Browser().run(request.url));
      expect(returned.get('state')).toBe(request.state);
      expect(returned.has('code')).toBe(false);
      return { error: returned.get('error'), description: returned.get('error_description') ?? '' };
    }

    it('refuses a request without PKCE', async () => {
      const refused = await authorizationError({ launch: gpLaunch(sandbox), code_challenge: undefined, code_challenge_method: undefined });
      expect(refused.error).toBe('invalid_request');
      expect(refused.description).toMatch(/PKCE/);
    });

    it('refuses the plain PKCE method', async () => {
      const { verifier } = pkcePair();
      const refused = await authorizationError({ launch: gpLaunch(sandbox), code_challenge: verifier, code_challenge_method: 'plain' });
      expect(refused.error).toBe('invalid_request');
      expect(refused.description).toMatch(/code_challenge_method/);
    });

    it('refuses a wrong code_verifier at the token endpoint', async () => {
      const request = authorizeRequest(sandbox, { launch: gpLaunch(sandbox) });
      const returned = redirected(await new Browser().run(request.url));
      const tokens = await exchangeCode(sandbox, returned.get('code')!, pkcePair().verifier);
      expect(tokens.status).toBe(400);
      expect(tokens.body.error).toBe('invalid_grant');
    });

    it('refuses an unregistered redirect URI with a page rather than a redirect', async () => {
      const request = authorizeRequest(sandbox, { launch: gpLaunch(sandbox), redirect_uri: 'http://127.0.0.1:5173/elsewhere' });
      const page = await new Browser().run(request.url);
      expect(page).toMatchObject({ kind: 'page', status: 400 });
      const html = page.kind === 'page' ? page.html : '';
      expect(html).toContain('redirect_uri');
      expect(html).not.toMatch(/node_modules|at .*\.js/);
    });

    it('refuses a missing aud and one that is not a FHIR base here', async () => {
      expect((await authorizationError({ launch: gpLaunch(sandbox), aud: undefined })).error).toBe('invalid_request');
      const wrong = await authorizationError({ launch: gpLaunch(sandbox), aud: 'https://fhir.example.org/r4' });
      expect(wrong.error).toBe('invalid_request');
      expect(wrong.description).toMatch(/aud/);
    });

    it('refuses an unknown launch id', async () => {
      const refused = await authorizationError({ launch: 'no-such-launch' });
      expect(refused).toMatchObject({ error: 'invalid_request', description: expect.stringMatching(/launch/) });
    });

    it('refuses an expired launch', async () => {
      const launch = gpLaunch(sandbox);
      sandbox.advance(LAUNCH_LIFETIME_MS + 1000);
      expect((await authorizationError({ launch })).error).toBe('invalid_request');
    });

    it('refuses a launch id used once already', async () => {
      const launch = gpLaunch(sandbox);
      redirected(await new Browser().run(authorizeRequest(sandbox, { launch }).url));
      expect((await authorizationError({ launch })).error).toBe('invalid_request');
    });
  });
});
