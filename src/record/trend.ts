// What a trend chart of one test can honestly draw, and the sentence that
// stands in for it: plain numbers in one unit, oldest first, a panel (blood
// pressure) as one line per part, and the newest reference range as a band.
// Everything it cannot draw stays in the table, and it says how much.

import { formatDate } from '../format/dates';
import { lookup } from '../format/lookup';
import { formatNumber } from '../format/quantity';
import { FLAGS, type ResultFlag, type ResultFlagCode, type TestResults } from './results';

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
  /** Values that are in the table only: not a plain number, another unit, or undated. */
  notPlotted: number;
  /** One sentence for the chart's accessible name. */
  summary: string;
}

function seriesFor(key: string, name: string, unit: string | undefined, picks: { time?: number; numeric?: number; unit?: string; flag?: ResultFlag }[]) {
  const points: TrendPoint[] = [];
  for (const p of picks) {
    if (p.time !== undefined && p.numeric !== undefined && p.unit === unit) points.push({ time: p.time, value: p.numeric, flag: p.flag?.code });
  }
  return { key, name, unit, points: points.reverse() };
}

function describeSeries(s: TrendSeries): string {
  const unit = s.unit ? ` ${s.unit}` : '';
  const last = s.points.at(-1);
  const before = s.points.at(-2);
  if (!last) return '';
  const { min, max } = extent(s.points.map((p) => p.value));
  const change = before === undefined ? '' : last.value > before.value ? `, up from ${formatNumber(before.value)}` : last.value < before.value ? `, down from ${formatNumber(before.value)}` : ', unchanged';
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
      seriesFor(key, part.name, part.unit, values.map((v) => ({ time: v.time, ...v.components.find((c) => c.key === key) }))),
    );
  }
  series = series.filter((s) => s.points.length > 0);
  const plotted = new Set<number>();
  values.forEach((v, i) => {
    const inSeries = newestNumber
      ? v.time !== undefined && v.numeric !== undefined && v.unit === newestNumber.unit
      : v.time !== undefined && v.components.some((c) => c.numeric !== undefined && series.some((s) => s.key === c.key && s.unit === c.unit));
    if (inSeries) plotted.add(i);
  });
  const range = newestNumber?.range;
  const band = range && (range.low !== undefined || range.high !== undefined) && range.display ? { low: range.low, high: range.high, display: range.display } : undefined;
  const all = series.flatMap((s) => s.points);
  const { min: first, max: last } = extent(all.map((p) => p.time));
  const summary = all.length
    ? [
        `${test.name}, ${formatNumber(plotted.size)} result${plotted.size === 1 ? '' : 's'} from ${formatDate(new Date(first))} to ${formatDate(new Date(last))}.`,
        ...series.map(describeSeries),
        band ? `Reference range ${band.display}.` : '',
      ]
        .filter(Boolean)
        .join(' ')
    : `${test.name}: no values that can be drawn.`;
  return { series, band, notPlotted: values.length - plotted.size, summary };
}
