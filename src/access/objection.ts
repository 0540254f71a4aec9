// The record-level objection state: when any source says the patient has
// objected to sharing, the viewer shows none of the shared record (only who the
// patient is), whatever other sources answered.

import type { SourceProblem, SourceRef } from '../record/model';
import { isRecord } from '../json/is-record';

export interface ObjectionState {
  objected: boolean;
  /** The sources that reported the objection, in record order, once each. */
  sources: SourceRef[];
}

/** Reads every section of a record (any object with a `progress` map) for `objection` problems. */
export function objectionOf(record: object | undefined): ObjectionState {
  const found = new Map<string, SourceRef>();
  for (const value of Object.values(record ?? {})) {
    const progress: unknown = isRecord(value) ? value.progress : undefined;
    if (!isRecord(progress)) continue;
    for (const p of Object.values(progress)) {
      if (isProblem(p) && p.kind === 'objection') found.set(p.source.name, p.source);
    }
  }
  return { objected: found.size > 0, sources: [...found.values()] };
}

function isProblem(value: unknown): value is SourceProblem {
  return isRecord(value) && typeof value.kind === 'string' && isRecord(value.source);
}
