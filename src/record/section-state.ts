// The display state of a section, derived from its items and per-source
// progress so that "nothing recorded" and "could not load" never look alike.

import { isExcludedKind } from '../access/source-problems';
import type { Section, SectionState, SourceProblem, SourceProgress } from './model';

/**
 * Sources deliberately not used for this patient: they do not hold them, the
 * patient has no NHS number to find them by, or their record's identity does
 * not match. Not failures of a section: the record's source status line says
 * once, for the whole record, why each was left out.
 */
export function isExcluded(progress: SourceProgress): progress is SourceProblem {
  return typeof progress === 'object' && isExcludedKind(progress.kind);
}

/** A source that was asked and could not answer for this section (failed, timed out, withheld...). */
export function isFailure(progress: SourceProgress): progress is SourceProblem {
  return typeof progress === 'object' && !isExcludedKind(progress.kind);
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
