import { css } from 'lit';
import { base } from '../shared.styles';
import { contactStyles } from '../contact-links/contact-links';

export const styles = [
  base,
  contactStyles,
  css`
    .view {
      container: first-minutes / inline-size;
    }
    .top {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem var(--_space);
      margin-block-end: calc(var(--_space) * 0.75);
    }
    h2 {
      font-size: 1.375em;
    }
    .grid {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: calc(var(--_space) * 0.75);
    }
    @container first-minutes (min-width: 40rem) {
      .grid {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
      .wide {
        grid-column: 1 / -1;
      }
    }
    ul.items {
      list-style: none;
    }
    ul.items > li + li {
      margin-block-start: 0.5rem;
      padding-block-start: 0.5rem;
      border-block-start: 1px solid var(--_border);
    }
    .recommendation {
      font-size: 1.25em;
      font-weight: 700;
    }
    .strong {
      font-weight: 700;
    }
    .secondary {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    .conflict {
      border-inline-start: 4px solid var(--_warning);
      padding-inline-start: 0.5rem;
    }
    button {
      font: inherit;
      font-weight: 600;
      padding: 0.5rem 1rem;
      border: 2px solid var(--_text);
      border-radius: var(--_radius);
      background: var(--_background);
      color: var(--_text);
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid var(--_focus-text);
      box-shadow: 0 0 0 6px var(--_focus);
    }
    /* Tablet: phone links big enough to tap with a glove. */
    a.tel {
      min-height: 44px;
    }
  `,
];
