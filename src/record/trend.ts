// What a trend chart of one test can honestly draw, and the sentence that
// stands in for it: plain numbers in one unit, oldest first, a panel (blood
// pressure) as one line per part, the newest reference range as a band and
// the newest treatment target as a line. The same value at the same time from
// several sources is one point. Everything it cannot draw stays in the table,
// and it says how much.

import { formatDate } from '../format/dates';
import { lookup } from '../format/lookup';
import { formatNumber } from '../format/quantity';
import { FLAGS } from './results/interpretation';
import type { ResultFlag, ResultFlagCode, TestResults } from './results/types';

export interface TrendPoint {
  time: number;
  value: number;
  flag?: ResultFlagCode;
}

export interface TrendSeries {
  key: string;
  name: string;
  unit?: string;
  /** Oldest first. */
  points: TrendPoint[];
}

export interface Trend {
  series: TrendSeries[];
  /** The newest reference range, drawn as a band. */
  band?: { low?: number; high?: number; display: string };
  /** The newest treatment target the sender gave, drawn as a line (or two). */
  target?: { low?: number; high?: number; display: string };
  /** Values that are in the table only: not a plain number, another unit, or undated. */
  notPlotted: number;
  /** One sentence for the chart's accessible name. */
  summary: string;
}

function seriesFor(
  key: string,
  name: string,
  unit: string | undefined,
  picks: { time?: number; numeric?: number; unit?: string; flag?: ResultFlag }[],
) {
  const points: TrendPoint[] = [];
  const seen = new Set<string>();
  for (const p of picks) {
    if (p.time === undefined || p.numeric === undefined || p.unit !== unit) continue;
    // One sample reported by two sources (or twice) is one point; two values at one time both stay.
    const same = `${p.time}|${p.numeric}`;
    if (seen.has(same)) continue;
    seen.add(same);
    points.push({ time: p.time, value: p.numeric, flag: p.flag?.code });
  }
  return { key, name, unit, points: points.reverse() };
}

function describeSeries(s: TrendSeries): string {
  const unit = s.unit ? ` ${s.unit}` : '';
  const last = s.points.at(-1);
  const before = s.points.at(-2);
  if (!last) return '';
  const { min, max } = extent(s.points.map((p) => p.value));
  const change =
    before === undefined
      ? ''
      : last.value > before.value
        ? `, up from ${formatNumber(before.value)}`
        : last.value < before.value
          ? `, down from ${formatNumber(before.value)}`
          : ', unchanged';
  const flag = last.flag ? `, ${lookup(FLAGS, last.flag)?.text ?? last.flag}` : '';
  return `${s.name}: latest ${formatNumber(last.value)}${unit}${flag} on ${formatDate(new Date(last.time))}${change}; lowest ${formatNumber(min)}, highest ${formatNumber(max)}${unit}.`;
}

/** Smallest and largest, without spreading thousands of arguments. */
function extent(numbers: number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const n of numbers) {
    if (n < min) min = n;
    if (n > max) max = n;
  }
  return { min, max };
}

/**
 * What a trend chart of one test can honestly draw: plain numbers in the
 * newest value's unit (a panel draws one line per part), oldest first, and how
 * many values it leaves to the table.
 */
export function trendOf(test: TestResults): Trend {
  const values = test.values;
  const newestNumber = values.find((v) => v.numeric !== undefined && v.time !== undefined);
  let series: TrendSeries[];
  if (newestNumber) {
    series = [seriesFor('value', test.name, newestNumber.unit, values)];
  } else {
    // A panel: one series per part, each in the unit of its newest plain number.
    const parts = new Map<string, { name: string; unit?: string }>();
    for (const v of values) {
      if (v.time === undefined) continue;
      for (const c of v.components) if (c.numeric !== undefined && !parts.has(c.key)) parts.set(c.key, { name: c.name, unit: c.unit });
    }
    series = [...parts].map(([key, part]) =>
      seriesFor(
        key,
        part.name,
        part.unit,
        values.map((v) => ({ time: v.time, ...v.components.find((c) => c.key === key) })),
      ),
    );
  }
  series = series.filter((s) => s.points.length > 0);
  const plotted = new Set<number>();
  values.forEach((v, i) => {
    const inSeries = newestNumber
      ? v.time !== undefined && v.numeric !== undefined && v.unit === newestNumber.unit
      : v.time !== undefined &&
        v.components.some((c) => c.numeric !== undefined && series.some((s) => s.key === c.key && s.unit === c.unit));
    if (inSeries) plotted.add(i);
  });
  const drawable = (r: typeof range) =>
    r && (r.low !== undefined || r.high !== undefined) && r.display ? { low: r.low, high: r.high, display: r.display } : undefined;
  const range = newestNumber?.range;
  const band = drawable(range);
  const target = drawable(newestNumber?.target);
  const all = series.flatMap((s) => s.points);
  const { min: first, max: last } = extent(all.map((p) => p.time));
  const summary = all.length
    ? [
        `${test.name}, ${formatNumber(plotted.size)} result${plotted.size === 1 ? '' : 's'} from ${formatDate(new Date(first))} to ${formatDate(new Date(last))}.`,
        ...series.map(describeSeries),
        band ? `Reference range ${band.display}.` : '',
        target ? `Target ${target.display}.` : '',
      ]
        .filter(Boolean)
        .join(' ')
    : `${test.name}: no values that can be drawn.`;
  return { series, band, ...(target ? { target } : {}), notPlotted: values.length - plotted.size, summary };
}
