import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { CareRecord, Section, SourceRef } from '../../src/record/model';
import type { ProcedureItem } from '../../src/record/procedures';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { formatDate } from '../../src/format';
import { provenanceText } from '../provenance-line/provenance-line';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { styles } from './procedure-list.styles';
import { defineElement } from '../define';

/**
 * Operations and other procedures from every source, newest first: what was
 * done, when (a date the record does not hold reads "Not Known"), its status in
 * words, why, where and by whom, and the source. One procedure held by two
 * sources is one entry naming both.
 *
 * @summary Past procedures.
 *
 * @csspart list - The list of procedures.
 * @csspart procedure - One procedure.
 * @csspart status - Its status, e.g. "Completed", "Not done: Patient declined".
 *
 * @cssprop --scr-color-border - Rules between procedures.
 * @cssprop --scr-color-warning - Edge of the future-date warning.
 * @cssprop --scr-color-text-secondary - Labels and provenance.
 */
@defineElement('cr-procedure-list')
export class ProcedureList extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) procedures?: Section<ProcedureItem>;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** Heading level of the section (2–3). */
  @property({ type: Number }) level: 2 | 3 = 2;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.procedures = r?.procedures;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    const items = this.procedures?.items ?? [];
    return html`
      <cr-record-section heading="Procedures" .level=${this.level} .section=${this.procedures} .sources=${this.sources}>
        ${items.length ? html`<ul class="items tight" part="list" aria-label="Procedures">${items.map((p) => this.renderItem(p))}</ul>` : nothing}
      </cr-record-section>
    `;
  }

  private renderItem(p: ProcedureItem) {
    return html`<li part="procedure" class=${p.status === 'completed' ? 'done' : 'not-done'}>
      <p class="name">${p.name}</p>
      <dl>
        <div><dt>Date</dt><dd>${formatDate(p.date)}${p.end && p.end.slice(0, 10) !== p.date?.slice(0, 10) ? ` to ${formatDate(p.end)}` : ''}</dd></div>
        <div><dt>Status</dt><dd part="status" class="status">${p.statusText}</dd></div>
        ${p.reason ? html`<div><dt>Reason</dt><dd>${p.reason}</dd></div>` : nothing}
        ${p.bodySite ? html`<div><dt>Site</dt><dd>${p.bodySite}</dd></div>` : nothing}
        ${p.outcome ? html`<div><dt>Outcome</dt><dd>${p.outcome}</dd></div>` : nothing}
        ${p.performer ? html`<div><dt>Performed by</dt><dd>${p.performer}</dd></div>` : nothing}
        ${p.location ? html`<div><dt>Where</dt><dd>${p.location}</dd></div>` : nothing}
      </dl>
      ${p.futureDated ? html`<p class="warning">Dated in the future: check with the source.</p>` : nothing}
      <cr-provenance-line .provenance=${p.provenance}></cr-provenance-line>
      ${p.alsoFrom.map((a) => html`<p class="also">Also recorded by ${provenanceText(a)}</p>`)}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-procedure-list': ProcedureList;
  }
}
