import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { Section, SectionNotice, SectionState, SourceProblem, SourceRef } from '../../src/record/model';
import { formatDateTime } from '../../src/format';
import { displayState, sourceBreakdown } from './section-state';
import { styles } from './record-section.styles';
import { defineElement } from '../define';

const orgList = (refs: readonly SourceRef[]): string => refs.map((s) => s.organisation).join(', ');

const NOTICE_LABEL: Record<SectionNotice['kind'], string> = {
  warning: 'Warning',
  truncated: 'Incomplete',
  skipped: 'Left out',
  withheld: 'Restricted',
};

/** Held back on purpose by the server (role, objection): worded apart from failures to load. */
const isWithheld = (p: SourceProblem): boolean => p.kind === 'withheld' || p.kind === 'objection';

function withheldText(p: SourceProblem): string {
  return p.kind === 'objection'
    ? `${p.source.organisation}: not shared, the person has objected to sharing their record`
    : `${p.source.organisation}: not available to your role`;
}

function withheldTitle(withheld: SourceProblem[]): string {
  if (withheld.every((p) => p.kind === 'objection')) return 'Not shared: this person has objected to sharing their record';
  return withheld.every((p) => p.kind === 'withheld') ? 'Not available to your role' : 'Not shown to you';
}

/** The notice as written, naming its source when the text does not already. */
function noticeText(n: SectionNotice): string {
  return n.source && !n.text.includes(n.source.organisation) ? `${n.text} (${n.source.organisation})` : n.text;
}

/** "Weald General Hospital NHS Trust: timed out after 10 seconds (tried 22-Nov-2026 14:02)". */
export function problemText(p: SourceProblem): string {
  return `${p.source.organisation}: ${p.reason} (tried ${formatDateTime(p.at)})`;
}

/**
 * The frame every record section shares: heading, region landmark, and the
 * section's state worded so that no two states can be mistaken for each other.
 *
 * @summary Heading, loading/empty/partial/failed state and notices of one record section.
 *
 * @slot - The section's items, shown when it has any (loaded or partial).
 * @slot none - What to say when there are no items; replaces "None recorded" (empty state)
 *   and "Nothing recorded by …" (partial state). Must read correctly in both. Not shown
 *   when a source withheld restricted entries: "None you can see" then, never "none".
 * @slot extra - Shown after the items (or the "none" message) once anything has loaded,
 *   e.g. recently stopped medicines.
 *
 * @csspart section - The `<section>` region.
 * @csspart header - The row holding the heading.
 * @csspart heading - The heading.
 * @csspart status - The state message (loading, none recorded, still loading).
 * @csspart problems - The box naming sources that could not be loaded (partial and failed).
 * @csspart withheld - The box naming sources that hold this back from the user (role, objection): not a failure.
 * @csspart notices - The list of notices (warnings, truncation, restricted and skipped entries), above the items: what is missing is read first.
 *
 * @cssprop --scr-color-background - Section background.
 * @cssprop --scr-color-border - Section border.
 * @cssprop --scr-color-highlight - Accent along the top of the section.
 * @cssprop --scr-color-surface - Background of the partial/failed boxes.
 * @cssprop --scr-color-warning - Edge of the partial box.
 * @cssprop --scr-color-error - Edge of the failed box.
 * @cssprop --scr-border-radius - Corner radius.
 * @cssprop --scr-spacing - Padding and gaps.
 */
@defineElement('cr-record-section')
export class RecordSection extends LitElement {
  static override styles = styles;

  /** The section heading, e.g. "Medications". */
  @property() heading = '';

  /** Heading level (2–4), so sections nest with headings in order. */
  @property({ type: Number }) level: 2 | 3 | 4 = 2;

  /** The section to show the state of. Undefined reads as loading. */
  @property({ attribute: false }) section?: Section<unknown>;

  /** The record's sources, to name sources by organisation while they load. */
  @property({ attribute: false }) sources: readonly SourceRef[] = [];

  /**
   * The "none" slot names the sources checked (e.g. "No decision found in: …"): the empty
   * state does not name them again, and still shows it, after "None you can see", when a
   * source withheld entries.
   */
  @property({ type: Boolean, attribute: 'names-sources' }) namesSources = false;

  /** In the empty state, "Checked all 5 sources" rather than naming each, when every source answered (one-screen views). */
  @property({ type: Boolean, attribute: 'brief-sources' }) briefSources = false;

