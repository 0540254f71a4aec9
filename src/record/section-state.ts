// The display state of a section, derived from its items and per-source
// progress so that "nothing recorded" and "could not load" never look alike.

import type { Section, SectionState, SourceProgress } from './model';

/** A source that does not hold the patient has nothing to give; that is not a failure. */
function isFailure(progress: SourceProgress): boolean {
  return typeof progress === 'object' && progress.kind !== 'not-held';
}

/**
 * - loading: no items yet and some source is still loading (never "empty" early);
 * - failed: every source failed and there is nothing to show;
 * - partial: some sources failed (or all failed but items arrived from parts that did load);
 * - loaded: items, no failures (other sources may still be loading: see progress);
 * - empty: every source answered, nothing recorded.
 */
export function sectionState(section: Pick<Section<unknown>, 'items' | 'progress'>): SectionState {
  const progress = Object.values(section.progress);
  const hasItems = section.items.length > 0;
  const failures = progress.filter(isFailure).length;
  if (failures > 0 && failures === progress.length) return hasItems ? 'partial' : 'failed';
  if (failures > 0) return 'partial';
  if (hasItems) return 'loaded';
  return progress.includes('loading') ? 'loading' : 'empty';
}
