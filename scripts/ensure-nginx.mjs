// Makes sure Debian's nginx is present before `npm run serve` and the tests
// that run through it: installs it when this is Debian and we are root,
// otherwise says exactly what to install. We only ever run it ourselves, as
// an ordinary process on 127.0.0.1 (scripts/serve/nginx.ts); where the
// package's own service is allowed to start, it is the system's, not ours.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { nginxInstalled, nginxPath } from './nginx.js';

if (nginxInstalled()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version');
if (isDebian && isRoot && !process.env.NGINX_PATH) {
  console.log("nginx is missing: installing Debian's nginx package (apt-get)...");
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx', {
      stdio: 'inherit',
    });
  } catch {
    // fall through to the message below
  }
  if (nginxInstalled()) process.exit(0);
}
console.error(
  `Serving the production build needs nginx at ${nginxPath()} and it is not there.\n` +
    (isDebian ? '  Install it with:  sudo apt-get install -y nginx\n' : "  Install nginx (1.22 or later) from your system's packages,\n") +
    '  or point NGINX_PATH at an existing nginx binary.',
);
process.exit(1);
