import { css } from 'lit';
import { base } from '../shared.styles';
import { factList, itemList } from '../list.styles';

export const styles = [
  base,
  itemList,
  factList,
  css`
    .name {
      font-weight: 700;
    }
    .not-given .status {
      font-weight: 700;
      text-decoration: underline;
      text-underline-offset: 0.2em;
    }
    .series,
    .also {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
  `,
];
