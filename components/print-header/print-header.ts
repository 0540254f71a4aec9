import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { CareRecord, PatientSummary, Section } from '../../src/record/model';
import type { LaunchUser } from '../../src/launch-context/launch-context';
import { ContextSelector } from '../context-select';
import { recordContext, userContext } from '../contexts';
import { describeNhsNumber, formatDateOfBirth, formatDateTime, formatName, NOT_KNOWN } from '../../src/format';
import { styles } from './print-header.styles';
import { defineElement } from '../define';

/**
 * The top of a printed summary, shown only on paper: who it is about (name,
 * date of birth and NHS number, also when the host showed its own banner on
 * screen), who printed it and when, and that a printout may be incomplete and
 * the sources must be checked. The source status line and the summary follow.
 *
 * @summary Print-only heading of the summary: patient, printed by and when, a warning.
 *
 * @csspart header - The heading block.
 */
@defineElement('cr-print-header')
export class PrintHeader extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) patient?: Section<PatientSummary>;
  @property({ attribute: false }) user?: LaunchUser;
  /** When the printout was made; set by `<care-record>` as it prints. */
  @property({ attribute: false }) printedAt?: Date;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.patient = r?.patient;
    });
    new ContextSelector(this, userContext, (u: LaunchUser | undefined) => {
      this.user = u;
    });
  }

  override render() {
    const p = this.patient?.items[0];
    const user = this.user;
    // A SMART launch may give no name: the user's FHIR reference (or sign-in id) says who, rather than nothing.
    const who = user
      ? [user.name ?? user.fhirUser ?? user.sub ?? NOT_KNOWN, user.role, user.organisation].filter(Boolean).join(', ')
      : NOT_KNOWN;
    const nhs = p?.nhsNumber ? describeNhsNumber(p.nhsNumber.value) : undefined;
    return html`<header class="header" part="header">
      <p class="title">Shared care record: summary</p>
      ${
        p
          ? html`<p class="patient"><strong>${formatName(p.name)}</strong> · Born ${formatDateOfBirth(p.birthDate, { deceased: p.deceased })} · NHS number ${nhs?.valid ? nhs.text : (p.nhsNumber?.value ?? NOT_KNOWN)}</p>`
          : nothing
      }
      <p>Printed ${this.printedAt ? formatDateTime(this.printedAt) : NOT_KNOWN} by ${who}.</p>
      <p class="warning">This printout may be incomplete: it shows what the sources had sent when it was printed (see "Sources" below), and some information may have been withheld or not loaded. Check the source records before acting on it.</p>
    </header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-print-header': PrintHeader;
  }
}
