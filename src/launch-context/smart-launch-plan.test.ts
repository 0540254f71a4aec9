import { describe, expect, it } from 'vitest';
import type { ViewerConfig } from './config';
import { planSmartLaunch, scopeForMode } from './smart-launch-plan';

const config: ViewerConfig = {
  issuers: ['http://127.0.0.1:8080/fhir/gp', 'http://127.0.0.1:8080/fhir/acute'],
  clientId: 'care-record-viewer',
  scope: 'openid fhirUser launch launch/patient offline_access patient/*.rs',
  redirectUri: 'index.html',
  sources: [],
};
const PAGE = 'http://127.0.0.1:5173/launch.html?iss=x';

describe('planSmartLaunch', () => {
  it('plans an EHR launch with PKCE, passing iss unchanged as the audience', () => {
    const plan = planSmartLaunch('?iss=http%3A%2F%2F127.0.0.1%3A8080%2Ffhir%2Facute%2F&launch=abc123', config, PAGE);
    expect(plan).toEqual({
      ok: true,
      mode: 'smart-ehr',
      options: {
        clientId: 'care-record-viewer',
        scope: 'openid fhirUser launch launch/patient offline_access patient/*.rs',
        redirectUri: 'http://127.0.0.1:5173/index.html',
        iss: 'http://127.0.0.1:8080/fhir/acute/',
        launch: 'abc123',
        pkceMode: 'required',
        completeInTarget: true,
      },
    });
  });

  it('refuses an issuer that is not on the allow-list, before any redirect', () => {
    const plan = planSmartLaunch('?iss=https%3A%2F%2Fevil.example%2Ffhir&launch=abc', config, PAGE);
    expect(plan).toMatchObject({ ok: false, error: { code: 'unknown-issuer', details: ['System address: https://evil.example/fhir'] } });
  });

  it('plans a standalone launch against the configured issuer, without the launch scope', () => {
    const plan = planSmartLaunch('', { ...config, standaloneIssuer: 'http://127.0.0.1:8080/fhir/acute' }, PAGE);
    expect(plan).toMatchObject({
      ok: true,
      mode: 'smart-standalone',
      options: { iss: 'http://127.0.0.1:8080/fhir/acute', scope: 'openid fhirUser launch/patient offline_access patient/*.rs' },
    });
    expect(plan.ok && 'launch' in plan.options).toBe(false);
  });

  it('falls back to the first allowed issuer for a standalone launch', () => {
    expect(planSmartLaunch('', config, PAGE)).toMatchObject({ ok: true, options: { iss: 'http://127.0.0.1:8080/fhir/gp' } });
  });

  it('refuses a launch without an issuer', () => {
    expect(planSmartLaunch('?launch=abc', config, PAGE)).toMatchObject({ ok: false, error: { code: 'missing-issuer' } });
  });

  it('refuses links that would let fhirclient skip or redirect the sign-in', () => {
    for (const search of [
      '?fhirServiceUrl=https%3A%2F%2Fevil.example',
      '?iss=http%3A%2F%2F127.0.0.1%3A8080%2Ffhir%2Fgp&launch=a&patientId=someone',
      '?iss=http%3A%2F%2F127.0.0.1%3A8080%2Ffhir%2Fgp&launch=a&clientId=other-app',
      '?iss=http%3A%2F%2F127.0.0.1%3A8080%2Ffhir%2Fgp&iss=https%3A%2F%2Fevil.example&launch=a',
    ]) {
      expect(planSmartLaunch(search, config, PAGE), search).toMatchObject({ ok: false, error: { code: 'bad-launch-link' } });
    }
  });

  it('keeps an absolute redirect URI as configured', () => {
    const plan = planSmartLaunch('', { ...config, redirectUri: 'http://127.0.0.1:5173/' }, PAGE);
    expect(plan.ok && plan.options.redirectUri).toBe('http://127.0.0.1:5173/');
  });
});

describe('scopeForMode', () => {
  it('adds launch for EHR launches and launch/patient for standalone ones', () => {
    expect(scopeForMode('openid patient/*.rs', 'smart-ehr')).toBe('openid patient/*.rs launch');
    expect(scopeForMode('openid  launch patient/*.rs', 'smart-standalone')).toBe('openid patient/*.rs launch/patient');
  });
});
