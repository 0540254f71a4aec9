// `npm run server-config -- --config dist/config.json --public-url https://viewer.example.nhs.uk`
// writes the nginx site configuration for a deployment (docs/deployment.md):
// the configuration is checked first (check-config's rules), the authorisation
// servers' endpoints are read from their public discovery documents, and the
// result is one file to include in the http context of the region's nginx.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkConfig } from './deployment/config-rules';
import { discover, DiscoveryError } from './serve/discover';
import { siteConfig } from './serve/nginx-config';
import { contentSecurityPolicy, serialise } from './serve/policy';

const USAGE = `Usage: npm run server-config -- --config <config.json> --public-url <https://viewer.example> [options]

  --config <file>            the viewer's configuration (as it will be served)
  --public-url <url>         the address users reach the viewer at (https: adds HSTS)
  --root <dir>               where the built files are on the server (default /srv/care-record-viewer)
  --listen <params>          nginx listen parameters (default "443 ssl http2" with a certificate, else "80")
  --certificate <file>       TLS certificate chain (PEM), when this nginx terminates TLS
  --certificate-key <file>   its private key
  --connect <url>            a further address the viewer may fetch (repeatable), e.g. where hosts' smart_style_url live
  --out <dir>                where to write care-record-viewer.conf (default: print it)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      'public-url': { type: 'string' },
      root: { type: 'string', default: '/srv/care-record-viewer' },
      listen: { type: 'string' },
      certificate: { type: 'string' },
      'certificate-key': { type: 'string' },
      connect: { type: 'string', multiple: true, default: [] },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const publicUrl = values['public-url'] && URL.canParse(values['public-url']) ? new URL(values['public-url']) : undefined;
  if (values.help || !values.config || !publicUrl || !values.certificate !== !values['certificate-key']) {
    console.error(USAGE);
    return 2;
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(publicUrl.hostname);
  const report = checkConfig(JSON.parse(readFileSync(values.config, 'utf8')), { loopbackTrial: loopback });
  for (const note of report.notes) console.error(`note     ${note}`);
  if (!report.config || report.problems.length > 0) {
    for (const problem of report.problems) console.error(`PROBLEM  ${problem}`);
    console.error(`\n${values.config} has ${report.problems.length} problem(s): fix them first (npm run check-config).`);
    return 1;
  }
  const config = report.config;
  const discovery = await discover(config);
  const policy = { connect: values.connect ?? [] };
  const tls =
    values.certificate && values['certificate-key']
      ? { certificate: resolve(values.certificate), certificateKey: resolve(values['certificate-key']) }
      : undefined;
  const csp = {
    viewer: contentSecurityPolicy(config, discovery, policy),
    silent: contentSecurityPolicy(config, discovery, policy, 'silent'),
  };
  const site = siteConfig({
    root: values.root,
    listen: values.listen ?? (tls ? '443 ssl http2' : '80'),
    serverName: publicUrl.hostname,
    https: publicUrl.protocol === 'https:',
    ...(tls ? { tls } : {}),
    csp,
    embedOrigins: config.hostOrigins ?? [],
  });
  if (!values.out) {
    process.stdout.write(site);
    return 0;
  }
  mkdirSync(values.out, { recursive: true });
  const file = join(values.out, 'care-record-viewer.conf');
  writeFileSync(file, site);
  console.log(`Wrote ${file}\n\nContent-Security-Policy:\n  ${serialise(csp.viewer).split('; ').join(';\n  ')}`);
  return 0;
}

try {
  process.exit(await main());
} catch (error) {
  console.error(error instanceof DiscoveryError ? error.message : error);
  process.exit(1);
}
