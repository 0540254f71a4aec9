import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { endOf, KIND_LABELS, lastGivenText, medicationFacts, STATUS_LABELS, statusText } from '../../src/record/medication-display';
import type { CareRecord, MedicationGroup, MedicationLine, MedicationsNotShown, SourceRef } from '../../src/record/model';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { formatDate, formatDateTime } from '../../src/format';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { styles } from './medication-list.styles';
import { defineElement } from '../define';

type Medications = CareRecord['medications'];

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Current medicines as NHS medication lines (generic name first in bold, brand
 * in capitals, strength, form, then the dose, route and frequency, never
 * without a dose or "dose not recorded"), grouped across sources with
 * conflicts stated in words, each group expandable to every source's entry.
 * Recently stopped medicines are kept apart, collapsed; entries not listed
 * (older, never issued, of a kind the viewer cannot show) are counted, so the
 * section never says "None recorded" over them.
 *
 * @summary Current and recently stopped medicines.
 *
 * @csspart group - One medicine group.
 * @csspart product - The medication line: generic name, brand, strength, form.
 * @csspart directions - Dose, route and frequency (or the instructions as written, or "dose not recorded").
 * @csspart conflict - A "Conflict: …" line.
 * @csspart entries - The disclosure holding each source's entry.
 * @csspart entry - One source's entry.
 * @csspart stopped - The collapsed "Recently stopped" disclosure.
 * @csspart not-shown - What sources sent that is not listed, counted.
 *
 * @cssprop --scr-color-warning - Edge of a conflict line.
 * @cssprop --scr-color-link - Disclosure labels.
 * @cssprop --scr-color-border - Rules between groups.
 */
@defineElement('cr-medication-list')
export class MedicationList extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) medications?: Medications;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** Heading level of the section (2–4). */
  @property({ type: Number }) level: 2 | 3 | 4 = 2;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.medications = r?.medications;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    const items = this.medications?.items ?? [];
    const stopped = this.medications?.recentlyStopped ?? [];
    return html`
      <cr-record-section heading="Medications" .level=${this.level} .section=${this.medications} .sources=${this.sources}>
        ${items.length ? html`<ul class="items" aria-label="Current medicines">${items.map((g) => this.renderGroup(g))}</ul>` : nothing}
        ${this.renderNone(items.length === 0, stopped.length > 0)}
        ${
          stopped.length
            ? html`<details class="stopped" part="stopped" slot="extra">
              <summary>Recently stopped (${stopped.length})</summary>
              <ul class="items" aria-label="Recently stopped medicines">${stopped.map((g) => this.renderGroup(g))}</ul>
            </details>`
            : nothing
        }
        ${this.renderNotShown()}
      </cr-record-section>
    `;
  }

  /** Never "None recorded" when a source sent medication records: "No current medicines", or what the source says. */
  private renderNone(noItems: boolean, anyStopped: boolean) {
    const notShown = this.medications?.notShown ?? [];
    const noneKnown = notShown.filter((n) => n.kind === 'none-known');
    const unread = (this.medications?.notices ?? []).some((n) => n.kind === 'skipped');
    if (!noItems || !(anyStopped || notShown.length || unread)) return nothing;
    return html`<p slot="none">${noneKnown.length ? noneKnown.map((n) => n.text).join('; ') : 'No current medicines recorded'}</p>`;
  }

  private renderNotShown() {
    const listed: MedicationsNotShown[] = (this.medications?.notShown ?? []).filter((n) => n.kind !== 'none-known');
    if (!listed.length) return nothing;
    return html`<div class="not-shown" part="not-shown" slot="extra">
      <p class="label">Not listed here</p>
      <ul>${listed.map((n) => html`<li>${n.text}</li>`)}</ul>
    </div>`;
  }

  private renderProduct(line: MedicationLine) {
    // Never truncated, never re-cased except the brand (NHS CUI: brand in capitals).
    return html`<p class="product" part="product">
      <strong class="generic">${line.genericName}</strong>${
        line.brand ? html` <span class="brand">${line.brand.toLocaleUpperCase('en-GB')}</span>` : nothing
      }${line.strength ? ` ${line.strength}` : ''}${line.form ? ` ${line.form}` : ''}
    </p>`;
  }

  private renderDirections(line: MedicationLine) {
    return html`<p part="directions">${line.directions}</p>`;
  }

  private renderGroup(g: MedicationGroup) {
    const first = g.lines[0];
    if (!first) return nothing;
    const orgs = [...new Set(g.lines.map((l) => l.provenance.source.organisation))];
    return html`<li part="group">
      ${this.renderProduct(first)} ${this.renderDirections(first)}
      ${g.conflicts.map((c) => html`<p class="conflict" part="conflict">Conflict: ${c}</p>`)}
      <p class="meta">${[...medicationFacts(first), orgs.join(', ')].join(' · ')}</p>
      <details part="entries">
        <summary>
          ${g.lines.length === 1 ? 'Details' : orgs.length > 1 ? `Entries from ${plural(orgs.length, 'source')}` : `${g.lines.length} entries`}<span class="visually-hidden">
            for ${g.genericName}</span>
        </summary>
        <ul class="entries">${g.lines.map((l) => this.renderEntry(l))}</ul>
      </details>
    </li>`;
  }

  private renderEntry(l: MedicationLine) {
    const end = endOf(l);
    return html`<li part="entry">
      ${this.renderProduct(l)} ${this.renderDirections(l)}
      ${
        l.instructions && l.instructions !== l.directions ? html`<p><span class="label">Instructions</span> ${l.instructions}</p>` : nothing
      }
      <dl>
        <div><dt>Type</dt><dd>${KIND_LABELS[l.kind]}</dd></div>
        <div><dt>Status</dt><dd>${statusText(l) ?? STATUS_LABELS[l.status]}</dd></div>
        ${l.anticipatory ? html`<div><dt>Prescribed as</dt><dd>Just in case (anticipatory)</dd></div>` : nothing}
        ${l.prescribedBy ? html`<div><dt>Prescribing</dt><dd>${l.prescribedBy}</dd></div>` : nothing}
        ${l.started ? html`<div><dt>Started</dt><dd>${formatDate(l.started)}</dd></div>` : nothing}
        ${l.lastIssued ? html`<div><dt>Last issued</dt><dd>${formatDate(l.lastIssued)}</dd></div>` : nothing}
        ${l.lastDispensed ? html`<div><dt>Last dispensed</dt><dd>${formatDateTime(l.lastDispensed)}</dd></div>` : nothing}
        ${l.lastGiven ? html`<div><dt>Last dose given</dt><dd>${lastGivenText(l)}</dd></div>` : nothing}
        ${end ? html`<div><dt>${end.label}</dt><dd>${end.value}</dd></div>` : nothing}
        ${l.prescriber ? html`<div><dt>Prescriber</dt><dd>${l.prescriber}</dd></div>` : nothing}
      </dl>
      <cr-provenance-line .provenance=${l.provenance}></cr-provenance-line>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-medication-list': MedicationList;
  }
}
