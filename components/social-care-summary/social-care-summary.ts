import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type {
  CarePlanItem,
  CareRecord,
  EpisodeItem,
  FlagAlert,
  Section,
  SocialCareItem,
  SourceRef,
  TimelineEntry,
} from '../../src/record/model';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { memberTemplate, noneWithElsewhere, restrictedTag, sinceText, summaryPart, textWithPhones } from '../contact-links/contact-links';
import { NOT_KNOWN } from '../../src/format';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { styles } from './social-care-summary.styles';
import { defineElement } from '../define';

type Of<K extends SocialCareItem['kind']> = Extract<SocialCareItem, { kind: K }>;

const PLAN_STATUS: Record<CarePlanItem['status'], string> = {
  active: 'Active',
  'on-hold': 'On hold',
  draft: 'Draft',
  completed: 'Ended',
  revoked: 'Ended',
  unknown: `Status ${NOT_KNOWN}`,
};

/** "Category of abuse: Neglect" → ["Category of abuse", "Neglect"]; otherwise ["Category", text]. */
function splitLabel(category: string): [string, string] {
  const match = /^([^:]{3,40}):\s*(.+)$/.exec(category);
  return match ? [match[1]!.trim(), match[2]!.trim()] : ['Category', category];
}

/**
 * Social care at a glance: safeguarding flags, child protection plans (with
 * the category of abuse), open cases and their allocated worker, care
 * packages with provider and place, and the social care people to contact,
 * each number a `tel:` link. Restricted items are labelled.
 *
 * Inside `<care-record>` it reads the record from context; on its own, set `socialCare` and `sources`.
 *
 * @summary Social care: safeguarding, child protection, cases, care packages, contacts.
 *
 * @csspart safeguarding - The safeguarding list.
 * @csspart protection - The child protection plans.
 * @csspart cases - The open (and recently closed) cases.
 * @csspart packages - The care packages and other social care plans.
 * @csspart people - The social care people to contact.
 * @csspart contacts - A list of phone numbers and emails.
 * @csspart restricted - The "Restricted" label.
 *
 * @cssprop --scr-color-border - Rules between items.
 * @cssprop --scr-color-link - Phone links and the link to the full plan.
 * @cssprop --scr-color-warning - Edge of the "Restricted" label.
 */
@defineElement('cr-social-care-summary')
export class SocialCareSummary extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) socialCare?: Section<SocialCareItem>;
  /** The timeline: when nothing here is recorded, the social care contacts it holds are said, with a link. */
  @property({ attribute: false }) timeline?: Section<TimelineEntry>;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** Where "Full plan" links go: the care plans view. */
  @property({ attribute: 'plans-href' }) plansHref = '#view=care-plans';
  /** Heading level of the section (2–3); its parts are one level below. */
  @property({ type: Number }) level: 2 | 3 = 2;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.socialCare = r?.socialCare;
      this.timeline = r?.timeline;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    const items = this.socialCare?.items ?? [];
    const of = <K extends SocialCareItem['kind']>(kind: K) => items.filter((i): i is Of<K> => i.kind === kind);
    const plans = of('plan').map((i) => i.plan);
    const protection = plans.filter((p) => p.kind === 'child-protection');
    const packages = plans.filter((p) => p.kind !== 'child-protection');
    const level = this.level + 1;
    return html`<cr-record-section heading="Social care" .level=${this.level} .section=${this.socialCare} .sources=${this.sources}>
      ${
        items.length
          ? html`<div class="parts">
            ${summaryPart(
              level,
              'safeguarding',
              'Safeguarding',
              of('safeguarding').map((i) => this.renderFlag(i.flag)),
            )}
            ${summaryPart(
              level,
              'protection',
              'Child protection',
              protection.map((p) => this.renderPlan(p, true)),
            )}
            ${summaryPart(
              level,
              'cases',
              'Cases',
              of('episode').map((i) => this.renderEpisode(i.episode)),
            )}
            ${summaryPart(
              level,
              'packages',
              'Care packages and plans',
              packages.map((p) => this.renderPlan(p, false)),
            )}
            ${summaryPart(
              level,
              'people',
              'Social care contacts',
              of('worker').map((i) => memberTemplate(i.member)),
            )}
          </div>`
          : nothing
      }
      ${noneWithElsewhere('socialCare', this.timeline)}
    </cr-record-section>`;
  }

  private renderFlag(flag: FlagAlert) {
    return html`<p class="title">${textWithPhones(flag.text)}</p>
      <p class="why">${flag.why}</p>
      <cr-provenance-line .provenance=${flag.provenance}></cr-provenance-line>`;
  }

  private renderPlan(plan: CarePlanItem, protection: boolean) {
    const activity = plan.activities[0];
    const extra = plan.categories.filter((c) => c !== plan.title && (protection ? /categor/i.test(c) : true));
    return html`<div class="name-row">
        <span class="title">${plan.title}</span>
        <span class="tag">${PLAN_STATUS[plan.status]}</span>
        ${restrictedTag(plan.restricted)}
      </div>
      <dl class="facts">
        ${extra.map((c) => {
          const [label, value] = splitLabel(c);
          return html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
        })}
        <div><dt>Period</dt><dd>${sinceText(plan.period)}</dd></div>
        ${!protection && activity?.service ? html`<div><dt>Service</dt><dd>${activity.service}</dd></div>` : nothing}
        ${!protection && activity?.scheduled ? html`<div><dt>Schedule</dt><dd>${activity.scheduled}</dd></div>` : nothing}
        ${!protection && activity?.performers.length ? html`<div><dt>Provider</dt><dd>${activity.performers.join(', ')}</dd></div>` : nothing}
        ${!protection && activity?.location ? html`<div><dt>Place</dt><dd>${activity.location}</dd></div>` : nothing}
      </dl>
      ${plan.description ? html`<p class="detail">${textWithPhones(plan.description)}</p>` : nothing}
      ${!protection && activity && activity.description !== activity.service ? html`<p class="detail">${textWithPhones(activity.description)}</p>` : nothing}
      <a class="more" href=${this.plansHref}>Full plan in Care plans<span class="visually-hidden">: ${plan.title}</span></a>
      <cr-provenance-line .provenance=${plan.provenance}></cr-provenance-line>`;
  }

  private renderEpisode(e: EpisodeItem) {
    return html`<div class="name-row">
        <span class="title">${e.title}</span>
        <span class="tag">${e.status === 'open' ? 'Open' : 'Closed'}</span>
        ${restrictedTag(e.restricted)}
      </div>
      <dl class="facts">
        <div><dt>Period</dt><dd>${sinceText(e.period)}</dd></div>
        <div><dt>Allocated worker</dt><dd>${e.careManager ?? NOT_KNOWN}</dd></div>
        ${e.organisation ? html`<div><dt>Organisation</dt><dd>${e.organisation}</dd></div>` : nothing}
      </dl>
      <cr-provenance-line .provenance=${e.provenance}></cr-provenance-line>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-social-care-summary': SocialCareSummary;
  }
}
