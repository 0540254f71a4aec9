import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type {
  CareRecord,
  CareTeamMember,
  ContactDetail,
  RelatedPersonEntry,
  RelatedPersonGroup,
  Section,
  SourceRef,
  TimelineEntry,
} from '../../src/record/model';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { contactList, memberTemplate, noneWithElsewhere, restrictedTag } from '../contact-links/contact-links';
import { displayState } from '../record-section/section-state';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { styles } from './care-team-list.styles';
import { defineElement } from '../define';

const LPA = 'Lasting power of attorney for health and welfare';

function contactKey(c: ContactDetail): string {
  return c.kind === 'email' || c.kind === 'other' ? c.value.trim().toLowerCase() : c.value.replace(/\D/g, '').replace(/^44/, '0');
}

/** Each distinct contact of the group's entries, first seen first. */
function groupContacts(group: RelatedPersonGroup): ContactDetail[] {
  const seen = new Map<string, ContactDetail>();
  for (const c of group.entries.flatMap((e) => e.contacts)) if (!seen.has(contactKey(c))) seen.set(contactKey(c), c);
  return [...seen.values()];
}

/** Relationships as recorded by any source, next of kin and LPA apart (they are shown as tags). */
function otherRelationships(group: RelatedPersonGroup): string[] {
  const all = new Set(group.entries.flatMap((e) => e.relationships));
  return [...all].filter((r) => !/next[ -]of[ -]kin/i.test(r) && !/power of attorney/i.test(r));
}

/**
 * Who is involved: the professionals and services in every care team across
 * organisations (role, job, organisation, phone numbers as `tel:` links), and
 * the people close to the patient: next of kin, carers and anyone holding
 * lasting power of attorney for health and welfare. The same relative held by
 * several sources is shown once, with what each source records.
 *
 * Inside `<care-record>` it reads the record from context; on its own, set
 * `careTeam`, `relatedPersons` and `sources`.
 *
 * @summary Care team members and related people, with contact details.
 *
 * @csspart members - The list of current care team members.
 * @csspart past-members - The list of people no longer involved.
 * @csspart member - One care team member.
 * @csspart related - The list of related people.
 * @csspart person - One related person.
 * @csspart contacts - A list of phone numbers and emails.
 * @csspart restricted - The "Restricted" label.
 *
 * @cssprop --scr-color-border - Rules between people.
 * @cssprop --scr-color-link - Phone and email links.
 * @cssprop --scr-color-highlight - Edge of the next of kin and attorney tags.
 * @cssprop --scr-color-warning - Edge of conflicts and the "Restricted" label.
 */
@defineElement('cr-care-team-list')
export class CareTeamList extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) careTeam?: Section<CareTeamMember>;
  /** The timeline: when no care team is recorded, the contacts it holds are said, with a link. */
  @property({ attribute: false }) timeline?: Section<TimelineEntry>;
  @property({ attribute: false }) relatedPersons?: Section<RelatedPersonGroup>;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** Heading level of the two sections (2–3). */
  @property({ type: Number }) level: 2 | 3 = 2;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.careTeam = r?.careTeam;
      this.timeline = r?.timeline;
      this.relatedPersons = r?.relatedPersons;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    const members = this.careTeam?.items ?? [];
    const current = members.filter((m) => m.status === 'active');
    const past = members.filter((m) => m.status === 'ended');
    const related = this.relatedPersons?.items ?? [];
    return html`<div class="sections">
      <cr-record-section heading="Care team" .level=${this.level} .section=${this.careTeam} .sources=${this.sources}>
        ${
          members.length
            ? html`${
                current.length
                  ? html`<ul class="items" part="members" aria-label="Current care team">${current.map((m) => this.renderMember(m))}</ul>`
                  : html`<p>${displayState(this.careTeam) === 'partial' ? 'No one current in the sources that could be loaded' : 'No one current recorded'}</p>`
              }
              ${
                past.length
                  ? html`${this.subheading('No longer involved')}
                    <ul class="items" part="past-members" aria-label="No longer involved">${past.map((m) => this.renderMember(m))}</ul>`
                  : nothing
              }`
            : nothing
        }
        ${noneWithElsewhere('careTeam', this.timeline)}
      </cr-record-section>
      <cr-record-section heading="Next of kin, carers and representatives" .level=${this.level} .section=${this.relatedPersons} .sources=${this.sources}>
        ${
          related.length
            ? html`<ul class="items" part="related" aria-label="Next of kin, carers and representatives">
              ${related.map((g) => this.renderRelated(g))}
            </ul>`
            : nothing
        }
      </cr-record-section>
    </div>`;
  }

  private subheading(text: string) {
    return this.level === 3 ? html`<h4>${text}</h4>` : html`<h3>${text}</h3>`;
  }

  private renderMember(m: CareTeamMember) {
    return html`<li part="member">${memberTemplate(m)}</li>`;
  }

  private renderRelated(g: RelatedPersonGroup) {
    const attorney = g.entries.some((e) => e.healthAndWelfareAttorney);
    const nextOfKin = g.entries.some((e) => e.nextOfKin);
    const others = otherRelationships(g);
    const address = g.entries.find((e) => e.address)?.address;
    return html`<li part="person">
      <div class="name-row">
        <span class="name">${g.name}</span>
        ${nextOfKin ? html`<span class="tag key">Next of kin</span>` : nothing}
        ${attorney ? html`<span class="tag key">${LPA}</span>` : nothing}
        ${restrictedTag(g.entries.some((e) => e.restricted))}
      </div>
      <dl class="facts">
        ${others.length ? html`<div><dt>Relationship</dt><dd>${others.join(', ')}</dd></div>` : nothing}
        ${address ? html`<div><dt>Address</dt><dd>${address.join(', ')}</dd></div>` : nothing}
      </dl>
      ${contactList(groupContacts(g))}
      ${g.conflicts.map((c) => html`<p class="conflict">Conflict: ${c}</p>`)}
      <ul class="recorded-by" aria-label=${`Sources for ${g.name}`}>
        ${g.entries.map((e) => html`<li>${this.renderEntrySource(e, attorney)}</li>`)}
      </ul>
    </li>`;
  }

  /** The entry's provenance, and what it says when sources differ on LPA. */
  private renderEntrySource(e: RelatedPersonEntry, anyAttorney: boolean) {
    return html`<cr-provenance-line .provenance=${e.provenance}></cr-provenance-line>${
      anyAttorney && !e.healthAndWelfareAttorney ? html` <span class="says">(no lasting power of attorney recorded here)</span>` : nothing
    }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-care-team-list': CareTeamList;
  }
}
