import { css } from 'lit';
import { base } from '../shared.styles';
import { contactStyles } from '../contact-links/contact-links.styles';

export const styles = [
  base,
  contactStyles,
  css`
    .now {
      font-size: 1.125em;
    }
    .now .value {
      font-weight: 700;
    }
    .label {
      margin-inline-end: 0.375rem;
    }
    .explain {
      margin-block-start: 0.25rem;
    }
    dl {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_space);
      margin: 0.25rem 0 0;
    }
    dl div {
      display: flex;
      gap: 0.375rem;
      align-items: baseline;
    }
    dt {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    dd {
      margin: 0;
      font-weight: 600;
    }
    .conflict {
      margin-block-start: 0.5rem;
      border-inline-start: 4px solid var(--_warning);
      padding-inline-start: 0.5rem;
    }
    .lives {
      margin-block-start: 0.75rem;
      padding-block-start: 0.75rem;
      border-block-start: 1px solid var(--_border);
    }
    h3,
    h4 {
      font-size: 1em;
      margin-block-end: 0.25rem;
    }
    provenance-line {
      margin-block-start: 0.25rem;
    }
    /* Compact: one line beside the banner. */
    :host([compact]) .line {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.5rem;
      padding: 0.375rem var(--_space);
      border: 1px solid var(--_border);
      border-inline-start: 6px solid var(--_highlight);
      border-radius: var(--_radius);
      background: var(--_background);
    }
  `,
];
