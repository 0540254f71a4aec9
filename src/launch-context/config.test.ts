import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAllowedIssuer, loadViewerConfig, parseViewerConfig, type ConfigResult } from './config';

const minimal = {
  issuers: ['https://fhir.example.nhs.uk/r4/'],
  clientId: 'care-record-viewer',
  scope: 'openid fhirUser launch patient/*.rs',
  redirectUri: 'index.html',
};

function errorsOf(result: ConfigResult): string[] {
  return result.ok ? [] : result.errors;
}

describe('parseViewerConfig', () => {
  it('accepts the example configuration of the sandbox', () => {
    const result = parseViewerConfig(JSON.parse(readFileSync('public/config.json', 'utf8')));
    expect(errorsOf(result)).toEqual([]);
    expect(result.ok && result.config.sources.map((s) => s.name)).toEqual(['gp', 'acute', 'community', 'mental-health', 'social-care']);
  });

  it('reads its own output back unchanged (the launch page keeps it for the record page)', () => {
    const first = parseViewerConfig(JSON.parse(readFileSync('public/config.json', 'utf8')));
    if (!first.ok) throw new Error(first.errors.join(' '));
    expect(parseViewerConfig(JSON.parse(JSON.stringify(first.config)))).toEqual(first);
  });

  it('needs no sources (the launching server alone) and normalises issuers', () => {
    const result = parseViewerConfig(minimal);
    expect(result).toEqual({ ok: true, config: { ...minimal, issuers: ['https://fhir.example.nhs.uk/r4'], sources: [] } });
  });

  it('fills in source defaults', () => {
    const result = parseViewerConfig({
      ...minimal,
      sources: [{ name: 'gp', organisation: 'Riverside Medical Practice', fhirBaseUrl: 'https://gp.example/fhir/', auth: 'launch-token' }],
    });
    expect(result.ok && result.config.sources[0]).toEqual({
      name: 'gp',
      organisation: 'Riverside Medical Practice',
      fhirBaseUrl: 'https://gp.example/fhir',
      auth: 'launch-token',
      timeoutMs: 8000,
      pageCap: 2000,
    });
  });

  it('lists every problem with the field it is in', () => {
    const result = parseViewerConfig({
      issuers: ['http://fhir.example.com/r4', 'not a url'],
      clientId: '',
      scope: 'openid',
      redirectUri: 'index.html',
      sources: [
        { name: 'GP Practice', organisation: 'x', fhirBaseUrl: 'https://a.example', auth: 'token', timeoutMS: 5 },
        { name: 'acute', organisation: 'y', fhirBaseUrl: 'https://a.example/', auth: 'none', pageCap: 0 },
        'acute',
      ],
    });
    expect(errorsOf(result)).toEqual([
      'issuers[0] (http://fhir.example.com/r4) must use https (plain http is allowed only for 127.0.0.1 or localhost).',
      'issuers[1] must be an absolute URL.',
      'clientId must be a non-empty text.',
      'sources[0].timeoutMS is not a known setting (did you mean timeoutMs?).',
      'sources[0].name "GP Practice" may contain only lower-case letters, digits and hyphens.',
      'sources[0].auth must be one of "launch-token", "none".',
      'sources[1].pageCap must be a whole number from 1 to 9007199254740991.',
      'sources[2] must be an object.',
    ]);
  });

  it('rejects duplicate sources and a standalone issuer that is not allowed', () => {
    const source = { name: 'gp', organisation: 'x', fhirBaseUrl: 'https://a.example/fhir', auth: 'none' };
    const result = parseViewerConfig({
      ...minimal,
      standaloneIssuer: 'https://other.example/fhir',
      sources: [source, { ...source, fhirBaseUrl: 'https://a.example/fhir/' }],
    });
    expect(errorsOf(result)).toEqual([
      'standaloneIssuer (https://other.example/fhir) must also be listed in issuers.',
      'Two sources have the same name "gp".',
      'Two sources have the same fhirBaseUrl "https://a.example/fhir".',
    ]);
  });

  it('takes host origins as origins exactly, and says what is wrong with each that is not', () => {
    const ok = parseViewerConfig({ ...minimal, hostOrigins: ['https://EHR.example.nhs.uk/', 'http://127.0.0.1:8080'] });
    expect(ok.ok && ok.config.hostOrigins).toEqual(['https://ehr.example.nhs.uk', 'http://127.0.0.1:8080']);
    expect(parseViewerConfig({ ...minimal, hostOrigins: [] })).toMatchObject({ ok: true, config: { hostOrigins: [] } });
    expect(
      errorsOf(
        parseViewerConfig({
          ...minimal,
          hostOrigins: [
            'http://ehr.example.nhs.uk',
            'https://ehr.example.nhs.uk/launch',
            'https://*.example.nhs.uk',
            'https://a.example',
            'https://a.example:443/',
            'ehr',
          ],
        }),
      ),
    ).toEqual([
      'hostOrigins[0] (http://ehr.example.nhs.uk) must use https (plain http is allowed only for 127.0.0.1 or localhost).',
      'hostOrigins[1] (https://ehr.example.nhs.uk/launch) must be an origin only (scheme, host and port, e.g. https://ehr.example.nhs.uk).',
      'hostOrigins[2] (https://*.example.nhs.uk) must name one origin exactly: no wildcards.',
      'hostOrigins lists "https://a.example" twice.',
      'hostOrigins[5] must be an absolute URL.',
    ]);
    expect(errorsOf(parseViewerConfig({ ...minimal, hostOrigins: 'https://a.example' }))).toEqual([
      'hostOrigins must be a list of origins (it may be empty: then no page may frame the viewer).',
    ]);
  });

  it('rejects what is not an object and an empty allow-list', () => {
    expect(errorsOf(parseViewerConfig([]))).toEqual(['The configuration must be a JSON object.']);
    expect(errorsOf(parseViewerConfig({ ...minimal, issuers: [] }))[0]).toMatch(/^issuers must be a non-empty list/);
  });
});

