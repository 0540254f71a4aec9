import { defineConfig } from 'vite';
import { resolve } from 'node:path';

const viewerPort = Number(process.env.VIEWER_PORT ?? 5173);

// The viewer: two entry pages (the SMART launch and the record), served on
// 127.0.0.1 only. fhirclient is built "pure": browsers here have fetch and
// WebCrypto, so its polyfills stay out of the bundle.
export default defineConfig({
  define: {
    FHIRCLIENT_PURE: 'true',
  },
  resolve: {
    alias: {
      // Only reached when globalThis.crypto is missing, which no supported browser lacks.
      'isomorphic-webcrypto': resolve(import.meta.dirname, 'launch/shims/webcrypto.ts'),
    },
  },
  server: { host: '127.0.0.1', port: viewerPort, strictPort: true },
  preview: { host: '127.0.0.1', port: viewerPort, strictPort: true },
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        launch: resolve(import.meta.dirname, 'launch.html'),
      },
    },
  },
});
