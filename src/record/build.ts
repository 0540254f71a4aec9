// What every section builder receives, and the guard that keeps one bad
// resource from taking a section down with it.

import type { Resource, ResourceType } from '@medplum/fhirtypes';
import type { SourceProgress, SourceRef } from './model';

/** One source's contribution to a section: its progress and the resources received so far. */
export interface SourceInput {
  source: SourceRef;
  progress: SourceProgress;
  /** Validated resources for the accepted patient, including `_include`d ones. */
  resources: Resource[];
  /** How many of this section's resources arrived malformed and were left out before building. */
  skipped?: number;
}

export interface BuildContext {
  now: Date;
  /** Told about a resource that could not be built; it is left out and counted. */
  onSkip?: (source: SourceRef, resource: Resource) => void;
  /**
   * Where a builder may keep what it built, to reuse on the next build of the
   * same patient's record. It belongs to that record (the loader's assembly)
   * and is dropped with it, so nothing of a patient outlives their record.
   */
  memory?: BuildMemory;
}

/** A builder's store between builds of one record (a Map will do). */
export interface BuildMemory {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

type OfType<K extends ResourceType> = Extract<Resource, { resourceType: K }>;

export function ofType<K extends ResourceType>(resources: Resource[], type: K): OfType<K>[] {
  return resources.filter((r): r is OfType<K> => r?.resourceType === type);
}

/**
 * Maps every resource of one type through `build`; `undefined` leaves it out on
 * purpose (e.g. entered in error), a throw leaves it out and reports it skipped.
 */
export function buildEach<K extends ResourceType, T>(
  input: SourceInput,
  type: K,
  context: BuildContext,
  build: (resource: OfType<K>) => T | undefined,
): T[] {
  const built: T[] = [];
  for (const resource of ofType(input.resources, type)) {
    try {
      const item = build(resource);
      if (item !== undefined) built.push(item);
    } catch {
      context.onSkip?.(input.source, resource);
    }
  }
  return built;
}
