// The SMART authorisation server as a whole, driven as a browser and an app
// would over HTTP (testing.ts): its discovery documents, and the authorization
// requests it refuses whatever the launch.
import { describe, expect, it } from 'vitest';
import { authorizationError, authorizeRequest, Browser, exchangeCode, gpLaunch, redirected, useSandbox } from './testing';
import { pkcePair } from '../test-helpers/smart-flow';

describe('SMART authorisation server', () => {
  const sandbox = useSandbox();

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

  describe('refusals', () => {
    it('refuses a request without PKCE', async () => {
      const refused = await authorizationError(sandbox, {
        launch: gpLaunch(sandbox),
        code_challenge: undefined,
        code_challenge_method: undefined,
      });
      expect(refused.error).toBe('invalid_request');
      expect(refused.description).toMatch(/PKCE/);
    });

    it('refuses the plain PKCE method', async () => {
      const { verifier } = pkcePair();
      const refused = await authorizationError(sandbox, {
        launch: gpLaunch(sandbox),
        code_challenge: verifier,
        code_challenge_method: 'plain',
      });
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
      expect((await authorizationError(sandbox, { launch: gpLaunch(sandbox), aud: undefined })).error).toBe('invalid_request');
      const wrong = await authorizationError(sandbox, { launch: gpLaunch(sandbox), aud: 'https://fhir.example.org/r4' });
      expect(wrong.error).toBe('invalid_request');
      expect(wrong.description).toMatch(/aud/);
    });
  });
});
