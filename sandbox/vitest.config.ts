import { defineConfig } from 'vitest/config';

// The sandbox's tests, in Node: `npm test` in this folder (or `npm test -w sandbox`).
export default defineConfig({
  test: {
    name: 'sandbox',
    environment: 'node',
    include: ['**/*.test.ts'],
    // @medplum/* 5 expects a global WebSocket, which Node 20 has only behind a flag.
    execArgv: ['--experimental-websocket'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
