import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type {
  AdvanceDecision,
  CareRecord,
  CareTeamMember,
  FlagAlert,
  LocationItem,
  MedicationGroup,
  PatientSummary,
  RelatedPersonGroup,
  Section,
  SourceRef,
} from '../../src/record/model';
import { keyMedicines } from '../../src/record/key-medicines';
import { allergyStatusText, criticalityText, drugClassText, groupCriticality, groupReactions } from '../allergy-list/allergy-text';
import { phoneLink } from '../contact-links/contact-links';
import { ContextSelector } from '../context-select';
import { recordContext } from '../contexts';
import { formatDate } from '../format-shim';
import { sourceBreakdown } from '../record-section/section-state';
import '../record-section/record-section';
import { styles } from './first-minutes.styles';

/** "Dose differs: 10 mg … (Weald …); 5 mg … (Riverside …)" with its label in bold. */
const conflictParts = (conflict: string) => {
  const at = conflict.indexOf(': ');
  return at > 0 ? html`<span class="strong">${conflict.slice(0, at)}:</span> ${conflict.slice(at + 2)}` : conflict;
};

const onlyFlags = (flags: Section<FlagAlert> | undefined, category: FlagAlert['category']): Section<FlagAlert> | undefined =>
  flags && { ...flags, items: flags.items.filter((f) => f.category === category) };

const checkedText = (section: Section<unknown> | undefined, sources: readonly SourceRef[]): string => {
  const checked = sourceBreakdown(section, sources).loaded.map((s) => s.organisation);
  return checked.length ? checked.join(', ') : 'no source could be checked';
};

/**
 * The paramedic's "first minutes" view: on one tablet screen, what matters
 * before anything else. ReSPECT/DNACPR, allergies, safeguarding, reasonable
 * adjustments, next of kin with a call button, key medicines, where the person
 * lives or is now, and who cares for them. Each block keeps its loading, empty,
 * partial, failed and withheld states; the full record is one button away.
 *
 * Inside `<care-record>` it reads the record from context; on its own, set `record`.
 *
 * @summary The first minutes of an emergency, on one screen.
 *
 * @fires show-full-record - The user asked for the full record.
 *
 * @csspart view - The whole view.
 * @csspart full-record - The "Show the full record" button.
 * @csspart call - A next of kin's call link.
 * @csspart key-medicine - One of the key medicines.
 */
