import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { CareRecord, Section, SourceRef, TimelineEntry } from '../../src/record/model';
import { recentActivity, type RecentActivity } from '../../src/record/recent';
import { TIMELINE_KIND_LABELS } from '../../src/record/timeline-kinds';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { formatDate, formatDateTime, formatNumber } from '../../src/format';
import '../record-section/record-section';
import { styles } from './recent-contacts.styles';
import { defineElement } from '../define';

/**
 * The last 90 days at a glance for the summary: how many contacts, and how
 * many A&E attendances with their dates (a pattern shows in a count), then the
 * latest few entries of the timeline (A&E attendances, admissions, visits,
 * letters), newest first, each with its source; the full list is one link
 * away. Upcoming contacts are left to the timeline.
 *
 * Inside `<care-record>` it reads the record's timeline from context; on its own, set `timeline` and `sources`.
 *
 * @summary The latest few contacts, with a link to the timeline.
 *
 * @csspart count - The last 90 days' contacts and A&E attendances, counted.
 * @csspart list - The list of contacts.
 * @csspart contact - One contact.
 * @csspart all - The link to the whole timeline.
 *
 * @cssprop --scr-color-border - Rules between contacts.
 * @cssprop --scr-color-link - The link to the timeline.
 */
@defineElement('cr-recent-contacts')
export class RecentContacts extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) timeline?: Section<TimelineEntry>;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** The moment the last 90 days run back from (now, unless set: tests and printouts fix it). */
  @property({ attribute: false }) now?: Date;
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
    const recent = recentActivity(all, this.now ?? new Date(), 90, this.limit);
    return html`<cr-record-section heading="Recent contacts" .level=${this.level} .section=${this.timeline} .sources=${this.sources}>
      ${
        all.length
          ? html`${this.renderCounts(recent)}
            ${
              recent.latest.length
                ? html`<ul class="items tight" part="list">${recent.latest.map((e) => this.renderEntry(e))}</ul>`
                : html`<p>No past contacts recorded; upcoming ones are in the timeline.</p>`
            }
            <a class="all" part="all" href=${this.timelineHref}>See all ${formatNumber(all.length)} in the timeline</a>`
          : nothing
      }
    </cr-record-section>`;
  }

  /** "Last 90 days (since 24-Aug-2026): 12 contacts, including 3 A&E attendances (20-Nov-2026, …)". */
  private renderCounts(recent: RecentActivity) {
    const contacts = recent.contacts.length;
    const ae = recent.attendances;
    return html`<p class="count" part="count">
      <span class="window">Last ${recent.days} days (since ${formatDate(recent.since)})</span>
      <span class="figure">${contacts ? `${formatNumber(contacts)} contact${contacts === 1 ? '' : 's'}` : 'No contacts'},</span>
      ${
        ae.length
          ? html`including <span class="figure ae">${ae.length} A&E attendance${ae.length === 1 ? '' : 's'}</span> (${ae.map((e) => formatDate(e.date)).join(', ')})`
          : 'no A&E attendance'
      }
    </p>`;
  }

  private renderEntry(e: TimelineEntry) {
    const organisation = e.provenance.source.organisation;
    const detail = [
      ...new Set([TIMELINE_KIND_LABELS[e.kind] ?? e.description, e.where, e.who, e.status, organisation].filter(Boolean)),
    ].join(' · ');
    return html`<li part="contact">
      <p><span class="when">${formatDateTime(e.date)}</span> <span class="title">${e.title}</span></p>
      <p class="detail">${detail}</p>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-recent-contacts': RecentContacts;
  }
}
