import { describe, expect, it } from 'vitest';
import { parseViewerConfig, type ViewerConfig } from '../../src/launch-context/config';
import type { Discovery } from './discover';
import { asSource, contentSecurityPolicy, securityHeaders, serialise } from './policy';

function config(json: Record<string, unknown>): ViewerConfig {
  const result = parseViewerConfig({ clientId: 'viewer', scope: 'openid launch patient/*.rs', redirectUri: 'index.html', ...json });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

const region = config({
  issuers: ['https://ehr.trust.nhs.uk/fhir/r4/tenant-a'],
  sources: [
    { name: 'acute', organisation: 'Acute Trust', fhirBaseUrl: 'https://ehr.trust.nhs.uk/fhir/r4/tenant-a', auth: 'launch-token' },
    { name: 'gp', organisation: 'GP', fhirBaseUrl: 'https://gp-records.example.nhs.uk', auth: 'launch-token' },
  ],
  auditEndpoint: 'https://audit.region.nhs.uk/fhir/AuditEvent',
  hostOrigins: ['https://ehr.trust.nhs.uk', 'https://gp-system.example.nhs.uk'],
});
const discovered: Discovery = {
  smart: [
    {
      issuer: 'https://ehr.trust.nhs.uk/fhir/r4/tenant-a',
      server: {
        authorizationEndpoint: 'https://auth.trust.nhs.uk/oauth2/authorize',
        tokenEndpoint: 'https://auth.trust.nhs.uk/oauth2/token?tenant=a',
      },
    },
  ],
};

describe('contentSecurityPolicy', () => {
  it('names exactly the configured sources, the token endpoint and the hosts', () => {
    expect(serialise(contentSecurityPolicy(region, discovered))).toBe(
      [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self' https://ehr.trust.nhs.uk/fhir/r4/tenant-a https://ehr.trust.nhs.uk/fhir/r4/tenant-a/ https://gp-records.example.nhs.uk" +
          ' https://auth.trust.nhs.uk/oauth2/token https://audit.region.nhs.uk/fhir/AuditEvent https://audit.region.nhs.uk/fhir/AuditEvent/',
        'frame-src blob:',
        'object-src blob:',
        'frame-ancestors https://ehr.trust.nhs.uk https://gp-system.example.nhs.uk',
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; '),
    );
  });

  it("with signed links: the identity provider's discovery, token and PAR endpoints, its sign-in frame, and silent.html framed by the viewer", () => {
    const withIdp = config({
      issuers: ['https://fhir.region.nhs.uk'],
      identityProvider: {
        issuer: 'https://am.nhsidentity.example/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare',
        clientId: 'viewer',
      },
      linkIssuers: [
        { issuer: 'https://gp-system.example.nhs.uk', name: 'GP', jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' }] } },
      ],
      breakGlassEndpoint: 'https://auth.region.nhs.uk/break-glass',
      hostOrigins: ['https://gp-system.example.nhs.uk'],
    });
    const idp = 'https://am.nhsidentity.example/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare';
    const discovery: Discovery = {
      smart: [
        {
          issuer: 'https://fhir.region.nhs.uk',
          server: {
            authorizationEndpoint: 'https://auth.region.nhs.uk/authorize',
            tokenEndpoint: 'https://auth.region.nhs.uk/token',
            parEndpoint: 'https://auth.region.nhs.uk/par',
          },
        },
      ],
      identityProvider: { authorizationEndpoint: `${idp}/authorize`, tokenEndpoint: `${idp}/access_token` },
    };
    const viewer = new Map(contentSecurityPolicy(withIdp, discovery));
    expect(viewer.get('connect-src')).toEqual([
      "'self'",
      'https://fhir.region.nhs.uk',
      'https://auth.region.nhs.uk/token',
      'https://auth.region.nhs.uk/par',
      `${idp}/.well-known/openid-configuration`,
      `${idp}/access_token`,
      'https://auth.region.nhs.uk/break-glass',
      'https://auth.region.nhs.uk/break-glass/',
    ]);
    expect(viewer.get('frame-src')).toEqual(['blob:', "'self'", `${idp}/authorize`]);
    expect(viewer.get('frame-ancestors')).toEqual(['https://gp-system.example.nhs.uk']);
    const silent = new Map(contentSecurityPolicy(withIdp, discovery, {}, 'silent'));
    expect(silent.get('frame-ancestors')).toEqual(["'self'", 'https://gp-system.example.nhs.uk']);
  });

  it('lets no page frame the viewer when no host origin is configured, and adds explicitly configured addresses', () => {
    const policy = new Map(
      contentSecurityPolicy({ ...region, hostOrigins: [] }, discovered, { connect: ['https://ehr.trust.nhs.uk/smart-style/'] }),
    );
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('connect-src')?.at(-1)).toBe('https://ehr.trust.nhs.uk/smart-style/');
    const { hostOrigins: _none, ...unlisted } = region;
    expect(new Map(contentSecurityPolicy(unlisted, discovered)).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('never lets an address end or split a directive', () => {
    expect(asSource('https://a.example/fhir/r4?x=1#y')).toBe('https://a.example/fhir/r4');
    expect(asSource('https://a.example/')).toBe('https://a.example');
    expect(() => asSource('https://a.example/fhir;script-src')).toThrow(/cannot be written/);
    expect(() => asSource("https://a.example/it's")).toThrow(/cannot be written/);
    expect(() => asSource('https://a.example/a,b')).toThrow(/cannot be written/);
  });
});

describe('securityHeaders', () => {
  it('sends HSTS only over https, and refuses the features the viewer does not use', () => {
    const plain = new Map(securityHeaders({ https: false }));
    const tls = new Map(securityHeaders({ https: true }));
    expect(plain.has('Strict-Transport-Security')).toBe(false);
    expect(tls.get('Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains');
    expect(plain.get('X-Content-Type-Options')).toBe('nosniff');
    expect(plain.get('Referrer-Policy')).toBe('no-referrer');
    expect(plain.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(plain.get('Permissions-Policy')).toMatch(
      /^accelerometer=\(\), .*camera=\(\), .*geolocation=\(\), .*microphone=\(\), .*usb=\(\)/,
    );
  });
});
