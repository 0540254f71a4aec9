import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { CarePlanActivity, CarePlanItem, CareRecord, Section, SourceRef } from '../../src/record/model';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { restrictedTag, textWithPhones } from '../contact-links/contact-links';
import { formatDate, NOT_KNOWN } from '../../src/format';
import { lookup } from '../../src/format/lookup';
import { displayState } from '../record-section/section-state';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import '../safe-narrative/safe-narrative';
import { styles } from './care-plan-list.styles';
import { defineElement } from '../define';

const KIND_LABEL: Record<CarePlanItem['kind'], string> = {
  crisis: 'Mental health crisis plan',
  'end-of-life': 'End of life care plan',
  'advance-care': 'Advance care plan',
  anticipatory: 'Anticipatory care plan',
  'child-protection': 'Child protection plan',
  'care-package': 'Social care package',
  'personalised-care': 'Personalised care and support plan',
  other: 'Care plan',
};

const STATUS_LABEL: Record<CarePlanItem['status'], string> = {
  active: 'Active',
  'on-hold': 'On hold',
  draft: 'Draft',
  completed: 'Completed',
  revoked: 'Revoked',
  unknown: `Status ${NOT_KNOWN}`,
};

const ACTIVITY_STATUS: Record<string, string> = {
  'not-started': 'Not started',
  scheduled: 'Scheduled',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
  stopped: 'Stopped',
};

/** "From 15-Mar-2026", "15-Mar-2026 to 01-Jun-2026", "Until 01-Jun-2026". */
export function periodText(period: CarePlanItem['period']): string {
  if (period?.start && period.end) return `${formatDate(period.start)} to ${formatDate(period.end)}`;
  if (period?.start) return `From ${formatDate(period.start)}`;
  if (period?.end) return `Until ${formatDate(period.end)}`;
  return NOT_KNOWN;
}

/** The plan's kind, or its own category when it is of no known kind. */
export function kindLabel(plan: CarePlanItem): string {
  return plan.kind === 'other' ? (plan.categories[0] ?? KIND_LABEL.other) : KIND_LABEL[plan.kind];
}

function heading(level: number, id: string, text: string, cls: string): TemplateResult {
  switch (level) {
    case 3:
      return html`<h3 id=${id} class=${cls}>${text}</h3>`;
    case 4:
      return html`<h4 id=${id} class=${cls}>${text}</h4>`;
    default:
      return html`<h5 id=${id} class=${cls}>${text}</h5>`;
  }
}

/**
 * Care plans with their content readable in place: end of life, mental health
 * crisis, advance and anticipatory care, child protection, social care
 * packages. Current plans first (crisis and end of life first among them);
 * completed and revoked plans in a list of their own. Phone numbers anywhere
 * in a plan ("who to call") are `tel:` links; restricted plans are labelled.
 *
 * Inside `<care-record>` it reads the record from context; on its own, set `carePlans` and `sources`.
 *
 * @summary Care plans, current first, with description, activities, goals and notes.
 *
 * @csspart current - The list of current plans.
 * @csspart ended - The list of completed and revoked plans.
 * @csspart plan - One plan.
 * @csspart kind - The plan's kind (e.g. "Mental health crisis plan").
 * @csspart status - The plan's status.
 * @csspart restricted - The "Restricted" label.
 *
 * @cssprop --scr-color-border - Plan borders.
 * @cssprop --scr-color-highlight - Edge of current plans.
 * @cssprop --scr-color-warning - Edge of the "Restricted" label.
 * @cssprop --scr-color-link - Phone links.
 */
@defineElement('cr-care-plan-list')
export class CarePlanList extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) carePlans?: Section<CarePlanItem>;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** Heading level of the section (2–3); lists and plans are one and two levels below. */
  @property({ type: Number }) level: 2 | 3 = 2;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.carePlans = r?.carePlans;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    const items = this.carePlans?.items ?? [];
    const ended = (p: CarePlanItem) => p.status === 'completed' || p.status === 'revoked';
    return html`
      <cr-record-section heading="Care plans" .level=${this.level} .section=${this.carePlans} .sources=${this.sources}>
        ${
          items.length
            ? html`<div class="groups">
              ${this.renderGroup(
                'current',
                'Current plans',
                items.filter((p) => !ended(p)),
              )}
              ${this.renderGroup('ended', 'Completed or revoked', items.filter(ended))}
            </div>`
            : nothing
        }
      </cr-record-section>
    `;
  }

  private renderGroup(part: 'current' | 'ended', title: string, plans: CarePlanItem[]) {
    const none = displayState(this.carePlans) === 'partial' ? 'None in the sources that could be loaded' : 'None recorded';
    return html`<div class=${part}>
      ${heading(this.level + 1, part, title, 'group-heading')}
      ${
        plans.length
          ? html`<ul class="plans" part=${part} aria-labelledby=${part}>
            ${plans.map((p, i) => html`<li>${this.renderPlan(p, `${part}-${i}`)}</li>`)}
          </ul>`
          : html`<p>${none}</p>`
      }
    </div>`;
  }

  private renderPlan(plan: CarePlanItem, id: string) {
    const kind = kindLabel(plan);
    return html`<article part="plan" aria-labelledby=${id}>
      <div class="title-row">
        ${heading(this.level + 2, id, plan.title, 'plan-title')}
        ${kind !== plan.title ? html`<span class="tag" part="kind">${kind}</span>` : nothing}
        <span class="tag" part="status">${STATUS_LABEL[plan.status]}</span>
        ${restrictedTag(plan.restricted)}
      </div>
      <dl>
        <div><dt>Period</dt><dd>${periodText(plan.period)}</dd></div>
        ${plan.author ? html`<div><dt>Author</dt><dd>${plan.author}</dd></div>` : nothing}
        ${plan.categories.filter((c) => c !== plan.title && c !== kind).map((c) => html`<div><dt>Category</dt><dd>${c}</dd></div>`)}
      </dl>
      ${plan.description ? html`<p class="description">${textWithPhones(plan.description)}</p>` : nothing}
      ${this.renderList('What to do', plan.activities, (a) => this.renderActivity(a))}
      ${this.renderList('Goals', plan.goals, (g) => textWithPhones(g))}
      ${this.renderList('Notes', plan.notes, (n) => textWithPhones(n))}
      ${plan.narrative ? html`<cr-safe-narrative .content=${plan.narrative} label=${`${plan.title} narrative`}></cr-safe-narrative>` : nothing}
      <cr-provenance-line .provenance=${plan.provenance}></cr-provenance-line>
    </article>`;
  }

  private renderList<T>(label: string, values: readonly T[], render: (value: T) => unknown) {
    if (values.length === 0) return nothing;
    return html`<p class="part-label">${label}</p>
      <ul class="content-list">
        ${values.map((v) => html`<li>${render(v)}</li>`)}
      </ul>`;
  }

  private renderActivity(a: CarePlanActivity) {
    const status = lookup(ACTIVITY_STATUS, a.status);
    const meta = [
      a.service,
      a.scheduled,
      a.performers.length ? `By ${a.performers.join(', ')}` : undefined,
      a.location ? `At ${a.location}` : undefined,
      status,
    ].filter(Boolean);
    return html`${textWithPhones(a.description)}${meta.length ? html`<span class="meta">${meta.join(' · ')}</span>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-care-plan-list': CarePlanList;
  }
}
