import { css } from 'lit';
import { base } from '../shared.styles';

export const styles = [
  base,
  css`
    section {
      background: var(--_background);
      border: 1px solid var(--_border);
      border-block-start: 4px solid var(--_highlight);
      border-radius: var(--_radius);
      padding: var(--_space);
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: 0.25rem var(--_space);
      margin-block-end: calc(var(--_space) * 0.75);
    }
    h2 {
      font-size: 1.375em;
    }
    h3 {
      font-size: 1.1875em;
    }
    h4 {
      font-size: 1em;
    }
    .status > * + *,
    .problems > * + * {
      margin-block-start: 0.5rem;
    }
    .notices {
      margin-block-end: calc(var(--_space) * 0.75);
    }
    .status,
    .problems {
      margin-block-end: calc(var(--_space) * 0.75);
    }
    .status:empty {
      display: none;
    }
    .box {
      border-inline-start: 6px solid var(--_box-edge);
      background: var(--_surface);
      padding: 0.5rem 0.75rem;
    }
    .partial {
      --_box-edge: var(--_warning);
    }
    .failed {
      --_box-edge: var(--_error);
    }
    /* Held back on purpose: calm, not an error. */
    .withheld {
      --_box-edge: var(--_text-secondary);
      margin-block-end: calc(var(--_space) * 0.75);
    }
    .box ul {
      padding-inline-start: 1.25rem;
    }
    .box-title {
      font-weight: 700;
    }
    .loading {
      color: var(--_text-secondary);
    }
    .notices {
      list-style: none;
      font-size: 0.875em;
    }
    .notices li + li {
      margin-block-start: 0.25rem;
    }
    .notice-kind {
      font-weight: 700;
    }
    .none {
      font-weight: 600;
    }
    .checked {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
  `,
];
