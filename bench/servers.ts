// What the bench starts and stops: the production build and the browser
// floor's pages, the sandbox and the viewer's web server (nginx as production
// serves it, or vite preview for comparison), each on 127.0.0.1, each a child
// process so that its work does not share an event loop with the measuring.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { build } from 'vite';
import type { FaultTable } from '../sandbox/faults';
import { nginxInstalled, nginxPath } from '../scripts/nginx.js';
import { sandboxArgs } from '../scripts/sandbox-command.js';
import { startViewerServer } from '../scripts/serve/viewer-server';

export const ROOT = join(import.meta.dirname, '..');
const HOST = '127.0.0.1';

export interface Ports {
  sandbox: number;
  viewer: number;
}

export class BenchError extends Error {}

export function portsFromEnv(env: NodeJS.ProcessEnv = process.env): Ports {
  const port = (name: string, fallback: number): number => {
    const n = Number(env[name] ?? fallback);
    if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new BenchError(`${name}=${env[name]} is not a port number`);
    return n;
  };
  return { sandbox: port('SANDBOX_PORT', 8080), viewer: port('VIEWER_PORT', 5173) };
}

/** Refuses to go on when something already listens on a port the bench needs. */
export async function requireFreePorts(ports: Ports): Promise<void> {
  for (const [what, port] of [
    ['sandbox', ports.sandbox],
    ['viewer', ports.viewer],
  ] as const) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, HOST, () => probe.close(() => resolve(true)));
    });
    if (!free) {
      throw new BenchError(
        `Port ${port} on ${HOST} (the ${what}) is already in use: the bench starts its own sandbox and viewer. ` +
          `Stop what is using it (npm start, or npm test's end-to-end tests), or run the bench on other ports, e.g. SANDBOX_PORT=${ports.sandbox + 10000} VIEWER_PORT=${ports.viewer + 10000} npm run bench.`,
      );
    }
  }
}

/** `vite build` into `outDir`; the build's config.json is pointed at the sandbox's port. */
export function buildViewer(outDir: string, sandboxOrigin: string): void {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (result.status !== 0) throw new BenchError(`The production build failed (vite build exited with ${result.status}).`);
  const configFile = join(outDir, 'config.json');
  const config = readFileSync(configFile, 'utf8');
  writeFileSync(configFile, config.replaceAll('http://127.0.0.1:8080', sandboxOrigin));
}

/**
 * The browser floor's two pages (bench/floor-pages) built as the viewer is
 * (Vite, fhirclient "pure", ES2022), with the viewer's client id, scope and
 * redirect URI from the build's config.json built in. Their scripts go under
 * /assets/bench-floor/, so they are cached as the viewer's assets are.
 */
export async function buildBrowserFloor(outDir: string, viewerDist: string): Promise<void> {
  const config = JSON.parse(readFileSync(join(viewerDist, 'config.json'), 'utf8')) as {
    clientId: string;
    scope: string;
    redirectUri: string;
  };
  // An EHR launch asks for `launch` too, as the viewer's launch page adds it (src/launch-context/smart-launch-plan.ts).
  const scope = [...new Set([...config.scope.split(/\s+/).filter(Boolean), 'launch'])].join(' ');
  const root = join(ROOT, 'bench', 'floor-pages');
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    define: {
      FHIRCLIENT_PURE: 'true',
      BENCH_FLOOR_CLIENT: JSON.stringify({ clientId: config.clientId, scope, redirectUri: config.redirectUri }),
    },
    // fhirclient built as the viewer builds it: the same stand-in for its logger, so the floor pays no more than the viewer there.
    resolve: { alias: { 'isomorphic-webcrypto': join(root, 'webcrypto.ts'), debug: join(ROOT, 'launch', 'shims', 'debug.cjs') } },
    build: {
      target: 'es2022',
      outDir,
      emptyOutDir: true,
      assetsDir: 'assets/bench-floor',
      rollupOptions: { input: { launch: join(root, 'launch.html'), index: join(root, 'index.html') } },
    },
  });
}

// Functions, not methods: they are handed on without their object.
export interface Server {
  origin: string;
  stop: () => Promise<void>;
}

/** The viewer's web server, whose served directory can be switched between the viewer's pages and the browser floor's. */
export interface ViewerServer extends Server {
  use: (pages: 'viewer' | 'floor') => void;
}

/**
 * The viewer as production serves it: nginx with the generated configuration
 * (security headers, `no-cache` pages, immutable hashed assets), from a copy
 * of the build in `workDir/www`.
 */
