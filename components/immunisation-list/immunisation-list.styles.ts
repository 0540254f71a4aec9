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
    .name {
      font-weight: 700;
    }
    dl {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_space);
      margin: 0;
    }
    dl div {
      display: flex;
      gap: 0.375rem;
      align-items: baseline;
    }
    dt {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    dd {
      margin: 0;
      font-weight: 600;
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
    .warning {
      font-weight: 700;
      border-inline-start: 4px solid var(--_warning);
      padding-inline-start: 0.5rem;
      margin-block: 0.25rem;
    }
  `,
];
