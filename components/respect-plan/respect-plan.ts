// Template parts the alerts strip and the first-minutes view share: a ReSPECT
// form's whole decision (treatment focus between comfort and life-sustaining
// treatment, the ceilings of care as written, the person's own priority) and
// the marker of an active end-of-life plan with its key instructions.
// Render them inside an element whose styles include `respectStyles` and `contactStyles`.

import { html, nothing, type TemplateResult } from 'lit';
import type { EndOfLifeMarker } from '../../src/record/end-of-life';
import type { RespectPlan } from '../../src/record/model';
import { textWithPhones } from '../contact-links/contact-links';
import { formatDate, NOT_KNOWN } from '../../src/format';

export { respectStyles } from './respect-plan.styles';

const TOWARDS: Record<NonNullable<NonNullable<RespectPlan['focus']>['towards']>, string> = {
  comfort: 'towards comfort, not life-sustaining treatment',
  'life-sustaining': 'towards life-sustaining treatment',
};

/** Comfort ↔ life-sustaining, the recorded end marked by weight and a dot as well as colour. */
function focusScale(towards: NonNullable<RespectPlan['focus']>['towards']): TemplateResult | typeof nothing {
  if (!towards) return nothing;
  const end = (side: 'comfort' | 'life-sustaining', text: string) =>
    html`<span class="end ${towards === side ? 'chosen' : ''}">${towards === side ? '● ' : ''}${text}</span>`;
  return html`<span class="scale" role="img" aria-label=${`Treatment focus ${TOWARDS[towards]}`}>
    ${end('comfort', 'Comfort')}<span class="track" aria-hidden="true"></span>${end('life-sustaining', 'Life-sustaining')}
  </span>`;
}

/**
 * The recommendations of a ReSPECT form. `compact` (first minutes) gives the
 * ceilings of care on one line without their details, leaves out one that
 * only repeats `shown` (the recommendation already above it) and the person's
 * statement.
 */
export function respectPlanTemplate(plan: RespectPlan, compact = false, shown?: string): TemplateResult {
  const { focus, personPriority } = plan;
  const same = (a: string, b: string | undefined) => b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
  const recommendations = compact ? plan.recommendations.filter((r) => !same(r.text, shown)) : plan.recommendations;
  return html`<div class="respect-plan" part="respect-plan">
    <p class="focus" part="focus">
      <span class="label">Treatment focus</span>
      <span class="focus-text">${focus?.text ?? NOT_KNOWN}</span>
      ${focusScale(focus?.towards)}
    </p>
    ${focus?.detail && !compact ? html`<p class="detail">${focus.detail}</p>` : nothing}
    ${
      compact && recommendations.length
        ? html`<p class="ceilings-line" part="ceilings">${recommendations.map((r, i) => html`${i ? ' · ' : ''}<span class="ceiling">${r.text}</span>`)}</p>`
        : nothing
    }
    ${
      !compact && recommendations.length
        ? html`<ul class="ceilings" part="ceilings" aria-label="Recommendations">
          ${recommendations.map((r) => html`<li><span class="ceiling">${r.text}${r.detail ? ':' : ''}</span>${r.detail ? ` ${r.detail}` : nothing}</li>`)}
        </ul>`
        : nothing
    }
    ${
      personPriority && !compact
        ? html`<p class="priority">
          <span class="label">The person's priority</span>
          ${personPriority.scale !== undefined ? `${personPriority.scale} on the ReSPECT scale (0 sustaining life, 100 comfort)` : ''}${personPriority.scale !== undefined && personPriority.statement ? ': ' : ''}${personPriority.statement ? html`“${personPriority.statement}”` : nothing}
        </p>`
        : nothing
    }
  </div>`;
}

/** An active end-of-life plan: marked, with preferred place of death, just-in-case medicines and whom to call. */
export function endOfLifeTemplate(markers: readonly EndOfLifeMarker[], compact = false): TemplateResult | typeof nothing {
  if (markers.length === 0) return nothing;
  return html`${markers.map(
    (m) => html`<div class="eol ${compact ? 'compact' : ''}" part="end-of-life">
      <p class="eol-title">
        <span class="eol-tag">${m.plan.kind === 'anticipatory' ? 'Anticipatory care plan' : 'End of life care plan'}</span>
        ${m.plan.status === 'on-hold' ? 'on hold' : 'active'}${m.plan.period?.start ? ` since ${formatDate(m.plan.period.start)}` : ''}
        <span class="source">(${m.plan.provenance.source.organisation})</span>
      </p>
      <dl class="eol-facts">
        <div><dt>Preferred place of death</dt><dd>${m.preferredPlaceOfDeath ?? 'Not recorded in the plan'}</dd></div>
        ${m.justInCase.length ? html`<div><dt>Just-in-case medicines</dt><dd>${m.justInCase.map((t) => html`<p>${t}</p>`)}</dd></div>` : nothing}
        ${
          m.whomToCall.length
            ? html`<div><dt>Whom to call</dt><dd>${(compact ? m.whomToCall.slice(0, 1) : m.whomToCall).map((t) => html`<p>${textWithPhones(t)}</p>`)}</dd></div>`
            : nothing
        }
      </dl>
      <p><a href="#view=care-plans">Read the ${m.plan.kind === 'anticipatory' ? 'anticipatory care plan' : 'end of life care plan'}</a></p>
    </div>`,
  )}`;
}
