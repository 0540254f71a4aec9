// What the bench prints: the results table, the budget verdicts, and on request
// a request waterfall of a run against its floor.
import type { BundleMeasurement } from '../scripts/check-bundle-size.mjs';
import type { BrowserRun } from './browser-run';
import type { Verdict } from './budget';
import type { CaseFigures, Stat } from './figures';
import type { Floor } from './floor';
import type { BenchCase } from './options';
import type { HotSpot } from './profile';

export interface CaseResult {
  case: BenchCase;
  figures: CaseFigures;
  runs: number;
  failedRuns: number;
  /** How the record page's own files were answered, in the first measured run. */
  caching?: { fromCache: string[]; revalidated: string[]; network: string[] };
  /** Main-thread self time before the alerts' first paint, in the profiled launch: by source file, and by function. */
  hotFiles?: HotSpot[];
  hotFunctions?: HotSpot[];
  /** Chromium's own entries before the alerts: (program), (garbage collector). */
  chromiumMs?: Record<string, number>;
  /** All main-thread self time before the alerts (idle left out). */
  busyMs?: number;
  profiledAlertsMs?: number;
  /** The browser floor's alerts launch for the same requests, profiled the same way up to its alerts. */
  floorProfile?: { alertsMs: number; busyMs: number; chromiumMs: Record<string, number>; hotFiles: HotSpot[] };
}

const ms = (s: Stat | null | undefined) => (s ? `${Math.round(s.median)} (${Math.round(s.min)}–${Math.round(s.max)})` : '–');
const ratio = (s: Stat | null | undefined) => (s ? `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})` : '–');
const num = (s: Stat | null | undefined, digits = 0) => (s === null ? 'n/a' : s ? s.median.toFixed(digits) : '–');
const runsOf = ({ runs, failedRuns }: CaseResult) => (failedRuns ? `${runs - failedRuns}/${runs}` : String(runs));

/** The viewer's times against both floors of the same runs. */
export function floorsTable(results: readonly CaseResult[]): string {
  const header = [
    'case',
    'runs',
    'banner ms',
    'alerts ms',
    'complete ms',
    'browser floor a / c',
    'alerts ×browser',
    'complete ×browser',
    'network floor a / c',
    'alerts ×network',
    'complete ×network',
  ];
  const rows = results.map((r) => {
    const f = r.figures;
    return [
      r.case.id,
      runsOf(r),
      ms(f.bannerMs),
      ms(f.alertsMs),
      ms(f.completeMs),
      `${num(f.bfAlertsMs)} / ${num(f.bfCompleteMs)}`,
      ratio(f.alertsBrowserRatio),
      ratio(f.completeBrowserRatio),
      `${num(f.floorAlertsMs)} / ${num(f.floorCompleteMs)}`,
      ratio(f.alertsRatio),
      ratio(f.completeRatio),
    ];
  });
  return table([header, ...rows]);
}

/** The request chain: when the first FHIR request left, what was fetched and how, and what the record cost the browser. */
export function requestsTable(results: readonly CaseResult[]): string {
  const header = [
    'case',
    '1st FHIR ms: click / token',
    'floor: click / token',
    'config.json',
    '304s',
    'req (+preflight)',
    'floor req (+pre)',
    'kB',
    'rep',
    'heap MB',
    'DOM',
    'timeline DOM',
    'long tasks (ms)',
  ];
  const rows = results.map(({ case: c, figures: f }) => [
    c.id,
    `${ms(f.firstFhirMs)} / ${num(f.firstFhirAfterTokenMs)}`,
    `${num(f.bfFirstFhirMs)} / ${num(f.bfFirstFhirAfterTokenMs)}`,
    num(f.configFetches),
    num(f.revalidated),
    `${num(f.requests)} (+${num(f.preflights)})`,
    `${num(f.bfRequests)} (+${num(f.bfPreflights)})`,
    num(f.transferredKb),
    num(f.repeatedRequests),
    num(f.heapMb, 1),
    num(f.domElements),
    num(f.timelineElements),
    `${num(f.longTasks)} (${num(f.longTaskMs)})`,
  ]);
  return table([header, ...rows]);
}

/** Per case: the record page's files answered with a 304, and the main thread's self time before the alerts. */
export function caseDetails(results: readonly CaseResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(`${r.case.id}:`);
    if (r.caching) {
      const { fromCache, revalidated, network } = r.caching;
      out.push(
        `  record page's files: ${fromCache.length} from the cache, ${revalidated.length} revalidated (304), ${network.length} over the network`,
      );
      if (revalidated.length > 0) out.push(`    304: ${revalidated.join(' ')}`);
    }
    if (r.hotFiles?.length) {
      out.push(
        `  main-thread self time before the alerts' first paint (profiled launch: alerts at ${Math.round(r.profiledAlertsMs ?? 0)} ms, busy ${Math.round(r.busyMs ?? 0)} ms${chromiumOf(r.chromiumMs)}); top files:`,
      );
      for (const h of r.hotFiles) out.push(`    ${h.selfMs.toFixed(1).padStart(7)} ms  ${h.where}`);
    }
    const floor = r.floorProfile;
    if (floor) {
      const more = r.busyMs === undefined ? '' : `; the viewer's main thread was busy ${Math.round(r.busyMs - floor.busyMs)} ms more`;
      out.push(
        `  the browser floor's alerts launch, profiled the same way: alerts at ${Math.round(floor.alertsMs)} ms, busy ${Math.round(floor.busyMs)} ms${chromiumOf(floor.chromiumMs)}${more}`,
      );
    }
  }
  return out.join('\n');
}

