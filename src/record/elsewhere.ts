// "None recorded" only when it is true: a section with nothing of its own
// says what the record holds elsewhere that bears on it, e.g. "No social care
// summary recorded; 210 contacts with County Council Social Care in the timeline".

import { formatNumber } from '../format/quantity';
import { isMentalHealthSource, isSocialCareSource } from './care-common';
import type { SourceRef, TimelineEntry } from './model';

export interface Elsewhere {
  /** The whole sentence, e.g. "No social care summary recorded; 210 contacts with County Council Social Care in the timeline". */
  text: string;
  /** The sources whose timeline entries it counts (the timeline's source filter). */
  sources: string[];
}

const WHAT: Record<'socialCare' | 'mentalHealth' | 'careTeam', { none: string; from: (s: SourceRef) => boolean }> = {
  socialCare: { none: 'No social care summary recorded', from: isSocialCareSource },
  mentalHealth: { none: 'No mental health summary recorded', from: isMentalHealthSource },
  // A care team is named by whoever the person has contact with: any source.
  careTeam: { none: 'No care team recorded', from: () => true },
};

/** What the timeline holds for an empty section, or undefined when it holds nothing either. */
export function elsewhere(section: keyof typeof WHAT, timeline: readonly TimelineEntry[]): Elsewhere | undefined {
  const { none, from } = WHAT[section];
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
