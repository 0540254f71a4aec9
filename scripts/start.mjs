// `npm start`: the sandbox and the viewer together, on 127.0.0.1, with the URLs to open.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { sandboxArgs } from './sandbox-command.js';

const sandboxPort = process.env.SANDBOX_PORT ?? '8080';
const viewerPort = process.env.VIEWER_PORT ?? '5173';
const sandbox = `http://127.0.0.1:${sandboxPort}`;
const viewer = `http://127.0.0.1:${viewerPort}`;
const started = Date.now();

/** Resolves true when nothing listens on the port (so "everything is up" below is ours, not another run's). */
function portFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(Number(port), '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
for (const [name, port, variable] of [
  ['sandbox', sandboxPort, 'SANDBOX_PORT'],
  ['viewer', viewerPort, 'VIEWER_PORT'],
]) {
  if (!(await portFree(port))) {
    console.error(`Port ${port} (the ${name}) is already in use: stop whatever is running there (another npm start?), or set ${variable}.`);
    process.exit(1);
  }
}

const children = [
  run('sandbox', process.execPath, sandboxArgs),
  run('viewer', process.execPath, ['node_modules/vite/bin/vite.js', '--clearScreen', 'false', '--logLevel', 'warn']),
];

function run(name, command, args) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const prefix = (line) => (line ? `[${name}] ${line}` : line);
  child.stdout.on('data', (d) => process.stdout.write(String(d).split('\n').map(prefix).join('\n')));
  child.stderr.on('data', (d) => process.stderr.write(String(d).split('\n').map(prefix).join('\n')));
  child.on('exit', (code) => {
    console.error(`[${name}] stopped (exit code ${code}); stopping everything.`);
    stopAll(code ?? 1);
  });
  return child;
}

function stopAll(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function waitFor(url) {
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

await Promise.all([waitFor(`${sandbox}/fhir/gp/metadata`), waitFor(`${viewer}/launch.html`)]);
console.log(`
Shared care record viewer: everything is up (${((Date.now() - started) / 1000).toFixed(1)} s).

  Host systems (open one, pick a patient; the viewer launches inside it):
    GP system          ${sandbox}/hosts/gp?patient=9990000018
    Hospital system    ${sandbox}/hosts/hospital?patient=9990000018
    Paramedic tablet   ${sandbox}/hosts/paramedic?patient=9990000018
    Mental health      ${sandbox}/hosts/mental-health?patient=9990000034
    All hosts          ${sandbox}/hosts/  (also lists refused-link demonstrations)
  Viewer               ${viewer}/  (SMART launch entry ${viewer}/launch.html)
  Sandbox index        ${sandbox}/
  FHIR sources         ${sandbox}/fhir/{gp,acute,community,mental-health,social-care}
  Identity provider    ${sandbox}/idp  (stands in for NHS CIS2)
  Privacy officer      ${sandbox}/audit/?patient=9990000050

Press Ctrl+C to stop.
`);
