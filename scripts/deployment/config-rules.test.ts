import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostJwks } from '../../sandbox/hosts/keys';
import { checkConfig } from './config-rules';

const production = {
  issuers: ['https://ehr.trust.nhs.uk/fhir/r4'],
  clientId: 'care-record-viewer',
  scope: 'openid fhirUser launch patient/*.rs',
  redirectUri: 'index.html',
  hostOrigins: ['https://ehr.trust.nhs.uk'],
  identityProvider: { issuer: 'https://idp.example.nhs.uk', clientId: 'care-record-viewer' },
  linkIssuers: [
    {
      issuer: 'https://gp.example.nhs.uk',
      name: 'GP system',
      jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'own-x', y: 'own-y', kid: 'gp-2026' }] },
    },
  ],
};

describe('checkConfig', () => {
  it('passes a production configuration with nothing to say', () => {
    expect(checkConfig(production)).toMatchObject({ problems: [], notes: [], config: { hostOrigins: ['https://ehr.trust.nhs.uk'] } });
  });

  it("gives the viewer's own problems and production's together", () => {
    const { hostOrigins: _missing, ...withoutHosts } = production;
    const report = checkConfig({
      ...withoutHosts,
      issuers: ['http://ehr.trust.nhs.uk/fhir/r4'],
      linkIssuers: [{ ...production.linkIssuers[0], jwks: hostJwks('gp') }],
    });
    expect(report.problems).toEqual([
      'issuers[0] (http://ehr.trust.nhs.uk/fhir/r4) must use https (plain http is allowed only for 127.0.0.1 or localhost).',
      "hostOrigins is missing: list the origins of the host systems' pages that frame the viewer (the server's frame-ancestors), or [] if none does.",
      "linkIssuers[0].jwks.keys[0] is the sandbox's key sandbox-gp-2025: its private half is published, so anyone can sign links with it. Pin the host system's own public key.",
    ]);
    expect(report.config).toBeUndefined();
  });

  it('finds a sandbox key by its value, whatever its kid says', () => {
    const { kid: _kid, ...key } = hostJwks('unknown').keys[0]!;
    const report = checkConfig({
      ...production,
      linkIssuers: [{ ...production.linkIssuers[0], jwks: { keys: [{ ...key, kid: 'renamed' }] } }],
    });
    expect(report.problems).toEqual([
      expect.stringMatching(/^linkIssuers\[0\]\.jwks\.keys\[0\] is the sandbox's key sandbox-unpinned-2025/),
    ]);
  });

  it("takes the sandbox's own configuration as a trial on this machine: its keys and loopback addresses are notes", () => {
    const sandbox = JSON.parse(readFileSync('public/config.json', 'utf8')) as unknown;
    expect(checkConfig(sandbox).problems).toHaveLength(4);
    const trial = checkConfig(sandbox, { loopbackTrial: true });
    expect(trial.problems).toEqual([]);
    expect(trial.notes).toHaveLength(5);
    expect(trial.notes.at(-1)).toMatch(/^issuers\[0\], issuers\[1\], issuers\[2\] and \d+ more point at this machine/);
  });

  it('notes an empty hostOrigins: no page may frame the viewer', () => {
    expect(checkConfig({ ...production, hostOrigins: [] }).notes).toEqual([expect.stringMatching(/^hostOrigins is empty/)]);
  });
});
