// The region's sources as component tests see them (docs/sandbox-patients.md),
// and how a test makes a section: the ground every other fixture stands on,
// so it imports none of them.

import type { Provenance, Section, SectionNotice, SourceProblem, SourceProgress, SourceRef } from '../../src/record/model';

export const GP: SourceRef = { name: 'gp', organisation: 'Riverside Medical Practice', odsCode: 'ZZ001' };
export const ACUTE: SourceRef = { name: 'acute', organisation: 'Weald General Hospital NHS Trust', odsCode: 'ZZ002' };
export const COMMUNITY: SourceRef = { name: 'community', organisation: 'Downs Community Health NHS Trust', odsCode: 'ZZ003' };
export const MENTAL_HEALTH: SourceRef = { name: 'mental-health', organisation: 'North Downs Mental Health NHS Trust', odsCode: 'ZZ004' };
export const SOCIAL_CARE: SourceRef = { name: 'social-care', organisation: 'County Council Social Care', odsCode: 'ZZ005' };
export const SOURCES: SourceRef[] = [GP, ACUTE, COMMUNITY, MENTAL_HEALTH, SOCIAL_CARE];

/** 14:02 on 22-Nov-2026, GMT: shown as "22-Nov-2026 14:02". */
export const ATTEMPT = '2026-11-22T14:02:00Z';

export function prov(source: SourceRef, resource: string, recorded?: string, author?: string): Provenance {
  return { source, resource, recorded, author, lastUpdated: '2026-11-20T09:00:00Z' };
}

export function timedOut(source: SourceRef): SourceProblem {
  return { source, kind: 'timed-out', reason: 'No answer within 10 seconds', at: ATTEMPT };
}

/** A section with the given items; every source loaded unless `progress` says otherwise. */
export function section<T>(
  items: T[],
  progress: Partial<Record<string, SourceProgress>> = {},
  notices: SectionNotice[] = [],
  sources: SourceRef[] = SOURCES,
): Section<T> {
  const all: Record<string, SourceProgress> = {};
  for (const s of sources) all[s.name] = progress[s.name] ?? 'loaded';
  return { items, progress: all, notices };
}

export const loadingEverywhere = (sources: SourceRef[] = SOURCES): Record<string, SourceProgress> =>
  Object.fromEntries(sources.map((s) => [s.name, 'loading' as const]));

export const failedEverywhere = (sources: SourceRef[] = SOURCES): Record<string, SourceProgress> =>
  Object.fromEntries(sources.map((s) => [s.name, timedOut(s)]));

/** PATEL's record comes from three sources. */
export const PATEL_SOURCES = [GP, ACUTE, COMMUNITY];
