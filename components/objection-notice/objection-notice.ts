import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { SourceRef } from '../../src/record/model';
import { styles } from './objection-notice.styles';
import { fire } from '../events';
import { defineElement } from '../define';

/**
 * Said instead of the shared record when the person has objected to sharing
 * it (the servers release only who they are). Clinical users are offered
 * emergency access (break-glass); others are told it is not for their role.
 *
 * With `reason="restricted"` it says instead that restricted information is
 * held back from this role, with the same offer.
 *
 * @summary The patient has objected to sharing their record.
 *
 * @fires break-glass-open - The user asked for emergency access.
 *
 * @csspart notice - The notice region.
 * @csspart break-glass - The "Use emergency access" button.
 */
@defineElement('cr-objection-notice')
export class ObjectionNotice extends LitElement {
  static override styles = styles;

  /**
   * `objection`: the person objected, nothing is shown. `restricted`: some
   * restricted information is held back from this role (break-glass shows it).
   */
  @property() reason: 'objection' | 'restricted' = 'objection';

  /** The sources that reported the objection. */
  @property({ attribute: false }) sources: readonly SourceRef[] = [];

  /** Whether this user may use break-glass (a clinical role, and the service offers it). */
  @property({ type: Boolean, attribute: 'can-break-glass' }) canBreakGlass = false;

  /** How long emergency access lasts, in minutes, for the explanation. */
  @property({ type: Number }) minutes = 30;

  override render() {
    if (this.reason === 'restricted') return this.renderRestricted();
    return html`
      <section part="notice" aria-labelledby="objection-heading">
        <h2 id="objection-heading">This person has objected to sharing their record</h2>
        <p>None of their shared care record is shown. Only their personal details are shown, so that you can be sure who they are.</p>
        ${
          this.sources.length
            ? html`<p class="sources">Objection recorded with: ${this.sources.map((s) => s.organisation).join(', ')}</p>`
            : nothing
        }
        ${
          this.canBreakGlass
            ? html`<p>
                If you need their record now to care for them safely, you can use emergency access (break-glass). You will be
                asked why. It lasts ${this.minutes} minutes, and it is recorded and reviewed by the privacy officer.
              </p>
              <button part="break-glass" type="button" @click=${this.open}>Use emergency access</button>`
            : html`<p>Emergency access is for clinical staff only. If you need information, ask the person or their care team.</p>`
        }
      </section>
    `;
  }

  private renderRestricted() {
    return html`
      <section part="notice" aria-labelledby="restricted-heading">
        <h2 id="restricted-heading">Some restricted information is not shown to your role</h2>
        ${
          this.canBreakGlass
            ? html`<p>
                If you need it now to care for this person safely, you can use emergency access (break-glass). It lasts
                ${this.minutes} minutes, and it is recorded and reviewed by the privacy officer.
              </p>
              <button part="break-glass" type="button" @click=${this.open}>Use emergency access</button>`
            : html`<p>Ask the person's care team if you need it.</p>`
        }
      </section>
    `;
  }

  private readonly open = (): void => {
    fire(this, 'break-glass-open');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-objection-notice': ObjectionNotice;
  }
}
