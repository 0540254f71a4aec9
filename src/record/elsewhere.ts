// "None recorded" only when it is true: a section with nothing of its own
// says what the record holds elsewhere that bears on it, e.g. "No social care
// summary recorded; 210 contacts with County Council Social Care in the timeline".

import { formatNumber } from '../format/quantity';
import type { SourceRef, TimelineEntry } from './model';
import { SECTIONS, type ElsewhereSection } from './sections';

export interface Elsewhere {
  /** The whole sentence, e.g. "No social care summary recorded; 210 contacts with County Council Social Care in the timeline". */
  text: string;
  /** The sources whose timeline entries it counts (the timeline's source filter). */
  sources: string[];
}

/** What the timeline holds for an empty section, or undefined when it holds nothing either. */
export function elsewhere(section: ElsewhereSection, timeline: readonly TimelineEntry[]): Elsewhere | undefined {
  // Each section's wording and the sources that bear on it are its registry entry's.
  const { none, from } = SECTIONS[section].elsewhere;
  const bySource = new Map<string, { source: SourceRef; count: number }>();
  for (const entry of timeline) {
    const source = entry.provenance.source;
    if (entry.upcoming || !from(source)) continue;
    const known = bySource.get(source.name) ?? { source, count: 0 };
    known.count++;
    bySource.set(source.name, known);
  }
  if (bySource.size === 0) return undefined;
  const parts = [...bySource.values()].map(({ source, count }) => `${formatNumber(count)} with ${source.organisation}`);
  const total = [...bySource.values()].reduce((n, s) => n + s.count, 0);
  const what =
    bySource.size === 1
      ? `${formatNumber(total)} contact${total === 1 ? '' : 's'} with ${[...bySource.values()][0]!.source.organisation}`
      : `contacts in the timeline: ${parts.join(', ')}`;
  return {
    text: bySource.size === 1 ? `${none}; ${what} in the timeline` : `${none}; ${what}`,
    sources: [...bySource.keys()],
  };
}
