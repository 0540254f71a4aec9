import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumLaunchArgs, chromiumPath } from './scripts/chromium.js';

// Two projects: the framework-free core (and the scripts and benchmark) run in Node;
// components (and launch pages) run in real Chromium so shadow DOM, CSS and axe are
// real. The sandbox has its own (sandbox/vitest.config.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
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
