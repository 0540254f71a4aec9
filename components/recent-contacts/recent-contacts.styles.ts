import { css } from 'lit';
import { base } from '../shared.styles';
import { itemList } from '../list.styles';

export const styles = [
  base,
  itemList,
  css`
    .when {
      font-weight: 600;
    }
    .count {
      margin-block-end: 0.5rem;
    }
    .window {
      color: var(--_text-secondary);
      margin-inline-end: 0.375rem;
    }
    .figure {
      font-weight: 700;
    }
    .title {
      font-weight: 700;
    }
    /* One line per contact where there is room: the detail runs on after the title. */
    li > p {
      display: inline;
    }
    .detail {
      color: var(--_text-secondary);
      font-size: 0.875em;
      margin-inline-start: 0.5rem;
    }
    .all {
      display: inline-flex;
      align-items: center;
      min-height: 24px;
      margin-block-start: 0.75rem;
    }
  `,
];
