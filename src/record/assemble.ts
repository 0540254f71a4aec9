// The whole CareRecord from every query result received so far, with every
// section's builder (see assemble-with.ts for how it is put together).

import { assembleWith, type RecordAssembly } from './assemble-with';
import type { CareRecord, QueryResult, SourceRef } from './model';
import { SECTION_BUILDERS } from './section-builders';

export { sectionState } from './section-state';

export function assembleRecord(
  sources: SourceRef[],
  results: QueryResult[],
  now: Date = new Date(),
  assembly?: RecordAssembly,
): CareRecord {
  return assembleWith(SECTION_BUILDERS, sources, results, now, assembly);
}