export async function startNginxViewer(ports: Ports, distDir: string, floorDir: string, workDir: string): Promise<ViewerServer> {
  if (!nginxInstalled())
    throw new BenchError(
      `The bench serves the viewer with nginx (${nginxPath()}): apt-get install nginx-light, or run it with --server preview.`,
    );
  const sandbox = `http://${HOST}:${ports.sandbox}`;
  // The hosts hand the viewer their style (smart_style_url) from /hosts/, as `npm run serve` allows.
  const server = await startViewerServer({ distDir, port: ports.viewer, sandboxOrigin: sandbox, workDir, connect: [`${sandbox}/hosts/`] });
  const pages = switchablePages(join(workDir, 'www'), floorDir);
  return { origin: server.origin, stop: server.stop, use: pages.use };
}

/**
 * Makes the served directory `www` a symbolic link to one of two trees: the
 * viewer's build, or the same build with launch.html and index.html replaced
 * by the browser floor's pages (and its scripts added). Both servers resolve
 * paths per request, so the floor is served at the viewer's own URLs (the host
 * page frames /launch.html, the authorisation server redirects to /index.html)
 * with the same headers. Switching is one rename.
 */
export function switchablePages(www: string, floorDir: string): Pick<ViewerServer, 'use'> {
  const trees = { viewer: `${www}-viewer`, floor: `${www}-floor` };
  rmSync(trees.viewer, { recursive: true, force: true });
  rmSync(trees.floor, { recursive: true, force: true });
  renameSync(www, trees.viewer);
  cpSync(trees.viewer, trees.floor, { recursive: true });
  cpSync(floorDir, trees.floor, { recursive: true, filter: (source) => !source.endsWith('.map') });
  const use = (pages: 'viewer' | 'floor') => {
    const next = `${www}.next`;
    rmSync(next, { force: true });
    symlinkSync(trees[pages], next);
    renameSync(next, www);
  };
  use('viewer');
  return { use };
}

const children = new Set<ChildProcess>();
/** The last lines each child printed, to explain a failed start. */
const outputs = new WeakMap<ChildProcess, string[]>();

// Whatever happens to the bench, its servers go with it.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export async function startSandbox(ports: Ports): Promise<Server> {
  const origin = `http://${HOST}:${ports.sandbox}`;
  const child = start([process.execPath, ...sandboxArgs], {
    SANDBOX_PORT: String(ports.sandbox),
    VIEWER_PORT: String(ports.viewer),
    VIEWER_ORIGIN: `http://${HOST}:${ports.viewer}`,
    SANDBOX_FAULTS: '',
  });
  await waitUntilUp(child, 'sandbox', `${origin}/fhir/gp/metadata`, 180_000);
  return { origin, stop: () => stop(child) };
}

/** The viewer from `vite preview` (no cache headers: every asset is revalidated), for comparison with nginx. */
export async function startPreviewViewer(ports: Ports, distDir: string, floorDir: string, workDir: string): Promise<ViewerServer> {
  const origin = `http://${HOST}:${ports.viewer}`;
  const www = join(workDir, 'www');
  for (const path of [www, `${www}.next`]) rmSync(path, { recursive: true, force: true });
  cpSync(distDir, www, { recursive: true, filter: (source) => !source.endsWith('.map') });
  const pages = switchablePages(www, floorDir);
  // Without SANDBOX_PORT the preview serves the build's own config.json (already pointed at the sandbox) as a
  // static file, as production would, rather than rewriting public/config.json on every request.
  const child = start(
    [
      process.execPath,
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'preview',
      '--outDir',
      www,
      '--host',
      HOST,
      '--port',
      String(ports.viewer),
      '--strictPort',
    ],
    {
      VIEWER_PORT: String(ports.viewer),
      SANDBOX_PORT: undefined,
    },
  );
  await waitUntilUp(child, 'viewer', `${origin}/launch.html`, 60_000);
  return { origin, stop: () => stop(child), use: pages.use };
}

export async function setFaults(sandboxOrigin: string, faults: FaultTable): Promise<void> {
  await fetch(`${sandboxOrigin}/admin/faults`, { method: 'DELETE' });
  if (Object.keys(faults).length === 0) return;
  const response = await fetch(`${sandboxOrigin}/admin/faults`, { method: 'PUT', body: JSON.stringify(faults) });
  if (!response.ok) throw new BenchError(`Could not set faults ${JSON.stringify(faults)}: ${await response.text()}`);
}

function start([command, ...args]: string[], env: Record<string, string | undefined>): ChildProcess {
  const child = spawn(command as string, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(String(chunk));
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', () => children.delete(child));
  outputs.set(child, output);
  return child;
}

async function waitUntilUp(child: ChildProcess, name: string, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const output = (outputs.get(child) ?? []).join('').trim();
      throw new BenchError(`The ${name} stopped while starting (exit code ${child.exitCode}):\n${output}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop(child);
  throw new BenchError(`The ${name} did not answer ${url} within ${timeoutMs / 1000} s.`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
