import { css } from 'lit';
import { base } from '../shared.styles';
import { factList, itemList } from '../list.styles';

export const styles = [
  base,
  itemList,
  factList,
  css`
    .substance {
      font-weight: 700;
      font-size: 1.0625em;
    }
    .conflict {
      font-weight: 700;
    }
    /* High criticality: a word tag and a red edge, never colour alone. */
    li.high {
      border-inline-start: 6px solid var(--_error);
      padding-inline-start: 0.75rem;
    }
    .tag {
      display: inline-block;
      border: 2px solid var(--_error);
      border-radius: var(--_radius);
      padding: 0 0.375rem;
      color: var(--_error);
      font-size: 0.875em;
    }
    ul.entries {
      list-style: none;
      margin-block-start: 0.25rem;
      padding-inline-start: 0.75rem;
      border-inline-start: 3px solid var(--_border);
    }
    ul.entries > li + li {
      margin-block-start: 0.5rem;
    }
    .status-line {
      margin-block-end: 0.75rem;
    }
  `,
];
