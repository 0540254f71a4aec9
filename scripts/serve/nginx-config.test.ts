import { describe, expect, it } from 'vitest';
import { localConfig, siteConfig, type SiteOptions } from './nginx-config';
import type { Directive } from './policy';

const viewer: Directive[] = [
  ['default-src', ["'none'"]],
  ['frame-ancestors', ['https://ehr.example.nhs.uk']],
];
const silent: Directive[] = [
  ['default-src', ["'none'"]],
  ['frame-ancestors', ["'self'", 'https://ehr.example.nhs.uk']],
];
const options: SiteOptions = { root: '/srv/viewer', listen: '127.0.0.1:5173', serverName: '_', https: false, csp: { viewer, silent } };

/** The body of each `location` block, by its match. */
function locations(site: string): Map<string, string> {
  return new Map([...site.matchAll(/location ([^{]+)\{([^}]*)\}/g)].map((m) => [m[1]!.trim(), m[2]!]));
}

describe('siteConfig', () => {
  it('lets only the configured host origins import the embeddable library, and does not serve the npm flavour', () => {
    const site = siteConfig({ ...options, embedOrigins: ['https://ehr.example.nhs.uk', 'http://127.0.0.1:8080/'] });
    expect(site).toContain(`map $http_origin $care_record_viewer_embed_cors {
  default "";
  "https://ehr.example.nhs.uk" $http_origin;
  "http://127.0.0.1:8080" $http_origin;
}`);
    const found = locations(site);
    expect(found.get('/embed/')).toContain('add_header Access-Control-Allow-Origin $care_record_viewer_embed_cors always;');
    expect(found.get('/embed/')).toContain('add_header Vary Origin always;');
    expect(found.get('/lib/')).toContain('return 404;');
    // No host origins: the map answers every origin with nothing.
    expect(siteConfig(options)).toContain('map $http_origin $care_record_viewer_embed_cors {\n  default "";\n\n}');
  });

  it("gives silent.html its own policy and every other path the viewer's", () => {
    const site = siteConfig(options);
    expect(site).toContain(`map $uri $care_record_viewer_csp {
  default "default-src 'none'; frame-ancestors https://ehr.example.nhs.uk";
  /silent.html "default-src 'none'; frame-ancestors 'self' https://ehr.example.nhs.uk";
}`);
  });

  it("repeats every security header in every location (add_header there replaces the server's), sent with errors too", () => {
    const found = locations(siteConfig({ ...options, https: true }));
    expect([...found.keys()]).toEqual(['/', '/assets/', '/embed/', '/lib/', '~ (\\.map$|/\\.)']);
    for (const [match, body] of found) {
      for (const header of [
        'Content-Security-Policy $care_record_viewer_csp',
        'Strict-Transport-Security "max-age=31536000; includeSubDomains"',
        'X-Content-Type-Options "nosniff"',
        'Referrer-Policy "no-referrer"',
        'Permissions-Policy "accelerometer=()',
        'Cross-Origin-Opener-Policy "same-origin"',
      ]) {
        expect(body, `${match}: ${header}`).toContain(`add_header ${header}`);
      }
      const cors = match === '/embed/' ? 2 : 0;
      expect(body.match(/add_header (?!Cache-Control).* always;$/gm)?.length, match).toBe(6 + cors);
    }
  });

  it('revalidates pages and config.json, keeps hashed assets a year (successes only), and never serves source maps', () => {
    const found = locations(siteConfig(options));
    expect(found.get('/')).toContain('add_header Cache-Control "no-cache";');
    expect(found.get('/assets/')).toContain('add_header Cache-Control "public, max-age=31536000, immutable";');
    expect(found.get('~ (\\.map$|/\\.)')).toContain('return 404;');
    expect(siteConfig(options)).toMatch(/gzip on;[\s\S]*gzip_types text\/css text\/javascript application\/json/);
    expect(siteConfig(options)).toContain('server_tokens off;');
  });

  it('sends no HSTS over plain http, and terminates TLS only when given a certificate', () => {
    expect(siteConfig(options)).not.toContain('Strict-Transport-Security');
    expect(siteConfig(options)).not.toContain('ssl_certificate');
    const tls = siteConfig({
      ...options,
      https: true,
      listen: '443 ssl http2',
      serverName: 'viewer.example.nhs.uk',
      tls: { certificate: '/etc/ssl/viewer.pem', certificateKey: '/etc/ssl/viewer.key' },
    });
    expect(tls).toContain('ssl_certificate "/etc/ssl/viewer.pem";');
    expect(tls).toContain('ssl_protocols TLSv1.2 TLSv1.3;');
    expect(tls).toMatch(
      /listen 80;\s+server_name viewer\.example\.nhs\.uk;\s+server_tokens off;\s+return 301 https:\/\/\$host\$request_uri;/,
    );
  });

  it('refuses values that would break out of a quoted nginx string', () => {
    expect(() => siteConfig({ ...options, root: '/srv/$document_root' })).toThrow(/cannot be written/);
    expect(() => siteConfig({ ...options, root: '/srv/a\nb' })).toThrow(/cannot be written/);
    expect(siteConfig({ ...options, root: '/srv/"quoted"' })).toContain('root "/srv/\\"quoted\\"";');
  });
});

describe('localConfig', () => {
  it('runs in the foreground, logs to stderr and keeps its files under its prefix', () => {
    const conf = localConfig({ prefix: '/work/checkout/.serve/nginx', siteFile: '/work/checkout/.serve/viewer-site.conf' });
    expect(conf).toContain('daemon off;');
    expect(conf).toContain('error_log stderr warn;');
    expect(conf).toContain('pid "/work/checkout/.serve/nginx/nginx.pid";');
    const paths = [...conf.matchAll(/_temp_path "([^"]+)"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(5);
    expect(paths.every((p) => p!.startsWith('/work/checkout/.serve/nginx/'))).toBe(true);
    expect(conf).not.toContain('user ');
    expect(localConfig({ prefix: '/p', siteFile: '/s', user: 'root' })).toContain('user root;');
  });
});
