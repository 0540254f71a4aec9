import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { AllergyEntry, AllergyGroup, CareRecord, Section, SourceRef } from '../../src/record/model';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { formatDate } from '../../src/format';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { allergyStatusText, criticalityValue, drugClassText, groupCriticality, reactionText } from './allergy-text';
import { styles } from './allergy-list.styles';
import { defineElement } from '../define';

type Allergies = Section<AllergyGroup> & { statuses: CareRecord['allergies']['statuses'] };

const CATEGORY: Record<NonNullable<AllergyEntry['category']>, string> = {
  food: 'Food',
  medication: 'Medication',
  environment: 'Environment',
  biologic: 'Biologic',
};

/**
 * Allergies and adverse reactions, most dangerous first (high criticality
 * marked in words and colour), grouped across sources (never hidden), with
 * reactions, severity, criticality and provenance of every entry, and what
 * each source said about allergy status.
 *
 * @summary Allergies and adverse reactions.
 *
 * @csspart group - One allergy, with every source's entry; high criticality first.
 * @csspart drug-class - The allergen's drug class, e.g. "(a penicillin)".
 * @csspart high-criticality - The "High criticality" tag.
 * @csspart conflict - A "Conflict: …" line.
 * @csspart entry - One source's entry.
 * @csspart allergy-status - The per-source allergy status line.
 *
 * @cssprop --scr-color-border - Rules between groups and the entry edge.
 * @cssprop --scr-color-error - Edge and tag of a high-criticality allergy.
 */
@defineElement('cr-allergy-list')
export class AllergyList extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) allergies?: Allergies;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** Heading level of the section (2–4). */
  @property({ type: Number }) level: 2 | 3 | 4 = 2;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.allergies = r?.allergies;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    const status = allergyStatusText(this.allergies?.statuses ?? []);
    const items = this.allergies?.items ?? [];
    const statusLine = status ? html`<p class="status-line" part="allergy-status">${status}</p>` : nothing;
    return html`
      <cr-record-section heading="Allergies and adverse reactions" .level=${this.level} ?names-sources=${Boolean(status)}
        .section=${this.allergies} .sources=${this.sources}>
        ${status ? html`<div slot="none">${statusLine}</div>` : nothing}
        ${items.length ? html`${statusLine}<ul class="items">${items.map((g) => this.renderGroup(g))}</ul>` : nothing}
      </cr-record-section>
    `;
  }

  private renderGroup(g: AllergyGroup) {
    const high = groupCriticality(g) === 'high';
    const drugClass = drugClassText(g);
    return html`<li part="group" class=${high ? 'high' : ''}>
      <p><span class="substance">${g.substance}</span>${
        drugClass ? html` <span class="drug-class" part="drug-class">${drugClass}</span>` : nothing
      }${high ? html` <strong class="tag" part="high-criticality">High criticality</strong>` : nothing}</p>
      ${g.conflicts.map((c) => html`<p class="conflict" part="conflict">Conflict: ${c}</p>`)}
      <ul class="entries" aria-label="${g.substance}: entries by source">
        ${g.entries.map((e) => this.renderEntry(g, e))}
      </ul>
    </li>`;
  }

  private renderEntry(g: AllergyGroup, e: AllergyEntry) {
    const criticality = criticalityValue(e.criticality);
    const status = [e.clinicalStatus, e.verificationStatus].filter(Boolean).join(', ');
    return html`<li part="entry">
      ${e.substance !== g.substance ? html`<p>Recorded as <strong>${e.substance}</strong></p>` : nothing}
      <dl>
        <div><dt>Reaction</dt><dd>${e.reactions.length ? e.reactions.map(reactionText).join('; ') : 'Not recorded'}</dd></div>
        ${criticality ? html`<div><dt>Criticality</dt><dd>${criticality}</dd></div>` : nothing}
        ${e.category ? html`<div><dt>Type</dt><dd>${CATEGORY[e.category]}</dd></div>` : nothing}
        ${status ? html`<div><dt>Status</dt><dd>${status}</dd></div>` : nothing}
        ${e.onset ? html`<div><dt>Onset</dt><dd>${formatDate(e.onset)}</dd></div>` : nothing}
      </dl>
      <cr-provenance-line .provenance=${e.provenance}></cr-provenance-line>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-allergy-list': AllergyList;
  }
}
