import { css } from 'lit';
import { base } from '../shared.styles';

export const styles = [
  base,
  css`
    ul {
      list-style: none;
    }
    li + li {
      margin-block-start: 0.5rem;
      padding-block-start: 0.5rem;
      border-block-start: 1px solid var(--_border);
    }
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
