// The figures of one run, and of a case (median, minimum and maximum over its
// measured runs). Every figure is defined in bench/README.md.
import { repeatedRequests, type BrowserRun } from './browser-run';
import type { Floor } from './floor';

export interface RunFigures {
  shellMs?: number;
  bannerMs?: number;
  alertsMs?: number;
  completeMs?: number;
  floorBannerMs?: number;
  floorAlertsMs?: number;
  floorCompleteMs?: number;
  /** The floor with at most six requests in flight, as a browser over HTTP/1.1 to one origin. */
  floor6AlertsMs?: number;
  floor6CompleteMs?: number;
  bannerRatio?: number;
  alertsRatio?: number;
  completeRatio?: number;
  requests: number;
  /** Transferred: response headers and bodies, kB (1000 bytes). */
  transferredKb: number;
  /** Requests to the sandbox (FHIR, auth, host). */
  sandboxRequests: number;
  /** CORS preflights (OPTIONS) the browser added. */
  preflights: number;
  /** Extra network answers for URLs already answered in the same launch. */
  repeatedRequests: number;
  heapMb?: number;
  domElements?: number;
  /** Null: the record has no <cr-record-timeline> (yet). */
  timelineElements?: number | null;
  longTasks: number;
  longTaskMs: number;
  scriptMs?: number;
}

export type FigureName = keyof RunFigures;

export function runFigures(run: BrowserRun, floor: Floor | undefined, sandboxOrigin: string): RunFigures {
  const until = run.t0 + (run.marks.complete ?? Infinity);
  const requests = run.requests.filter((r) => r.start <= until);
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : undefined);
  return {
    shellMs: run.marks.shell,
    bannerMs: run.marks.banner,
    alertsMs: run.marks.alerts,
    completeMs: run.marks.complete,
    floorBannerMs: floor?.bannerMs,
    floorAlertsMs: floor?.alertsMs,
    floorCompleteMs: floor?.completeMs,
    floor6AlertsMs: floor?.sixPerOrigin?.alertsMs,
    floor6CompleteMs: floor?.sixPerOrigin?.completeMs,
    bannerRatio: ratio(run.marks.banner, floor?.bannerMs),
    alertsRatio: ratio(run.marks.alerts, floor?.alertsMs),
    completeRatio: ratio(run.marks.complete, floor?.completeMs),
    requests: requests.length,
    transferredKb: requests.reduce((t, r) => t + r.responseBytes, 0) / 1000,
    sandboxRequests: requests.filter((r) => r.url.startsWith(`${sandboxOrigin}/`)).length,
    preflights: run.preflights.filter((p) => p.start <= until).length,
    repeatedRequests: repeatedRequests(requests).reduce((n, r) => n + Math.max(0, r.transferred - 1), 0),
    heapMb: run.heapUsedMb,
    domElements: run.domElements,
    timelineElements: run.timeline === undefined ? undefined : run.timeline === null ? null : run.timeline.maxElements,
    longTasks: run.longTasks.count,
    longTaskMs: run.longTasks.totalMs,
    scriptMs: run.cpu?.scriptMs,
  };
}

export interface Stat {
  median: number;
  min: number;
  max: number;
  /** Runs that gave this figure. */
  n: number;
}

export type CaseFigures = Partial<Record<FigureName, Stat | null>>;

/** Median, minimum and maximum of each figure over the runs that have it; null where no run could have it (no timeline). */
export function caseFigures(runs: readonly RunFigures[]): CaseFigures {
  const out: CaseFigures = {};
  const names = new Set(runs.flatMap((r) => Object.keys(r) as FigureName[]));
  for (const name of names) {
    const values = runs.map((r) => r[name]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (values.length === 0) {
      if (runs.some((r) => r[name] === null)) out[name] = null;
      continue;
    }
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
    out[name] = { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, n: values.length };
  }
  return out;
}
