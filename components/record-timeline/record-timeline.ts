import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import '@lit-labs/virtualizer';
import { homeEndThroughVirtualizer } from '../virtual-scroller';
import type { CareRecord, Section, SourceRef, TimelineEntry, TimelineKind } from '../../src/record/model';
import { TIMELINE_KIND_LABELS, TIMELINE_KINDS } from '../../src/record/timeline-kinds';
import {
  filterTimeline,
  hasTimelineFilters,
  readTimelineFilters,
  writeTimelineFilters,
  type TimelineFilters,
} from '../../src/record/timeline-filters';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { formatDate, formatDateTime, formatNumber, parseDisplayDate } from '../../src/format';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { styles } from './record-timeline.styles';
import { fire } from '../events';
import { defineElement } from '../define';

/** Lists longer than this are virtualised; shorter ones render whole. */
export const VIRTUALISE_OVER = 50;

const NO_FILTERS: TimelineFilters = Object.freeze({ sources: [], kinds: [] });

const contacts = (n: number): string => `${formatNumber(n)} contact${n === 1 ? '' : 's'}`;

/** "3,214 contacts; showing 57 matching the filters". */
export function timelineCountText(total: number, matching: number, filtered: boolean): string {
  if (!filtered) return contacts(total);
  return `${contacts(total)}; showing ${formatNumber(matching)} matching the filters`;
}

/** The end of a contact: just the time when it ended the day it started. */
export function untilText(start: string | undefined, end: string): string {
  const day = formatDate(end);
  const whole = formatDateTime(end);
  return day === formatDate(start) && whole.startsWith(`${day} `) ? whole.slice(day.length + 1) : whole;
}

function equalFilters(a: TimelineFilters, b: TimelineFilters): boolean {
  return a.sources.join() === b.sources.join() && a.kinds.join() === b.kinds.join() && a.from === b.from && a.to === b.to;
}

/**
 * Every contact with every source in one chronological list: A&E attendances,
 * admissions, outpatient and home visits, appointments, referrals, documents
 * and social care events. Upcoming ones are listed apart, soonest first; the
 * rest newest first. Filters by source, kind and dates are kept in the page's
 * query string (`tl-source`, `tl-kind`, `tl-from`, `tl-to`), read on load and
 * written with `history.replaceState`, so a filtered view can be shared.
 * Long lists are virtualised: the page holds only the entries in view, and the
 * list is a labelled scroll region that the keyboard can reach and scroll.
 *
 * @summary Chronological list of every contact, filterable, virtualised.
 *
 * @csspart filters - The filter form.
 * @csspart count - The line saying how many contacts there are and how many match.
 * @csspart upcoming - The upcoming contacts.
 * @csspart past - The past contacts.
 * @csspart scroller - The scroll region of a virtualised list.
 * @csspart entry - One contact.
 *
 * @cssprop --scr-timeline-height - Height of the scroll region of a long list (default `min(70vh, 40rem)`).
 * @cssprop --scr-color-border - Rules between entries.
 * @cssprop --scr-color-surface - Background of the filters.
 * @cssprop --scr-color-error - Edge marking an A&E attendance (with its text label).
 * @cssprop --scr-color-highlight - Border of an in-progress status.
 *
 * @fires timeline-filter-change - `{ filters }`, when the user changes a filter.
 */
