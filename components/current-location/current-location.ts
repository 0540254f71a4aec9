import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { deceasedStatus } from '../../src/record/deceased';
import { describeLocation, whereNow, type WhereNow } from '../../src/record/location';
import type { CareRecord, LocationItem, PatientSummary, Section, SourceRef } from '../../src/record/model';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { phoneLink, restrictedTag } from '../contact-links/contact-links';
import { formatDied, NOT_KNOWN } from '../../src/format';
import { displayState } from '../record-section/section-state';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { styles } from './current-location.styles';
import { defineElement } from '../define';

const NO_STAY = 'No hospital stay or A&E attendance in progress in the sources checked.';

const NOT_KNOWN_WHY: Record<Extract<WhereNow, { kind: 'not-known' }>['reason'], string> = {
  loading: 'Some sources have not answered yet, so a hospital stay or A&E attendance cannot be ruled out.',
  'not-loaded': 'Some sources could not be loaded, so a hospital stay or A&E attendance cannot be ruled out.',
  'not-recorded': 'No hospital stay, A&E attendance or address recorded.',
  'no-stay': 'No admission or care-home stay recorded in the sources checked.',
};

/**
 * Where the person is now, never guessed: "Died <date>" when any source records
 * a death, a hospital stay in progress (ward, bed, since when, which hospital),
 * an A&E attendance in progress, else a care home from a social care package
 * once every source has answered. Otherwise it reads "Not Known" and says why,
 * with the address held (an address is not "at home"). `compact` shows one
 * line, for beside the patient banner.
 *
 * Inside `<care-record>` it reads the record from context; on its own, set `location` and `sources`.
 *
 * @summary Where the person is now: died, inpatient, in A&E, in a care home, or Not Known.
 *
 * @csspart now - The "Now" line: where the person is.
 * @csspart lives - Where the person lives (shown with a stay, or when it is the answer).
 * @csspart conflict - Another stay recorded as in progress at the same time.
 * @csspart line - The one line of the compact form.
 * @csspart restricted - The "Restricted" label.
 *
 * @cssprop --scr-color-highlight - Edge of the compact line.
 * @cssprop --scr-color-border - Borders and rules.
 * @cssprop --scr-color-warning - Edge of a conflict.
 */
