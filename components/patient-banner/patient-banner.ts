import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { isIdentityKind } from '../../src/access/source-problems';
import type { CareRecord, PatientSummary, Section, SourceRef } from '../../src/record/model';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { describeNhsNumber, formatDate, formatDateOfBirth, formatGender, formatName, NOT_KNOWN } from '../../src/format';
import { problemText } from '../record-section/record-section';
import { displayState, sourceBreakdown } from '../record-section/section-state';
import { styles } from './patient-banner.styles';
import { defineElement } from '../define';

/**
 * Who the record is about: name, date of birth and age, gender, NHS number
 * (always, "Not Known" when there is none), the patient's other identifiers
 * each labelled by what it is, address and registered GP practice, in NHS CUI form.
 *
 * Inside `<care-record>` it reads the record from context; on its own, set `patient`.
 *
 * @summary The patient banner.
 *
 * @csspart banner - The banner region.
 * @csspart name - The patient's name (a heading).
 * @csspart deceased - The "Deceased" tag with the date of death.
 * @csspart facts - The list of facts (born, gender, NHS number, ...).
 * @csspart nhs-number - The NHS number value.
 * @csspart invalid - The "Invalid NHS number" tag.
 * @csspart identifier - One other identifier, e.g. "Hospital number (Weald General Hospital NHS Trust)".
 * @csspart identity-problems - Sources left out because their patient did not match (or could not be matched).
 *
 * @cssprop --scr-color-banner-background - Banner background (NHS blue).
 * @cssprop --scr-color-banner-text - Banner text.
 * @cssprop --scr-color-deceased-background - Banner background when the patient has died.
 * @cssprop --scr-color-error - Colour of the invalid NHS number tag.
 * @cssprop --scr-color-focus - Focus outline on the banner.
 */
@defineElement('cr-patient-banner')
export class PatientBanner extends LitElement {
  static override styles = styles;

  /** The patient section; its first item (the launching source's summary) is shown. */
  @property({ attribute: false }) patient?: Section<PatientSummary>;

  /** The record's sources, to name those still loading. */
  @property({ attribute: false }) sources: readonly SourceRef[] = [];

  /** Heading level of the name (2–4). */
  @property({ type: Number }) level: 2 | 3 | 4 = 2;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.patient = r?.patient;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    const p = this.patient?.items[0];
    const busy = !p && displayState(this.patient) === 'loading';
    return html`
      <section class="banner ${p?.deceased ? 'deceased' : ''}" part="banner" aria-labelledby="name"
        aria-busy=${busy ? 'true' : 'false'}>
        ${p ? this.renderPatient(p) : this.renderState()}
      </section>
    `;
  }

  private renderName(text: string) {
    if (this.level === 3) return html`<h3 id="name" part="name">${text}</h3>`;
    if (this.level === 4) return html`<h4 id="name" part="name">${text}</h4>`;
    return html`<h2 id="name" part="name">${text}</h2>`;
  }

  private renderState() {
    const state = displayState(this.patient);
    const by = sourceBreakdown(this.patient, this.sources);
    if (state === 'failed' || state === 'partial') {
      return html`${this.renderName('Patient details could not be loaded')}
        <div class="state"><ul>${by.failed.map((f) => html`<li>${problemText(f)}</li>`)}</ul></div>`;
    }
    if (state === 'empty') return this.renderName(`Patient details ${NOT_KNOWN}`);
    return html`${this.renderName('Loading patient details')}${
      by.loading.length ? html`<p>From ${by.loading.map((s) => s.organisation).join(', ')}</p>` : nothing
    }`;
  }

  private renderPatient(p: PatientSummary) {
    return html`
      <div class="title">
        ${this.renderName(formatName(p.name))}
        ${
          p.deceased
            ? html`<span class="tag deceased-tag" part="deceased"
              >Deceased${p.deceased.date ? ` ${formatDate(p.deceased.date)}` : ''}</span
            >`
            : nothing
        }
      </div>
      ${this.renderIdentityProblems()}
      <dl part="facts">
        <div><dt>Born</dt><dd>${formatDateOfBirth(p.birthDate, { deceased: p.deceased })}</dd></div>
        <div><dt>Gender</dt><dd>${formatGender(p.gender)}</dd></div>
        ${this.renderNhsNumber(p)}
        ${p.identifiers.map((id) => html`<div part="identifier"><dt>${id.label}</dt><dd>${id.value}</dd></div>`)}
        <div class="wide"><dt>Address</dt><dd>${p.address?.length ? p.address.join(', ') : NOT_KNOWN}</dd></div>
        <div class="wide">
          <dt>GP practice</dt>
          <dd>
            ${
              p.registeredPractice
                ? `${p.registeredPractice.name}${p.registeredPractice.odsCode ? ` (${p.registeredPractice.odsCode})` : ''}`
                : NOT_KNOWN
            }
          </dd>
        </div>
      </dl>
    `;
  }

  /** Sources left out because of who the patient is (docs/architecture.md, identity): said here, next to the identity. */
  private renderIdentityProblems() {
    const identity = sourceBreakdown(this.patient, this.sources).excluded.filter((f) => isIdentityKind(f.kind));
    if (identity.length === 0) return nothing;
    return html`<div class="identity" part="identity-problems">
      <p class="identity-title">Not shown: records that could not be matched to this patient</p>
      <ul>${identity.map((f) => html`<li>${problemText(f)}</li>`)}</ul>
    </div>`;
  }

  private renderNhsNumber(p: PatientSummary) {
    const n = p.nhsNumber;
    if (!n) return html`<div><dt>NHS number</dt><dd part="nhs-number">${NOT_KNOWN}</dd></div>`;
    // Trust neither side alone: an invalid number must never pass silently.
    const shown = describeNhsNumber(n.value);
    const valid = n.valid && shown.valid;
    return html`<div>
      <dt>NHS number</dt>
      <dd>
        <span part="nhs-number">${valid ? shown.text : n.value}</span>${
          valid ? nothing : html`<span class="tag invalid" part="invalid">Invalid NHS number</span>`
        }
      </dd>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-patient-banner': PatientBanner;
  }
}
