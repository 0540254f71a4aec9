// The chart itself. Only ever imported dynamically, by <cr-result-trend> when a
// chart is opened, so chart.js (about 50 kB gzipped) lands in a lazy chunk and
// the first screen never waits for it. Registers only what a line chart over a
// linear (time in milliseconds) axis needs: no date adapter, no animations.

import { Chart, Decimation, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type Plugin } from 'chart.js';
import { FLAGS } from '../../src/record/results/interpretation';
import type { Trend } from '../../src/record/trend';
import { lookup } from '../../src/format/lookup';
import { formatDate, formatDateTime, formatNumber } from '../../src/format';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Legend, Decimation);

export interface TrendColours {
  lines: string[];
  band: string;
  bandEdge: string;
  target: string;
  text: string;
  grid: string;
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** The reference range as a shaded band behind the lines; an open-ended range runs to the chart's edge. */
function bandPlugin(band: Trend['band'], colours: TrendColours): Plugin<'line'> {
  return {
    id: 'referenceBand',
    beforeDatasetsDraw(chart) {
      const y = chart.scales.y;
      if (!band || !y) return;
      const { left, right, top, bottom } = chart.chartArea;
      const from = band.high === undefined ? top : Math.max(top, y.getPixelForValue(band.high));
      const to = band.low === undefined ? bottom : Math.min(bottom, y.getPixelForValue(band.low));
      if (to <= from) return;
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = colours.band;
      ctx.fillRect(left, from, right - left, to - from);
      // Dashed edges: the band reads in greyscale and forced colours too.
      ctx.strokeStyle = colours.bandEdge;
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      if (band.high !== undefined) {
        ctx.moveTo(left, from);
        ctx.lineTo(right, from);
      }
      if (band.low !== undefined) {
        ctx.moveTo(left, to);
        ctx.lineTo(right, to);
      }
      ctx.stroke();
      ctx.restore();
    },
  };
}

/** The treatment target as a solid line (two for a target range), labelled "Target" on the chart itself. */
function targetPlugin(target: Trend['target'], colours: TrendColours): Plugin<'line'> {
  return {
    id: 'treatmentTarget',
    afterDatasetsDraw(chart) {
      const y = chart.scales.y;
      if (!target || !y) return;
      const { left, right, top, bottom } = chart.chartArea;
      const ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = colours.target;
      ctx.fillStyle = colours.target;
      ctx.lineWidth = 2;
      ctx.font = '12px sans-serif';
      for (const bound of [target.low, target.high]) {
        if (bound === undefined) continue;
        const at = y.getPixelForValue(bound);
        if (at < top || at > bottom) continue;
        ctx.beginPath();
        ctx.moveTo(left, at);
        ctx.lineTo(right, at);
        ctx.stroke();
        ctx.fillText(`Target ${formatNumber(bound)}`, left + 4, at - 4);
      }
      ctx.restore();
    },
  };
}

/**
 * Values the y axis must reach so a range shows: both bounds, and for a range
 * open on one side a stretch beyond its bound, so the band is never off-scale.
 */
function axisReach(range: { low?: number; high?: number } | undefined): number[] {
  if (!range) return [];
  const { low, high } = range;
  if (low !== undefined && high !== undefined) return [low, high];
  if (high !== undefined) return [high, high - Math.max(Math.abs(high) * 0.2, 1)];
  if (low !== undefined) return [low, low + Math.max(Math.abs(low) * 0.2, 1)];
  return [];
}

/** Ticks as the NHS writes dates: `Jul-2021` over years, `14-Jul-2021` within one. */
function tickLabel(span: number) {
  return (value: number | string): string => {
    const date = formatDate(new Date(Number(value)));
    return span < YEAR_MS ? date : date.slice(date.indexOf('-') + 1);
  };
}

/** Draws the trend on the canvas and returns the chart (the caller destroys it). */
export function drawTrend(canvas: HTMLCanvasElement, trend: Trend, colours: TrendColours): Chart<'line'> {
  const times = trend.series.flatMap((s) => s.points.map((p) => p.time));
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const many = times.length > 200;
  const datasets = trend.series.map((s, i) => ({
    label: s.unit ? `${s.name} (${s.unit})` : s.name,
    data: s.points.map((p) => ({ x: p.time, y: p.value })),
    borderColor: colours.lines[i % colours.lines.length],
    backgroundColor: colours.lines[i % colours.lines.length],
    borderWidth: 2,
    // A second line is dashed, and flagged values are triangles: neither relies on colour.
    borderDash: i === 0 ? [] : [6, 4],
    pointStyle: s.points.map((p) => (p.flag ? 'triangle' : i === 0 ? 'circle' : 'rect')),
    pointRadius: s.points.map((p) => (p.flag ? 5 : many ? 0 : 3)),
    tension: 0,
  }));
  const unitOf = (index: number) => trend.series[index]?.unit;
  const bounds = [...axisReach(trend.band), ...axisReach(trend.target)];
  return new Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      color: colours.text,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: {
          type: 'linear',
          min,
          max: max > min ? max : min + 1,
          ticks: { callback: tickLabel(max - min), maxTicksLimit: 6, color: colours.text },
          grid: { color: colours.grid },
        },
        y: {
          type: 'linear',
          // Stretch the axis to the range, so the band shows even when every value lies outside it.
          suggestedMin: bounds.length ? Math.min(...bounds) : undefined,
          suggestedMax: bounds.length ? Math.max(...bounds) : undefined,
          ticks: { callback: (v) => formatNumber(Number(v)), color: colours.text },
          grid: { color: colours.grid },
          title: { display: trend.series.length === 1 && unitOf(0) !== undefined, text: unitOf(0) ?? '', color: colours.text },
        },
      },
      plugins: {
        // Thousands of points: drawn as the min and max of each pixel column, so peaks stay and the line stays readable.
        decimation: { enabled: many, algorithm: 'min-max' },
        legend: { display: trend.series.length > 1, labels: { color: colours.text, usePointStyle: true } },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? formatDateTime(new Date(Number(items[0].parsed.x))) : ''),
            label: (item) => {
              const unit = unitOf(item.datasetIndex);
              const flag = trend.series[item.datasetIndex]?.points[item.dataIndex]?.flag;
              return `${trend.series[item.datasetIndex]?.name ?? ''}: ${formatNumber(Number(item.parsed.y))}${unit ? ` ${unit}` : ''}${flag ? `, ${lookup(FLAGS, flag)?.text ?? flag}` : ''}`;
            },
          },
        },
      },
    },
    plugins: [bandPlugin(trend.band, colours), targetPlugin(trend.target, colours)],
  });
}
