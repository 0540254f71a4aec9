import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { deceasedStatus } from '../../src/record/deceased';
import type { CareRecord } from '../../src/record/model';
import { whoToCall, type CallContact } from '../../src/record/who-to-call';
import { formatAge } from '../../src/format/age';
import { phoneLink, restrictedTag } from '../contact-links/contact-links';
import { ContextSelector } from '../context-select';
import { recordContext } from '../contexts';
import { formatDied, formatGender, NOT_KNOWN } from '../../src/format';
import { styles } from './patient-context.styles';
import { defineElement } from '../define';

type Parts = Pick<CareRecord, 'patient' | 'relatedPersons' | 'careTeam' | 'mentalHealth' | 'carePlans' | 'flags'>;

/** The sections who to call is read from; while any is loading, the list may be incomplete. */
const CALL_SECTIONS = ['relatedPersons', 'careTeam', 'mentalHealth', 'carePlans', 'flags', 'patient'] as const;

/**
 * A compact line of patient context for the first screen: age and gender (and
 * the death) when the host shows its own banner (`identity`), and who to call
 * (`calls`): lasting power of attorney and next of kin, the registered GP
 * practice, the care coordinator and the crisis line, each number a `tel:` link.
 *
 * Inside `<care-record>` it reads the record from context; on its own, set `record`.
 *
 * @summary Age, gender, deceased and who to call, in one or two lines.
 *
 * @csspart identity - Age, gender and the death.
 * @csspart calls - Who to call.
 * @csspart call - One person or service to call.
 */
@defineElement('cr-patient-context')
export class PatientContext extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) record?: Partial<Parts>;
  /** Show age, gender and the death (the host's banner shows the rest of the identity). */
  @property({ type: Boolean }) identity = false;
  /** Show who to call. */
  @property({ type: Boolean }) calls = false;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      // A new object only when a section it reads changed: the line renders again only then.
      const next = r && Object.fromEntries(CALL_SECTIONS.map((k) => [k, r[k]]));
      if (!next || !this.record || CALL_SECTIONS.some((k) => this.record?.[k] !== next[k])) this.record = next;
    });
  }

  override render() {
    if (!this.identity && !this.calls) return nothing;
    return html`<section class="context" aria-label="Patient context">
      ${this.identity ? this.renderIdentity() : nothing}${this.calls ? this.renderCalls() : nothing}
    </section>`;
  }

  private renderIdentity() {
    const patient = this.record?.patient?.items[0];
    if (!patient) return html`<p class="identity" part="identity">Patient details loading</p>`;
    const deceased = deceasedStatus(this.record?.patient);
    const age = deceased ? (deceased.date ? formatAge(patient.birthDate, deceased.date) : undefined) : formatAge(patient.birthDate);
    return html`<p class="identity" part="identity">
      <span class="fact"><span class="label">${deceased ? 'Age at death' : 'Age'}</span> <span class="value">${age ?? NOT_KNOWN}</span></span>
      <span class="fact"><span class="label">Gender</span> <span class="value">${formatGender(patient.gender)}</span></span>
      ${deceased ? html`<span class="fact deceased"><span class="tag">Deceased</span> <span class="value">${formatDied(deceased)}</span></span>` : nothing}
    </p>`;
  }

  private renderCalls() {
    const contacts = whoToCall(this.record ?? {});
    const loading =
      !this.record || CALL_SECTIONS.some((k) => Object.values(this.record?.[k]?.progress ?? { x: 'loading' }).includes('loading'));
    return html`<div class="calls" part="calls">
      <span class="label">Who to call</span>
      ${
        contacts.length
          ? html`<ul>${contacts.map((c) => this.renderContact(c))}</ul>`
          : html`<span>${loading ? 'Loading' : 'No next of kin, GP practice, care coordinator or crisis line recorded'}</span>`
      }
      ${contacts.length && loading ? html`<span class="muted">still loading</span>` : nothing}
    </div>`;
  }

  private renderContact(c: CallContact) {
    return html`<li part="call">
      <span class="who">${c.name}</span>
      <span class="role">${c.role}</span>
      ${c.phones.length ? c.phones.map((p) => phoneLink(p, `Call ${c.name}`)) : html`<span class="muted">no phone recorded</span>`}
      ${restrictedTag(c.restricted)}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-patient-context': PatientContext;
  }
}
