// Where nginx lives: Debian's package, as production runs it, never a build of our own.
import { existsSync } from 'node:fs';

export function nginxPath() {
  return process.env.NGINX_PATH || '/usr/sbin/nginx';
}

export function nginxInstalled() {
  return existsSync(nginxPath());
}