describe('isAllowedIssuer', () => {
  const config = { issuers: ['http://127.0.0.1:8080/fhir/gp'] };

  it('matches exactly, ignoring a trailing slash and host case', () => {
    expect(isAllowedIssuer(config, 'http://127.0.0.1:8080/fhir/gp/')).toBe(true);
    expect(isAllowedIssuer({ issuers: ['https://fhir.example.nhs.uk/r4'] }, 'https://FHIR.example.nhs.uk/r4')).toBe(true);
  });

  it('does not match by prefix or lookalike', () => {
    for (const iss of [
      'http://127.0.0.1:8080/fhir/gp-evil',
      'http://127.0.0.1:8080/fhir',
      'http://127.0.0.1:8080/fhir/gp/../acute',
      'https://127.0.0.1:8080/fhir/gp',
    ]) {
      expect(isAllowedIssuer(config, iss), iss).toBe(false);
    }
  });
});

describe('loadViewerConfig', () => {
  const respond =
    (body: string, status = 200): typeof fetch =>
    () =>
      Promise.resolve(new Response(body, { status, statusText: status === 200 ? 'OK' : 'Not Found' }));

  it('says when the file is missing, unreadable or not JSON', async () => {
    expect(errorsOf(await loadViewerConfig('/config.json', respond('', 404)))).toEqual([
      'The configuration (/config.json) could not be fetched: 404 Not Found.',
    ]);
    expect(errorsOf(await loadViewerConfig('/config.json', respond('{ issuers:')))).toEqual([
      'The configuration (/config.json) is not valid JSON.',
    ]);
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(errorsOf(await loadViewerConfig('/config.json', offline))).toEqual(['The configuration (/config.json) could not be fetched.']);
  });

  it('validates what it fetched', async () => {
    const result = await loadViewerConfig('/config.json', respond(JSON.stringify(minimal)));
    expect(result.ok).toBe(true);
  });
});
