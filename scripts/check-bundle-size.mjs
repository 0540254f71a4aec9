// The JavaScript each entry page of the production build loads, gzipped, checked
// against bench/budget.json. Machine-independent, so it runs in `npm test`
// after `vite build`; `npm run bench` reports the same figures.
//
// For each entry page (dist/*.html): initial JavaScript is the page's module
// scripts and modulepreload links plus everything they import statically,
// transitively; lazy JavaScript is what dynamic import() reaches from there
// and is not initial. Sizes are gzip (zlib default level, as Vite reports),
// 1 kB = 1000 bytes.
//
//   node scripts/check-bundle-size.mjs [distDir] [--why] [--json]
//
// --why prints, per page, what the initial JavaScript is made of (from the
// source maps, by package or top-level folder). It is printed anyway when a
// page is over budget. Exits 1 over budget.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUDGET_FILE = join(ROOT, 'bench', 'budget.json');

/** @returns {number} the initial JavaScript budget in bytes (gzipped). */
export function initialJsBudgetBytes(budgetFile = BUDGET_FILE) {
  const budget = JSON.parse(readFileSync(budgetFile, 'utf8'));
  const kb = budget.initialJsGzipKb?.max;
  if (typeof kb !== 'number') throw new Error(`${budgetFile} has no initialJsGzipKb.max`);
  return kb * 1000;
}

/** @returns {number} the embeddable library's initial JavaScript budget in bytes (gzipped). */
export function libraryBudgetBytes(budgetFile = BUDGET_FILE) {
  const budget = JSON.parse(readFileSync(budgetFile, 'utf8'));
  const kb = budget.libraryInitialJsGzipKb?.max;
  if (typeof kb !== 'number') throw new Error(`${budgetFile} has no libraryInitialJsGzipKb.max`);
  return kb * 1000;
}

/**
 * Measures every entry page of a build.
 * @param {string} distDir
 */
export function measureBundle(distDir) {
  const dist = resolve(distDir);
  if (!existsSync(dist)) throw new Error(`${dist} does not exist: run \`npx vite build\` first.`);
  const sizes = new Map();
  const fileSize = (file) => {
    if (!sizes.has(file)) {
      const bytes = readFileSync(file);
      sizes.set(file, { file: toPosix(relative(dist, file)), bytes: bytes.length, gzip: gzipSync(bytes).length });
    }
    return sizes.get(file);
  };
  const pages = readdirSync(dist)
    .filter((name) => name.endsWith('.html'))
    .sort()
    .map((name) => {
      const htmlFile = join(dist, name);
      const entries = scriptsOfHtml(readFileSync(htmlFile, 'utf8'), htmlFile, dist);
      const initial = closure(entries, (file) => imports(file, dist).static);
      const lazyRoots = [...initial].flatMap((file) => imports(file, dist).dynamic).filter((f) => !initial.has(f));
      const reachable = closure(lazyRoots, (file) => [...imports(file, dist).static, ...imports(file, dist).dynamic]);
      const lazy = [...reachable].filter((f) => !initial.has(f));
      const initialFiles = [...initial].map(fileSize);
      const lazyFiles = lazy.map(fileSize);
      return {
        page: name,
        initial: initialFiles,
        initialGzip: sum(initialFiles, 'gzip'),
        initialBytes: sum(initialFiles, 'bytes'),
        lazy: lazyFiles,
        lazyGzip: sum(lazyFiles, 'gzip'),
        lazyBytes: sum(lazyFiles, 'bytes'),
      };
    });
  return { dist, pages };
}

/**
 * The library's entry modules (npm run build:lib), each measured as a page is:
 * initial is the entry and what it imports statically, lazy what import()
 * reaches beyond. `embed/` is the bundled flavour a page imports from the
 * viewer's origin (lit included), held to its own budget (libraryInitialJsGzipKb); `lib/` is the npm
 * package's, whose dependencies (lit, …) are the host's imports and not counted.
 */
