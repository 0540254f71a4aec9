// Runs the built viewer through nginx on 127.0.0.1, as production serves it:
// copies the build (without source maps) into a directory of the checkout,
// points its config.json at the sandbox's port, discovers the authorisation
// servers, generates the configuration and starts nginx in the foreground.
// Used by `npm run serve`, the end-to-end tests through nginx and the bench.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parseViewerConfig, type ViewerConfig } from '../../src/launch-context/config';
import { nginxPath } from '../nginx.js';
import { discover, DiscoveryError, type Discovery } from './discover';
import { localConfig, siteConfig } from './nginx-config';
import { contentSecurityPolicy, serialise } from './policy';

export const ROOT = resolve(import.meta.dirname, '../..');
const HOST = '127.0.0.1';
/** The origin the committed example configuration names for the sandbox. */
const EXAMPLE_SANDBOX = 'http://127.0.0.1:8080';

export interface ViewerServerOptions {
  /** The production build (`vite build`'s outDir). */
  distDir: string;
  port: number;
  /** Where the sandbox runs: the build's config.json is pointed there. Omitted: config.json is served as built. */
  sandboxOrigin?: string;
  /** nginx's own directory (pid, temporary files, the served copy, the generated configuration). */
  workDir?: string;
  /** Extra connect-src addresses (policy.ts PolicyOptions.connect). */
  connect?: string[];
  workers?: number;
  /** How long to keep asking the authorisation servers (the sandbox may still be starting). */
  discoveryTimeoutMs?: number;
}

export interface ViewerServer {
  origin: string;
  /** The Content-Security-Policy of the viewer's pages, as served. */
  csp: string;
  /** The generated files: nginx.conf and the site file a region would include. */
  files: { nginxConf: string; siteConf: string };
  stop: () => Promise<void>;
}

export class ServeError extends Error {}

const running = new Set<ChildProcess>();
// nginx runs in the foreground as our child: whatever ends this process ends it too.
process.on('exit', () => {
  for (const child of running) child.kill('SIGQUIT');
});

export async function startViewerServer(options: ViewerServerOptions): Promise<ViewerServer> {
  const workDir = resolve(options.workDir ?? join(ROOT, '.serve'));
  const www = join(workDir, 'www');
  const config = copyBuild(options.distDir, www, options.sandboxOrigin);
  const discovery = await discoverPatiently(config, options.discoveryTimeoutMs ?? 120_000);
  const policy = { connect: options.connect ?? [] };
  const csp = {
    viewer: contentSecurityPolicy(config, discovery, policy),
    silent: contentSecurityPolicy(config, discovery, policy, 'silent'),
  };

  const temp = join(workDir, 'nginx');
  for (const dir of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(temp, dir), { recursive: true });
  const siteConf = join(workDir, 'viewer-site.conf');
  const nginxConf = join(workDir, 'nginx.conf');
  writeFileSync(
    siteConf,
    siteConfig({
      root: www,
      listen: `${HOST}:${options.port}`,
      serverName: '_',
      https: false,
      csp,
      embedOrigins: config.hostOrigins ?? [],
    }),
  );
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  writeFileSync(
    nginxConf,
    localConfig({ prefix: temp, siteFile: siteConf, workers: options.workers ?? 1, ...(isRoot ? { user: userInfo().username } : {}) }),
  );

  const args = ['-p', temp, '-c', nginxConf, '-e', 'stderr'];
  const check = spawnSync(nginxPath(), [...args, '-t', '-q'], { encoding: 'utf8' });
  if (check.error || check.status !== 0) {
    throw new ServeError(`nginx refused the generated configuration (${nginxConf}):\n${check.error?.message ?? check.stderr}`);
  }
  const origin = `http://${HOST}:${options.port}`;
  const child = spawn(nginxPath(), args, { stdio: ['ignore', 'inherit', 'pipe'] });
  running.add(child);
  child.on('exit', () => running.delete(child));
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output.push(text);
    process.stderr.write(`[nginx] ${text}`);
  });
  await waitUntilUp(child, `${origin}/launch.html`, output);
  return { origin, csp: serialise(csp.viewer), files: { nginxConf, siteConf }, stop: () => stop(child) };
}

/** Copies the build without its source maps; returns its configuration, checked by the viewer's own rules. */
function copyBuild(distDir: string, www: string, sandboxOrigin: string | undefined): ViewerConfig {
  if (!existsSync(join(distDir, 'index.html'))) throw new ServeError(`${distDir} holds no build: run \`npm run build\` first.`);
  rmSync(www, { recursive: true, force: true });
  cpSync(distDir, www, { recursive: true, filter: (source) => !source.endsWith('.map') });
  const configFile = join(www, 'config.json');
  let text = readFileSync(configFile, 'utf8');
  if (sandboxOrigin) {
    text = text.replaceAll(EXAMPLE_SANDBOX, sandboxOrigin);
    writeFileSync(configFile, text);
  }
  const parsed = parseViewerConfig(JSON.parse(text));
  if (!parsed.ok) throw new ServeError(`${configFile} is not a valid configuration:\n  ${parsed.errors.join('\n  ')}`);
  return parsed.config;
}

async function discoverPatiently(config: ViewerConfig, timeoutMs: number): Promise<Discovery> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await discover(config);
    } catch (error) {
      if (!(error instanceof DiscoveryError) || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function waitUntilUp(child: ChildProcess, url: string, output: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new ServeError(`nginx stopped while starting (exit code ${child.exitCode}):\n${output.join('').trim()}`);
    }
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop(child);
  throw new ServeError(`nginx did not answer ${url} within 30 s:\n${output.join('').trim()}`);
}

/** Graceful stop (SIGQUIT lets requests in flight finish); killed if it takes more than 5 s. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGQUIT');
  });
}
