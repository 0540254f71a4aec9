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
    .title {
      font-weight: 700;
    }
    .detail {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    .all {
      display: inline-flex;
      align-items: center;
      min-height: 24px;
      margin-block-start: 0.75rem;
    }
  `,
];
