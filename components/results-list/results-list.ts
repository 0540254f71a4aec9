import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { incompleteBySource } from '../../src/record/notices';
import type { CareRecord, Section, SourceRef } from '../../src/record/model';
import type { ReportEntry, ReportResults, ResultCategory, ResultGroup, ResultValue, TestResults } from '../../src/record/results/types';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { formatDate, formatDateTime, formatNumber, NOT_KNOWN } from '../../src/format';
import { provenanceText } from '../provenance-line/provenance-line';
import { flagTemplate } from '../result-trend/result-flag';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import '../result-trend/result-trend';
import '../safe-narrative/safe-narrative';
import { styles } from './results-list.styles';
import { defineElement } from '../define';

type Filter = 'all' | ResultCategory;

const CATEGORY_LABELS: Record<ResultCategory, string> = {
  laboratory: 'Laboratory',
  'vital-signs': 'Vital signs',
  imaging: 'Imaging',
  other: 'Other',
};

const STATUS_WORDS: Record<string, string> = {
  preliminary: 'Preliminary',
  amended: 'Amended',
  corrected: 'Corrected',
  registered: 'Awaiting result',
  partial: 'Partial',
  appended: 'Appended',
};

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** The oldest dated value of a test (values are newest first; undated ones last). */
function oldestDate(values: ResultValue[]): string | undefined {
  for (let i = values.length - 1; i >= 0; i--) if (values[i]?.time !== undefined) return values[i]?.date;
  return undefined;
}

/**
 * Results from every source, one entry per test: the latest value with its
 * unit, reference range and abnormal marker (in words, never colour alone),
 * how many values there are, and where the latest came from. Each test opens
 * to its history table and trend chart (`<cr-result-trend>`); imaging and other
 * reports open to the report text. Filters by category when there is more
 * than one.
 *
 * @summary Results grouped by test, with history and trends.
 *
 * @fires trend-chart-change - Bubbles up from an opened test's `<cr-result-trend>` when its chart loads, shows, fails or closes.
 *
 * @csspart filters - The category filter buttons.
 * @csspart list - The list of tests and reports.
 * @csspart test - One test.
 * @csspart incomplete - A series missing its oldest values (its source was cut short).
 * @csspart report - One group of reports.
 * @csspart flag - An abnormal marker.
 * @csspart toggle - The button opening a test's history or a report.
 * @csspart history - The opened history (holds `<cr-result-trend>`) or report text.
 *
 * @cssprop --scr-color-border - Rules between tests.
 * @cssprop --scr-color-error - Abnormal markers.
 * @cssprop --scr-color-link - Buttons.
 * @cssprop --scr-color-text-secondary - Labels and provenance.
 */
