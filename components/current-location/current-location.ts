import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { describeLocation, whereNow, type WhereNow } from '../../src/record/location';
import type { CareRecord, LocationItem, Section, SourceRef } from '../../src/record/model';
import { recordContext } from '../contexts';
import { ContextSelector } from '../context-select';
import { phoneLink, restrictedTag } from '../contact-links/contact-links';
import { NOT_KNOWN } from '../format-shim';
import { sectionState } from '../record-section/section-state';
import '../provenance-line/provenance-line';
import '../record-section/record-section';
import { styles } from './current-location.styles';

const NO_STAY = 'No hospital stay or A&E attendance in progress in the sources checked.';

const NOT_KNOWN_WHY: Record<Extract<WhereNow, { kind: 'not-known' }>['reason'], string> = {
  loading: 'Some sources have not answered yet, so a hospital stay or A&E attendance cannot be ruled out.',
  'not-loaded': 'Some sources could not be loaded, so a hospital stay or A&E attendance cannot be ruled out.',
  'not-recorded': 'No hospital stay, A&E attendance or address recorded.',
};

/**
 * Where the person is now, never guessed: a hospital stay in progress (ward,
 * bed, since when, which hospital), an A&E attendance in progress, else where
 * they live (a care home from a social care package, or their address) once
 * every source has answered. When the sources cannot say, it reads "Not Known"
 * and says why. `compact` shows one line, for beside the patient banner.
 *
 * Inside `<care-record>` it reads the record from context; on its own, set `location` and `sources`.
 *
 * @summary Where the person is now: inpatient, in A&E, in a care home, at home, or Not Known.
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
@customElement('current-location')
export class CurrentLocation extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) location?: Section<LocationItem>;
  @property({ attribute: false }) sources: readonly SourceRef[] = [];
  /** One line, for beside the banner, instead of a section. */
  @property({ type: Boolean, reflect: true }) compact = false;
  /** Heading level of the section (2–3). */
  @property({ type: Number }) level: 2 | 3 = 2;

  constructor() {
    super();
    new ContextSelector(this, recordContext, (r: CareRecord | undefined) => {
      this.location = r?.location;
      this.sources = r?.sources ?? [];
    });
  }

  override render() {
    return this.compact ? this.renderLine() : this.renderSection();
  }

  private renderLine() {
    const where = whereNow(this.location);
    const state = sectionState(this.location);
    let value: string;
    let detail: string | undefined;
    let restricted = false;
    if (where.kind === 'stay') {
      value = describeLocation(where.stay);
      detail = where.stay.organisation;
      restricted = where.stay.restricted;
    } else if (where.kind === 'lives') {
      value = describeLocation(where.lives);
    } else if (state === 'loading' || (where.reason === 'loading' && !where.lives)) {
      value = 'Loading';
    } else {
      value = NOT_KNOWN;
      detail = where.reason === 'not-recorded' ? undefined : 'some sources could not be loaded or have not answered';
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
    return html`<record-section heading="Where the person is now" .level=${this.level} .section=${this.location} .sources=${this.sources}>
      ${hasItems ? this.renderWhere(whereNow(this.location)) : nothing}
      <span slot="none">${NOT_KNOWN}: no hospital stay, A&E attendance or address recorded.</span>
    </record-section>`;
  }

  private renderWhere(where: WhereNow) {
    switch (where.kind) {
      case 'stay':
        return html`${this.renderNow(describeLocation(where.stay), where.stay)}
          ${where.others.map(
            (o) => html`<p class="conflict" part="conflict">Conflict: also recorded as in progress: ${describeLocation(o)} (${o.provenance.source.organisation})</p>`,
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
      ${stay
        ? html`<dl>
              <div><dt>Hospital</dt><dd>${stay.organisation ?? NOT_KNOWN}</dd></div>
              <div><dt>Basis</dt><dd>${stay.basis}</dd></div>
            </dl>
            <provenance-line .provenance=${stay.provenance}></provenance-line>`
        : nothing}`;
  }

  private renderLives(item: LocationItem, title: string) {
    const heading = this.level === 3 ? html`<h4>${title}</h4>` : html`<h3>${title}</h3>`;
    return html`<div class="lives" part="lives">
      ${heading}
      <p><span class="value">${item.kind === 'care-home' ? `In a care home, ${item.place ?? NOT_KNOWN}` : 'At home'}</span> ${restrictedTag(item.restricted)}</p>
      <dl>
        <div><dt>Address</dt><dd>${item.address?.length ? item.address.join(', ') : NOT_KNOWN}</dd></div>
        ${item.phone ? html`<div><dt>Phone</dt><dd>${phoneLink(item.phone)}</dd></div>` : nothing}
        ${item.kind === 'care-home' && item.organisation && item.organisation !== item.place
          ? html`<div><dt>Provider</dt><dd>${item.organisation}</dd></div>`
          : nothing}
        <div><dt>Basis</dt><dd>${item.basis}</dd></div>
      </dl>
      <provenance-line .provenance=${item.provenance}></provenance-line>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'current-location': CurrentLocation;
  }
}
