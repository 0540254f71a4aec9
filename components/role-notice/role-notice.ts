import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { roleExplanation } from '../../src/access/roles';
import { base } from '../shared.styles';
import { defineElement } from '../define';

/**
 * One line saying which parts of the record the user's role does not see, so
 * that a gap reads as "not available to your role", never as "none recorded".
 * Renders nothing for a role that sees everything, or an unknown role.
 *
 * @summary What the user's role does not see.
 *
 * @csspart notice - The line.
 */
@defineElement('cr-role-notice')
export class RoleNotice extends LitElement {
  static override styles = [
    base,
    css`
      p {
        border-inline-start: 6px solid var(--_text-secondary);
        background: var(--_surface);
        padding: 0.5rem 0.75rem;
      }
    `,
  ];

  /** The user's role (internal name, e.g. `social-worker`). */
  @property({ attribute: 'user-role' }) userRole?: string;

  override render() {
    const text = roleExplanation(this.userRole);
    return text ? html`<p part="notice">${text}</p>` : nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-role-notice': RoleNotice;
  }
}
