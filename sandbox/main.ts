// `npm run sandbox`: the sandbox on its own, with ports and faults from the environment.
import { portsFromEnv } from './config';
import { parseFaultSpec } from './faults';
import { startSandbox } from './server';

const started = performance.now();
const ports = portsFromEnv();
try {
  const sandbox = await startSandbox({
    port: ports.sandbox,
    viewerOrigin: process.env.VIEWER_ORIGIN ?? `http://127.0.0.1:${ports.viewer}`,
    faults: parseFaultSpec(process.env.SANDBOX_FAULTS),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Sandbox ready in ${seconds} s (synthetic patients loaded in ${(sandbox.seedMs / 1000).toFixed(1)} s): ${sandbox.origin}/`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`The sandbox could not start: ${error instanceof Error ? error.message : String(error)}`);
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port ${ports.sandbox} is in use: stop the other sandbox, or set SANDBOX_PORT.`);
  }
  process.exit(1);
}