/** `, of which (program) 300 ms, ...`: Chromium's own entries of a profile, or nothing. */
function chromiumOf(entries: Record<string, number> | undefined): string {
  const said = Object.entries(entries ?? {}).map(([name, v]) => `${name} ${Math.round(v)} ms`);
  return said.length > 0 ? `, of which ${said.join(', ')}` : '';
}

export function bundleTable(bundle: BundleMeasurement): string {
  return table([
    ['page', 'initial JS gzip', 'lazy JS gzip', 'initial files'],
    ...bundle.pages.map((p) => [
      p.page,
      `${(p.initialGzip / 1000).toFixed(1)} kB`,
      `${(p.lazyGzip / 1000).toFixed(1)} kB`,
      p.initial.map((f) => f.file).join(' '),
    ]),
  ]);
}

/** One line per verdict; a budget that applies to no case yet (no timeline) is said once. */
export function verdictTable(verdicts: readonly Verdict[]): string {
  const rows: string[][] = [];
  for (const budget of [...new Set(verdicts.map((v) => v.budget))]) {
    const own = verdicts.filter((v) => v.budget === budget);
    const first = own[0] as Verdict;
    if (own.length > 1 && own.every((v) => v.ok === null && v.value === undefined && v.note === first.note)) {
      rows.push([budget, `all ${own.length} cases`, '', first.limit, first.note ?? 'n/a']);
      continue;
    }
    for (const v of own) {
      rows.push([
        v.budget,
        v.subject,
        v.value === undefined ? '' : Number.isInteger(v.value) ? String(v.value) : v.value.toFixed(2),
        v.limit,
        v.ok === null ? (v.note ?? 'n/a') : v.ok ? 'ok' : `OVER${v.note ? ` (${v.note})` : ''}`,
      ]);
    }
  }
  return table([['budget', 'page / case', 'value', 'limit', ''], ...rows]);
}

export function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(rows[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The viewer's requests and the floor's, as bars on one time axis from the launch click. */
export function waterfall(
  run: BrowserRun,
  floor: Floor | undefined,
  origins: { sandbox: string; viewer: string },
  floorRun?: BrowserRun,
): string {
  const width = 64;
  const rowsOf = (launch: BrowserRun) =>
    [
      ...launch.requests.map((r) => ({
        label: shorten(r.url, origins),
        start: r.start - launch.t0,
        end: r.end - launch.t0,
        note: `${r.status ?? r.failure ?? ''}`,
      })),
      ...launch.preflights.map((p) => ({
        label: `OPTIONS ${shorten(p.url, origins)}`,
        start: p.start - launch.t0,
        end: p.end - launch.t0,
        note: 'pre',
      })),
    ].sort((a, b) => a.start - b.start);
  const viewerRows = rowsOf(run);
  const browserRows = floorRun ? rowsOf(floorRun) : [];
  const floorRows = (floor?.requests ?? []).map((r) => ({
    label: shorten(r.url, origins),
    start: r.start,
    end: r.end,
    note: String(r.status),
  }));
  const span = Math.max(
    1,
    ...viewerRows.map((r) => r.end),
    ...browserRows.map((r) => r.end),
    ...floorRows.map((r) => r.end),
    ...Object.values(run.marks),
  );
  const bar = (start: number, end: number) => {
    const a = Math.max(0, Math.round((start / span) * width));
    const b = Math.max(a + 1, Math.round((end / span) * width));
    return `${' '.repeat(a)}${'█'.repeat(b - a)}`.padEnd(width);
  };
  const lines = [
    `viewer (ms from launch click; marks: ${Object.entries(run.marks)
      .map(([k, v]) => `${k} ${Math.round(v)}`)
      .join(', ')})`,
  ];
  const row = (r: { start: number; end: number; note: string; label: string }) =>
    `  ${bar(r.start, r.end)} ${String(Math.round(r.start)).padStart(5)}–${String(Math.round(r.end)).padEnd(5)} ${r.note.padEnd(4)} ${r.label}`;
  for (const r of viewerRows) lines.push(row(r));
  if (floorRun) {
    const report = floorRun.floorReport;
    lines.push(
      `browser floor (its own launch, ms from its click${report ? `; token at ${Math.round(report.tokenEnd - floorRun.t0)}` : ''})`,
    );
    for (const r of browserRows) lines.push(row(r));
  }
  if (floor) {
    const six = floor.sixPerOrigin
      ? `; six at a time: alerts ${Math.round(floor.sixPerOrigin.alertsMs)}, complete ${Math.round(floor.sixPerOrigin.completeMs)}`
      : '';
    lines.push(
      `network floor (handshake ${Math.round(floor.handshakeMs)} ms; alerts ${Math.round(floor.alertsMs)}, complete ${Math.round(floor.completeMs)}${six})`,
    );
    lines.push(
      `  ${bar(0, floor.handshakeMs)} ${'0'.padStart(5)}–${String(Math.round(floor.handshakeMs)).padEnd(5)}      host page, discovery, authorize, token`,
    );
    for (const r of floorRows)
      lines.push(
        `  ${bar(r.start, r.end)} ${String(Math.round(r.start)).padStart(5)}–${String(Math.round(r.end)).padEnd(5)} ${r.note.padEnd(4)} ${r.label}`,
      );
  }
  return lines.join('\n');
}

function shorten(url: string, origins: { sandbox: string; viewer: string }): string {
  const text = url.replace(origins.sandbox, '').replace(origins.viewer, 'viewer:');
  const short = text.replace(/([0-9a-f]{8})-[0-9a-f-]{27}/g, '$1…').replace(/(state|code|launch|code_challenge)=[^&]+/g, '$1=…');
  return short.length > 110 ? `${short.slice(0, 109)}…` : short;
}
