import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { CareRecord, MedicationGroup, ProblemItem, Section, SourceRef } from '../../src/record/model';
import { activeSince, episodesText, summariseProblems, type ProblemGroup } from '../../src/record/problem-summary';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { formatDate, formatNumber } from '../../src/format';
import { displayState } from '../record-section/section-state';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { styles } from './problem-list.styles';
import { defineElement } from '../define';

type ListName = 'active' | 'past' | 'other';

/**
 * Problems: active ones (with any long-term condition recorded as resolved
 * while its medicine continues, the conflict said), significant past ones and
 * other past ones (recorded as minor), each problem once however many times it
 * was recorded ("Asthma, 9 episodes, last 2019"), with dates and sources.
 * `summary` keeps it short for the first screen: one line per active problem,
 * the past ones as a list of names, every episode one link away.
 *
 * @summary Active and past problems, repeat episodes grouped.
 *
 * @csspart active - The active problems list.
 * @csspart past - The significant past problems list.
 * @csspart other - The other (minor) past problems list.
 * @csspart problem - One problem.
 * @csspart conflict - A long-term condition recorded as resolved while its medicine continues.
 * @csspart all - The link to every problem (summary).
 *
 * @cssprop --scr-color-border - Rules between problems.
 * @cssprop --scr-color-warning - Edge of a conflict.
 */
@defineElement('cr-problem-list')
export class ProblemList extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) problems?: Section<ProblemItem>;
  /** Current medicines: a long-term condition is not over while one that treats it continues. */
  @property({ attribute: false }) medicines: readonly MedicationGroup[] = [];
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** Heading level of the section (2–3); the lists are one level below. */
  @property({ type: Number }) level: 2 | 3 = 2;
  /** The short form for the summary. */
  @property({ type: Boolean }) summary = false;
  /** Where the summary's link to every problem goes. */
  @property({ attribute: 'problems-href' }) problemsHref = '#view=problems';

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.problems = r?.problems;
      this.medicines = r?.medications?.items ?? [];
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    const items = this.problems?.items ?? [];
    const summary = summariseProblems(items, this.medicines);
    return html`
      <cr-record-section heading="Problems" .level=${this.level} .section=${this.problems} .sources=${this.sources}>
        ${
          items.length
            ? html`<div class="lists">
              ${this.renderList('active', 'Active', summary.active)}
              ${this.renderList('past', 'Significant past', summary.significantPast)}
              ${summary.otherPast.length ? this.renderList('other', 'Other past (recorded as minor)', summary.otherPast) : nothing}
            </div>
            ${
              this.summary
                ? html`${this.sourcesLine([...summary.active, ...summary.significantPast, ...summary.otherPast])}
                  <a class="all" part="all" href=${this.problemsHref}>All ${formatNumber(items.length)} problem records, every episode with its dates</a>`
                : nothing
            }`
            : nothing
        }
      </cr-record-section>
    `;
  }

  private renderList(part: ListName, title: string, groups: ProblemGroup[]) {
    // A source failed: an empty sub-list may only be empty as far as we know.
    const none = displayState(this.problems) === 'partial' ? 'None in the sources that could be loaded' : 'None recorded';
    const heading = this.level === 3 ? html`<h4 id=${part}>${title}</h4>` : html`<h3 id=${part}>${title}</h3>`;
    if (groups.length === 0) return html`<div>${heading}<p>${none}</p></div>`;
    if (this.summary && part !== 'active') return html`<div>${heading}${this.renderNames(part, groups)}</div>`;
    return html`<div>
      ${heading}
      <ul class="items tight ${this.summary ? 'lines' : ''}" part=${part} aria-labelledby=${part}>${groups.map((g) => (this.summary ? this.renderLine(g) : this.renderGroup(g)))}</ul>
    </div>`;
  }

  /** Summary, past problems: names with their episodes, running on as a paragraph. */
  private renderNames(part: ListName, groups: ProblemGroup[]) {
    return html`<ul class="names" part=${part} aria-labelledby=${part}>
      ${groups.map((g) => html`<li part="problem"><span class="name">${g.name}</span> <span class="when">(${episodesText(g)})</span></li>`)}
    </ul>`;
  }

  /** Summary, active problems: one line each, since when. */
  private renderLine(g: ProblemGroup) {
    const episodes = g.episodes.length > 1 ? `, ${g.episodes.length} episodes` : '';
    return html`<li part="problem">
      <p><span class="name">${g.name}</span> <span class="when">since ${formatDate(activeSince(g))}${episodes}</span></p>
      ${g.conflict ? html`<p class="conflict" part="conflict">Conflict: ${g.conflict}</p>` : nothing}
    </li>`;
  }

  private sourcesLine(groups: ProblemGroup[]) {
    const sources = [...new Set(groups.flatMap((g) => g.sources.map((s) => s.organisation)))];
    return html`<p class="sources">Recorded by ${sources.join(', ')}</p>`;
  }

  private renderGroup(g: ProblemGroup) {
    const [latest, ...earlier] = g.episodes;
    return html`<li part="problem">
      <p class="name">${g.name}${g.episodes.length > 1 ? html` <span class="when">${episodesText(g)}</span>` : nothing}</p>
      ${g.conflict ? html`<p class="conflict" part="conflict">Conflict: ${g.conflict}</p>` : nothing}
      ${this.renderEpisode(latest!)}
      ${
        earlier.length
          ? html`<details>
            <summary>${earlier.length} earlier episode${earlier.length === 1 ? '' : 's'}</summary>
            <ul class="episodes">${earlier.map((e) => html`<li>${this.renderEpisode(e)}</li>`)}</ul>
          </details>`
          : nothing
      }
    </li>`;
  }

  private renderEpisode(p: ProblemItem) {
    return html`<dl>
        <div><dt>Onset</dt><dd>${formatDate(p.onset)}</dd></div>
        ${p.status === 'past' ? html`<div><dt>Resolved</dt><dd>${formatDate(p.resolved)}</dd></div>` : nothing}
      </dl>
      <cr-provenance-line .provenance=${p.provenance}></cr-provenance-line>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-problem-list': ProblemList;
  }
}
