import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchArgs, chromiumPath } from './scripts/chromium.js';
import { sandboxCommand } from './scripts/sandbox-command.js';

// The ports follow SANDBOX_PORT and VIEWER_PORT (as `npm start` does), so two
// checkouts can run their end-to-end tests side by side.
const sandboxPort = process.env.SANDBOX_PORT ?? '8080';
const viewerPort = process.env.VIEWER_PORT ?? '5173';
const sandbox = `http://127.0.0.1:${sandboxPort}`;
const viewer = `http://127.0.0.1:${viewerPort}`;

// End-to-end tests run the real thing: the sandbox and the production build of
// the viewer, in Debian's Chromium. One worker: fault injection is sandbox-wide.
export default defineConfig({
  testDir: 'e2e',
  // Run by playwright.serve.config.ts, through nginx. (A glob is matched against
  // the absolute path, where a checkout's own folder could be called "serving".)
  testIgnore: /e2e[\\/]serving[\\/]/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: sandbox,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumPath(), args: chromiumLaunchArgs },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: [
    {
      command: sandboxCommand,
      url: `${sandbox}/fhir/gp/metadata`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { SANDBOX_FAULTS: '', SANDBOX_PORT: sandboxPort, VIEWER_PORT: viewerPort },
      stdout: 'pipe',
    },
    {
      command: 'node node_modules/vite/bin/vite.js preview',
      url: `${viewer}/launch.html`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { SANDBOX_PORT: sandboxPort, VIEWER_PORT: viewerPort },
    },
  ],
});
