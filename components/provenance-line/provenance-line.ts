import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Provenance } from '../../src/record/model';
import { formatDate, NOT_KNOWN } from '../../src/format';
import { styles } from './provenance-line.styles';
import { defineElement } from '../define';

/**
 * The date part of a provenance line: when recorded, else when last updated,
 * else said to be unknown (everything shown carries a date, even a missing one).
 */
export function provenanceDate(p: Provenance): string {
  if (p.recorded) return `recorded ${formatDate(p.recorded)}`;
  if (p.lastUpdated) return `updated ${formatDate(p.lastUpdated)}`;
  return `date ${NOT_KNOWN}`;
}

/** "Riverside Medical Practice · recorded 14-Jul-2026 · by Dr S AHMED". */
export function provenanceText(p: Provenance): string {
  return [p.source.organisation, provenanceDate(p), p.author ? `by ${p.author}` : undefined].filter(Boolean).join(' · ');
}

/**
 * Where one item came from: source organisation, date recorded and author.
 *
 * @summary Source, date and author of one item.
 *
 * @csspart source - The organisation name.
 * @csspart date - The recorded (or last updated) date.
 * @csspart author - The author.
 *
 * @cssprop --scr-color-text-secondary - Text colour.
 */
@defineElement('cr-provenance-line')
export class ProvenanceLine extends LitElement {
  static override styles = styles;

  @property({ attribute: false }) provenance?: Provenance;

  override render() {
    const p = this.provenance;
    if (!p) return nothing;
    return html`<span class="source" part="source">${p.source.organisation}</span> ·
      <span part="date">${provenanceDate(p)}</span>${p.author ? html` · <span part="author">by ${p.author}</span>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-provenance-line': ProvenanceLine;
  }
}