  /** The derived display state, reflected for styling and tests. Read-only. */
  @property({ reflect: true }) state: SectionState = 'loading';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('section')) this.state = displayState(this.section);
  }

  override render() {
    const { state, section } = this;
    const by = sourceBreakdown(section, this.sources);
    const busy = by.loading.length > 0 || !section;
    return html`
      <section part="section" aria-labelledby="heading" aria-busy=${busy ? 'true' : 'false'}>
        <div class="header" part="header">${this.renderHeading()}</div>
        <div class="status" part="status" role="status">${this.renderStatus(state, by)}</div>
        ${this.renderProblems(state, by.failed)}
        ${this.renderNotices(section?.notices ?? [])}
        ${
          state === 'loaded' || (state === 'partial' && (section?.items.length ?? 0) > 0)
            ? html`<div class="body" part="body"><slot></slot></div>`
            : nothing
        }
        ${state === 'loading' || state === 'failed' ? nothing : html`<slot name="extra"></slot>`}
      </section>
    `;
  }

  private renderHeading(): TemplateResult {
    switch (this.level) {
      case 3:
        return html`<h3 id="heading" part="heading">${this.heading}</h3>`;
      case 4:
        return html`<h4 id="heading" part="heading">${this.heading}</h4>`;
      default:
        return html`<h2 id="heading" part="heading">${this.heading}</h2>`;
    }
  }

  private renderStatus(state: SectionState, by: ReturnType<typeof sourceBreakdown>) {
    const stillLoading = by.loading.length
      ? html`<p class="loading">${state === 'loading' ? 'Loading' : 'Still loading'} from ${orgList(by.loading)}</p>`
      : nothing;
    switch (state) {
      case 'loading':
        return by.loading.length ? stillLoading : html`<p class="loading">Loading</p>`;
      case 'empty':
        // Something was held back: "none" would not be true (the notice below says what).
        // A message naming the sources checked ("No decision found in: …") stays true of what could be seen.
        if (this.withholds())
          return html`<div class="none" part="none">None you can see</div>${this.namesSources ? html`<slot name="none"></slot>` : nothing}`;
        return html`<div class="none" part="none"><slot name="none">None recorded</slot></div>
          ${by.loaded.length && !this.namesSources ? html`<p class="checked">${this.checkedText(by)}</p>` : nothing}`;
      case 'partial':
        // Never "None recorded": some source could not say.
        return html`${
          (this.section?.items.length ?? 0) === 0 && by.loaded.length
            ? this.withholds()
              ? html`<div class="none" part="none">None you can see from ${orgList(by.loaded)}</div>`
              : html`<div class="none" part="none"><slot name="none">Nothing recorded by ${orgList(by.loaded)}</slot></div>`
            : nothing
        }${stillLoading}`;
      case 'failed':
        return nothing;
      default:
        return stillLoading;
    }
  }

  /** A source left restricted entries of this section out. */
  private withholds(): boolean {
    return (this.section?.notices ?? []).some((n) => n.kind === 'withheld');
  }

  /** Brief only when every source that holds the person answered (the source status line names them). */
  private checkedText(by: ReturnType<typeof sourceBreakdown>): string {
    const { loaded, excluded, failed, loading } = by;
    if (!this.briefSources || loaded.length < 3 || failed.length || loading.length) return `Checked ${orgList(loaded)}`;
    return excluded.length
      ? `Checked all ${loaded.length} sources that hold a record for this person`
      : `Checked all ${loaded.length} sources`;
  }

  private renderProblems(state: SectionState, problems: SourceProblem[]) {
    if (state !== 'partial' && state !== 'failed') return nothing;
    const withheld = problems.filter(isWithheld);
    const failed = problems.filter((p) => !isWithheld(p));
    const allFailed = state === 'failed' && withheld.length === 0;
    const title = allFailed ? 'Could not be loaded' : 'Some sources could not be loaded';
    return html`
      ${
        withheld.length
          ? html`<div class="box withheld" part="withheld">
            <p class="box-title">${withheldTitle(withheld)}</p>
            <ul>
              ${withheld.map((p) => html`<li>${withheldText(p)}</li>`)}
            </ul>
          </div>`
          : nothing
      }
      ${
        failed.length
          ? html`<div class="box problems ${allFailed ? 'failed' : 'partial'}" part="problems">
            <p class="box-title">${title}</p>
            <ul>
              ${failed.map((p) => html`<li>${problemText(p)}</li>`)}
            </ul>
          </div>`
          : nothing
      }
    `;
  }

  private renderNotices(notices: readonly SectionNotice[]) {
    if (notices.length === 0) return nothing;
    return html`
      <ul class="notices" part="notices" aria-label="Notices">
        ${notices.map(
          (n) => html`<li>
            <span class="notice-kind">${NOTICE_LABEL[n.kind]}</span>
            ${noticeText(n)}
          </li>`,
        )}
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-record-section': RecordSection;
  }
}
