import { defineConfig, type Plugin, type Rollup } from 'vite';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const viewerPort = Number(process.env.VIEWER_PORT ?? 5173);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 8080);

/**
 * The example configuration names the sandbox at its default port; when
 * SANDBOX_PORT moves it, the dev and preview servers hand the viewer a
 * configuration that follows.
 */
function sandboxPortInConfig(): Plugin {
  const rewrite: Plugin['configureServer'] = (server) => {
    if (sandboxPort === 8080) return;
    server.middlewares.use('/config.json', (_req, res) => {
      void import('node:fs/promises').then(async ({ readFile }) => {
        const text = await readFile(resolve(import.meta.dirname, 'public/config.json'), 'utf8');
        res.setHeader('Content-Type', 'application/json');
        res.end(text.replaceAll('http://127.0.0.1:8080', `http://127.0.0.1:${sandboxPort}`));
      });
    });
  };
  return { name: 'sandbox-port-in-config', configureServer: rewrite, configurePreviewServer: rewrite as Plugin['configurePreviewServer'] };
}

/**
 * Hosts that embed the viewer import the bundled library from its origin
 * (`/embed/care-record.js`, built by `npm run build:lib`). The dev server has
 * no build: it serves the library's source module there instead, transformed
 * as any other (cross-origin module loads are allowed for 127.0.0.1 pages by
 * Vite's default CORS).
 */
function embedInDev(): Plugin {
  return {
    name: 'embed-in-dev',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url?.split('?')[0] === '/embed/care-record.js') req.url = '/lib/care-record.ts';
        next();
      });
    },
  };
}

/**
 * Source maps are build artefacts, not content: written with no reference from
 * the scripts ('hidden') and moved from the build into `<outDir>-sourcemaps/`,
 * so that copying the build to a web server cannot publish them.
 */
function sourceMapsBesideBuild(): Plugin {
  let outDir = '';
  return {
    name: 'source-maps-beside-build',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      rmSync(`${outDir}-sourcemaps`, { recursive: true, force: true });
    },
    writeBundle(_options, bundle) {
      for (const file of Object.keys(bundle).filter((f) => f.endsWith('.map'))) {
        const target = join(`${outDir}-sourcemaps`, file);
        mkdirSync(dirname(target), { recursive: true });
        renameSync(join(outDir, file), target);
      }
    },
  };
}

/**
 * The record page's code, fetched into the cache while the user is at the
 * authorisation server: launch.html gets a `<template id="record-code">` of
 * `<link rel="prefetch">`s for the scripts the record page (index.html) needs
 * that the launch page does not have (its entry, the record's chunk and the
 * summary's, with what they import; not the signed-link module), which the
 * launch page puts in its head as it leaves (launch/smart-launch.ts). A
 * template, so nothing is fetched while the launch page still needs the
 * connections. Hashed files, so what is fetched is what the page will ask for.
 */
function recordCodePrefetch(): Plugin {
  let base = '/';
  return {
    name: 'record-code-prefetch',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle || !ctx.chunk || !ctx.filename.endsWith('launch.html')) return html;
        const chunks = new Map(Object.values(ctx.bundle).flatMap((o) => (o.type === 'chunk' ? [[o.fileName, o] as const] : [])));
        const record = [...chunks.values()].find((c) => c.isEntry && c.name === 'index');
        if (!record) throw new Error('record-code-prefetch: no index entry in the bundle');
        const closure = (start: Rollup.OutputChunk[]): Set<string> => {
          const seen = new Set<string>();
          const visit = (chunk: Rollup.OutputChunk | undefined): void => {
            if (!chunk || seen.has(chunk.fileName)) return;
            seen.add(chunk.fileName);
            chunk.imports.forEach((file) => visit(chunks.get(file)));
          };
          start.forEach(visit);
          return seen;
        };
        const early = record.dynamicImports
          .map((file) => chunks.get(file)!)
          .filter((c) => !c.moduleIds.some((id) => id.endsWith('/launch/link-record.ts')));
        const own = closure([ctx.chunk]);
        const wanted = [...closure([record, ...early])].filter((file) => !own.has(file));
        const links = wanted.map((file) => `<link rel="prefetch" href="${base}${file}" />`).join('');
        return html.replace('</body>', `  <template id="record-code">${links}</template>\n  </body>`);
      },
    },
  };
}