@defineElement('cr-current-location')
export class CurrentLocation extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) location?: Section<LocationItem>;
  /** Every source's patient summary: a death recorded by any of them is where the person is now. */
  @property({ attribute: false }) patient?: Pick<Section<PatientSummary>, 'items'>;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** One line, for beside the banner, instead of a section. */
  @property({ type: Boolean, reflect: true }) compact = false;
  /** Heading level of the section (2–3). */
  @property({ type: Number }) level: 2 | 3 = 2;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.location = r?.location;
      this.patient = r?.patient;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    return this.compact ? this.renderLine() : this.renderSection();
  }

  private renderLine() {
    const where = this.where();
    const state = displayState(this.location);
    let value: string;
    let detail: string | undefined;
    let restricted = false;
    if (where.kind === 'died') {
      value = formatDied(where.deceased);
    } else if (where.kind === 'stay') {
      value = describeLocation(where.stay);
      detail = where.stay.organisation;
      restricted = where.stay.restricted;
    } else if (where.kind === 'lives') {
      value = describeLocation(where.lives);
    } else if (state === 'loading' || (where.reason === 'loading' && !where.lives)) {
      value = 'Loading';
    } else {
      value = NOT_KNOWN;
      detail = {
        'not-recorded': undefined,
        'no-stay': 'no admission or care-home stay recorded',
        loading: 'some sources could not be loaded or have not answered',
        'not-loaded': 'some sources could not be loaded or have not answered',
      }[where.reason];
    }
    return html`<p class="line" part="line" role="status">
      <span class="label">Where now</span>
      <span class="value">${value}</span>
      ${detail ? html`<span class="muted">${detail}</span>` : nothing}
      ${restrictedTag(restricted)}
    </p>`;
  }

  private renderSection() {
    const hasItems = (this.location?.items.length ?? 0) > 0;
    const where = this.where();
    return html`<cr-record-section heading="Where the person is now" .level=${this.level} .section=${this.location} .sources=${this.sources}>
      ${hasItems ? this.renderWhere(where) : nothing}
      <span slot="none">${
        where.kind === 'died' ? this.renderWhere(where) : `${NOT_KNOWN}: no hospital stay, A&E attendance or address recorded.`
      }</span>
    </cr-record-section>`;
  }

  private where(): WhereNow {
    return whereNow(this.location, deceasedStatus(this.patient));
  }

  private renderWhere(where: WhereNow) {
    switch (where.kind) {
      case 'died':
        return html`${this.renderNow(formatDied(where.deceased))}
          ${where.deceased.conflicts.map((c) => html`<p class="conflict" part="conflict">Conflict: ${c}</p>`)}
          ${where.others.map(
            (o) =>
              html`<p class="conflict" part="conflict">Conflict: still recorded as in progress: ${describeLocation(o)} (${o.provenance.source.organisation})</p>`,
          )}
          ${where.lives ? this.renderLives(where.lives, 'Last lived') : nothing}`;
      case 'stay':
        return html`${this.renderNow(describeLocation(where.stay), where.stay)}
          ${where.others.map(
            (o) =>
              html`<p class="conflict" part="conflict">Conflict: also recorded as in progress: ${describeLocation(o)} (${o.provenance.source.organisation})</p>`,
          )}
          ${where.lives ? this.renderLives(where.lives, 'Usually lives') : nothing}`;
      case 'lives':
        return html`${this.renderNow(describeLocation(where.lives))}
          <p class="explain">${NO_STAY}</p>
          ${this.renderLives(where.lives, 'Lives')}`;
      default:
        return html`${this.renderNow(NOT_KNOWN)}
          <p class="explain">${NOT_KNOWN_WHY[where.reason]}</p>
          ${where.lives ? this.renderLives(where.lives, 'Usually lives') : nothing}`;
    }
  }

  private renderNow(text: string, stay?: LocationItem) {
    return html`<p class="now" part="now"><span class="label">Now</span> <span class="value">${text}</span> ${restrictedTag(stay?.restricted ?? false)}</p>
      ${
        stay
          ? html`<dl>
              <div><dt>Hospital</dt><dd>${stay.organisation ?? NOT_KNOWN}</dd></div>
              <div><dt>Basis</dt><dd>${stay.basis}</dd></div>
            </dl>
            <cr-provenance-line .provenance=${stay.provenance}></cr-provenance-line>`
          : nothing
      }`;
  }

  /** A care home as recorded; an address only as "Address held" (never "At home"), on one line. */
  private renderLives(item: LocationItem, title: string) {
    const careHome = item.kind === 'care-home';
    if (!careHome) {
      return html`<div class="lives" part="lives">
        <p><span class="label">Address held</span> <span class="address">${item.address?.length ? item.address.join(', ') : NOT_KNOWN}</span> ${restrictedTag(item.restricted)}</p>
        <cr-provenance-line .provenance=${item.provenance}></cr-provenance-line>
      </div>`;
    }
    const heading = this.level === 3 ? html`<h4>${title}</h4>` : html`<h3>${title}</h3>`;
    return html`<div class="lives" part="lives">
      ${heading}
      <p><span class="value">In a care home, ${item.place ?? NOT_KNOWN}</span> ${restrictedTag(item.restricted)}</p>
      <dl>
        <div><dt>Address</dt><dd>${item.address?.length ? item.address.join(', ') : NOT_KNOWN}</dd></div>
        ${item.phone ? html`<div><dt>Phone</dt><dd>${phoneLink(item.phone)}</dd></div>` : nothing}
        ${
          item.kind === 'care-home' && item.organisation && item.organisation !== item.place
            ? html`<div><dt>Provider</dt><dd>${item.organisation}</dd></div>`
            : nothing
        }
        <div><dt>Basis</dt><dd>${item.basis}</dd></div>
      </dl>
      <cr-provenance-line .provenance=${item.provenance}></cr-provenance-line>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-current-location': CurrentLocation;
  }
}
