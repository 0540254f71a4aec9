import { css } from 'lit';
import { base } from '../shared.styles';

export const styles = [
  base,
  css`
    /* On paper only. */
    :host {
      display: none;
    }
    @media print {
      :host {
        display: block;
      }
    }
    .header {
      border: 2px solid var(--_text);
      padding: 0.5rem 0.75rem;
      display: grid;
      gap: 0.25rem;
    }
    .title {
      font-size: 1.25em;
      font-weight: 700;
    }
    .warning {
      font-weight: 700;
    }
  `,
];
