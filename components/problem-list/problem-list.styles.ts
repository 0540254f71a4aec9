import { css } from 'lit';
import { base } from '../shared.styles';
import { factList, itemList } from '../list.styles';

export const styles = [
  base,
  itemList,
  factList,
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
  `,
];
