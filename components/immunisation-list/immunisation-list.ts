import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { CareRecord, Section, SourceRef } from '../../src/record/model';
import type { ImmunisationItem } from '../../src/record/immunisations';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { formatDate } from '../../src/format';
import { provenanceText } from '../provenance-line/provenance-line';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { styles } from './immunisation-list.styles';
import { defineElement } from '../define';

/**
 * Immunisations from every source, newest first: the vaccine, when, whether
 * it was given (a "not given" record says so in words, with the reason), the
 * dose in its course, what it protects against, and the source. A dose held
 * by two sources is one entry naming both.
 *
 * @summary Immunisations given and not given.
 *
 * @csspart list - The list of immunisations.
 * @csspart immunisation - One immunisation.
 * @csspart status - "Given" or "Not given".
 *
 * @cssprop --scr-color-border - Rules between immunisations.
 * @cssprop --scr-color-warning - Edge of the future-date warning.
 * @cssprop --scr-color-text-secondary - Labels and provenance.
 */
@defineElement('cr-immunisation-list')
export class ImmunisationList extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) immunisations?: Section<ImmunisationItem>;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** Heading level of the section (2–3). */
  @property({ type: Number }) level: 2 | 3 = 2;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.immunisations = r?.immunisations;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    const items = this.immunisations?.items ?? [];
    return html`
      <cr-record-section heading="Immunisations" .level=${this.level} .section=${this.immunisations} .sources=${this.sources}>
        ${items.length ? html`<ul class="items tight" part="list" aria-label="Immunisations">${items.map((i) => this.renderItem(i))}</ul>` : nothing}
      </cr-record-section>
    `;
  }

  private renderItem(i: ImmunisationItem) {
    const given = i.status === 'completed';
    return html`<li part="immunisation" class=${given ? 'given' : 'not-given'}>
      <p class="name">${i.vaccine}</p>
      <dl>
        <div><dt>Date</dt><dd>${formatDate(i.date)}</dd></div>
        <div>
          <dt>Status</dt>
          <dd part="status" class="status">${given ? 'Given' : 'Not given'}${!given && i.reason ? `: ${i.reason}` : ''}</dd>
        </div>
        ${i.dose ? html`<div><dt>Dose</dt><dd>${i.dose}</dd></div>` : nothing}
        ${i.targetDiseases.length ? html`<div><dt>Protects against</dt><dd>${i.targetDiseases.join(', ')}</dd></div>` : nothing}
        ${i.route ? html`<div><dt>Route</dt><dd>${i.route}</dd></div>` : nothing}
        ${i.site ? html`<div><dt>Site</dt><dd>${i.site}</dd></div>` : nothing}
        ${i.lotNumber ? html`<div><dt>Batch</dt><dd>${i.lotNumber}</dd></div>` : nothing}
      </dl>
      ${i.series ? html`<p class="series">${i.series}</p>` : nothing}
      ${i.futureDated ? html`<p class="warning">Dated in the future: check with the source.</p>` : nothing}
      ${i.reported ? html`<p class="series">Recorded from a report (for example the personal child health record), not by whoever gave it.</p>` : nothing}
      <cr-provenance-line .provenance=${i.provenance}></cr-provenance-line>
      ${i.alsoFrom.map((p) => html`<p class="also">Also recorded by ${provenanceText(p)}</p>`)}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-immunisation-list': ImmunisationList;
  }
}
