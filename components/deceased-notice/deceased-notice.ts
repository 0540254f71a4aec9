import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { deceasedStatus } from '../../src/record/deceased';
import type { CareRecord, PatientSummary, Section } from '../../src/record/model';
import { ContextSelector } from '../context-select';
import { recordContext } from '../contexts';
import { formatDate, formatDied } from '../../src/format';
import { styles } from './deceased-notice.styles';
import { defineElement } from '../define';

/**
 * A calm notice that the person has died, whenever any source records it: the
 * date, who records it, and where sources disagree (another date, or a source
 * holding the person as alive). Shown in every view and launch mode, also when
 * the host shows its own banner; renders nothing while no source records a death.
 *
 * Inside `<care-record>` it reads the record from context; on its own, set `patient`.
 *
 * @summary The person has died: date, sources, conflicts.
 *
 * @csspart notice - The notice.
 * @csspart conflict - A line saying where sources disagree.
 *
 * @cssprop --scr-color-deceased-background - Edge and label of the notice (colour), besides the word "Deceased".
 */
@defineElement('cr-deceased-notice')
export class DeceasedNotice extends LitElement {
  static override styles = styles;

  /** Every source's patient summary. */
  @property({ attribute: false }) patient?: Pick<Section<PatientSummary>, 'items'>;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.patient = r?.patient;
    });
  }

  override render() {
    const status = deceasedStatus(this.patient);
    if (!status) return nothing;
    const by = status.recordedBy.map((r) =>
      r.date && r.date !== status.date ? `${r.source.organisation} (${formatDate(r.date)})` : r.source.organisation,
    );
    return html`<section class="notice" part="notice" aria-labelledby="deceased-heading">
      <h2 id="deceased-heading"><span class="label">Deceased</span> ${formatDied(status)}</h2>
      <p>Recorded by ${by.join(', ')}.</p>
      ${status.conflicts.map((c) => html`<p class="conflict" part="conflict">Sources differ: ${c}</p>`)}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-deceased-notice': DeceasedNotice;
  }
}