/**
 * Fewer, larger chunks on the launch's critical path. Left to itself the
 * bundler makes a chunk for every combination of pages and lazy imports that
 * shares a module: some thirty files, many under a kilobyte, for the record's
 * first screen, each a request queued on a browser's six connections per
 * origin (and, on a slow PC, CPU taken from the authorisation redirect and the
 * token exchange). Three groups instead, each one file:
 * - `smart`: the launch page's code (fhirclient, the page helpers), which the
 *   record page runs too before the sign-in: cached by the first page;
 * - `fetching`: the record's load (the fetching layer and the first screen's
 *   builders), which the record page asks for first and starts at once when
 *   the token is here (src/sources/started-load.ts);
 * - `record`: the rest of the record's code and the summary's.
 * What any page loads before a sign-in stays in that page's files; every
 * other lazy view keeps its own chunk.
 */
/** What the grouping reads of the bundler's module graph (its chunking context). */
interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[]; dynamicallyImportedIds: readonly string[] } | null;
}

function launchChunkGroups(): Rollup.OutputOptions['codeSplitting'] {
  const at = (path: string): string => resolve(import.meta.dirname, path);
  const launchEntry = at('launch/smart-launch.ts');
  let members: Map<string, 'smart' | 'fetching' | 'record'> | undefined;
  const staticClosure = (ctx: ModuleGraph, starts: string[]): Set<string> => {
    const seen = new Set<string>();
    const visit = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      ctx.getModuleInfo(id)?.importedIds.forEach(visit);
    };
    starts.forEach(visit);
    return seen;
  };
  const groupOf = (id: string, ctx: ModuleGraph): string | null => {
    if (!members) {
      members = new Map();
      const beforeSignIn = staticClosure(ctx, [
        launchEntry,
        at('launch/viewer-page.ts'),
        at('launch/context-link.ts'),
        at('launch/silent.ts'),
      ]);
      const summary = ctx.getModuleInfo(at('components/care-record/summary-code.ts'))?.dynamicallyImportedIds ?? [];
      const groups = [
        ['smart', staticClosure(ctx, [launchEntry])],
        ['fetching', staticClosure(ctx, [at('src/sources/started-load.ts')])],
        ['record', staticClosure(ctx, [at('launch/record-page.ts'), ...summary])],
      ] as const;
      for (const [group, modules] of groups) {
        for (const module of modules) {
          const ownPages = group === 'smart' ? module !== launchEntry : !beforeSignIn.has(module);
          if (ownPages && !members.has(module)) members.set(module, group);
        }
      }
    }
    return members.get(id) ?? null;
  };
  // A module's imports outside its group stay where they are (a page's files or the group before).
  return { groups: [{ name: groupOf, includeDependenciesRecursively: false }] };
}

// The viewer: its entry pages (the SMART launch, the record, the signed link and the silent sign-in check), served on
// 127.0.0.1 only. fhirclient is built "pure": browsers here have fetch and
// WebCrypto, so its polyfills stay out of the bundle.
export default defineConfig({
  plugins: [sandboxPortInConfig(), embedInDev(), sourceMapsBesideBuild(), recordCodePrefetch()],
  define: {
    FHIRCLIENT_PURE: 'true',
  },
  resolve: {
    alias: {
      // Only reached when globalThis.crypto is missing, which no supported browser lacks.
      'isomorphic-webcrypto': resolve(import.meta.dirname, 'launch/shims/webcrypto.ts'),
      // fhirclient's logger, off unless turned on: its set-up's read of localStorage held both launch pages.
      debug: resolve(import.meta.dirname, 'launch/shims/debug.cjs'),
    },
  },
  server: { host: '127.0.0.1', port: viewerPort, strictPort: true },
  preview: { host: '127.0.0.1', port: viewerPort, strictPort: true },
  build: {
    target: 'es2022',
    sourcemap: 'hidden',
    // Every supported browser preloads modules itself: no polyfill file to fetch first.
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: { codeSplitting: launchChunkGroups() },
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        launch: resolve(import.meta.dirname, 'launch.html'),
        // Signed context links, and the identity provider's silent session checks.
        link: resolve(import.meta.dirname, 'link.html'),
        silent: resolve(import.meta.dirname, 'silent.html'),
      },
    },
  },
});
