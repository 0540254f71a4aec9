import { css } from 'lit';
import { base, buttons } from '../shared.styles';
import { itemList } from '../list.styles';
import { contactStyles } from '../contact-links/contact-links';
import { respectStyles } from '../respect-plan/respect-plan';
import { flagDetailStyles } from '../alerts-strip/flag-detail';

export const styles = [
  base,
  contactStyles,
  respectStyles,
  flagDetailStyles,
  itemList,
  buttons,
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
      /* The decision and an end-of-life plan side by side. */
      .respect {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0 var(--_space);
      }
      .respect .eol {
        margin-block-start: 0;
      }
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
    /* A high-criticality allergy (first, and said in words): a red edge. */
    li.high {
      border-inline-start: 6px solid var(--_error);
      padding-inline-start: 0.5rem;
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
