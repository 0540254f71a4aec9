// bench/budget.json against what was measured: one verdict per budget and
// page or case. Timings use the case median; counts that must never happen
// (repeated requests) and sizes that must stay bounded (timeline DOM) use the
// worst run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleMeasurement } from '../scripts/check-bundle-size.mjs';
import type { CaseFigures, FigureName } from './figures';
import type { BenchCase } from './options';

interface Limit {
  max?: number;
  below?: number;
  /** Only cases with at least this much added latency are held to it. */
  fromLatencyMs?: number;
  what: string;
}

export interface Budget {
  initialJsGzipKb: Limit;
  alertsOverFloor: Limit;
  completeOverFloor: Limit;
  alertsOverBrowserFloor: Limit;
  completeOverBrowserFloor: Limit;
  timelineDomElements: Limit;
  heapMb: Limit & { records: string[] };
  repeatedRequests: Limit;
}

export interface Verdict {
  budget: keyof Budget;
  /** The page or case. */
  subject: string;
  value?: number;
  limit: string;
  /** null: does not apply yet (e.g. no timeline to scroll). */
  ok: boolean | null;
  note?: string;
}

export function readBudget(file = join(import.meta.dirname, 'budget.json')): Budget {
  return JSON.parse(readFileSync(file, 'utf8')) as Budget;
}

function within(value: number, limit: Limit): boolean {
  return (limit.max === undefined || value <= limit.max) && (limit.below === undefined || value < limit.below);
}

function describe(limit: Limit, unit: string): string {
  return limit.max !== undefined ? `≤ ${limit.max}${unit}` : `< ${limit.below}${unit}`;
}

export function checkBudget(
  budget: Budget,
  bundle: BundleMeasurement | undefined,
  cases: readonly { case: BenchCase; figures: CaseFigures }[],
): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const page of bundle?.pages ?? []) {
    const value = page.initialGzip / 1000;
    verdicts.push({
      budget: 'initialJsGzipKb',
      subject: page.page,
      value,
      limit: describe(budget.initialJsGzipKb, ' kB'),
      ok: within(value, budget.initialJsGzipKb),
    });
  }
  const perCase = (
    name: keyof Budget,
    figure: FigureName,
    pick: 'median' | 'max',
    unit: string,
    applies: (c: BenchCase) => boolean = () => true,
  ) => {
    const limit = budget[name];
    for (const { case: c, figures } of cases) {
      if (!applies(c)) continue;
      const stat = figures[figure];
      if (limit.fromLatencyMs !== undefined && c.latencyMs < limit.fromLatencyMs) {
        const value = stat ? { value: stat[pick] } : {};
        verdicts.push({
          budget: name,
          subject: c.id,
          ...value,
          limit: describe(limit, unit),
          ok: null,
          note: `not applied below ${limit.fromLatencyMs} ms latency`,
        });
      } else if (stat === null)
        verdicts.push({
          budget: name,
          subject: c.id,
          limit: describe(limit, unit),
          ok: null,
          note: 'n/a: the record has no <cr-record-timeline> yet',
        });
      else if (stat === undefined && name === 'timelineDomElements')
        continue; // scrolled once per record, in its first case
      else if (stat === undefined)
        verdicts.push({ budget: name, subject: c.id, limit: describe(limit, unit), ok: false, note: 'not measured: no run reached it' });
      else verdicts.push({ budget: name, subject: c.id, value: stat[pick], limit: describe(limit, unit), ok: within(stat[pick], limit) });
    }
  };
  perCase('alertsOverFloor', 'alertsRatio', 'median', '×');
  perCase('completeOverFloor', 'completeRatio', 'median', '×');
  perCase('alertsOverBrowserFloor', 'alertsBrowserRatio', 'median', '×');
  perCase('completeOverBrowserFloor', 'completeBrowserRatio', 'median', '×');
  perCase('timelineDomElements', 'timelineElements', 'max', '');
  perCase('heapMb', 'heapMb', 'median', ' MB', (c) => budget.heapMb.records.includes(c.record.key));
  perCase('repeatedRequests', 'repeatedRequests', 'max', '');
  return verdicts;
}