@defineElement('cr-results-list')
export class ResultsList extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) results?: Section<ResultGroup>;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** Heading level of the section (2–3); each test is one level below. */
  @property({ type: Number }) level: 2 | 3 = 2;

  /** Keys of the tests and reports whose history is open. */
  @state() private open = new Set<string>();
  @state() private filter: Filter = 'all';

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.results = r?.results;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    const items = this.results?.items ?? [];
    const categories = [...new Set(items.map((g) => g.category))];
    const filter = categories.includes(this.filter as ResultCategory) ? this.filter : 'all';
    const shown = filter === 'all' ? items : items.filter((g) => g.category === filter);
    return html`
      <cr-record-section heading="Results" .level=${this.level} .section=${this.results} .sources=${this.sources}>
        ${
          items.length
            ? html`${categories.length > 1 ? this.renderFilters(items, categories, filter) : nothing}
              <ul class="items" part="list" aria-label=${filter === 'all' ? 'Results' : `${CATEGORY_LABELS[filter]} results`}>
                ${shown.map((g, i) => (g.kind === 'test' ? this.renderTest(g, i) : this.renderReports(g, i)))}
              </ul>`
            : nothing
        }
      </cr-record-section>
    `;
  }

  private renderFilters(items: ResultGroup[], categories: ResultCategory[], current: Filter) {
    const order = (Object.keys(CATEGORY_LABELS) as ResultCategory[]).filter((c) => categories.includes(c));
    const button = (value: Filter, label: string, count: number) =>
      html`<button type="button" aria-pressed=${current === value ? 'true' : 'false'} @click=${() => (this.filter = value)}>
        ${label} <span class="count">(${formatNumber(count)})</span>
      </button>`;
    return html`<div class="filters" part="filters" role="group" aria-label="Show results">
      ${button('all', 'All', items.length)}
      ${order.map((c) => button(c, CATEGORY_LABELS[c], items.filter((g) => g.category === c).length))}
    </div>`;
  }

  private heading(id: string, text: string): TemplateResult {
    return this.level === 3 ? html`<h4 class="name" id=${id}>${text}</h4>` : html`<h3 class="name" id=${id}>${text}</h3>`;
  }

  private toggleButton(key: string, index: number, label: string, name: string) {
    const open = this.open.has(key);
    return html`<button type="button" class="toggle" part="toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls=${`history-${index}`}
      @click=${() => this.toggle(key)}>
      ${open ? 'Hide' : 'Show'} ${label}<span class="visually-hidden"> of ${name}</span>
    </button>`;
  }

  private renderTest(test: TestResults, index: number) {
    const latest = test.values[0];
    if (!latest) return nothing;
    const status = STATUS_WORDS[latest.status];
    const since = oldestDate(test.values);
    const count = test.values.length;
    // A source whose results were cut short (oldest first to go): this series may be missing its oldest values.
    const cut = incompleteBySource([this.results ?? { notices: [] }]);
    const shortBy = [...new Set(test.values.filter((v) => cut.has(v.provenance.source.name)).map((v) => v.provenance.source.organisation))];
    const open = this.open.has(test.key);
    return html`<li part="test" class="test">
      ${this.heading(`name-${index}`, test.name)}
      <p class="latest">
        <span class="label">Latest</span>
        <span class="value">${latest.display}</span>
        ${flagTemplate(latest.flag, { withPart: true })}
        ${status ? html`<span class="status">${status}</span>` : nothing}
        ${latest.interpretation ? html`<span class="interpretation">${latest.interpretation}</span>` : nothing}
      </p>
      <dl>
        <div><dt>Date</dt><dd>${formatDateTime(latest.date)}</dd></div>
        <div><dt>Reference range</dt><dd>${latest.range?.display ?? latest.range?.text ?? NOT_KNOWN}</dd></div>
        <div><dt>Results</dt><dd>${count === 1 ? '1' : `${formatNumber(count)}${since ? ` since ${formatDate(since)}` : ''}`}${
          shortBy.length
            ? html` <span class="incomplete" part="incomplete">incomplete: older results from ${shortBy.join(', ')} were not loaded</span>`
            : nothing
        }</dd></div>
      </dl>
      ${latest.futureDated ? html`<p class="warning">The latest result is dated in the future: check with the source.</p>` : nothing}
      ${latest.range?.text && latest.range.display ? html`<p class="range-text">${latest.range.text}</p>` : nothing}
      <cr-provenance-line .provenance=${latest.provenance}></cr-provenance-line>
      ${latest.alsoFrom.map((p) => html`<p class="also">Also recorded by ${provenanceText(p)}</p>`)}
      ${this.toggleButton(test.key, index, count === 1 ? 'details' : `history (${plural(count, 'result')})`, test.name)}
      <div id=${`history-${index}`} class="history" part="history" ?hidden=${!open}>
        ${open ? html`<cr-result-trend .test=${test}></cr-result-trend>` : nothing}
      </div>
    </li>`;
  }

  private renderReports(group: ReportResults, index: number) {
    const latest = group.reports[0];
    if (!latest) return nothing;
    const open = this.open.has(group.key);
    const count = group.reports.length;
    return html`<li part="report" class="report">
      ${this.heading(`name-${index}`, group.name)}
      <p class="kind">${CATEGORY_LABELS[group.category]} report${count > 1 ? html` · ${plural(count, 'report')}` : nothing}</p>
      ${this.renderReportSummary(latest)}
      ${this.toggleButton(group.key, index, count === 1 ? 'report' : 'reports', group.name)}
      <div id=${`history-${index}`} class="history" part="history" ?hidden=${!open}>
        ${open ? group.reports.map((r, i) => this.renderReport(r, i === 0 ? undefined : group.name)) : nothing}
      </div>
    </li>`;
  }

  private renderReportSummary(r: ReportEntry) {
    const status = STATUS_WORDS[r.status];
    return html`<dl>
        <div><dt>Date</dt><dd>${formatDateTime(r.date)}</dd></div>
        ${status ? html`<div><dt>Status</dt><dd>${status}</dd></div>` : nothing}
      </dl>
      ${r.futureDated ? html`<p class="warning">Dated in the future: check with the source.</p>` : nothing}
      ${r.conclusion ? html`<p class="conclusion"><span class="label">Conclusion</span> ${r.conclusion}</p>` : nothing}
      ${r.findings.length ? html`<p class="conclusion"><span class="label">Findings</span> ${r.findings.join('; ')}</p>` : nothing}
      <cr-provenance-line .provenance=${r.provenance}></cr-provenance-line>`;
  }

  /** One report in full; an older one repeats its summary first. */
  private renderReport(r: ReportEntry, olderOf: string | undefined) {
    return html`<article class="report-body" aria-label=${`${olderOf ?? 'Latest'} report, ${formatDate(r.date)}`}>
      ${olderOf ? this.renderReportSummary(r) : nothing}
      ${r.narrative ? html`<cr-safe-narrative .content=${r.narrative} label="Report text"></cr-safe-narrative>` : nothing}
      ${r.text ? html`<p class="report-text">${r.text}</p>` : nothing}
      ${!r.narrative && !r.text && !r.conclusion ? html`<p class="muted">No report text was sent.</p>` : nothing}
      ${r.attachments.length ? html`<p class="muted">Not shown here (open it in the source system): ${r.attachments.join(', ')}</p>` : nothing}
      ${r.missingResults > 0 ? html`<p class="muted">${plural(r.missingResults, 'result')} listed in this report did not arrive with the record.</p>` : nothing}
    </article>`;
  }

  private toggle(key: string): void {
    const open = new Set(this.open);
    if (open.has(key)) open.delete(key);
    else open.add(key);
    this.open = open;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-results-list': ResultsList;
  }
}
