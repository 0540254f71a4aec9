import { css } from 'lit';
import { base, disclosure } from '../shared.styles';
import { factList, itemList } from '../list.styles';

export const styles = [
  base,
  itemList,
  factList,
  disclosure,
  css`
    .product {
      font-size: 1.0625em;
    }
    .generic {
      font-weight: 700;
    }
    .brand {
      font-weight: 600;
    }
    .conflict {
      font-weight: 700;
      border-inline-start: 4px solid var(--_warning);
      padding-inline-start: 0.5rem;
      margin-block: 0.25rem;
    }
    .tag {
      display: inline-block;
      border: 1px solid currentColor;
      border-radius: var(--_radius);
      padding: 0 0.375rem;
      font-size: 0.875em;
      font-weight: 600;
    }
    .meta {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    details {
      margin-block-start: 0.25rem;
    }
    ul.entries {
      list-style: none;
      margin-block-start: 0.5rem;
      padding-inline-start: 0.75rem;
      border-inline-start: 3px solid var(--_border);
    }
    ul.entries > li + li {
      margin-block-start: 0.75rem;
    }
    dl {
      margin: 0.25rem 0;
    }
    .stopped {
      margin-block-start: var(--_space);
      border-block-start: 1px solid var(--_border);
      padding-block-start: 0.5rem;
    }
    .stopped > summary {
      font-weight: 600;
    }
    .stopped > ul {
      margin-block-start: 0.5rem;
    }
    .not-shown {
      margin-block-start: var(--_space);
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    .not-shown > ul {
      margin: 0.25rem 0 0;
      padding-inline-start: 1.25rem;
    }
  `,
];
