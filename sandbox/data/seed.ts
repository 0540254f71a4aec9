// The sandbox's synthetic record: for each source, transaction Bundles holding
// its directory, the scenario patients of docs/sandbox-patients.md and BENNETT's
// long generated record. Every date is relative to `today`.
import type { Bundle } from '@medplum/fhirtypes';
import { SOURCES, type SourceName } from '../config';
import { SourceBuilder } from './builders';
import { buildBennett } from './bennett';
import { Clock } from './dates';
import { addDirectory, sourceOf, type Directory } from './directory';
import { addClarke } from './patients/clarke';
import { addEvans } from './patients/evans';
import { addFletcher } from './patients/fletcher';
import { addHughes } from './patients/hughes';
import { addNowak } from './patients/nowak';
import { addOkafor } from './patients/okafor';
import { addPatel } from './patients/patel';
import { addThompson } from './patients/thompson';
import { addUnknown } from './patients/unknown';
import type { World } from './world';

export type Seed = Record<SourceName, Bundle[]>;

function perSource<T>(make: (name: SourceName) => T): Record<SourceName, T> {
  return Object.fromEntries(SOURCES.map((s) => [s.name, make(s.name)])) as Record<SourceName, T>;
}

/** The directories and scenario patients (everyone but BENNETT): one Bundle per source. */
export function buildScenarioSeed(today: Date): Seed {
  const clock = new Clock(today);
  const b = perSource((name) => new SourceBuilder(sourceOf(name), clock));
  const dir: Record<SourceName, Directory> = perSource((name) => addDirectory(b[name]));
  const w: World = { clock, b, dir };
  for (const add of [addThompson, addOkafor, addNowak, addPatel, addEvans, addUnknown, addHughes, addClarke, addFletcher]) add(w);
  return perSource((name) => b[name].bundles({ allSharedFirst: true }));
}

/** Everything the sandbox loads at start, in loading order per source. */
export function buildSeed(today: Date): Seed {
  const scenarios = buildScenarioSeed(today);
  const bennett = buildBennett(today);
  return perSource((name) => [...scenarios[name], ...bennett[name]]);
}
