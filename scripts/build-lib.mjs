// `npm run build:lib`: the library (see vite.lib.config.ts), after the app's
// `vite build` (it writes inside dist/, which that build empties):
//
//   dist/lib/          ES modules for the npm package (dependencies left as imports)
//   dist/lib/types/    their .d.ts, relative imports ending in .js (for any moduleResolution)
//   dist/embed/        the same entries with everything bundled, served from the viewer's origin
//
// Fails when the package would import something it does not declare, or when
// the launch pages or the sandbox found their way in.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LIB = join(ROOT, 'dist', 'lib');
const EMBED = join(ROOT, 'dist', 'embed');

function run(label, args) {
  const { status } = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (status !== 0) throw new Error(`${label} failed (exit code ${status})`);
}

function filesUnder(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, suffix) : path.endsWith(suffix) ? [path] : [];
  });
}

/** `from './x'` in a declaration file → `from './x.js'` (or `./x/index.js`): extensionless imports resolve only under moduleResolution bundler. */
export function withJsExtensions(text, file) {
  return text.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\2/g, (whole, lead, quote, specifier) => {
    if (/\.(js|mjs|json)$/.test(specifier)) return whole;
    const target = resolve(dirname(file), specifier);
    const fixed = existsSync(`${target}.d.ts`)
      ? `${specifier}.js`
      : existsSync(join(target, 'index.d.ts'))
        ? `${specifier}/index.js`
        : specifier;
    return `${lead}${quote}${fixed}${quote}`;
  });
}

function main() {
  rmSync(LIB, { recursive: true, force: true });
  rmSync(EMBED, { recursive: true, force: true });
  run('The package build', [
    'node_modules/vite/bin/vite.js',
    'build',
    '-c',
    'vite.lib.config.ts',
    '--mode',
    'package',
    '--logLevel',
    'warn',
  ]);
  run('The browser build', [
    'node_modules/vite/bin/vite.js',
    'build',
    '-c',
    'vite.lib.config.ts',
    '--mode',
    'browser',
    '--logLevel',
    'warn',
  ]);
  run('The type declarations', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.lib.json']);

  const declarations = filesUnder(join(LIB, 'types'), '.d.ts');
  for (const file of declarations) writeFileSync(file, withJsExtensions(readFileSync(file, 'utf8'), file));
  const outside = declarations
    .map((f) => relative(join(LIB, 'types'), f))
    .filter((f) => !/^(lib|components|src)\//.test(f) || /^src\/.*\btest-support\b/.test(f));
  if (outside.length > 0) throw new Error(`The library reaches beyond components/ and src/: ${outside.join(', ')}`);

  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const declared = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  const imported = new Set();
  for (const file of filesUnder(LIB, '.js')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](@?[a-z0-9][\w.-]*(?:\/[\w.@-]+)*)["']/g))
      imported.add(m[1]);
  }
  const undeclared = [...imported].filter((id) => !declared.some((name) => id === name || id.startsWith(`${name}/`)));
  if (undeclared.length > 0) throw new Error(`The package imports what package.json does not declare: ${undeclared.join(', ')}`);
  console.log(
    `Library built: dist/lib (${filesUnder(LIB, '.js').length} modules, ${declarations.length} declaration files), dist/embed (${filesUnder(EMBED, '.js').length} modules).`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`build-lib: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
