// `npm run serve`: the production build through nginx on 127.0.0.1:VIEWER_PORT,
// in front of the sandbox on SANDBOX_PORT; prints the URLs and the policy.
//   --no-build    serve dist/ as it is
//   --no-sandbox  a sandbox is already running on SANDBOX_PORT (the end-to-end tests start their own)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sandboxArgs } from './sandbox-command.js';
import { DiscoveryError } from './serve/discover';
import { ROOT, ServeError, startViewerServer, type ViewerServer } from './serve/viewer-server';

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => !['--no-build', '--no-sandbox'].includes(a));
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(', ')}. Options: --no-build, --no-sandbox.`);
  process.exit(2);
}
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 8080);
const viewerPort = Number(process.env.VIEWER_PORT ?? 5173);
const sandbox = `http://127.0.0.1:${sandboxPort}`;
const distDir = join(ROOT, 'dist');

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

let sandboxChild: ChildProcess | undefined;
let viewer: ViewerServer | undefined;

async function main(): Promise<void> {
  const wanted: [string, number, string][] = [['viewer', viewerPort, 'VIEWER_PORT']];
  if (!args.has('--no-sandbox')) wanted.push(['sandbox', sandboxPort, 'SANDBOX_PORT']);
  for (const [name, port, variable] of wanted) {
    if (!(await portFree(port)))
      throw new ServeError(`Port ${port} (the ${name}) is already in use: stop whatever runs there, or set ${variable}.`);
  }
  if (!args.has('--no-sandbox')) {
    sandboxChild = spawn(process.execPath, sandboxArgs, {
      cwd: ROOT,
      stdio: 'inherit',
      env: process.env,
    });
    sandboxChild.on('exit', (code) => {
      console.error(`[sandbox] stopped (exit code ${code}); stopping.`);
      void shutdown(code ?? 1);
    });
  }
  if (!args.has('--no-build')) {
    console.log('Building the viewer (vite build)...');
    const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new ServeError(`The production build failed (exit code ${build.status}).`);
  }
  // The sandbox's hosts hand the viewer their style (SMART smart_style_url) from /hosts/.
  viewer = await startViewerServer({ distDir, port: viewerPort, sandboxOrigin: sandbox, connect: [`${sandbox}/hosts/`] });
  console.log(`
Shared care record viewer, served by nginx as in production:

  Viewer             ${viewer.origin}/  (SMART launch entry ${viewer.origin}/launch.html)
  Hospital system    ${sandbox}/hosts/hospital?patient=9990000018
  GP system          ${sandbox}/hosts/gp?patient=9990000018
  nginx files        ${viewer.files.nginxConf}, ${viewer.files.siteConf}

  Content-Security-Policy:
    ${viewer.csp.split('; ').join(';\n    ')}

Press Ctrl+C to stop.
`);
}

async function shutdown(code: number): Promise<void> {
  await viewer?.stop();
  if (sandboxChild && sandboxChild.exitCode === null) sandboxChild.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch((error: unknown) => {
  console.error(error instanceof ServeError || error instanceof DiscoveryError ? error.message : error);
  void shutdown(1);
});
