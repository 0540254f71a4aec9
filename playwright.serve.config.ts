import { defineConfig } from '@playwright/test';
import base from './playwright.config';
import { sandboxCommand } from './scripts/sandbox-command.js';

// The end-to-end pass through the production web server: the same sandbox,
// the production build served by nginx with its generated headers (instead of
// `vite preview`), and the focused specs of e2e/serving/.
const sandboxPort = process.env.SANDBOX_PORT ?? '8080';
const viewerPort = process.env.VIEWER_PORT ?? '5173';
const sandbox = [base.webServer ?? []].flat().find((server) => server.command === sandboxCommand);

export default defineConfig({
  ...base,
  testDir: 'e2e/serving',
  testIgnore: [],
  outputDir: 'test-results/serving',
  webServer: [
    sandbox!,
    {
      // The sandbox must be up first: the generated policy names its authorisation servers' endpoints.
      command: 'node --import tsx scripts/serve.ts --no-build --no-sandbox',
      url: `http://127.0.0.1:${viewerPort}/launch.html`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: { SANDBOX_PORT: sandboxPort, VIEWER_PORT: viewerPort },
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
  ],
});