export const LIBRARY_ENTRIES = ['embed/care-record.js', 'lib/care-record.js', 'lib/index.js'];

/** Measures the library's entries in a build; throws when the library was not built. */
export function measureLibrary(distDir) {
  const dist = resolve(distDir);
  const missing = LIBRARY_ENTRIES.filter((entry) => !existsSync(join(dist, entry)));
  if (missing.length > 0)
    throw new Error(`The library is not built (${missing.join(', ')} missing): run \`npm run build:lib\` after \`vite build\`.`);
  const fileSize = (file) => {
    const bytes = readFileSync(file);
    return { file: toPosix(relative(dist, file)), bytes: bytes.length, gzip: gzipSync(bytes).length };
  };
  return LIBRARY_ENTRIES.map((entry) => {
    const initial = closure([join(dist, entry)], (file) => imports(file, dist).static);
    const lazyRoots = [...initial].flatMap((file) => imports(file, dist).dynamic).filter((f) => !initial.has(f));
    const reachable = closure(lazyRoots, (file) => [...imports(file, dist).static, ...imports(file, dist).dynamic]);
    const initialFiles = [...initial].map(fileSize);
    const lazyFiles = [...reachable].filter((f) => !initial.has(f)).map(fileSize);
    return {
      entry,
      initial: initialFiles,
      initialGzip: sum(initialFiles, 'gzip'),
      initialBytes: sum(initialFiles, 'bytes'),
      lazy: lazyFiles,
      lazyGzip: sum(lazyFiles, 'gzip'),
      lazyBytes: sum(lazyFiles, 'bytes'),
    };
  });
}

/** Module scripts and modulepreload links of an HTML page, as absolute file paths that exist. */
function scriptsOfHtml(html, htmlFile, dist) {
  const found = [];
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = attribute(tag, 'src');
    if (src) found.push(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (/\bmodulepreload\b/i.test(attribute(tag, 'rel') ?? '')) found.push(attribute(tag, 'href'));
  }
  return found.map((url) => localFile(url, htmlFile, dist)).filter((file) => file && file.endsWith('.js') && existsSync(file));
}

function attribute(tag, name) {
  return new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
}

