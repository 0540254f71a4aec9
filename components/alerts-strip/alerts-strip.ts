import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { endOfLifeMarkers } from '../../src/record/end-of-life';
import type {
  AdvanceDecision,
  AllergyGroup,
  CarePlanItem,
  CareRecord,
  PatientSummary,
  FlagAlert,
  Section,
  SourceRef,
  TimelineEntry,
} from '../../src/record/model';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { formatDate, NOT_KNOWN } from '../../src/format';
import { allergyStatusText, criticalityText, drugClassText, groupCriticality, groupReactions } from '../allergy-list/allergy-text';
import { sourceBreakdown } from '../record-section/section-state';
import { contactStyles } from '../contact-links/contact-links';
import { endOfLifeTemplate, respectPlanTemplate, respectStyles } from '../respect-plan/respect-plan';
import { flagDetailStyles, flagDetailTemplate } from './flag-detail';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { styles } from './alerts-strip.styles';
import { defineElement } from '../define';

const CATEGORY: Record<FlagAlert['category'], string> = {
  safeguarding: 'Safeguarding',
  clinical: 'Clinical',
  behavioural: 'Behavioural',
  'reasonable-adjustment': 'Reasonable adjustment',
  administrative: 'Administrative',
  other: 'Other',
};

type Allergies = Section<AllergyGroup> & { statuses: CareRecord['allergies']['statuses'] };

/**
 * What must be seen first: resuscitation and advance decisions (a ReSPECT
 * form's whole decision, and an active end-of-life plan with its key
 * instructions), flags (safeguarding and others, each saying why it is shown)
 * and allergies.
 * Calm on purpose: nothing flashes, moves or dismisses itself.
 *
 * Inside `<care-record>` it reads the record from context; on its own, set the
 * three sections and `sources`.
 *
 * @summary Alerts strip: ReSPECT/DNACPR, flags and allergies.
 *
 * @csspart strip - The alerts region.
 * @csspart heading - The "Alerts" heading.
 * @csspart decision - One advance decision.
 * @csspart recommendation - The recommendation as recorded (e.g. "Not for CPR").
 * @csspart respect-plan - A ReSPECT form's recommendations: treatment focus, ceilings of care, the person's priority.
 * @csspart end-of-life - An active end-of-life or anticipatory care plan with its key instructions.
 * @csspart flag - One flag.
 * @csspart pattern - A child's repeated A&E attendances, summed up in a safeguarding flag.
 * @csspart flag-plan - What the plan behind a flag says to do, and whom to call.
 * @csspart allergy - One allergy group.
 * @csspart conflict - A "Conflict: …" line.
 * @csspart allergy-status - What each source said about allergy status.
 *
 * @cssprop --scr-color-alert-border - Border of the strip.
 * @cssprop --scr-color-surface - Background of the strip.
 * @cssprop --scr-color-border - Rules between items.
 */
@defineElement('cr-alerts-strip')
export class AlertsStrip extends LitElement {
  static override styles = [styles, contactStyles, respectStyles, flagDetailStyles];

