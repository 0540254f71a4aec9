import { describe, expect, it } from 'vitest';
import { buildSmartLaunchContext, canLoadRecord, decodeJwtClaims, parseLaunchMode, type SmartSessionState } from './launch-context';
import { LaunchFailure } from './launch-errors';

const config = { issuers: ['http://127.0.0.1:8080/fhir/gp'] };
const getAccessToken = () => Promise.resolve('current-token');

function jwt(claims: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256' })}.${encode(claims)}.signature`;
}

function state(tokenResponse: SmartSessionState['tokenResponse'], extra: Partial<SmartSessionState> = {}): SmartSessionState {
  return { serverUrl: 'http://127.0.0.1:8080/fhir/gp/', tokenResponse, ...extra };
}

function failureCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof LaunchFailure ? error.launchError.code : 'not a LaunchFailure';
  }
  return undefined;
}

describe('buildSmartLaunchContext', () => {
  it('takes patient, user and host hints from the token response', async () => {
    const context = buildSmartLaunchContext({
      mode: 'smart-ehr',
      config,
      getAccessToken,
      state: state(
        {
          access_token: 'secret',
          scope: 'openid fhirUser launch patient/*.rs',
          patient: 'gp-thompson',
          patient_nhs_number: '999 000 0018',
          encounter: 'enc-1',
          need_patient_banner: false,
          smart_style_url: 'http://127.0.0.1:8080/hosts/gp/smart-style.json',
          intent: 'medications',
          fhirUser: 'Practitioner/sarah-ahmed',
          id_token: jwt({ name: 'Dr Sarah Ahmed', fhirUser: 'http://127.0.0.1:8080/fhir/gp/Practitioner/other' }),
        },
        { expiresAt: 1_700_000_000 },
      ),
    });
    expect(context).toMatchObject({
      mode: 'smart-ehr',
      issuer: 'http://127.0.0.1:8080/fhir/gp',
      patientId: 'gp-thompson',
      nhsNumber: '9990000018',
      encounterId: 'enc-1',
      user: { fhirUser: 'Practitioner/sarah-ahmed', name: 'Dr Sarah Ahmed' },
      needPatientBanner: false,
      smartStyleUrl: 'http://127.0.0.1:8080/hosts/gp/smart-style.json',
      intent: 'medications',
      grantedScope: 'openid fhirUser launch patient/*.rs',
      tokenExpiresAt: 1_700_000_000_000,
    });
    await expect(context.getAccessToken()).resolves.toBe('current-token');
    expect(JSON.stringify(context)).not.toContain('secret');
  });

  it('defaults to showing the banner and leaves unknown hints out', () => {
    const context = buildSmartLaunchContext({
      mode: 'smart-standalone',
      config,
      getAccessToken,
      state: state({ access_token: 't', patient: 'p1', smart_style_url: 'javascript:alert(1)', id_token: 'not-a-jwt' }),
    });
    expect(context.needPatientBanner).toBe(true);
    expect(context.user).toEqual({});
    expect('smartStyleUrl' in context).toBe(false);
    expect('intent' in context).toBe(false);
    expect('nhsNumber' in context).toBe(false);
    expect(context.tokenExpiresAt).toBeUndefined();
  });

  it('follows the token expiry as fhirclient refreshes it', () => {
    const session = state({ access_token: 't', patient: 'p1' }, { expiresAt: 100 });
    const context = buildSmartLaunchContext({ mode: 'smart-ehr', config, getAccessToken, state: session });
    session.expiresAt = 400;
    expect(context.tokenExpiresAt).toBe(400_000);
  });

  it('names the user from given and family names when there is no name claim', () => {
    const context = buildSmartLaunchContext({
      mode: 'smart-ehr',
      config,
      getAccessToken,
      state: state({
        access_token: 't',
        patient: 'p1',
        id_token: jwt({ given_name: 'Kwame', family_name: 'Osei', fhirUser: 'Practitioner/ko' }),
      }),
    });
    expect(context.user).toEqual({ fhirUser: 'Practitioner/ko', name: 'Kwame Osei' });
  });

  it('refuses a launch without a patient, without a token, or from an issuer no longer allowed', () => {
    const build = (s: SmartSessionState) => () => buildSmartLaunchContext({ mode: 'smart-ehr', config, getAccessToken, state: s });
    expect(failureCode(build(state({ access_token: 't' })))).toBe('no-patient');
    expect(failureCode(build(state({ patient: 'p1' })))).toBe('token-failed');
    expect(failureCode(build(state(undefined)))).toBe('token-failed');
    expect(failureCode(build({ serverUrl: 'https://evil.example/fhir', tokenResponse: { access_token: 't', patient: 'p1' } }))).toBe(
      'unknown-issuer',
    );
  });
});

describe('decodeJwtClaims', () => {
  it('decodes UTF-8 claims and rejects garbage', () => {
    expect(decodeJwtClaims(jwt({ name: 'Zoë Ó Briain' }))).toEqual({ name: 'Zoë Ó Briain' });
    expect(decodeJwtClaims('a.!!!.c')).toBeUndefined();
    expect(decodeJwtClaims('abc')).toBeUndefined();
  });
});

describe('parseLaunchMode', () => {
  it('reads the stored mode', () => {
    expect(parseLaunchMode('smart-standalone')).toBe('smart-standalone');
    expect(parseLaunchMode('smart-ehr')).toBe('smart-ehr');
    expect(parseLaunchMode(null)).toBe('smart-ehr');
  });
});

describe('canLoadRecord', () => {
  it('loads with a token and a patient named by id or by identity; hints alone do not', () => {
    expect(canLoadRecord({ getAccessToken, patientId: 'p1' })).toBe(true);
    expect(canLoadRecord({ getAccessToken, identity: { nhsNumber: '9434765919', birthDate: '1945-07-14' } })).toBe(true);
    expect(canLoadRecord({ patientId: 'p1' })).toBe(false);
    expect(canLoadRecord({ getAccessToken })).toBe(false);
    expect(canLoadRecord({ needPatientBanner: false })).toBe(false);
  });
});
