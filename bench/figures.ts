// The figures of one run, and of a case (median, minimum and maximum over its
// measured runs). Every figure is defined in bench/README.md.
import { repeatedRequests, type BrowserRun, type NetworkLoad } from './browser-run';
import type { BrowserFloor, CapturedRequest, Floor } from './floor';

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
  /** The browser floor of the same run: the same launch and requests in Chromium by pages with no viewer code. */
  bfBannerMs?: number;
  bfAlertsMs?: number;
  bfCompleteMs?: number;
  alertsBrowserRatio?: number;
  completeBrowserRatio?: number;
  /** The viewer's first FHIR data request: from the launch click, and from the token's answer. */
  firstFhirMs?: number;
  firstFhirAfterTokenMs?: number;
  /** The same for the browser floor. */
  bfFirstFhirMs?: number;
  bfFirstFhirAfterTokenMs?: number;
  /** The browser floor's requests and preflights, to compare with the viewer's. */
  bfRequests?: number;
  bfPreflights?: number;
  /** Times config.json was asked for in the launch (cache hits and 304s included). */
  configFetches: number;
  /** The record page's own files (its scripts, styles, config.json) answered 304 after a round trip, rather than from the cache. */
  revalidated: number;
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

export interface RunSources {
  /** The network floor of the run. */
  floor?: Floor;
  /** The browser floor of the run, and its launch. */
  browserFloor?: BrowserFloor;
  floorRun?: BrowserRun;
  sandboxOrigin: string;
  viewerOrigin: string;
}

export function runFigures(run: BrowserRun, { floor, browserFloor, floorRun, sandboxOrigin, viewerOrigin }: RunSources): RunFigures {
  const until = run.t0 + (run.marks.complete ?? Infinity);
  const requests = run.requests.filter((r) => r.start <= until);
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : undefined);
  const first = firstFhirRequest(run.requests, sandboxOrigin, run.t0);
  const floorFirst = floorRun ? firstFhirRequest(floorRun.requests, sandboxOrigin, floorRun.t0) : undefined;
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
    bfBannerMs: browserFloor?.bannerMs,
    bfAlertsMs: browserFloor?.alertsMs,
    bfCompleteMs: browserFloor?.completeMs,
    alertsBrowserRatio: ratio(run.marks.alerts, browserFloor?.alertsMs),
    completeBrowserRatio: ratio(run.marks.complete, browserFloor?.completeMs),
    firstFhirMs: first?.fromClickMs,
    firstFhirAfterTokenMs: first?.afterTokenMs,
    bfFirstFhirMs: floorFirst?.fromClickMs,
    bfFirstFhirAfterTokenMs: floorFirst?.afterTokenMs,
    bfRequests: floorRun?.requests.length,
    bfPreflights: floorRun?.preflights.length,
    configFetches: configFetches(run.loads, viewerOrigin),
    revalidated: recordPageCaching(run.loads, viewerOrigin).revalidated.length,
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

/**
 * The first FHIR data request (one carrying the token: not the SMART
 * configuration or metadata) after the code exchange, as the waterfall shows
 * it: when the page asked for it (before any preflight), from the launch
 * click and from the token's answer.
 */
export function firstFhirRequest(
  requests: readonly Pick<CapturedRequest, 'method' | 'url' | 'start' | 'end' | 'status'>[],
  sandboxOrigin: string,
  t0: number,
): { fromClickMs: number; afterTokenMs: number } | undefined {
  const at = (r: { url: string }) => (URL.canParse(r.url) ? new URL(r.url) : undefined);
  const token = requests.find(
    (r) => r.method === 'POST' && at(r)?.origin === sandboxOrigin && at(r)!.pathname.endsWith('/token') && r.status === 200,
  );
  if (!token) return undefined;
  const data = requests
    .filter((r) => {
      const url = at(r);
      return (
        url?.origin === sandboxOrigin &&
        url.pathname.startsWith('/fhir/') &&
        !url.pathname.includes('/.well-known/') &&
        !url.pathname.endsWith('/metadata') &&
        r.start >= token.start
      );
    })
    .sort((a, b) => a.start - b.start)[0];
  return data ? { fromClickMs: data.start - t0, afterTokenMs: data.start - token.end } : undefined;
}

const isRecordPage = (url: URL) => url.pathname === '/' || url.pathname === '/index.html';

/** config.json asked for in the launch, however it was answered. */
export function configFetches(loads: readonly NetworkLoad[], viewerOrigin: string): number {
  return loads.filter((l) => URL.canParse(l.url) && new URL(l.url).origin === viewerOrigin && new URL(l.url).pathname === '/config.json')
    .length;
}

/**
 * How the record page's own files (everything it asks of the viewer's origin
 * but itself) were answered: from the browser's cache without asking, with a
 * 304 after a round trip (revalidated), or over the network. Paths, in order.
 */
export function recordPageCaching(
  loads: readonly NetworkLoad[],
  viewerOrigin: string,
): { fromCache: string[]; revalidated: string[]; network: string[] } {
  const out = { fromCache: [] as string[], revalidated: [] as string[], network: [] as string[] };
  for (const load of loads) {
    if (!URL.canParse(load.url) || !URL.canParse(load.documentUrl)) continue;
    const url = new URL(load.url);
    const page = new URL(load.documentUrl);
    if (url.origin !== viewerOrigin || page.origin !== viewerOrigin || !isRecordPage(page) || isRecordPage(url)) continue;
    if (load.fromCache) out.fromCache.push(url.pathname);
    else if (load.status === 304) out.revalidated.push(url.pathname);
    else out.network.push(url.pathname);
  }
  return out;
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