@defineElement('cr-record-timeline')
export class RecordTimeline extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) timeline?: Section<TimelineEntry>;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** Heading level of the section (2–3); its parts are one level below. */
  @property({ type: Number }) level: 2 | 3 = 2;
  /** Keep the filters in the page's query string. Set false when the host owns the URL. */
  @property({ type: Boolean, attribute: false }) syncUrl = true;

  /** The filters in force. */
  @state() filters: TimelineFilters = NO_FILTERS;
  /** Dates typed that are not days, as typed. */
  @state() private dateErrors: Partial<Record<'from' | 'to', string>> = {};

  private matching: TimelineEntry[] = [];
  private upcoming: TimelineEntry[] = [];
  private past: TimelineEntry[] = [];
  private bySource = new Map<string, number>();
  private byKind = new Map<string, number>();

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.timeline = r?.timeline;
      this.sources = r?.sources ?? [];
    });
  }

  private readonly onPopState = (): void => this.readUrl();

  override connectedCallback(): void {
    super.connectedCallback();
    this.readUrl();
    window.addEventListener('popstate', this.onPopState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
  }

  private readUrl(): void {
    if (!this.syncUrl) return;
    const filters = readTimelineFilters(window.location.search);
    if (!equalFilters(filters, this.filters)) this.filters = filters;
  }

  /** Sets the filters (as the form does), updating the query string and telling listeners. */
  setFilters(filters: TimelineFilters): void {
    if (equalFilters(filters, this.filters)) return;
    this.filters = filters;
    if (this.syncUrl) {
      const params = writeTimelineFilters(new URLSearchParams(window.location.search), filters).toString();
      const { pathname, hash } = window.location;
      history.replaceState(history.state, '', `${pathname}${params ? `?${params}` : ''}${hash}`);
    }
    fire(this, 'timeline-filter-change', { filters });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const items = this.timeline?.items ?? [];
    if (changed.has('timeline')) {
      this.bySource = countBy(items, (e) => e.provenance.source.name);
      this.byKind = countBy(items, (e) => e.kind);
    }
    if (changed.has('timeline') || changed.has('filters')) {
      this.matching = hasTimelineFilters(this.filters) ? filterTimeline(items, this.filters) : items;
      this.upcoming = this.matching.filter((e) => e.upcoming);
      this.past = this.matching.filter((e) => !e.upcoming);
    }
  }

  override render() {
    const items = this.timeline?.items ?? [];
    return html`
      <cr-record-section heading="Timeline" .level=${this.level} .section=${this.timeline} .sources=${this.sources}>
        ${items.length ? this.renderBody(items.length) : nothing}
      </cr-record-section>
    `;
  }

  private renderBody(total: number) {
    const filtered = hasTimelineFilters(this.filters);
    return html`
      ${this.renderFilters()}
      <p class="count" part="count" role="status">${timelineCountText(total, this.matching.length, filtered)}</p>
      ${this.matching.length === 0 ? html`<p>No contacts match the filters.</p>` : nothing}
      ${this.upcoming.length ? this.renderGroup('upcoming', 'Upcoming', 'soonest first', this.upcoming) : nothing}
      ${this.past.length ? this.renderGroup('past', this.upcoming.length ? 'Past' : 'Contacts', 'newest first', this.past) : nothing}
    `;
  }

  // ------------------------------------------------------------ filters

  private renderFilters() {
    const f = this.filters;
    const sources = this.sources.filter((s) => this.bySource.has(s.name) || f.sources.includes(s.name));
    const kinds = TIMELINE_KINDS.filter((k) => this.byKind.has(k) || f.kinds.includes(k));
    return html`<form class="filters" part="filters" aria-label="Filter the timeline" @submit=${(e: Event) => e.preventDefault()} @change=${this.onChange}>
      <fieldset>
        <legend>Source</legend>
        <div class="options">
          ${sources.map(
            (s) => html`<label
              ><input type="checkbox" name="source" .value=${s.name} .checked=${f.sources.includes(s.name)} />${s.organisation}
              (${formatNumber(this.bySource.get(s.name) ?? 0)})</label
            >`,
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>Kind</legend>
        <div class="options">
          ${kinds.map(
            (k) => html`<label
              ><input type="checkbox" name="kind" .value=${k} .checked=${f.kinds.includes(k)} />${TIMELINE_KIND_LABELS[k]}
              (${formatNumber(this.byKind.get(k) ?? 0)})</label
            >`,
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>Dates</legend>
        <div class="dates">
          ${this.dateInput('from', 'From', f.from)} ${this.dateInput('to', 'To', f.to)}
        </div>
        <p class="hint" id="date-hint">For example, 14-Jul-2021</p>
      </fieldset>
      ${
        hasTimelineFilters(f)
          ? html`<button type="button" @click=${() => this.setFilters({ sources: [], kinds: [] })}>Clear filters</button>`
          : nothing
      }
    </form>`;
  }

  /**
   * A day typed as dd-Mmm-yyyy, whatever the browser's language (a native date
   * input shows the browser's own order); what cannot be read is said, and not applied.
   */
  private dateInput(name: 'from' | 'to', label: string, value: string | undefined) {
    const error = this.dateErrors[name];
    return html`<label
      >${label}
      <input type="text" name=${name} inputmode="text" autocomplete="off" size="11" .value=${error ?? (value ? formatDate(value) : '')}
        aria-describedby=${error ? `date-hint ${name}-error` : 'date-hint'} aria-invalid=${error ? 'true' : 'false'} />
      ${error ? html`<span class="error" id=${`${name}-error`}>Not a date: enter it like 14-Jul-2021</span>` : nothing}</label
    >`;
  }

  private readonly onChange = (event: Event): void => {
    const form = event.currentTarget as HTMLFormElement;
    const ticked = (name: string) =>
      [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)].filter((i) => i.checked).map((i) => i.value);
    const errors: Partial<Record<'from' | 'to', string>> = {};
    const date = (name: 'from' | 'to') => {
      const typed = form.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.value.trim() ?? '';
      if (!typed) return undefined;
      const day = parseDisplayDate(typed);
      // Not readable: keep what the user typed on screen, keep the filter as it was.
      if (!day) errors[name] = typed;
      return day ?? this.filters[name];
    };
    const from = date('from');
    const to = date('to');
    this.dateErrors = errors;
    this.setFilters({
      sources: ticked('source'),
      kinds: ticked('kind') as TimelineKind[],
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
  };

  // ------------------------------------------------------------ lists

  private renderGroup(part: 'upcoming' | 'past', title: string, order: string, entries: TimelineEntry[]) {
    const id = `${part}-heading`;
    const heading =
      this.level === 3
        ? html`<h4 id=${id}>${title} <span class="muted">(${order})</span></h4>`
        : html`<h3 id=${id}>${title} <span class="muted">(${order})</span></h3>`;
    if (entries.length <= VIRTUALISE_OVER) {
      return html`<div class="group" part=${part}>
        ${heading}
        <div class="plain" role="list" aria-labelledby=${id}>${entries.map((e, i) => this.renderEntry(e, i, entries.length))}</div>
      </div>`;
    }
    // One tab stop for the whole list: the region scrolls with the arrow, page and Home/End keys.
    return html`<div class="group" part=${part}>
      ${heading}
      <div class="scroller" part="scroller" role="region" aria-labelledby=${id} tabindex="0" @keydown=${homeEndThroughVirtualizer}>
        <lit-virtualizer
          role="list"
          aria-labelledby=${id}
          .items=${entries}
          .keyFunction=${(e: TimelineEntry) => e.key}
          .renderItem=${(e: TimelineEntry, i: number) => this.renderEntry(e, i, entries.length)}
        ></lit-virtualizer>
      </div>
    </div>`;
  }

  private renderEntry(e: TimelineEntry, index: number, size: number) {
    const kind = TIMELINE_KIND_LABELS[e.kind];
    return html`<div
      class="entry ${e.kind} ${e.state}"
      part="entry"
      role="listitem"
      aria-setsize=${size}
      aria-posinset=${index + 1}
    >
      <p class="when">
        ${formatDateTime(e.date)}${e.end && e.end !== e.date ? html`<span class="until">to ${untilText(e.date, e.end)}</span>` : nothing}
      </p>
      <div>
        <p class="tags"><span class="kind">${kind}</span><span class="status ${e.state}">${e.status}</span></p>
        <p class="title">${e.title}</p>
        ${e.description ? html`<p class="description">${e.description}</p>` : nothing}
        ${
          e.where || e.who
            ? html`<dl>
              ${e.where ? html`<div><dt>Where</dt><dd>${e.where}</dd></div>` : nothing}
              ${e.who ? html`<div><dt>Who</dt><dd>${e.who}</dd></div>` : nothing}
            </dl>`
            : nothing
        }
        <cr-provenance-line .provenance=${e.provenance}></cr-provenance-line>
      </div>
    </div>`;
  }
}

function countBy(items: readonly TimelineEntry[], key: (e: TimelineEntry) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-record-timeline': RecordTimeline;
  }
}
