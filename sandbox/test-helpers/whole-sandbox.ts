// The whole sandbox (synthetic patients loaded) on a free port around one test
// file, with the look-ups its tests share.
import { afterAll, beforeAll } from 'vitest';
import type { SourceName } from '../config';
import { startSandbox, type RunningSandbox } from '../server';

export interface WholeSandbox {
  /** The running sandbox: available from the file's first test on. */
  readonly sandbox: RunningSandbox;
  /** Functions, not methods: tests take them out of the object. */
  readonly base: (source: SourceName) => string;
  /** The patient's FHIR id at a source, found by NHS number. */
  readonly patientId: (source: SourceName, nhsNumber: string) => Promise<string>;
}

export function useWholeSandbox(viewerOrigin: string): WholeSandbox {
  let running: RunningSandbox | undefined;
  beforeAll(async () => {
    running = await startSandbox({ port: 0, viewerOrigin });
    console.log(`synthetic patients loaded in ${(running.seedMs / 1000).toFixed(1)} s`);
  });
  afterAll(async () => {
    await running?.close();
  });
  const world: WholeSandbox = {
    get sandbox() {
      if (!running) throw new Error('The sandbox is not running yet: use it inside a test or hook');
      return running;
    },
    base: (source) => `${world.sandbox.origin}/fhir/${source}`,
    patientId: async (source, nhsNumber) => {
      const [patient] = await world.sandbox.sources.get(source)!.findPatientsByNhsNumber(nhsNumber);
      if (!patient?.id) throw new Error(`${nhsNumber} not in ${source}`);
      return patient.id;
    },
  };
  return world;
}