function localFile(url, fromFile, dist) {
  if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return undefined;
  const path = url.split(/[?#]/)[0];
  return path.startsWith('/') ? join(dist, path) : resolve(dirname(fromFile), path);
}

const importCache = new Map();

/** Static (import/export ... from, bare import) and dynamic (import("...")) imports of a built chunk. */
function imports(file, dist) {
  if (importCache.has(file)) return importCache.get(file);
  const code = readFileSync(file, 'utf8');
  const resolveSpecifier = (specifier) => {
    const target = localFile(specifier, file, dist);
    return target && (specifier.startsWith('.') || specifier.startsWith('/')) && existsSync(target) ? target : undefined;
  };
  const collect = (regex) => [...code.matchAll(regex)].map((m) => resolveSpecifier(m[1])).filter(Boolean);
  // Vite lists what a dynamic import preloads with it, relative to the build's root: `m.f=["assets/x.js", ...]`.
  const preloaded = [...code.matchAll(/\bm\.f=\[([^\]]*)\]/g)]
    .flatMap((m) => [...m[1].matchAll(/["'`]([^"'`]+\.m?js)["'`]/g)].map((f) => join(dist, f[1])))
    .filter((f) => existsSync(f));
  const result = {
    static: collect(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'`]([^"'`\n]+\.m?js)["'`]/g),
    dynamic: [...collect(/\bimport\(\s*["'`]([^"'`\n]+\.m?js)["'`]\s*\)/g), ...preloaded],
  };
  importCache.set(file, result);
  return result;
}

function closure(roots, next) {
  const seen = new Set();
  const stack = [...roots];
  while (stack.length > 0) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...next(file));
  }
  return seen;
}

function sum(files, key) {
  return files.reduce((total, f) => total + f[key], 0);
}

function toPosix(path) {
  return path.split(sep).join('/');
}

export function kB(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

// ------------------------------------------------------------ composition

/**
 * What a built chunk is made of, from its source map: bytes of minified code
 * per package (node_modules/<pkg>) or top-level project folder. Gzipped shares
 * are estimated in proportion to raw bytes.
 * @param {string} file absolute path of a .js file with a .map beside it
 */
export function composition(file) {
  const mapFile = `${file}.map`;
  if (!existsSync(mapFile)) return undefined;
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const code = readFileSync(file, 'utf8');
  const lines = code.split('\n');
  const bySource = new Array(map.sources.length).fill(0);
  let unmapped = 0;
  let source = 0;
  // Bytes before a line's first segment (e.g. the rest of a multi-line template literal) belong to the last segment seen.
  let current = -1;
  const add = (index, length) => {
    if (index >= 0) bySource[index] += length;
    else unmapped += length;
  };
  map.mappings.split(';').forEach((lineMappings, lineIndex) => {
    const line = lines[lineIndex] ?? '';
    let column = 0;
    const segments = [];
    for (const segment of lineMappings.split(',')) {
      if (!segment) continue;
      const fields = decodeVlq(segment);
      column += fields[0];
      if (fields.length >= 4) source += fields[1];
      segments.push({ column, source: fields.length >= 4 ? source : -1 });
    }
    add(current, segments[0]?.column ?? line.length);
    segments.forEach((s, i) => {
      const end = i + 1 < segments.length ? segments[i + 1].column : line.length;
      add(s.source, Math.max(0, end - s.column));
      current = s.source;
    });
    if (lineIndex < lines.length - 1) add(current, 1); // the newline
  });
  const groups = new Map();
  map.sources.forEach((name, i) => {
    const fromRoot = toPosix(relative(ROOT, resolve(dirname(mapFile), map.sourceRoot ?? '', name)));
    const group = groupOf(fromRoot.startsWith('../') ? name.replace(/^(\.\.\/)+/, '') : fromRoot);
    groups.set(group, (groups.get(group) ?? 0) + bySource[i]);
  });
  if (unmapped > 0) groups.set('(no source: bundler and compiler helpers)', unmapped);
  return [...groups.entries()].map(([group, bytes]) => ({ group, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** node_modules/<package>, src/<folder>/, or the top-level folder, of a path relative to the project root. */
function groupOf(path) {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const parts = path.split('/');
  if (parts[0] === 'src' && parts.length > 2) return `src/${parts[1]}/`;
  return parts.length > 1 ? `${parts[0]}/` : parts[0];
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One source-map segment's fields (VLQ, base64), relative values as stored. */
export function decodeVlq(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Composition of a page's initial JavaScript, gzip shares estimated per chunk. */
export function pageComposition(dist, page) {
  const groups = new Map();
  for (const f of page.initial) {
    const parts = composition(join(dist, f.file));
    if (!parts) {
      groups.set(`${f.file} (no source map)`, (groups.get(`${f.file} (no source map)`) ?? 0) + f.gzip);
      continue;
    }
    const raw = parts.reduce((t, p) => t + p.bytes, 0) || 1;
    for (const p of parts) groups.set(p.group, (groups.get(p.group) ?? 0) + (p.bytes / raw) * f.gzip);
  }
  return [...groups.entries()].map(([group, gzip]) => ({ group, gzip: Math.round(gzip) })).sort((a, b) => b.gzip - a.gzip);
}

// ------------------------------------------------------------ command line

function printReport(result, budget, why) {
  const rows = [['page', 'initial JS (gzip)', 'lazy JS (gzip)', 'budget (initial)', '']];
  for (const p of result.pages) {
    rows.push([
      p.page,
      kB(p.initialGzip),
      kB(p.lazyGzip),
      kB(budget),
      p.initialGzip > budget ? `OVER by ${kB(p.initialGzip - budget)}` : 'ok',
    ]);
  }
  console.log(`JavaScript per entry page of ${toPosix(relative(process.cwd(), result.dist)) || '.'} (gzip, 1 kB = 1000 bytes)\n`);
  console.log(table(rows));
  for (const p of result.pages) {
    console.log(`\n${p.page}`);
    for (const f of p.initial) console.log(`  initial  ${f.file.padEnd(40)} ${kB(f.gzip).padStart(9)}  (${kB(f.bytes)} raw)`);
    for (const f of p.lazy) console.log(`  lazy     ${f.file.padEnd(40)} ${kB(f.gzip).padStart(9)}  (${kB(f.bytes)} raw)`);
    if (why || p.initialGzip > budget) {
      console.log(`  initial JavaScript by origin (estimated gzip share, from source maps):`);
      for (const c of pageComposition(result.dist, p)) console.log(`    ${c.group.padEnd(44)} ${kB(c.gzip).padStart(9)}`);
    }
  }
}

function printLibraryReport(library, budget) {
  const rows = [['library entry', 'initial JS (gzip / raw)', 'lazy JS (gzip / raw)', 'budget (initial)', '']];
  for (const e of library) {
    const held = e.entry.startsWith('embed/');
    rows.push([
      e.entry,
      `${kB(e.initialGzip)} / ${kB(e.initialBytes)}`,
      `${kB(e.lazyGzip)} / ${kB(e.lazyBytes)}`,
      held ? kB(budget) : '(dependencies not counted)',
      held ? (e.initialGzip > budget ? `OVER by ${kB(e.initialGzip - budget)}` : 'ok') : '',
    ]);
  }
  console.log(`\nThe library (npm run build:lib): embed/ is bundled (lit included), lib/ is the npm package's own code\n`);
  console.log(table(rows));
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => String(cell).padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function main(argv) {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const dist = argv.find((a) => !a.startsWith('--')) ?? join(ROOT, 'dist');
  const budget = initialJsBudgetBytes();
  const result = measureBundle(dist);
  if (result.pages.length === 0) throw new Error(`No entry pages (*.html) in ${result.dist}`);
  const library = measureLibrary(dist);
  const libraryBudget = libraryBudgetBytes();
  if (flags.has('--json'))
    console.log(JSON.stringify({ budgetGzip: budget, ...result, libraryBudgetGzip: libraryBudget, library }, null, 2));
  else {
    printReport(result, budget, flags.has('--why'));
    printLibraryReport(library, libraryBudget);
  }
  const over = [...result.pages.filter((p) => p.initialGzip > budget)];
  const libraryOver = library.filter((e) => e.entry.startsWith('embed/') && e.initialGzip > libraryBudget);
  if (over.length > 0) {
    console.error(
      `\nBundle size over budget: ${over.map((p) => `${p.page} loads ${kB(p.initialGzip)} of JavaScript before anything shows, over the ${kB(budget)} budget by ${kB(p.initialGzip - budget)}`).join('; ')}.`,
    );
    console.error(
      'Budget: bench/budget.json (initialJsGzipKb). Make the page import less up front (dynamic import() for what is not needed at first), or change the budget with a reason.',
    );
    return 1;
  }
  if (libraryOver.length > 0) {
    console.error(
      `\nLibrary size over budget: ${libraryOver.map((e) => `${e.entry} loads ${kB(e.initialGzip)} before <care-record> shows anything, over the ${kB(libraryBudget)} budget by ${kB(e.initialGzip - libraryBudget)}`).join('; ')}.`,
    );
    console.error(
      'Budget: bench/budget.json (libraryInitialJsGzipKb). Move what the first screen does not need behind import(), or change the budget with a reason.',
    );
    return 1;
  }
  if (!flags.has('--json'))
    console.log(
      `\nInitial JavaScript of every page is within the ${kB(budget)} budget, and the embeddable library's within ${kB(libraryBudget)}.`,
    );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`check-bundle-size: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