@customElement('first-minutes')
export class FirstMinutes extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) record?: CareRecord;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.record = r;
    });
  }

  override render() {
    const r = this.record;
    const sources = r?.sources ?? [];
    return html`
      <section class="view" part="view" aria-labelledby="fm-heading">
        <div class="top">
          <h2 id="fm-heading">First minutes</h2>
          <button part="full-record" type="button" @click=${this.showFull}>Show the full record</button>
        </div>
        <div class="grid">
          <record-section level="3" heading="ReSPECT and DNACPR" .section=${r?.advanceDecisions} .sources=${sources}>
            ${this.decisions(r?.advanceDecisions, sources)}
          </record-section>
          <record-section level="3" heading="Allergies" .section=${r?.allergies} .sources=${sources}>${this.allergies()}</record-section>
          <record-section level="3" heading="Safeguarding" .section=${onlyFlags(r?.flags, 'safeguarding')} .sources=${sources}>
            ${this.flags(onlyFlags(r?.flags, 'safeguarding'), 'No safeguarding alert recorded')}
          </record-section>
          <record-section level="3" heading="Reasonable adjustments" .section=${onlyFlags(r?.flags, 'reasonable-adjustment')} .sources=${sources}>
            ${this.flags(onlyFlags(r?.flags, 'reasonable-adjustment'), 'No reasonable adjustment recorded')}
          </record-section>
          <record-section level="3" heading="Next of kin" .section=${r?.relatedPersons} .sources=${sources}>
            ${this.nextOfKin(r?.relatedPersons)}
          </record-section>
          <record-section level="3" heading="Key medicines" .section=${r?.medications} .sources=${sources}>
            ${this.medicines(r?.medications?.items ?? [])}
          </record-section>
          <record-section level="3" heading="Where they live or are now" .section=${r?.location} .sources=${sources}>
            ${this.whereabouts(r?.location?.items ?? [], r?.patient?.items[0])}
          </record-section>
          <record-section level="3" heading="Who cares for them" .section=${r?.careTeam} .sources=${sources}>
            ${this.carers(r?.careTeam?.items ?? [])}
          </record-section>
        </div>
      </section>
    `;
  }

  private decisions(section: Section<AdvanceDecision> | undefined, sources: readonly SourceRef[]) {
    const current = (section?.items ?? []).filter((d) => d.status === 'current');
    // Never "for CPR" from silence: say which sources were checked.
    const none = `No current ReSPECT or DNACPR decision found in: ${checkedText(section, sources)}`;
    if (current.length === 0) return html`<p slot="none">${none}</p>${section?.items.length ? html`<p>${none}</p>` : nothing}`;
    return html`<p slot="none">${none}</p><ul class="items tight">
      ${current.map(
        (d) => html`<li>
          <p class="recommendation">${d.recommendation}</p>
          <p class="secondary">${d.document}, ${formatDate(d.date)}${d.author ? `, ${d.author}` : ''} (${d.provenance.source.organisation})</p>
        </li>`,
      )}
    </ul>`;
  }

  private allergies() {
    const allergies = this.record?.allergies;
    const status = allergyStatusText(allergies?.statuses ?? []);
    const items = allergies?.items ?? [];
    return html`${status ? html`<p slot="none">${status}</p>` : nothing}
      ${items.length
        ? html`<ul class="items tight">
            ${items.map((g) => {
              const criticality = criticalityText(groupCriticality(g));
              const drugClass = drugClassText(g);
              return html`<li class=${groupCriticality(g) === 'high' ? 'high' : ''}>
                <p class="strong">${g.substance}${drugClass ? ` ${drugClass}` : ''}</p>
                <p>${groupReactions(g).join('; ') || 'Reaction not recorded'}${criticality ? ` · ${criticality}` : ''}</p>
              </li>`;
            })}
          </ul>`
        : nothing}`;
  }

  private flags(section: Section<FlagAlert> | undefined, none: string) {
    return html`<p slot="none">${none}</p>
      ${section?.items.length
        ? html`<ul class="items tight">
            ${section.items.map(
              (f) => html`<li>
                <p class="strong">${f.text}</p>
                <p class="secondary">${f.why}${f.since ? `, since ${formatDate(f.since)}` : ''}</p>
              </li>`,
            )}
          </ul>`
        : nothing}`;
  }

  private nextOfKin(section: Section<RelatedPersonGroup> | undefined) {
    const kin = (section?.items ?? []).filter((g) => g.entries.some((e) => e.nextOfKin || e.healthAndWelfareAttorney));
    if (kin.length === 0) return html`<p slot="none">No next of kin recorded</p>${section?.items.length ? html`<p>No next of kin recorded</p>` : nothing}`;
    return html`<p slot="none">No next of kin recorded</p><ul class="items tight">
      ${kin.map((g) => {
        const relationships = [...new Set(g.entries.flatMap((e) => e.relationships))];
        const attorney = g.entries.some((e) => e.healthAndWelfareAttorney) && !relationships.some((r) => /attorney/i.test(r));
        const phones = [...new Set(g.entries.flatMap((e) => e.contacts.filter((c) => c.kind === 'phone' || c.kind === 'mobile').map((c) => c.value)))];
        return html`<li>
          <p><span class="strong">${g.name}</span> ${relationships.length ? html`<span class="secondary">${relationships.join(', ')}</span>` : nothing}</p>
          ${attorney ? html`<p>Lasting power of attorney for health and welfare</p>` : nothing}
          ${phones.length
            ? html`<ul class="contacts">${phones.map((p) => html`<li part="call">${phoneLink(p, `Call ${g.name}`)}</li>`)}</ul>`
            : html`<p class="secondary">No phone number recorded</p>`}
        </li>`;
      })}
    </ul>`;
  }

  /** Ranked by src/record/key-medicines (just in case, anticoagulants, insulin, high-risk, controlled, recently started), never cut alphabetically. */
  private medicines(groups: readonly MedicationGroup[]) {
    const { shown, rest } = keyMedicines(groups, new Date());
    return html`<ul class="items tight" aria-label="Key medicines">
        ${shown.map(({ group, line, label }) => html`<li part="key-medicine">
            <p>
              <span class="strong">${group.genericName}</span>${line.brand ? ` ${line.brand.toLocaleUpperCase('en-GB')}` : ''}${line.strength
                ? ` ${line.strength}`
                : ''}
              · ${line.directions}${label ? html` <span class="secondary">(${label})</span>` : nothing}
            </p>
            ${group.conflicts.map((c) => html`<p class="conflict">${conflictParts(c)}</p>`)}
          </li>`)}
      </ul>
      ${rest > 0 ? html`<p class="secondary">${rest} more in the full record</p>` : nothing}`;
  }

  private whereabouts(items: readonly LocationItem[], patient: PatientSummary | undefined) {
    const address = patient?.address?.join(', ');
    const home = address ? html`<p><span class="strong">Home address</span> ${address}</p>` : nothing;
    return html`<div slot="none">${home || html`<p>No address recorded</p>`}</div>
      ${items.length
        ? html`<ul class="items tight">
              ${items.map(
                (l) => html`<li>
                  <p class="strong">${[...new Set([l.place, l.bed, l.organisation].filter(Boolean))].join(', ') || l.basis}</p>
                  <p class="secondary">${l.basis}${l.since ? `, since ${formatDate(l.since)}` : ''}</p>
                  ${l.phone ? html`<ul class="contacts"><li>${phoneLink(l.phone, `Call ${l.place ?? l.organisation ?? 'them'}`)}</li></ul>` : nothing}
                </li>`,
              )}
            </ul>
            ${home}`
        : nothing}`;
  }

  private carers(members: readonly CareTeamMember[]): TemplateResult {
    const active = members.filter((m) => m.status === 'active');
    return html`<p slot="none">No one recorded</p>
      ${active.length
        ? html`<ul class="items tight">
            ${active.map((m) => {
              const phone = m.contacts.find((c) => c.kind === 'phone' || c.kind === 'mobile');
              return html`<li>
                <p><span class="strong">${m.name}</span> ${[m.role, m.organisation].filter(Boolean).length
                  ? html`<span class="secondary">${[m.role, m.organisation].filter(Boolean).join(', ')}</span>`
                  : nothing}</p>
                ${phone ? html`<ul class="contacts"><li>${phoneLink(phone.value, `Call ${m.name}`)}</li></ul>` : nothing}
              </li>`;
            })}
          </ul>`
        : nothing}`;
  }

  private showFull(): void {
    this.dispatchEvent(new CustomEvent('show-full-record', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'first-minutes': FirstMinutes;
  }
}
