import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { CarePlanItem, CareRecord, MentalHealthItem, Section, SectionNotice, SourceRef, TimelineEntry } from '../../src/record/model';
import { withheldAlongside } from '../../src/record/notices';
import { whoToCall } from '../../src/record/who-to-call';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { memberTemplate, noneWithElsewhere, phoneLink, restrictedTag, sinceText, summaryPart } from '../contact-links/contact-links';
import { formatDate, NOT_KNOWN } from '../../src/format';
import { displayState } from '../record-section/section-state';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { styles } from './mental-health-summary.styles';
import { defineElement } from '../define';

type Of<K extends MentalHealthItem['kind']> = Extract<MentalHealthItem, { kind: K }>;

/**
 * Mental health at a glance: Mental Health Act status (or that none is
 * recorded), the care coordinator and how to reach them, the crisis plan (a
 * link to it in full), diagnoses held by mental health services, open
 * episodes and the rest of the team. Data carrying the restricted label is
 * shown with a visible "Restricted" label (access rules come later).
 *
 * Inside `<care-record>` it reads the record from context; on its own, set `mentalHealth` and `sources`.
 *
 * @summary Mental health: MHA status, care coordinator, crisis plan, diagnoses.
 *
 * @csspart act - Mental Health Act status.
 * @csspart coordinator - The care coordinator(s).
 * @csspart crisis - The crisis plan(s).
 * @csspart diagnoses - Diagnoses from mental health services.
 * @csspart episodes - Open episodes of care.
 * @csspart team - The rest of the mental health team.
 * @csspart crisis-contacts - Crisis lines and care coordinators the user may see when the crisis plan is not shown (restricted).
 * @csspart contacts - A list of phone numbers and emails.
 * @csspart restricted - The "Restricted" label.
 *
 * @cssprop --scr-color-border - Rules between items.
 * @cssprop --scr-color-link - Phone links and the link to the crisis plan.
 * @cssprop --scr-color-warning - Edge of the "Restricted" label.
 */
