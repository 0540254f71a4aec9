// Every state a record can be in, made from the component tests' own fixtures
// (fixtures.ts and the *-fixtures.ts beside it): the gallery (npm run gallery)
// shows each view of <care-record> in each, and components/gallery/gallery.test.ts
// checks each the same way (axe, and words that tell the states apart). One set
// of fixtures, not a second.

import type { CareRecord, Section, SourceProblem, SourceProgress, SourceRef } from '../../src/record/model';
import { VIEWS, type ViewId } from '../care-record/views';
import { loadingRecord, thompson } from './fixtures';
import { ACUTE, ATTEMPT, MENTAL_HEALTH, SOURCES, timedOut } from './source-fixtures';

export const GALLERY_STATES = ['loading', 'empty', 'partial', 'failed', 'withheld', 'conflict'] as const;
export type GalleryState = (typeof GALLERY_STATES)[number];

export const STATE_LABELS: Record<GalleryState, string> = {
  loading: 'Loading: no source has answered yet',
  empty: 'Empty: every source answered, nothing recorded',
  partial: 'Partial: one source (the hospital) timed out, the others answered',
  failed: 'Failed: no source could be loaded',
  withheld: 'Withheld: a source withheld what this role may not see',
  conflict: 'Conflict: sources disagree (amlodipine 5 mg at the GP, 10 mg on the ward)',
};

const isSection = (value: unknown): value is Section<unknown> =>
  typeof value === 'object' && value !== null && Array.isArray((value as Section<unknown>).notices);

/** The record with every section changed by `change` (other fields kept). */
function eachSection(record: CareRecord, change: (section: Section<unknown>) => Section<unknown>): CareRecord {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, isSection(value) ? change(value) : value]),
  ) as unknown as CareRecord;
}

/** A section with nothing in it: its items and every list beside them emptied. */
function emptied(section: Section<unknown>, progress: Record<string, SourceProgress>): Section<unknown> {
  const fields = Object.fromEntries(Object.entries(section).map(([key, value]) => [key, Array.isArray(value) ? [] : value]));
  return { ...fields, items: [], notices: [], progress };
}

const everySource = (progress: (source: SourceRef) => SourceProgress) => Object.fromEntries(SOURCES.map((s) => [s.name, progress(s)]));
const withheld = (source: SourceRef): SourceProblem => ({
  source,
  kind: 'withheld',
  reason: 'Restricted: not shown to your role',
  at: ATTEMPT,
});

/** Margaret Thompson's record (or none of it) in the given state. */
export function recordIn(state: GalleryState): CareRecord {
  switch (state) {
    case 'loading':
      return loadingRecord();
    case 'empty':
      // The person is known (their banner), and nothing else is recorded anywhere.
      return {
        ...eachSection(thompson(), (s) =>
          emptied(
            s,
            everySource(() => 'loaded'),
          ),
        ),
        patient: thompson().patient,
      };
    case 'partial':
      return eachSection(thompson(), (s) => ({ ...s, progress: { ...s.progress, [ACUTE.name]: timedOut(ACUTE) } }));
    case 'failed':
      return eachSection(thompson(), (s) => emptied(s, everySource(timedOut)));
    case 'withheld':
      return eachSection(thompson(), (s) => ({
        ...s,
        progress: { ...s.progress, [MENTAL_HEALTH.name]: withheld(MENTAL_HEALTH) },
        notices: [
          ...s.notices,
          {
            kind: 'withheld' as const,
            source: MENTAL_HEALTH,
            text: 'Some entries withheld by North Downs Mental Health NHS Trust: restricted, not shown to your role.',
          },
        ],
      }));
    case 'conflict':
      return thompson();
  }
}

/** The views of <care-record>, each showing its own elements (the summary shows the first screen's). */
export const GALLERY_VIEWS: readonly { id: ViewId; label: string; elements: string }[] = VIEWS.map((v) => ({
  id: v.id,
  label: v.label,
  elements: {
    summary:
      '<cr-alerts-strip>, <cr-patient-context>, <cr-current-location>, <cr-source-status>, <cr-recent-contacts>, <cr-medication-list>, <cr-allergy-list>, <cr-problem-list>',
    medications: '<cr-medication-list>',
    allergies: '<cr-allergy-list>',
    problems: '<cr-problem-list>, <cr-procedure-list>',
    results: '<cr-results-list>, <cr-immunisation-list>',
    timeline: '<cr-record-timeline>',
    documents: '<cr-document-list>',
    'care-plans': '<cr-care-plan-list>',
    people: '<cr-care-team-list>',
    'social-care': '<cr-social-care-summary>',
    'mental-health': '<cr-mental-health-summary>',
  }[v.id],
}));
