import { css } from 'lit';
import { base } from '../shared.styles';
import { factList } from '../list.styles';
import { contactStyles } from '../contact-links/contact-links.styles';

export const styles = [
  base,
  contactStyles,
  factList,
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
    .lives .label {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    .address {
      font-weight: 700;
    }
    .explain {
      margin-block-start: 0.25rem;
    }
    dl {
      margin: 0.25rem 0 0;
    }
    .conflict {
      margin-block-start: 0.5rem;
      border-inline-start: 4px solid var(--_warning);
      padding-inline-start: 0.5rem;
    }
    .lives {
      margin-block-start: 0.5rem;
      padding-block-start: 0.5rem;
      border-block-start: 1px solid var(--_border);
    }
    h3,
    h4 {
      font-size: 1em;
      margin-block-end: 0.25rem;
    }
    cr-provenance-line {
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
