// Section state for the components: displayState (the core's pure sectionState
// for a section that may not be built yet), plus the
// per-source breakdown the frame names in its status lines.

import { isExcluded, sectionState } from '../../src/record/section-state';
import type { Section, SectionState, SourceProblem, SourceRef } from '../../src/record/model';

/** What a section shows (the core's sectionState); a section not built yet reads as loading. */
export function displayState(section: Section<unknown> | undefined): SectionState {
  return section ? sectionState(section) : 'loading';
}

/** Sources by what they answered, in the record's configured order, named by organisation. */
export function sourceBreakdown(
  section: Section<unknown> | undefined,
  sources: readonly SourceRef[],
): { loaded: SourceRef[]; loading: SourceRef[]; failed: SourceProblem[]; excluded: SourceProblem[] } {
  const byName = new Map(sources.map((s) => [s.name, s]));
  const ref = (name: string): SourceRef => byName.get(name) ?? { name, organisation: name };
  const out = { loaded: [] as SourceRef[], loading: [] as SourceRef[], failed: [] as SourceProblem[], excluded: [] as SourceProblem[] };
  // Configured order first, then any source the record did not list.
  const names = [...sources.map((s) => s.name), ...Object.keys(section?.progress ?? {})];
  for (const name of new Set(names)) {
    const p = section?.progress[name];
    if (p === undefined) continue;
    if (p === 'loaded') out.loaded.push(ref(name));
    else if (p === 'loading') out.loading.push(ref(name));
    else if (isExcluded(p)) out.excluded.push(p);
    else out.failed.push(p);
  }
  return out;
}
