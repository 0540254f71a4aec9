import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  BREAK_GLASS_REASONS,
  MAX_REASON_TEXT,
  checkBreakGlassRequest,
  type BreakGlassReason,
  type BreakGlassRequest,
} from '../../src/access/break-glass';
import { dialogStyles } from './break-glass.styles';
import { fire } from '../events';
import { defineElement } from '../define';

/** The element that has focus, looking inside shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

/**
 * Asks why emergency access (break-glass) is needed: one reason from the
 * short list, and free text (required for "Other"). A modal `<dialog>`: focus
 * moves into it on opening, stays in it, and returns to where it was on closing.
 * The element only asks; the host sends the request and closes it on success.
 *
 * @summary The break-glass reason dialog.
 *
 * @fires break-glass-request - The user confirmed; `detail` is `{ reason, text }`.
 * @fires break-glass-cancel - The user closed the dialog without asking.
 *
 * @csspart dialog - The `<dialog>`.
 * @cssprop --scr-color-modal-backdrop - The backdrop behind the dialog.
 */
@defineElement('cr-break-glass-dialog')
export class BreakGlassDialog extends LitElement {
  static override styles = dialogStyles;

  /** How long the access lasts, for the explanation. */
  @property({ type: Number }) minutes = 30;

  /** Set by the host while the request is in flight. */
  @property({ type: Boolean }) busy = false;

  /** The host's words when the request failed (e.g. refused). */
  @property() error = '';

  @state() private reason?: BreakGlassReason;
  @state() private text = '';
  @state() private problem = '';

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('.problem') private problemBox?: HTMLElement;
  private returnFocus?: HTMLElement;

  get open(): boolean {
    return this.dialog?.open ?? false;
  }

  /** Opens the dialog, empty, with focus on the first reason. */
  async show(): Promise<void> {
    this.returnFocus = deepActiveElement();
    this.reason = undefined;
    this.text = '';
    this.problem = '';
    this.error = '';
    await this.updateComplete;
    if (!this.dialog?.open) this.dialog?.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
  }

  /** Closes the dialog; focus goes back to where it was before. */
  close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('error') && this.error) this.problemBox?.focus();
  }

  override render() {
    const message = this.problem || this.error;
    const other = this.reason === 'other';
    return html`
      <dialog part="dialog" aria-labelledby="bg-title" aria-describedby="bg-about" @close=${this.onClose}>
        <form method="dialog" novalidate @submit=${this.submit}>
          <h2 id="bg-title">Use emergency access (break-glass)</h2>
          <p id="bg-about">
            Emergency access shows this person's record although they objected to sharing it, and information restricted to
            other roles. It lasts ${this.minutes} minutes. Your name, your reason and what you see are recorded and reviewed by
            the privacy officer.
          </p>
          ${message ? html`<p class="problem" role="alert" tabindex="-1">${message}</p>` : nothing}
          <fieldset>
            <legend>Why do you need emergency access?</legend>
            ${BREAK_GLASS_REASONS.map(
              (r) => html`<div class="choice">
                <input
                  type="radio"
                  id=${`bg-${r.code}`}
                  name="reason"
                  .value=${r.code}
                  .checked=${this.reason === r.code}
                  @change=${() => (this.reason = r.code)}
                />
                <label for=${`bg-${r.code}`}>${r.label}</label>
              </div>`,
            )}
          </fieldset>
          <div>
            <label for="bg-text">Tell us more${other ? ' (required)' : ' (optional)'}</label>
            <p class="hint" id="bg-text-hint">Up to ${MAX_REASON_TEXT} characters. Do not include other people's details.</p>
            <textarea
              id="bg-text"
              maxlength=${MAX_REASON_TEXT}
              aria-describedby="bg-text-hint"
              aria-required=${other ? 'true' : 'false'}
              .value=${this.text}
              @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}
            ></textarea>
          </div>
          <div class="actions">
            <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? 'Starting emergency access…' : 'Start emergency access'}</button>
            <button type="button" @click=${this.cancel}>Cancel</button>
          </div>
        </form>
      </dialog>
    `;
  }

  private readonly submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (this.busy) return;
    const request: Partial<BreakGlassRequest> = { text: this.text, ...(this.reason ? { reason: this.reason } : {}) };
    this.error = '';
    this.problem = checkBreakGlassRequest(request) ?? '';
    if (this.problem) {
      await this.updateComplete;
      this.problemBox?.focus();
      return;
    }
    fire(this, 'break-glass-request', request as BreakGlassRequest);
  };

  private readonly cancel = (): void => {
    this.close();
    fire(this, 'break-glass-cancel');
  };

  private readonly onClose = (): void => {
    const target = this.returnFocus;
    this.returnFocus = undefined;
    if (target?.isConnected) target.focus();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-break-glass-dialog': BreakGlassDialog;
  }
}
