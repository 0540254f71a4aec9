import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumLaunchArgs, chromiumPath } from './scripts/chromium.js';

// Two projects: the framework-free core and the sandbox run in Node; components
// (and launch pages) run in real Chromium so shadow DOM, CSS and axe are real.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'sandbox/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          // @medplum/* 5 expects a global WebSocket, which Node 20 has only behind a flag.
          execArgv: ['--experimental-websocket'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        define: { FHIRCLIENT_PURE: 'true' },
        // Found only when a test imports it; listed so Vite does not reload mid-run to optimise it.
        optimizeDeps: { include: ['@lit-labs/virtualizer'] },
        test: {
          name: 'components',
          include: ['components/**/*.test.ts', 'launch/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath(), args: chromiumLaunchArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
