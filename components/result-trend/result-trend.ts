import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Chart } from 'chart.js';
import type { ResultValue, TestResults } from '../../src/record/results/types';
import { trendOf, type Trend } from '../../src/record/trend';
import { formatDateTime, formatNumber, NOT_KNOWN } from '../../src/format';
import { flagTemplate } from './result-flag';
import type { TrendColours } from './trend-chart';
import { styles } from './result-trend.styles';
import { fire } from '../events';
import { defineElement } from '../define';

export type TrendChartState = 'closed' | 'loading' | 'shown' | 'failed';

const STATUS_WORDS: Partial<Record<ResultValue['status'], string>> = {
  preliminary: 'Preliminary',
  amended: 'Amended',
  corrected: 'Corrected',
  registered: 'Awaiting result',
};

/** "HbA1c (IFCC): 21 results, newest first" or "… showing 20 of 1,358 …". */
function caption(test: TestResults, shown: number): string {
  const total = test.values.length;
  const count = `${formatNumber(total)} result${total === 1 ? '' : 's'}`;
  return shown < total
    ? `${test.name}: ${count}, newest first, showing the ${formatNumber(shown)} newest`
    : `${test.name}: ${count}, newest first`;
}

/** Why some values are in the table but not on the chart. */
function notPlottedText(trend: Trend): string | undefined {
  const n = trend.notPlotted;
  if (n === 0) return undefined;
  return `${formatNumber(n)} value${n === 1 ? ' is' : 's are'} in the table only (not a plain number, in another unit, or undated).`;
}

/**
 * Every value of one test: a table (always there, newest first, a page at a
 * time) and, on request, a trend chart with the reference range as a shaded
 * band. chart.js is imported only when the chart is first opened. The chart is
 * an image with a one-sentence summary; the table is its full alternative.
 *
 * @summary History table and on-demand trend chart of one test.
 *
 * @fires trend-chart-change - The chart's state changed; `detail.state` is `loading`, `shown`, `failed` or `closed`.
 *
 * @csspart chart-toggle - The Show chart / Hide chart button.
 * @csspart chart - The chart area (canvas and notes).
 * @csspart table-box - The scrolling box around the table.
 * @csspart table - The history table.
 * @csspart flag - An abnormal marker.
 * @csspart more - The button showing older results.
 *
 * @cssprop --scr-color-highlight - The first line of the chart.
 * @cssprop --scr-color-text - The second line, axis text and table text.
 * @cssprop --scr-color-surface - The reference range band and table header.
 * @cssprop --scr-color-border - Table rules, band edges and chart grid.
 * @cssprop --scr-color-error - Abnormal markers.
 */
@defineElement('cr-result-trend')
export class ResultTrend extends LitElement {
  static override styles = styles;

  /** The test to show (a `kind: 'test'` results group). */
  @property({ attribute: false }) test?: TestResults;

  /** Open the chart straight away (otherwise the user opens it). */
  @property({ type: Boolean, attribute: 'chart-open' }) chartOpen = false;

  /** Rows shown at first, and added by each "Show older results". Keeps the DOM small for long histories. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** Where the chart is, reflected for styling and tests. Read-only. */
  @property({ reflect: true, attribute: 'chart-state' }) chartState: TrendChartState = 'closed';

  @state() private shown = 0;

  @query('canvas') private canvas?: HTMLCanvasElement;

