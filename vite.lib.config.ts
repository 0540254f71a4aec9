import { defineConfig } from 'vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
/** The package's runtime dependencies: imports of them (or their subpaths) stay imports in the package flavour. */
const dependencies = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
const isDependency = (id: string): boolean => dependencies.some((name) => id === name || id.startsWith(`${name}/`));

/**
 * The library build (`npm run build:lib`): <care-record> and the launch-context
 * helpers as ES modules, code-split as the app is (each view's elements load
 * when first shown). Two flavours:
 *
 * - `--mode package` (dist/lib/): what `npm install` gives a host's bundler.
 *   Every package (lit, @lit/context, …) stays an import, so the host's own
 *   copy of lit is shared rather than bundled twice.
 * - `--mode browser` (dist/embed/): everything bundled, for a page that
 *   imports the element straight from the viewer's origin with no bundler
 *   (what the sandbox's community nursing host does).
 *
 * The launch pages, the sandbox and fhirclient/oidc-client-ts stay out: the
 * entries reach only components/ and src/.
 */
export default defineConfig(({ mode }) => {
  const browser = mode === 'browser';
  return {
    publicDir: false,
    build: {
      target: 'es2022',
      outDir: browser ? 'dist/embed' : 'dist/lib',
      // Inside the app's dist/ (so the viewer's origin serves dist/embed/), which is not this build's to empty.
      emptyOutDir: false,
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: {
        entry: {
          index: resolve(import.meta.dirname, 'lib/index.ts'),
          'care-record': resolve(import.meta.dirname, 'lib/care-record.ts'),
        },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rollupOptions: {
        external: browser ? [] : isDependency,
        output: { chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
});