  @property({ attribute: false }) advanceDecisions?: Section<AdvanceDecision>;
  @property({ attribute: false }) flags?: Section<FlagAlert>;
  @property({ attribute: false }) allergies?: Allergies;
  /** The timeline and the patient, to sum up a child's repeated A&E attendances in a safeguarding flag. */
  @property({ attribute: false }) timeline?: Section<TimelineEntry>;
  @property({ attribute: false }) patient?: Section<PatientSummary>;
  /** Care plans, to mark an active end-of-life plan beside the ReSPECT decision. */
  @property({ attribute: false }) carePlans?: Section<CarePlanItem>;
  /** Every source the record asked, to name those checked or still loading. */
  @property({ attribute: false }) sources: readonly SourceRef[] = [];

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.advanceDecisions = r?.advanceDecisions;
      this.flags = r?.flags;
      this.allergies = r?.allergies;
      this.carePlans = r?.carePlans;
      this.timeline = r?.timeline;
      this.patient = r?.patient;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    return html`
      <section class="strip" part="strip" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading" part="heading">Alerts</h2>
        <div class="blocks">
          <cr-record-section level="3" heading="ReSPECT and DNACPR" names-sources .section=${this.advanceDecisions} .sources=${this.sources}>
            ${this.renderDecisions()}
            <div slot="extra">${endOfLifeTemplate(endOfLifeMarkers(this.carePlans?.items ?? []))}</div>
          </cr-record-section>
          <cr-record-section level="3" heading="Flags" .section=${this.flags} .sources=${this.sources}>
            ${this.renderFlags()}
          </cr-record-section>
          <cr-record-section level="3" heading="Allergies" ?names-sources=${(this.allergies?.statuses.length ?? 0) > 0} .section=${this.allergies} .sources=${this.sources}>
            ${this.renderAllergies()}
          </cr-record-section>
        </div>
      </section>
    `;
  }

  private renderDecisions() {
    const items = this.advanceDecisions?.items ?? [];
    const current = items.filter((d) => d.status === 'current');
    const superseded = items.filter((d) => d.status !== 'current');
    // Only the sources that answered were checked: never imply more.
    const checked = sourceBreakdown(this.advanceDecisions, this.sources).loaded.map((s) => s.organisation);
    const none = `No ${superseded.length ? 'current ' : ''}ReSPECT or DNACPR decision found in: ${
      checked.length ? checked.join(', ') : 'no source could be checked'
    }`;
    const noneFound = html`<p>${none}</p>`;
    return html`
      <div slot="none">${noneFound}</div>
      ${current.length ? html`<ul class="items">${current.map((d) => this.renderDecision(d))}</ul>` : items.length ? noneFound : nothing}
      ${
        superseded.length
          ? html`<details>
            <summary>Superseded decisions (${superseded.length})</summary>
            <ul class="items">${superseded.map((d) => this.renderDecision(d))}</ul>
          </details>`
          : nothing
      }
    `;
  }

  private renderDecision(d: AdvanceDecision) {
    return html`<li part="decision">
      <p class="kind">${d.document}${d.status === 'superseded' ? html` <span class="superseded">(superseded)</span>` : nothing}</p>
      <p class="recommendation" part="recommendation">${d.recommendation}</p>
      ${d.plan ? respectPlanTemplate(d.plan) : nothing}
      <dl>
        <div><dt>Date</dt><dd>${formatDate(d.date)}</dd></div>
        <div><dt>Author</dt><dd>${d.author ?? NOT_KNOWN}</dd></div>
      </dl>
      <cr-provenance-line .provenance=${d.provenance}></cr-provenance-line>
    </li>`;
  }

  private renderFlags() {
    const items = this.flags?.items ?? [];
    if (items.length === 0) return nothing;
    return html`<ul class="items">
      ${items.map(
        (f) => html`<li part="flag">
          <p><span class="category">${CATEGORY[f.category]}</span><span class="flag-text">${f.text}</span></p>
          <dl>
            <div><dt>Why shown</dt><dd>${f.why}</dd></div>
            ${f.since ? html`<div><dt>Since</dt><dd>${formatDate(f.since)}</dd></div>` : nothing}
          </dl>
          ${flagDetailTemplate(f, this.timeline?.items ?? [], this.patient?.items[0]?.birthDate)}
          <cr-provenance-line .provenance=${f.provenance}></cr-provenance-line>
        </li>`,
      )}
    </ul>`;
  }

  private renderAllergies() {
    const status = allergyStatusText(this.allergies?.statuses ?? []);
    const statusLine = status ? html`<p class="status-line" part="allergy-status">${status}</p>` : nothing;
    const items = this.allergies?.items ?? [];
    return html`
      ${status ? html`<div slot="none">${statusLine}</div>` : nothing}
      ${
        items.length
          ? html`<ul class="items">
              ${items.map((g) => {
                const criticality = criticalityText(groupCriticality(g));
                const drugClass = drugClassText(g);
                return html`<li part="allergy" class=${groupCriticality(g) === 'high' ? 'high' : ''}>
                  <p><span class="substance">${g.substance}</span>${drugClass ? ` ${drugClass}` : ''}</p>
                  <p>${groupReactions(g).join('; ') || 'Reaction not recorded'}${criticality ? ` · ${criticality}` : ''}</p>
                  ${g.conflicts.map((c) => html`<p class="conflict" part="conflict">Conflict: ${c}</p>`)}
                  ${g.entries.map((e) => html`<cr-provenance-line .provenance=${e.provenance}></cr-provenance-line>`)}
                </li>`;
              })}
            </ul>
            ${statusLine}`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-alerts-strip': AlertsStrip;
  }
}
