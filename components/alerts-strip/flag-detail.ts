// Template parts the alerts strip and the first-minutes view share for a flag:
// the plan behind it (what to do, whom to call, out of hours included) and a
// child's repeated A&E attendances summed up. Render inside an element whose
// styles include `contactStyles` (for the `tel:` links) and `flagDetailStyles`.

import { css, html, nothing, type TemplateResult } from 'lit';
import type { FlagAlert, TimelineEntry } from '../../src/record/model';
import { repeatedAttendances } from '../../src/record/safeguarding';
import { textWithPhones } from '../contact-links/contact-links';

export function flagDetailTemplate(
  flag: FlagAlert,
  timeline: readonly TimelineEntry[],
  birthDate: string | undefined,
  now = new Date(),
): TemplateResult {
  const pattern = repeatedAttendances(flag, timeline, birthDate, now);
  const plan = flag.plan;
  return html`${pattern ? html`<p class="pattern" part="pattern"><span class="pattern-label">Repeated A&E attendance</span> ${pattern.text}</p>` : nothing}
    ${
      plan && (plan.instructions.length || plan.contacts.length)
        ? html`<div class="flag-plan" part="flag-plan">
          <p class="plan-title">From the ${plan.title.toLowerCase()} (${plan.provenance.source.organisation})</p>
          <ul>
            ${plan.instructions.map((t) => html`<li class="instruction">${t}</li>`)}
            ${plan.contacts.map((t) => html`<li>${textWithPhones(t)}</li>`)}
          </ul>
        </div>`
        : nothing
    }`;
}

export const flagDetailStyles = css`
  .pattern {
    font-weight: 700;
    border-inline-start: 4px solid var(--_warning);
    padding-inline-start: 0.5rem;
    margin-block: 0.25rem;
  }
  .pattern-label {
    display: block;
    font-size: 0.875em;
  }
  .flag-plan {
    margin-block: 0.25rem;
  }
  .flag-plan ul {
    padding-inline-start: 1.25rem;
  }
  .plan-title {
    color: var(--_text-secondary);
    font-size: 0.875em;
  }
  .instruction {
    font-weight: 700;
  }
`;
