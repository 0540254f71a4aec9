import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchArgs, chromiumPath } from './scripts/chromium.js';

const sandbox = 'http://127.0.0.1:8080';
const viewer = 'http://127.0.0.1:5173';

// End-to-end tests run the real thing: the sandbox and the production build of
// the viewer, in Debian's Chromium. One worker: fault injection is sandbox-wide.
export default defineConfig({
  testDir: 'e2e',
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
      command: 'node --experimental-websocket --import tsx sandbox/main.ts',
      url: `${sandbox}/fhir/gp/metadata`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { SANDBOX_FAULTS: '' },
      stdout: 'pipe',
    },
    {
      command: 'node node_modules/vite/bin/vite.js preview',
      url: `${viewer}/launch.html`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
