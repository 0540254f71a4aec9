import { css } from 'lit';
import { base } from '../shared.styles';

export const styles = [
  base,
  css`
    ul.groups {
      list-style: none;
    }
    ul.groups > li + li {
      margin-block-start: 0.75rem;
      padding-block-start: 0.75rem;
      border-block-start: 1px solid var(--_border);
    }
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
    .status-line {
      margin-block-end: 0.75rem;
    }
  `,
];
