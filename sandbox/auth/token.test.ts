// The tokens (token.ts): refresh and its rotation, the key every token is bound
// to (DPoP), what verifyToken knows, and who may call the token endpoint.
import { describe, expect, it } from 'vitest';
import { VIEWER_CLIENT_ID } from '../config';
import { newDpopKey } from '../test-helpers/dpop-client';
import {
  VIEWER,
  authorizeRequest,
  Browser,
  ehrTokens,
  exchangeCode,
  gpLaunch,
  redirected,
  refresh,
  startSandbox,
  tokenRequest,
  useSandbox,
} from './testing';

describe('SMART authorisation server', () => {
  const sandbox = useSandbox();

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
});
