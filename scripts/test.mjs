// `npm test`: every check, in order of cost: the formatter (Prettier), type-check, lint, dead code (knip), unit tests,
// component tests (Chromium), production build, library build and their size budgets, end-to-end
// tests (Chromium against the sandbox), then the focused end-to-end pass through
// nginx with the production headers. The sandbox (its own package, sandbox/) has its own
// type-check, lint and tests, run in its folder with its configs and reported apart from
// the viewer's. Runs them all and fails if any failed.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The sandbox's steps run in sandbox/; the tools are the repository's, found from the root. */
const inSandbox = (tool, ...args) => ({ args: [resolve(tool), ...args], cwd: 'sandbox' });

const steps = [
  ['format', ['node_modules/prettier/bin/prettier.cjs', '--check', '.', '--log-level', 'warn']],
  ['type-check', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['type-check of src/ without the DOM', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.src.json']],
  ['sandbox: type-check', inSandbox('node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json')],
  ['lint', ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings', '0']],
  ['sandbox: lint', inSandbox('node_modules/eslint/bin/eslint.js', '.', '--max-warnings', '0')],
  ['dead code', ['node_modules/knip/bin/knip.js', '--no-progress']],
  ['unit tests', ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit']],
  ['sandbox: tests', inSandbox('node_modules/vitest/vitest.mjs', 'run')],
  ['browser check', ['scripts/ensure-chromium.mjs']],
  ['component tests', ['node_modules/vitest/vitest.mjs', 'run', '--project', 'components']],
  ['production build', ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']],
  ['library build', ['scripts/build-lib.mjs'], 'production build'],
  ['bundle size', ['scripts/check-bundle-size.mjs', 'dist']],
  ['end-to-end tests', ['node_modules/@playwright/test/cli.js', 'test']],
  ['web server check', ['scripts/ensure-nginx.mjs']],
  [
    'end-to-end tests through nginx',
    ['node_modules/@playwright/test/cli.js', 'test', '-c', 'playwright.serve.config.ts'],
    'web server check',
  ],
];

const results = [];
for (const [name, command, needs] of steps) {
  // A step whose prerequisite failed is reported as not run.
  if (needs && !results.find((r) => r.name === needs)?.ok) continue;
  console.log(`\n=== ${name} ===`);
  const { args, cwd } = Array.isArray(command) ? { args: command, cwd: undefined } : command;
  const started = Date.now();
  const { status } = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env, cwd });
  results.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
  // Without a browser the remaining browser steps cannot say anything useful.
  if (name === 'browser check' && status !== 0) break;
}

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${r.seconds.toFixed(1)} s)`);
const failed = results.filter((r) => !r.ok).length + (steps.length - results.length);
if (failed > 0) {
  console.log(`\n${failed} step(s) failed or did not run.`);
  process.exit(1);
}
