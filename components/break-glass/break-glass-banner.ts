import { html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { reasonLabel, timeLeftText } from '../../src/access/break-glass';
import { formatTime } from '../../src/format';
import { bannerStyles } from './break-glass.styles';
import { fire } from '../events';
import { defineElement } from '../define';

/**
 * Says, for as long as emergency access lasts, that it is on, why, and how
 * long is left, with a way to end it now. Calm: no flashing, no movement; the
 * time left changes in whole minutes.
 *
 * @summary Emergency access (break-glass) is on.
 *
 * @fires break-glass-end - The user asked to end emergency access now.
 *
 * @csspart banner - The banner region.
 * @csspart end - The "End now" button.
 */
@defineElement('cr-break-glass-banner')
export class BreakGlassBanner extends LitElement {
  static override styles = bannerStyles;

  /** The reason code given. */
  @property() reason = '';
  /** The clinician's own words, if any. */
  @property() text?: string;
  /** When the access ends, ms since the epoch. */
  @property({ type: Number, attribute: 'expires-at' }) expiresAt = 0;

  @state() private now = Date.now();
  private timer?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => (this.now = Date.now()), 15_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  override render() {
    const why = [reasonLabel(this.reason), this.text].filter(Boolean).join(': ');
    return html`
      <section part="banner" aria-labelledby="bg-banner-title">
        <div>
          <h2 id="bg-banner-title">Emergency access is on</h2>
          <p>Reason: ${why}</p>
          <p><span class="time">${timeLeftText(this.expiresAt, this.now)}</span> (ends at ${formatTime(new Date(this.expiresAt).toISOString())})</p>
        </div>
        <button part="end" type="button" @click=${this.end}>End now<span class="visually-hidden"> (end emergency access)</span></button>
      </section>
    `;
  }

  private readonly end = (): void => {
    fire(this, 'break-glass-end');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-break-glass-banner': BreakGlassBanner;
  }
}
