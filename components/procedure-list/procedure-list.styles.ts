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
    /* Not done, stopped or planned: said in words, and underlined so it is not read as done. */
    .not-done .status {
      font-weight: 700;
      text-decoration: underline;
      text-underline-offset: 0.2em;
    }
    .also {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
  `,
];
