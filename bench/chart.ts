// Cost against record size, as an HTML page of small SVG charts drawn here (no
// library, no CDN): x is the record's size in resources (log scale), one line
// per latency or fault variant, the dot at the median and a bar from the
// fastest to the slowest run; the floor is drawn dashed beside the viewer.
import type { FigureName } from './figures';
import type { CaseResult } from './report';

export interface SizedResult extends CaseResult {
  /** Resources in the record. */
  size: number;
}

interface Series {
  name: string;
  color: string;
  dashed: boolean;
  points: { x: number; median: number; min: number; max: number }[];
}

const COLORS = ['#005eb8', '#d5281b', '#007f3b', '#7c2855', '#ed8b00', '#330072'];
const W = 460;
const H = 280;
const M = { left: 64, right: 16, top: 44, bottom: 44 };

export function chartPage(results: readonly SizedResult[], title: string): string {
  const variants = [...new Set(results.map((r) => variantOf(r)))];
  const color = (v: string) => COLORS[variants.indexOf(v) % COLORS.length] as string;
  const series = (figure: FigureName, suffix = '', dashed = false): Series[] =>
    variants
      .map((v) => ({
        name: `${v}${suffix}`,
        color: color(v),
        dashed,
        points: results
          .filter((r) => variantOf(r) === v)
          .flatMap((r) => {
            const s = r.figures[figure];
            return s ? [{ x: r.size, median: s.median, min: s.min, max: s.max }] : [];
          })
          .sort((a, b) => a.x - b.x),
      }))
      .filter((s) => s.points.length > 0);
  const charts = [
    svgChart('Launch to complete record', 'ms', [...series('completeMs'), ...series('floorCompleteMs', ' floor', true)]),
    svgChart('Launch to alerts settled', 'ms', [...series('alertsMs'), ...series('floorAlertsMs', ' floor', true)]),
    svgChart('Complete record over its network floor', '×', series('completeRatio')),
    svgChart('JavaScript heap after load', 'MB', series('heapMb')),
    svgChart('Transferred', 'kB', series('transferredKb')),
    svgChart('DOM elements once complete', 'elements', series('domElements')),
    svgChart('Long tasks until complete', 'ms', series('longTaskMs')),
    svgChart('Requests', 'requests', series('requests')),
  ];
  const rows = results
    .map(
      (r) =>
        `<tr><td>${escape(r.case.id)}</td><td>${r.size.toLocaleString('en-GB')}</td>${(
          ['alertsMs', 'completeMs', 'floorCompleteMs', 'completeRatio', 'heapMb', 'transferredKb'] as FigureName[]
        )
          .map((f) => `<td>${fmt(r.figures[f]?.median)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body { font-family: Arial, sans-serif; margin: 1.5rem; color: #212b32; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
figure { margin: 0; border: 1px solid #d8dde0; padding: .5rem; }
table { border-collapse: collapse; margin-top: 1rem; } td, th { border: 1px solid #d8dde0; padding: .25rem .5rem; text-align: right; }
td:first-child, th:first-child { text-align: left; }
</style></head>
<body>
<h1>${escape(title)}</h1>
<p>Median of the measured runs (dot), fastest to slowest run (bar). Dashed: the network floor (the same requests from Node, no viewer). Record size in resources, log scale.</p>
${results.length === 0 ? '<p>No generated-record cases were run: use <code>--case 1k,10k,50k</code>.</p>' : `<div class="charts">${charts.join('\n')}</div>`}
<table><thead><tr><th>case</th><th>resources</th><th>alerts ms</th><th>complete ms</th><th>floor ms</th><th>complete ×floor</th><th>heap MB</th><th>kB</th></tr></thead><tbody>${rows}</tbody></table>
</body></html>
`;
}

function variantOf(r: CaseResult): string {
  return `${r.case.latencyMs} ms${r.case.failing ? ` fail:${r.case.failing}` : ''}`;
}

function svgChart(title: string, unit: string, series: Series[]): string {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return '';
  const xs = all.map((p) => p.x);
  const [xMin, xMax] = [Math.min(...xs) / 1.5, Math.max(...xs) * 1.5];
  const yMax = niceCeiling(Math.max(...all.map((p) => p.max)));
  const x = (v: number) => M.left + ((Math.log10(v) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - (v / yMax) * (H - M.top - M.bottom);
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax);
  const xTicks = [100, 300, 1000, 3000, 10_000, 30_000, 100_000, 300_000].filter((t) => t >= xMin && t <= xMax);
  const parts: string[] = [];
  const tick = (t: number) => (yMax >= 10 ? Math.round(t).toLocaleString('en-GB') : t.toFixed(2));
  for (const t of yTicks)
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(t)}" y2="${y(t)}" stroke="#e8edee"/><text x="${M.left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11">${tick(t)}</text>`,
    );
  for (const t of xTicks)
    parts.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#e8edee"/><text x="${x(t)}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11">${t >= 1000 ? `${t / 1000}k` : t}</text>`,
    );
  parts.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle" font-size="12">resources in the record</text>`);
  parts.push(
    `<text x="14" y="${(M.top + H - M.bottom) / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 ${(M.top + H - M.bottom) / 2})">${escape(unit)}</text>`,
  );
  series.forEach((s, i) => {
    const dash = s.dashed ? ' stroke-dasharray="5 4"' : '';
    parts.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${s.points.map((p) => `${x(p.x).toFixed(1)},${y(p.median).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const p of s.points) {
      parts.push(`<line x1="${x(p.x)}" x2="${x(p.x)}" y1="${y(p.min)}" y2="${y(p.max)}" stroke="${s.color}" stroke-width="1"/>`);
      parts.push(
        `<circle cx="${x(p.x)}" cy="${y(p.median)}" r="3" fill="${s.dashed ? '#fff' : s.color}" stroke="${s.color}"><title>${escape(s.name)}: ${fmt(p.median)} ${escape(unit)} (${fmt(p.min)}–${fmt(p.max)}) at ${p.x} resources</title></circle>`,
      );
    }
    parts.push(
      `<g transform="translate(${M.left + (i % 3) * 130} ${10 + Math.floor(i / 3) * 14})"><line x1="0" x2="18" y1="0" y2="0" stroke="${s.color}" stroke-width="2"${dash}/><text x="22" y="4" font-size="11">${escape(s.name)}</text></g>`,
    );
  });
  return `<figure><figcaption><strong>${escape(title)}</strong></figcaption><svg role="img" aria-label="${escape(title)}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg></figure>`;
}

function niceCeiling(v: number): number {
  if (v <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 2.5, 5, 10].find((m) => m * power >= v) ?? 10) * power;
}

function fmt(v: number | undefined): string {
  if (v === undefined) return '–';
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-GB') : v.toFixed(Math.abs(v) >= 10 ? 1 : 2);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
