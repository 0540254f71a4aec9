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
