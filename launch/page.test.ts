import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { LaunchFailure } from '../src/launch-context/launch-errors';
import { CONFIG_KEY, launchConfig, loadConfig } from './page';
import { urlOf } from '../src/sources/test-helpers/fake-fetch';

const CONFIG = {
  issuers: ['https://ehr.example/fhir'],
  clientId: 'care-record-viewer',
  scope: 'openid fhirUser launch patient/*.rs',
  redirectUri: 'https://viewer.example/index.html',
  sources: [{ name: 'gp', organisation: 'Riverside Medical Practice', fhirBaseUrl: 'https://gp.example/fhir', auth: 'launch-token' }],
};

function serve(body: unknown, status = 200) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(new Response(JSON.stringify(body), { status })));
}

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

describe('the configuration, read once per launch', () => {
  test('the page that starts a launch fetches it and keeps it for the pages that finish it', async () => {
    const fetched = serve(CONFIG);
    const config = await loadConfig();
    expect(fetched).toHaveBeenCalledTimes(1);
    expect(urlOf(fetched.mock.calls[0]![0])).toBe(new URL('config.json', document.baseURI).href);
    expect(JSON.parse(sessionStorage.getItem(CONFIG_KEY) ?? 'null')).toEqual(config);
  });

  test('the record page uses what its launch read, without asking again', async () => {
    const fetched = serve(CONFIG);
    const atLaunch = await loadConfig();
    const onRecordPage = await launchConfig();
    expect(onRecordPage).toEqual(atLaunch);
    expect(fetched).toHaveBeenCalledTimes(1);
  });

  test('with nothing kept (no launch page before it in this tab) the record page fetches it', async () => {
    const fetched = serve(CONFIG);
    const config = await launchConfig();
    expect(fetched).toHaveBeenCalledTimes(1);
    expect(config.sources.map((s) => s.name)).toEqual(['gp']);
  });

  test('what is kept is checked again: anything that is not a valid configuration is dropped and the file read', async () => {
    const fetched = serve(CONFIG);
    for (const kept of ['{not json', JSON.stringify({ ...CONFIG, issuers: [] })]) {
      sessionStorage.setItem(CONFIG_KEY, kept);
      const config = await launchConfig();
      expect(config.issuers).toEqual(['https://ehr.example/fhir']);
    }
    expect(fetched).toHaveBeenCalledTimes(2);
  });

  test('a configuration that is not valid is a worded launch failure, and is not kept', async () => {
    serve({ ...CONFIG, clientId: '' });
    await expect(loadConfig()).rejects.toBeInstanceOf(LaunchFailure);
    expect(sessionStorage.getItem(CONFIG_KEY)).toBeNull();
  });
});
