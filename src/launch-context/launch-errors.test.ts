import { describe, expect, it } from 'vitest';
import { LaunchFailure, launchError, launchErrorFromRedirect, mapLaunchError } from './launch-errors';

/** Builds an error the way fhirclient throws it. */
function httpError(message: string): Error {
  const error = new Error(message);
  error.name = 'HttpError';
  return error;
}

describe('launchErrorFromRedirect', () => {
  it('names a refusal by the user or the server', () => {
    expect(launchErrorFromRedirect('?error=access_denied&error_description=User+said+no&state=abc')?.code).toBe('access-denied');
  });

  it('never shows the server-chosen description, only a known error code', () => {
    const error = launchErrorFromRedirect('?error=invalid_scope&error_description=Call+0800+now&state=abc');
    expect(error).toMatchObject({ code: 'authorisation-failed', details: ['Error code: invalid_scope'] });
    expect(JSON.stringify(error)).not.toContain('0800');
    expect(launchErrorFromRedirect('?error=<script>')?.details).toEqual(['Error code: unknown']);
  });

  it('refuses a code that comes without state', () => {
    expect(launchErrorFromRedirect('?code=abc')?.code).toBe('bad-state');
  });

  it('lets an ordinary redirect or a reload through', () => {
    expect(launchErrorFromRedirect('?code=abc&state=xyz')).toBeUndefined();
    expect(launchErrorFromRedirect('')).toBeUndefined();
  });
});

describe('mapLaunchError', () => {
  const ready = { phase: 'ready' as const };

  it.each([
    ["No 'state' parameter found. Please (re)launch the app.", {}, 'no-session'],
    ['No state found! Please (re)launch the app.', { hadStateParam: false }, 'no-session'],
    ['No state found! Please (re)launch the app.', { hadStateParam: true }, 'bad-state'],
    ["'code' url parameter is required", {}, 'bad-state'],
    ['access_denied: The user denied access', {}, 'access-denied'],
    ['Failed to obtain access token.', {}, 'token-failed'],
    ['Unable to refresh. No refresh_token found.', {}, 'no-session'],
    [
      "Required PKCE code challenge method (`S256`) was not found in the server's codeChallengeMethods declaration.",
      {},
      'pkce-unsupported',
    ],
    ['Failed to fetch the conformance statement from "https://x/metadata". TypeError: Failed to fetch', {}, 'server-unreachable'],
    ['Cannot read properties of undefined', {}, 'unexpected'],
  ] as const)('maps fhirclient "%s"', (message, context, code) => {
    expect(mapLaunchError(new Error(message), { ...ready, ...context }).code).toBe(code);
  });

  it('maps a refused token exchange and an unreachable authorisation server', () => {
    expect(mapLaunchError(httpError('400 Bad Request\nURL: https://auth/token\ninvalid_grant'), ready).code).toBe('token-failed');
    expect(mapLaunchError(httpError('500 Internal Server Error'), { phase: 'authorize' }).code).toBe('server-unreachable');
    expect(mapLaunchError(new TypeError('Failed to fetch'), { phase: 'authorize' }).code).toBe('server-unreachable');
    // The record page's own code arrives as a chunk: when it cannot be fetched, the page says the service is unreachable.
    expect(
      mapLaunchError(new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:5173/assets/record-page.js'), ready).code,
    ).toBe('server-unreachable');
  });

  it('passes our own worded failures through', () => {
    const worded = launchError('config', ['issuers must be a non-empty list.']);
    expect(mapLaunchError(new LaunchFailure(worded), ready)).toBe(worded);
  });

  it('copes with things that are not errors', () => {
    expect(mapLaunchError('boom', ready).code).toBe('unexpected');
    expect(mapLaunchError(undefined, ready).code).toBe('unexpected');
  });
});

describe('launchError', () => {
  it('tells the user what to do, without technical text', () => {
    const error = launchError('no-session');
    expect(error).toEqual({
      code: 'no-session',
      title: 'Your session has ended',
      message: 'This window no longer holds a signed-in session, so the record cannot be shown.',
      action: 'Close this window and open the record again from your clinical system.',
      details: [],
    });
  });
});
