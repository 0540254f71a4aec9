// The EHR launch (ehr-launch.ts): a host's registered launch, completed without
// a page, its context in the token response; and the launch ids refused.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { VIEWER_CLIENT_ID } from '../config';
import { jwkThumbprint } from '../../src/sources/dpop';
import { anyNumber, arrayContaining, stringMatching } from '../test-helpers/matchers';
import { LAUNCH_LIFETIME_MS } from './launches';
import { KEY, VIEWER, authorizationError, authorizeRequest, Browser, exchangeCode, gpLaunch, redirected, useSandbox } from './testing';

describe('SMART authorisation server', () => {
  const sandbox = useSandbox();

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
        scopes: arrayContaining(['patient/*.rs', 'launch', 'openid', 'fhirUser']),
        patient: { source: 'gp', id: 'gp-thompson', nhsNumber: '9990000018' },
        fhirUser,
        userId: 'sarah.ahmed',
        role: 'gp',
        expiresAt: anyNumber(),
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

  describe('refusals', () => {
    it('refuses an unknown launch id', async () => {
      const refused = await authorizationError(sandbox, { launch: 'no-such-launch' });
      expect(refused).toMatchObject({ error: 'invalid_request', description: stringMatching(/launch/) });
    });

    it('refuses an expired launch', async () => {
      const launch = gpLaunch(sandbox);
      sandbox.advance(LAUNCH_LIFETIME_MS + 1000);
      expect((await authorizationError(sandbox, { launch })).error).toBe('invalid_request');
    });

    it('refuses a launch id used once already', async () => {
      const launch = gpLaunch(sandbox);
      redirected(await new Browser().run(authorizeRequest(sandbox, { launch }).url));
      expect((await authorizationError(sandbox, { launch })).error).toBe('invalid_request');
    });
  });
});
