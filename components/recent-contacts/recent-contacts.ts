import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CareRecord, Section, SourceRef, TimelineEntry } from '../../src/record/model';
import { TIMELINE_KIND_LABELS } from '../../src/record/timeline';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { formatDateTime, formatNumber } from '../format-shim';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { styles } from './recent-contacts.styles';

/**
 * The latest few contacts from the timeline (A&E attendances, admissions,
 * visits, letters), newest first, for the summary; the full list is one link
 * away. Upcoming contacts are left to the timeline.
 *
 * Inside `<care-record>` it reads the record's timeline from context; on its own, set `timeline` and `sources`.
 *
 * @summary The latest few contacts, with a link to the timeline.
 *
 * @csspart list - The list of contacts.
 * @csspart contact - One contact.
 * @csspart all - The link to the whole timeline.
 *
 * @cssprop --scr-color-border - Rules between contacts.
 * @cssprop --scr-color-link - The link to the timeline.
 */
@customElement('recent-contacts')
export class RecentContacts extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) timeline?: Section<TimelineEntry>;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** How many contacts to show. */
  @property({ type: Number }) limit = 5;
  /** Where the link to every contact goes: the timeline view. */
  @property({ attribute: 'timeline-href' }) timelineHref = '#view=timeline';
  /** Heading level of the section (2–3). */
  @property({ type: Number }) level: 2 | 3 = 2;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.timeline = r?.timeline;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    const all = this.timeline?.items ?? [];
    const past = all.filter((e) => !e.upcoming);
    const shown = past.slice(0, Math.max(0, this.limit));
    return html`<record-section heading="Recent contacts" .level=${this.level} .section=${this.timeline} .sources=${this.sources}>
      ${all.length
        ? html`${shown.length
              ? html`<ul class="items tight" part="list">${shown.map((e) => this.renderEntry(e))}</ul>`
              : html`<p>No past contacts recorded; upcoming ones are in the timeline.</p>`}
            <a class="all" part="all" href=${this.timelineHref}>See all ${formatNumber(all.length)} in the timeline</a>`
        : nothing}
    </record-section>`;
  }

  private renderEntry(e: TimelineEntry) {
    const detail = [TIMELINE_KIND_LABELS[e.kind] ?? e.description, e.where, e.who, e.status].filter(Boolean).join(' · ');
    return html`<li part="contact">
      <p><span class="when">${formatDateTime(e.date)}</span> <span class="title">${e.title}</span></p>
      ${detail ? html`<p class="detail">${detail}</p>` : nothing}
      <provenance-line .provenance=${e.provenance}></provenance-line>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'recent-contacts': RecentContacts;
  }
}
