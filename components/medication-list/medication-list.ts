import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CareRecord, MedicationGroup, MedicationLine, Section, SourceRef } from '../../src/record/model';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { formatDate } from '../format-shim';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { styles } from './medication-list.styles';

type Medications = Section<MedicationGroup> & { recentlyStopped: MedicationGroup[] };

const KIND: Record<MedicationLine['kind'], string> = {
  repeat: 'Repeat',
  acute: 'Acute',
  inpatient: 'Inpatient',
  other: 'Other',
};

const STATUS: Record<MedicationLine['status'], string> = {
  active: 'Active',
  'on-hold': 'On hold',
  stopped: 'Stopped',
  completed: 'Completed',
  unknown: 'Status Not Known',
};

/** Dose, route and frequency; the prescriber's own words when those are missing. */
export function directionsText(line: MedicationLine): string | undefined {
  const structured = [line.dose, line.route, line.frequency].filter(Boolean).join(', ');
  return structured || line.instructions;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Current medicines as NHS medication lines (generic name first in bold, brand
 * in capitals, strength, form, dose, route, frequency), grouped across
 * sources with conflicts stated in words, each group expandable to every
 * source's entry. Recently stopped medicines are kept apart, collapsed.
 *
 * @summary Current and recently stopped medicines.
 *
 * @csspart group - One medicine group.
 * @csspart product - The medication line: generic name, brand, strength, form.
 * @csspart directions - Dose, route and frequency (or the instructions as written).
 * @csspart conflict - A "Conflict: …" line.
 * @csspart entries - The disclosure holding each source's entry.
 * @csspart entry - One source's entry.
 * @csspart stopped - The collapsed "Recently stopped" disclosure.
 *
 * @cssprop --scr-color-warning - Edge of a conflict line.
 * @cssprop --scr-color-link - Disclosure labels.
 * @cssprop --scr-color-border - Rules between groups.
 */
@customElement('medication-list')
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
      <record-section heading="Medications" .level=${this.level} .section=${this.medications} .sources=${this.sources}>
        ${items.length
          ? html`<ul class="items" aria-label="Current medicines">${items.map((g) => this.renderGroup(g))}</ul>`
          : nothing}
        ${stopped.length
          ? html`<details class="stopped" part="stopped" slot="extra">
              <summary>Recently stopped (${stopped.length})</summary>
              <ul class="items" aria-label="Recently stopped medicines">${stopped.map((g) => this.renderGroup(g))}</ul>
            </details>`
          : nothing}
      </record-section>
    `;
  }

  private renderProduct(line: MedicationLine) {
    // Never truncated, never re-cased except the brand (NHS CUI: brand in capitals).
    return html`<p class="product" part="product">
      <strong class="generic">${line.genericName}</strong>${line.brand
        ? html` <span class="brand">${line.brand.toLocaleUpperCase('en-GB')}</span>`
        : nothing}${line.strength ? ` ${line.strength}` : ''}${line.form ? ` ${line.form}` : ''}
    </p>`;
  }

  private renderDirections(line: MedicationLine) {
    const text = directionsText(line);
    return text ? html`<p part="directions">${text}</p>` : nothing;
  }

  private renderGroup(g: MedicationGroup) {
    const first = g.lines[0];
    if (!first) return nothing;
    const orgs = [...new Set(g.lines.map((l) => l.provenance.source.organisation))];
    return html`<li part="group">
      ${this.renderProduct(first)} ${this.renderDirections(first)}
      ${g.conflicts.map((c) => html`<p class="conflict" part="conflict">Conflict: ${c}</p>`)}
      <p class="meta">
        ${[
          KIND[first.kind],
          first.status === 'active' ? undefined : STATUS[first.status],
          first.started ? `Started ${formatDate(first.started)}` : undefined,
          first.lastIssued ? `Last issued ${formatDate(first.lastIssued)}` : undefined,
          first.stopped ? `Stopped ${formatDate(first.stopped)}` : undefined,
          orgs.join(', '),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <details part="entries">
        <summary>
          ${g.lines.length === 1 ? 'Details' : `Entries from ${plural(orgs.length, 'source')}`}<span class="visually-hidden">
            for ${g.genericName}</span>
        </summary>
        <ul class="entries">${g.lines.map((l) => this.renderEntry(l))}</ul>
      </details>
    </li>`;
  }

  private renderEntry(l: MedicationLine) {
    return html`<li part="entry">
      ${this.renderProduct(l)} ${this.renderDirections(l)}
      ${l.instructions && l.instructions !== directionsText(l)
        ? html`<p><span class="label">Instructions</span> ${l.instructions}</p>`
        : nothing}
      <dl>
        <div><dt>Type</dt><dd>${KIND[l.kind]}</dd></div>
        <div><dt>Status</dt><dd>${STATUS[l.status]}</dd></div>
        ${l.started ? html`<div><dt>Started</dt><dd>${formatDate(l.started)}</dd></div>` : nothing}
        ${l.lastIssued ? html`<div><dt>Last issued</dt><dd>${formatDate(l.lastIssued)}</dd></div>` : nothing}
        ${l.stopped ? html`<div><dt>Stopped</dt><dd>${formatDate(l.stopped)}</dd></div>` : nothing}
        ${l.prescriber ? html`<div><dt>Prescriber</dt><dd>${l.prescriber}</dd></div>` : nothing}
      </dl>
      <provenance-line .provenance=${l.provenance}></provenance-line>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'medication-list': MedicationList;
  }
}