  private chart?: Chart<'line'>;
  /** The trend the chart shows. */
  private drawn?: Trend;
  private trend?: Trend;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('test')) {
      const before = changed.get('test');
      this.trend = this.test ? trendOf(this.test) : undefined;
      if (!before || before.key !== this.test?.key) this.shown = this.pageSize;
    }
    if (changed.has('chartOpen') && this.chartOpen && this.chartState === 'closed') this.setChartState('loading');
    if (changed.has('chartOpen') && !this.chartOpen) this.setChartState('closed');
  }

  protected override updated(): void {
    if (this.chartState === 'closed' || this.chartState === 'failed') {
      this.destroyChart();
      return;
    }
    const canvas = this.canvas;
    if (canvas && this.trend && !this.isDrawn(canvas, this.trend)) void this.draw(canvas, this.trend);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved within the page: the chart was destroyed on the way out, so draw it again.
    if (!this.chart && (this.chartState === 'shown' || this.chartState === 'loading')) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.destroyChart();
  }

  /** Whether there is a trend to draw: some line with at least two values. */
  get chartable(): boolean {
    return this.trend?.series.some((s) => s.points.length >= 2) ?? false;
  }

  override render() {
    const test = this.test;
    if (!test) return nothing;
    const open = this.chartState !== 'closed';
    return html`
      ${
        this.chartable
          ? html`<button type="button" part="chart-toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls="chart" @click=${this.toggle}>
            ${open ? 'Hide chart' : 'Show chart'}<span class="visually-hidden"> of ${test.name}</span>
          </button>`
          : nothing
      }
      ${this.chartable ? html`<div id="chart" class="chart" part="chart" ?hidden=${!open}>${open ? this.renderChart() : nothing}</div>` : nothing}
      ${this.renderTable(test)}
    `;
  }

  private renderChart() {
    const trend = this.trend;
    if (!trend) return nothing;
    const notes = [
      trend.band ? `Shaded band: reference range ${trend.band.display} (from the newest result).` : undefined,
      trend.target ? `Solid line marked "Target": treatment target ${trend.target.display} (from the newest result).` : undefined,
      trend.series.some((s) => s.points.some((p) => p.flag)) ? 'Triangles mark values flagged abnormal.' : undefined,
      trend.series.length > 1 ? 'The second line is dashed.' : undefined,
      notPlottedText(trend),
    ].filter(Boolean);
    return html`
      <p class="chart-status" role="status">
        ${this.chartState === 'loading' ? 'Loading chart' : this.chartState === 'failed' ? 'The chart could not be loaded. Every value is in the table below.' : ''}
      </p>
      ${
        this.chartState === 'failed'
          ? nothing
          : html`<div class="canvas-box"><canvas role="img" aria-label=${`Trend chart. ${trend.summary}`}></canvas></div>`
      }
      ${notes.length ? html`<p class="notes">${notes.join(' ')}</p>` : nothing}
    `;
  }

  private renderTable(test: TestResults) {
    const rows = test.values.slice(0, this.shown);
    const rest = test.values.length - rows.length;
    return html`
      <!-- Scrolls sideways on a narrow screen, so it takes focus for keyboard scrolling. -->
      <div class="table-box" part="table-box" tabindex="0" role="region" aria-label=${`${test.name} results table`}>
        <table part="table">
          <caption>${caption(test, rows.length)}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Result</th>
              <th scope="col">Reference range</th>
              <th scope="col">Flag</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map((v) => this.renderRow(v))}
          </tbody>
        </table>
      </div>
      ${
        rest > 0
          ? html`<button type="button" part="more" class="more" @click=${this.showMore}>
            Show ${formatNumber(Math.min(rest, this.pageSize))} older result${Math.min(rest, this.pageSize) === 1 ? '' : 's'}<span class="visually-hidden"> of ${test.name}</span>
          </button>`
          : nothing
      }
    `;
  }

  private renderRow(v: ResultValue) {
    const status = STATUS_WORDS[v.status];
    const range = v.range?.display ?? v.range?.text ?? NOT_KNOWN;
    return html`<tr>
      <th scope="row">${formatDateTime(v.date)}${v.futureDated ? html` <span class="future">(future date)</span>` : nothing}</th>
      <td>
        <span class="value">${v.display}</span>${status ? html` <span class="status">${status}</span>` : nothing}
        ${v.interpretation ? html`<span class="interpretation">${v.interpretation}</span>` : nothing}
        ${v.partOf?.conclusion ? html`<span class="conclusion">${v.partOf.name}: ${v.partOf.conclusion}</span>` : nothing}
        ${v.note ? html`<span class="note">${v.note}</span>` : nothing}
      </td>
      <td>${range}</td>
      <td>${v.flag ? flagTemplate(v.flag, { withPart: true }) : html`<span class="muted">Not flagged</span>`}</td>
      <td>
        ${v.provenance.source.organisation}${v.alsoFrom.map((p) => html`<span class="also">also ${p.source.organisation}</span>`)}
        ${v.provenance.author ? html`<span class="author">by ${v.provenance.author}</span>` : nothing}
      </td>
    </tr>`;
  }

  private toggle = (): void => {
    this.chartOpen = this.chartState === 'closed';
  };

  private showMore = (): void => {
    this.shown += this.pageSize;
  };

  private setChartState(next: TrendChartState): void {
    if (this.chartState === next) return;
    this.chartState = next;
    fire(this, 'trend-chart-change', { state: next });
  }

  private colours(): TrendColours {
    const style = getComputedStyle(this);
    const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    return {
      lines: [read('--_highlight', '#005eb8'), read('--_text', '#212b32')],
      band: read('--_surface', '#f0f4f5'),
      bandEdge: read('--_border', '#aeb7bd'),
      target: read('--_success', '#007f3b'),
      text: read('--_text', '#212b32'),
      grid: read('--_border', '#aeb7bd'),
    };
  }

  private isDrawn(canvas: HTMLCanvasElement, trend: Trend): boolean {
    return this.chart?.canvas === canvas && this.drawn === trend;
  }

  private async draw(canvas: HTMLCanvasElement, trend: Trend): Promise<void> {
    try {
      // The only way chart.js is loaded: a separate chunk, fetched the first time a chart is opened.
      const { drawTrend } = await import('./trend-chart');
      // Closed, given another test, or already drawn by a later update while loading: nothing to do.
      const current = this.chartState === 'loading' || this.chartState === 'shown';
      if (!current || this.canvas !== canvas || this.trend !== trend || this.isDrawn(canvas, trend)) return;
      this.destroyChart();
      this.chart = drawTrend(canvas, trend, this.colours());
      this.drawn = trend;
      this.setChartState('shown');
    } catch {
      this.setChartState('failed');
    }
  }

  private destroyChart(): void {
    this.chart?.destroy();
    this.chart = undefined;
    this.drawn = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-result-trend': ResultTrend;
  }
}
