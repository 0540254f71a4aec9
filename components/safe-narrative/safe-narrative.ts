import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
// The sanitising component holds the viewer's only unsafeHTML (sanitised input only):
import { unsafeHTML } from 'lit/directives/unsafe-html.js'; // sanitised by sanitizeNarrative below
import { sanitizeNarrative } from './sanitize';
import { styles } from './safe-narrative.styles';
import { defineElement } from '../define';

/**
 * Renders untrusted HTML (a FHIR narrative `text.div`, a letter) after
 * sanitising it with DOMPurify against a strict allow-list: no scripts, event
 * handlers, styles, frames, objects, forms or images; links only to http(s),
 * mailto and tel, opening in a new tab with `rel="noopener noreferrer"`.
 *
 * @summary The one place untrusted HTML is rendered.
 *
 * @csspart narrative - The wrapper of the sanitised HTML.
 *
 * @cssprop --scr-color-border - Table cell borders.
 * @cssprop --scr-color-link - Links.
 */
@defineElement('cr-safe-narrative')
export class SafeNarrative extends LitElement {
  static override styles = styles;

  /** The untrusted HTML. Set as a property only: never read from an attribute. */
  @property({ attribute: false }) content = '';

  /** Accessible name for the narrative, e.g. "Discharge summary narrative". */
  @property() label = '';

  override render() {
    const label = this.label || undefined;
    return html`<div class="narrative" part="narrative" role=${ifDefined(label && 'group')}
      aria-label=${ifDefined(label)}>${unsafeHTML(sanitizeNarrative(this.content))}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-safe-narrative': SafeNarrative;
  }
}
