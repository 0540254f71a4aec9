// The input of the record builders: one source's answer to one query.

import type { Resource } from '@medplum/fhirtypes';
import type { SourceProblem, SourceRef } from './section';

/**
 * What the fetching layer (src/sources) hands the record builders: the answer
 * of one source to one query. Builders rebuild sections from all results so far.
 */
export interface QueryResult {
  source: SourceRef;
  /** The resource type asked for, e.g. `MedicationRequest`. */
  resourceType: string;
  outcome:
    | {
        kind: 'loaded';
        /** Every resource the search returned, including `_include`d ones. */
        resources: Resource[];
        /** Bundle.total when the server gave it. */
        total?: number;
        /** True when paging stopped at the configured cap before the end. */
        truncated: boolean;
        /** OperationOutcome issues returned with the search (severity warning/information). */
        warnings: string[];
        /** The server left out restricted resources the user's role may not see. */
        restrictedWithheld?: boolean;
        /** How many it left out, when it said. */
        restrictedWithheldCount?: number;
      }
    | { kind: 'problem'; problem: SourceProblem };
}
