// The timeline's filters: by source, by kind and by date range, read from and
// written to the query string so that a filtered view can be shared.

import { parseFhirDate, toInstant } from '../format/dates';
import type { TimelineEntry, TimelineKind } from './model';
import { TIMELINE_KINDS } from './timeline-kinds';

/** What the timeline is narrowed to. Empty lists mean every source or kind. */
export interface TimelineFilters {
  sources: string[];
  kinds: TimelineKind[];
  /** First day shown, `YYYY-MM-DD` (UK calendar). */
  from?: string;
  /** Last day shown, `YYYY-MM-DD`. */
  to?: string;
}

/** The query-string parameters that carry the filters, so a view can be shared. */
export const TIMELINE_PARAMS = Object.freeze({ source: 'tl-source', kind: 'tl-kind', from: 'tl-from', to: 'tl-to' });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string | null | undefined): value is string {
  return typeof value === 'string' && DAY.test(value) && parseFhirDate(value) !== undefined;
}

/** Repeated (`tl-kind=ae&tl-kind=admission`) or comma-separated values. */
function listParam(params: URLSearchParams, name: string): string[] {
  return [
    ...new Set(
      params
        .getAll(name)
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

/** Filters from a query string; unknown kinds and malformed dates are ignored. */
export function readTimelineFilters(search: string | URLSearchParams): TimelineFilters {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const kinds = listParam(params, TIMELINE_PARAMS.kind).filter((k): k is TimelineKind => (TIMELINE_KINDS as string[]).includes(k));
  const from = params.get(TIMELINE_PARAMS.from);
  const to = params.get(TIMELINE_PARAMS.to);
  return {
    sources: listParam(params, TIMELINE_PARAMS.source),
    kinds,
    ...(isDay(from) ? { from } : {}),
    ...(isDay(to) ? { to } : {}),
  };
}

/** A copy of `params` with the timeline's parameters set to `filters` (others kept as they were). */
export function writeTimelineFilters(params: URLSearchParams, filters: TimelineFilters): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const name of Object.values(TIMELINE_PARAMS)) out.delete(name);
  for (const source of filters.sources) out.append(TIMELINE_PARAMS.source, source);
  for (const kind of filters.kinds) out.append(TIMELINE_PARAMS.kind, kind);
  if (filters.from) out.set(TIMELINE_PARAMS.from, filters.from);
  if (filters.to) out.set(TIMELINE_PARAMS.to, filters.to);
  return out;
}

export function hasTimelineFilters(filters: TimelineFilters): boolean {
  return filters.sources.length > 0 || filters.kinds.length > 0 || Boolean(filters.from) || Boolean(filters.to);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

const WITH_OFFSET = /T.*(?:Z|[+-]\d{2}:\d{2})$/;

/** First and last UK calendar day a (possibly partial) date covers, as `YYYY-MM-DD`. */
function daysCovered(value: string | undefined): [string, string] | undefined {
  // UK time is UTC or UTC+1: before 23:00 UTC the UK day is the UTC day, with no time-zone arithmetic.
  if (value !== undefined && WITH_OFFSET.test(value)) {
    const instant = toInstant(value);
    if (instant && instant.getUTCHours() < 23) {
      const day = instant.toISOString().slice(0, 10);
      return [day, day];
    }
  }
  const parts = parseFhirDate(value);
  if (!parts) return undefined;
  const year = String(parts.year).padStart(4, '0');
  if (parts.month === undefined) return [`${year}-01-01`, `${year}-12-31`];
  const month = `${year}-${pad2(parts.month)}`;
  if (parts.day === undefined) return [`${month}-01`, `${month}-${pad2(new Date(Date.UTC(parts.year, parts.month, 0)).getUTCDate())}`];
  const day = `${month}-${pad2(parts.day)}`;
  return [day, day];
}

/** Entries' days, computed once per entry object (formatting instants in UK time is not free). */
const spans = new WeakMap<TimelineEntry, [string, string] | null>();

function spanOf(entry: TimelineEntry): [string, string] | undefined {
  let span = spans.get(entry);
  if (span === undefined) {
    const start = daysCovered(entry.date);
    const end = daysCovered(entry.end);
    span = start ? [start[0], end && end[1] > start[1] ? end[1] : start[1]] : null;
    spans.set(entry, span);
  }
  return span ?? undefined;
}

/**
 * The entries the filters let through, order kept. A date range keeps every
 * entry whose days overlap it (a year-only date overlaps any range in that
 * year; an admission overlaps from admission to discharge); undated entries
 * are shown only when no date range is set.
 */
export function filterTimeline(entries: readonly TimelineEntry[], filters: TimelineFilters): TimelineEntry[] {
  const sources = filters.sources.length ? new Set(filters.sources) : undefined;
  const kinds = filters.kinds.length ? new Set<string>(filters.kinds) : undefined;
  const { from, to } = filters;
  return entries.filter((entry) => {
    if (sources && !sources.has(entry.provenance.source.name)) return false;
    if (kinds && !kinds.has(entry.kind)) return false;
    if (!from && !to) return true;
    const span = spanOf(entry);
    return span !== undefined && (!from || span[1] >= from) && (!to || span[0] <= to);
  });
}
