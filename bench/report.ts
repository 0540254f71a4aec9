// What the bench prints: the results table, the budget verdicts, and on request
// a request waterfall of a run against its floor.
import type { BundleMeasurement } from '../scripts/check-bundle-size.mjs';
import type { BrowserRun } from './browser-run';
import type { Verdict } from './budget';
import type { CaseFigures, FigureName, Stat } from './figures';
import type { Floor } from './floor';
import type { BenchCase } from './options';

export interface CaseResult {
  case: BenchCase;
  figures: CaseFigures;
  runs: number;
  failedRuns: number;
}

const ms = (s: Stat | null | undefined) => (s ? `${Math.round(s.median)} (${Math.round(s.min)}–${Math.round(s.max)})` : '–');
const ratio = (s: Stat | null | undefined) => (s ? `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})` : '–');
const num = (s: Stat | null | undefined, digits = 0) => (s === null ? 'n/a' : s ? s.median.toFixed(digits) : '–');

export function resultsTable(results: readonly CaseResult[]): string {
  const header = ['case', 'runs', 'banner ms', 'alerts ms', 'complete ms', 'floor alerts/complete', 'alerts ×floor', 'complete ×floor', 'req (+preflight)', 'kB', 'rep', 'heap MB', 'DOM', 'timeline DOM', 'long tasks (ms)'];
  const rows = results.map(({ case: c, figures: f, runs, failedRuns }) => {
    const get = (name: FigureName) => f[name];
    return [
      c.id,
      failedRuns ? `${runs - failedRuns}/${runs}` : String(runs),
      ms(get('bannerMs')),
      ms(get('alertsMs')),
      ms(get('completeMs')),
      `${num(get('floorAlertsMs'))} / ${num(get('floorCompleteMs'))}`,
      ratio(get('alertsRatio')),
      ratio(get('completeRatio')),
      `${num(get('requests'))} (+${num(get('preflights'))})`,
      num(get('transferredKb')),
      num(get('repeatedRequests')),
      num(get('heapMb'), 1),
      num(get('domElements')),
      num(get('timelineElements')),
      `${num(get('longTasks'))} (${num(get('longTaskMs'))})`,
    ];
  });
  return table([header, ...rows]);
}

export function bundleTable(bundle: BundleMeasurement): string {
  return table([
    ['page', 'initial JS gzip', 'lazy JS gzip', 'initial files'],
    ...bundle.pages.map((p) => [p.page, `${(p.initialGzip / 1000).toFixed(1)} kB`, `${(p.lazyGzip / 1000).toFixed(1)} kB`, p.initial.map((f) => f.file).join(' ')]),
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
  const line = (r: readonly string[]) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(rows[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The viewer's requests and the floor's, as bars on one time axis from the launch click. */
export function waterfall(run: BrowserRun, floor: Floor | undefined, origins: { sandbox: string; viewer: string }): string {
  const width = 64;
  const viewerRows = [
    ...run.requests.map((r) => ({ label: shorten(r.url, origins), start: r.start - run.t0, end: r.end - run.t0, note: `${r.status ?? r.failure ?? ''}` })),
    ...run.preflights.map((p) => ({ label: `OPTIONS ${shorten(p.url, origins)}`, start: p.start - run.t0, end: p.end - run.t0, note: 'pre' })),
  ].sort((a, b) => a.start - b.start);
  const floorRows = (floor?.requests ?? []).map((r) => ({ label: shorten(r.url, origins), start: r.start, end: r.end, note: String(r.status) }));
  const span = Math.max(1, ...viewerRows.map((r) => r.end), ...floorRows.map((r) => r.end), ...Object.values(run.marks));
  const bar = (start: number, end: number) => {
    const a = Math.max(0, Math.round((start / span) * width));
    const b = Math.max(a + 1, Math.round((end / span) * width));
    return `${' '.repeat(a)}${'█'.repeat(b - a)}`.padEnd(width);
  };
  const lines = [`viewer (ms from launch click; marks: ${Object.entries(run.marks).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')})`];
  for (const r of viewerRows) lines.push(`  ${bar(r.start, r.end)} ${String(Math.round(r.start)).padStart(5)}–${String(Math.round(r.end)).padEnd(5)} ${r.note.padEnd(4)} ${r.label}`);
  if (floor) {
    const six = floor.sixPerOrigin ? `; six at a time: alerts ${Math.round(floor.sixPerOrigin.alertsMs)}, complete ${Math.round(floor.sixPerOrigin.completeMs)}` : '';
    lines.push(`floor (handshake ${Math.round(floor.handshakeMs)} ms; alerts ${Math.round(floor.alertsMs)}, complete ${Math.round(floor.completeMs)}${six})`);
    lines.push(`  ${bar(0, floor.handshakeMs)} ${'0'.padStart(5)}–${String(Math.round(floor.handshakeMs)).padEnd(5)}      host page, discovery, authorize, token`);
    for (const r of floorRows) lines.push(`  ${bar(r.start, r.end)} ${String(Math.round(r.start)).padStart(5)}–${String(Math.round(r.end)).padEnd(5)} ${r.note.padEnd(4)} ${r.label}`);
  }
  return lines.join('\n');
}

function shorten(url: string, origins: { sandbox: string; viewer: string }): string {
  const text = url.replace(origins.sandbox, '').replace(origins.viewer, 'viewer:');
  const short = text.replace(/([0-9a-f]{8})-[0-9a-f-]{27}/g, '$1…').replace(/(state|code|launch|code_challenge)=[^&]+/g, '$1=…');
  return short.length > 110 ? `${short.slice(0, 109)}…` : short;
}
