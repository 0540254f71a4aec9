import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CareRecord, ProblemItem, Section, SourceRef } from '../../src/record/model';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { formatDate } from '../format-shim';
import { sectionState } from '../record-section/section-state';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { styles } from './problem-list.styles';

/**
 * Problems: active ones and significant past ones as two separate lists, each
 * with onset and resolved dates and the source.
 *
 * @summary Active and significant past problems.
 *
 * @csspart active - The active problems list.
 * @csspart past - The significant past problems list.
 * @csspart problem - One problem.
 *
 * @cssprop --scr-color-border - Rules between problems.
 */
@customElement('problem-list')
export class ProblemList extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) problems?: Section<ProblemItem>;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** Heading level of the section (2–3); the two lists are one level below. */
  @property({ type: Number }) level: 2 | 3 = 2;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.problems = r?.problems;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    const items = this.problems?.items ?? [];
    return html`
      <record-section heading="Problems" .level=${this.level} .section=${this.problems} .sources=${this.sources}>
        ${items.length
          ? html`<div class="lists">
              ${this.renderList('active', 'Active', items.filter((p) => p.status === 'active'))}
              ${this.renderList('past', 'Significant past', items.filter((p) => p.status === 'past'))}
            </div>`
          : nothing}
      </record-section>
    `;
  }

  private renderList(part: 'active' | 'past', title: string, items: ProblemItem[]) {
    // A source failed: an empty sub-list may only be empty as far as we know.
    const none = sectionState(this.problems) === 'partial' ? 'None in the sources that could be loaded' : 'None recorded';
    const heading = this.level === 3 ? html`<h4 id=${part}>${title}</h4>` : html`<h3 id=${part}>${title}</h3>`;
    return html`<div>
      ${heading}
      ${items.length
        ? html`<ul class="items tight" part=${part} aria-labelledby=${part}>${items.map((p) => this.renderProblem(p))}</ul>`
        : html`<p>${none}</p>`}
    </div>`;
  }

  private renderProblem(p: ProblemItem) {
    return html`<li part="problem">
      <p class="name">${p.name}</p>
      <dl>
        <div><dt>Onset</dt><dd>${formatDate(p.onset)}</dd></div>
        ${p.status === 'past' ? html`<div><dt>Resolved</dt><dd>${formatDate(p.resolved)}</dd></div>` : nothing}
      </dl>
      <provenance-line .provenance=${p.provenance}></provenance-line>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'problem-list': ProblemList;
  }
}
