// How the repository's tools start the sandbox as a process of its own, from
// the repository's root: Node with tsx for its TypeScript and the global
// WebSocket @medplum/* 5 expects (behind a flag in Node 20). `npm start`,
// `npm run serve`, the bench and the end-to-end tests all start it so, each
// with its own environment; sandbox/package.json's `start` is the same from sandbox/.

/** Node's arguments. */
export const sandboxArgs = ['--experimental-websocket', '--import', 'tsx', 'sandbox/main.ts'];

/** The same as a command line, for Playwright's webServer. */
export const sandboxCommand = ['node', ...sandboxArgs].join(' ');
