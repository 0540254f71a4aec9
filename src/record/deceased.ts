// Whether the person has died, from every source's Patient: one source saying
// so is enough to say so (a death recorded anywhere must never be missed), and
// sources that disagree (another date, or holding the person as alive) are
// said, never resolved silently.

import { formatDate } from '../format/dates';
import type { PatientSummary, Section, SourceRef } from './model';

export interface DeceasedStatus {
  /** The date of death as the first source giving one records it (launching source first). */
  date?: string;
  /** Each source that records the death, with its date when it gives one. */
  recordedBy: { source: SourceRef; date?: string }[];
  /** Where the sources disagree, in words, e.g. "Weald General Hospital NHS Trust does not record a death". */
  conflicts: string[];
}

const day = (date: string | undefined): string | undefined => date?.slice(0, 10);

/** The death recorded by any source, with its conflicts; undefined when no source records one. */
export function deceasedStatus(patient: Pick<Section<PatientSummary>, 'items'> | undefined): DeceasedStatus | undefined {
  const summaries = patient?.items ?? [];
  const recordedBy = summaries.filter((p) => p.deceased).map((p) => ({ source: p.provenance.source, date: p.deceased?.date }));
  if (recordedBy.length === 0) return undefined;
  const conflicts: string[] = [];
  const dated = recordedBy.filter((r) => r.date);
  if (new Set(dated.map((r) => day(r.date))).size > 1) {
    conflicts.push(`Date of death differs: ${dated.map((r) => `${formatDate(r.date)} (${r.source.organisation})`).join('; ')}`);
  }
  const alive = [...new Set(summaries.filter((p) => !p.deceased).map((p) => p.provenance.source.organisation))];
  for (const organisation of alive) conflicts.push(`${organisation} does not record a death`);
  return { date: dated[0]?.date, recordedBy, conflicts };
}
