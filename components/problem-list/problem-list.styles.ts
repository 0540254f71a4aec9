import { css } from 'lit';
import { base, disclosure } from '../shared.styles';
import { factList, itemList } from '../list.styles';

export const styles = [
  base,
  itemList,
  factList,
  disclosure,
  css`
    .lists {
      display: grid;
      gap: var(--_space);
    }
    h3,
    h4 {
      font-size: 1.0625em;
      margin-block-end: 0.5rem;
    }
    .name {
      font-weight: 700;
    }
    .when,
    .source,
    .sources {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    /* Summary: one line per active problem, no rules between. */
    ul.items.lines > li + li {
      border: 0;
      margin-block-start: 0.125rem;
      padding-block-start: 0;
    }
    /* Summary: past problems as a list of names that wraps, not a column. */
    ul.names {
      list-style: none;
    }
    ul.names li {
      display: inline;
    }
    ul.names li:not(:last-child)::after {
      content: ' · ';
      color: var(--_text-secondary);
    }
    .sources {
      margin-block-start: 0.5rem;
    }
    .conflict {
      font-weight: 600;
      border-inline-start: 4px solid var(--_warning);
      padding-inline-start: 0.5rem;
      margin-block: 0.25rem;
    }
    .episodes {
      list-style: none;
      padding-inline-start: 1rem;
    }
    .episodes li {
      margin-block-start: 0.5rem;
    }
    details {
      margin-block-start: 0.25rem;
    }
    .all {
      display: inline-block;
      margin-block-start: 0.75rem;
    }
  `,
];