@defineElement('cr-mental-health-summary')
export class MentalHealthSummary extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) mentalHealth?: Section<MentalHealthItem>;
  /** The timeline: when nothing here is recorded, the mental health contacts it holds are said, with a link. */
  @property({ attribute: false }) timeline?: Section<TimelineEntry>;
  /** What the record's other sections hold that this view draws on: withheld medicines, crisis lines in flags and plans. */
  @property({ attribute: false }) related?: Partial<Pick<CareRecord, 'medications' | 'flags' | 'careTeam' | 'carePlans'>>;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** Where the crisis plan link goes: the care plans view. */
  @property({ attribute: 'plans-href' }) plansHref = '#view=care-plans';
  /** Heading level of the section (2–3); its parts are one level below. */
  @property({ type: Number }) level: 2 | 3 = 2;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.mentalHealth = r?.mentalHealth;
      this.timeline = r?.timeline;
      const related = r && { medications: r.medications, flags: r.flags, careTeam: r.careTeam, carePlans: r.carePlans };
      const changed =
        !this.related ||
        !related ||
        (['medications', 'flags', 'careTeam', 'carePlans'] as const).some((k) => this.related?.[k] !== related[k]);
      if (changed) this.related = related;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    const items = this.mentalHealth?.items ?? [];
    const of = <K extends MentalHealthItem['kind']>(kind: K) => items.filter((i): i is Of<K> => i.kind === kind);
    // The first three parts are always shown, saying when nothing is recorded (or that some was withheld).
    const withheld = (this.mentalHealth?.notices ?? []).some((n) => n.kind === 'withheld');
    const none = withheld
      ? 'None you can see'
      : displayState(this.mentalHealth) === 'partial'
        ? 'None in the sources that could be loaded'
        : 'None recorded';
    const level = this.level + 1;
    const section = this.mentalHealth && { ...this.mentalHealth, notices: this.notices(this.mentalHealth.notices) };
    return html`<cr-record-section heading="Mental health" .level=${this.level} .section=${section} .sources=${this.sources}>
      ${
        items.length
          ? html`<div class="parts">
            ${summaryPart(
              level,
              'act',
              'Mental Health Act',
              of('mental-health-act').map((i) => this.renderAct(i)),
              none,
            )}
            ${summaryPart(
              level,
              'coordinator',
              'Care coordinator',
              of('care-coordinator').map((i) => memberTemplate(i.member)),
              none,
            )}
            ${summaryPart(
              level,
              'crisis',
              'Crisis plan',
              of('crisis-plan').map((i) => this.renderPlan(i.plan)),
              none,
            )}
            ${summaryPart(
              level,
              'diagnoses',
              'Diagnoses from mental health services',
              of('diagnosis').map((i) => this.renderDiagnosis(i)),
            )}
            ${summaryPart(
              level,
              'episodes',
              'Open episodes',
              of('episode').map((i) => this.renderEpisode(i)),
            )}
            ${summaryPart(
              level,
              'team',
              'Mental health team',
              of('team-member').map((i) => memberTemplate(i.member)),
            )}
          </div>`
          : nothing
      }
      ${of('crisis-plan').length ? nothing : html`<div slot="extra">${this.renderCrisisContacts(level)}</div>`}
      ${noneWithElsewhere('mentalHealth', this.timeline)}
    </cr-record-section>`;
  }

  /** Restricted entries withheld here, with the medicines the same sources withheld in the same sentence. */
  private notices(notices: readonly SectionNotice[]): SectionNotice[] {
    return withheldAlongside(notices, 'mentalHealth', this.related?.medications?.notices ?? [], 'medications');
  }

  /** Crisis lines and care coordinators the user may see (e.g. an unrestricted flag) when the crisis plan is not shown. */
  private renderCrisisContacts(level: number) {
    const contacts = whoToCall({ ...this.related, mentalHealth: this.mentalHealth }).filter(
      (c) => c.kind === 'crisis-line' || c.kind === 'care-coordinator',
    );
    if (contacts.length === 0) return nothing;
    return summaryPart(
      level,
      'crisis-contacts',
      'Crisis contacts',
      contacts.map(
        (
          c,
        ) => html`<div class="name-row"><span class="title">${c.name}</span> <span>${c.role}</span> ${c.phones.map((p) => phoneLink(p, `Call ${c.name}`))} ${restrictedTag(c.restricted)}</div>
          <p class="source">${c.sources.join(', ')}</p>`,
      ),
    );
  }

  private renderAct(i: Of<'mental-health-act'>) {
    return html`<div class="name-row"><span class="title">${i.text}</span>${restrictedTag(i.restricted)}</div>
      <dl class="facts"><div><dt>Since</dt><dd>${formatDate(i.since)}</dd></div></dl>
      <cr-provenance-line .provenance=${i.provenance}></cr-provenance-line>`;
  }

  private renderPlan(plan: CarePlanItem) {
    const current = plan.status !== 'completed' && plan.status !== 'revoked';
    return html`<div class="name-row">
        <span class="title">${plan.title}</span>
        <span class="tag">${current ? 'Current' : 'Ended'}</span>
        ${restrictedTag(plan.restricted)}
      </div>
      <dl class="facts">
        <div><dt>Period</dt><dd>${sinceText(plan.period)}</dd></div>
        <div><dt>Author</dt><dd>${plan.author ?? NOT_KNOWN}</dd></div>
      </dl>
      <a class="more" href=${this.plansHref}>Read the crisis plan<span class="visually-hidden">: ${plan.title}</span></a>
      <cr-provenance-line .provenance=${plan.provenance}></cr-provenance-line>`;
  }

  private renderDiagnosis(i: Of<'diagnosis'>) {
    const p = i.problem;
    return html`<div class="name-row">
        <span class="title">${p.name}</span>
        <span class="tag">${p.status === 'active' ? 'Active' : 'Past'}</span>
        ${restrictedTag(i.restricted)}
      </div>
      <dl class="facts">
        <div><dt>Onset</dt><dd>${formatDate(p.onset)}</dd></div>
        ${p.status === 'past' ? html`<div><dt>Resolved</dt><dd>${formatDate(p.resolved)}</dd></div>` : nothing}
      </dl>
      <cr-provenance-line .provenance=${p.provenance}></cr-provenance-line>`;
  }

  private renderEpisode(i: Of<'episode'>) {
    const e = i.episode;
    return html`<div class="name-row"><span class="title">${e.title}</span>${restrictedTag(e.restricted)}</div>
      <dl class="facts">
        <div><dt>Period</dt><dd>${sinceText(e.period)}</dd></div>
        ${e.careManager ? html`<div><dt>Care manager</dt><dd>${e.careManager}</dd></div>` : nothing}
      </dl>
      <cr-provenance-line .provenance=${e.provenance}></cr-provenance-line>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-mental-health-summary': MentalHealthSummary;
  }
}
