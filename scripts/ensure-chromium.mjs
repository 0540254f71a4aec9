// Makes sure Debian's Chromium is present before browser tests: installs it
// when this is Debian and we are root, otherwise says exactly what to install.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumInstalled, chromiumPath } from './chromium.js';

if (chromiumInstalled()) process.exit(0);

const path = chromiumPath();
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version');
if (isDebian && isRoot && !process.env.CHROMIUM_PATH) {
  console.log("Chromium is missing: installing Debian's chromium package (apt-get)...");
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  } catch {
    // fall through to the message below
  }
  if (chromiumInstalled()) process.exit(0);
}
console.error(
  `Browser tests need Chromium at ${path} and it is not there.\n` +
    (isDebian ? '  Install it with:  sudo apt-get install -y chromium\n' : "  Install Chromium from your system's packages,\n") +
    '  or point CHROMIUM_PATH at an existing Chromium or Chrome binary.',
);
process.exit(1);
