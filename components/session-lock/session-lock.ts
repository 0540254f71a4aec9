import { html, LitElement } from 'lit';
import { property, query } from 'lit/decorators.js';
import { styles } from './session-lock.styles';
import { defineElement } from '../define';

/**
 * The lock screen shown when the smartcard session ends: it covers the whole
 * viewer (the page removes the record itself, so no patient data remains
 * behind it), says why, and what to do. It does not unlock: the record is
 * opened again from the clinical system.
 *
 * @summary Lock screen after the smartcard session ended.
 *
 * @csspart panel - The message panel.
 */
@defineElement('cr-session-lock')
export class SessionLock extends LitElement {
  static override styles = styles;

  /** Why the viewer locked, in words for the user. */
  @property() reason = 'Your smartcard session has ended: the card was removed, or you signed out of your clinical system.';

  @query('h1') private heading?: HTMLElement;

  override firstUpdated(): void {
    this.heading?.focus();
  }

  override render() {
    return html`
      <section part="panel" role="alert" aria-labelledby="lock-title">
        <h1 id="lock-title" tabindex="-1">The care record is locked</h1>
        <p>${this.reason}</p>
        <p>The record has been hidden to protect the patient's information.</p>
        <p class="action">
          Insert your smartcard and sign in to your clinical system, then open the record again from the patient's record there.
        </p>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-session-lock': SessionLock;
  }
}
