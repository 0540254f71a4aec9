// Template parts the people, plan and summary elements share: contact details
// as links (phone numbers grouped and dialable with one tap on a tablet), free
// text with its phone numbers made `tel:` links, the "Restricted" tag, and the
// parts of a summary.
// Render them inside an element whose styles include `contactStyles`.

import { html, nothing, type TemplateResult } from 'lit';
import { elsewhere } from '../../src/record/elsewhere';
import type { CareTeamMember, ContactDetail, Section, TimelineEntry } from '../../src/record/model';
import { emailHref, formatDate, formatPhoneNumber, NOT_KNOWN, phoneHref } from '../../src/format';
import { splitPhoneNumbers } from '../../src/format/phone-text';
import '../provenance-line/provenance-line';

export { contactStyles } from './contact-links.styles';

const KIND_LABEL: Record<ContactDetail['kind'], string> = { phone: 'Phone', mobile: 'Mobile', email: 'Email', other: 'Contact' };

/** One phone number as a `tel:` link (as text when it cannot be dialled). */
export function phoneLink(value: string, label?: string): TemplateResult {
  const href = phoneHref(value);
  const shown = formatPhoneNumber(value);
  return href
    ? html`<a class="tel" href=${href} aria-label=${label ? `${label} ${shown}` : shown}>${shown}</a>`
    : html`<span>${shown}</span>`;
}

function contactValue(contact: ContactDetail): TemplateResult {
  if (contact.kind === 'phone' || contact.kind === 'mobile') return phoneLink(contact.value);
  // The href is rebuilt from the parsed address: a value carrying ?bcc= or &body= is shown as text.
  const mailto = contact.kind === 'email' ? emailHref(contact.value) : undefined;
  if (mailto) return html`<a class="tel" href=${mailto}>${contact.value}</a>`;
  return html`<span>${contact.value}</span>`;
}

/** "Phone 01632 960411 · Mobile 07700 900411 · Team phone 01632 960400", each a link. */
export function contactList(contacts: readonly ContactDetail[]): TemplateResult | typeof nothing {
  if (contacts.length === 0) return nothing;
  return html`<ul class="contacts" part="contacts">
    ${contacts.map(
      (c) => html`<li>
        <span class="contact-kind">${c.label ? `${c.label} ${KIND_LABEL[c.kind].toLowerCase()}` : KIND_LABEL[c.kind]}</span>
        ${contactValue(c)}
      </li>`,
    )}
  </ul>`;
}

/** Free text with every UK phone number in it as a `tel:` link. */
export function textWithPhones(text: string): TemplateResult {
  return html`${splitPhoneNumbers(text).map((part) => (part.kind === 'phone' ? phoneLink(part.text) : part.text))}`;
}

/** The visible "Restricted" label for data carrying the restricted confidentiality code. */
export function restrictedTag(restricted: boolean): TemplateResult | typeof nothing {
  return restricted ? html`<span class="tag restricted" part="restricted">Restricted</span>` : nothing;
}

/** One care team member: name, role and job, organisation, team, dates, contacts and source. */
export function memberTemplate(m: CareTeamMember): TemplateResult {
  const role = [m.role, m.job].filter(Boolean).join(' · ');
  return html`<div class="name-row">
      <span class="name">${m.name}</span>
      ${role ? html`<span class="role">${role}</span>` : nothing}
      ${restrictedTag(m.restricted)}
    </div>
    <dl class="facts">
      ${m.organisation ? html`<div><dt>Organisation</dt><dd>${m.organisation}</dd></div>` : nothing}
      ${m.team ? html`<div><dt>Team</dt><dd>${m.team}</dd></div>` : nothing}
      ${m.period?.start ? html`<div><dt>Since</dt><dd>${formatDate(m.period.start)}</dd></div>` : nothing}
      ${m.status === 'ended' && m.period?.end ? html`<div><dt>Until</dt><dd>${formatDate(m.period.end)}</dd></div>` : nothing}
    </dl>
    ${contactList(m.contacts)}
    <cr-provenance-line .provenance=${m.provenance}></cr-provenance-line>`;
}

/** "Since 22-Jun-2026", "22-Jun-2026 to 01-Sep-2026". */
export function sinceText(period: { start?: string; end?: string } | undefined): string {
  if (period?.start && period.end) return `${formatDate(period.start)} to ${formatDate(period.end)}`;
  return period?.start ? `Since ${formatDate(period.start)}` : `Since ${NOT_KNOWN}`;
}

/** Heading of the given level (3 or 4). */
function subheading(level: number, id: string, text: string): TemplateResult {
  return level >= 4 ? html`<h4 id=${id}>${text}</h4>` : html`<h3 id=${id}>${text}</h3>`;
}

/**
 * One part of a summary: a heading of the given level (3 or 4) with the id
 * `name`, then the entries as a list. With no entries it says `none`, or is
 * left out when there is no `none`.
 */
export function summaryPart(
  level: number,
  name: string,
  title: string,
  entries: TemplateResult[],
  none?: string,
): TemplateResult | typeof nothing {
  if (entries.length === 0 && none === undefined) return nothing;
  return html`<div>
    ${subheading(level, name, title)}
    ${
      entries.length
        ? html`<ul class="items" part=${name} aria-labelledby=${name}>${entries.map((e) => html`<li>${e}</li>`)}</ul>`
        : html`<p part=${name}>${none}</p>`
    }
  </div>`;
}

/**
 * A record section's "none" slot saying what the timeline holds instead ("No
 * social care summary recorded; 210 contacts with … in the timeline", with a
 * link to those contacts), once the timeline has loaded; nothing otherwise, so
 * the section says "None recorded".
 */
export function noneWithElsewhere(
  section: Parameters<typeof elsewhere>[0],
  timeline: Section<TimelineEntry> | undefined,
): TemplateResult | typeof nothing {
  const found = timeline && !Object.values(timeline.progress).includes('loading') ? elsewhere(section, timeline.items) : undefined;
  if (!found) return nothing;
  const href = `#view=timeline${found.sources.map((s) => `&tl-source=${encodeURIComponent(s)}`).join('')}`;
  return html`<p slot="none" class="elsewhere" part="elsewhere">${found.text}. <a href=${href}>Show them in the timeline</a></p>`;
}
