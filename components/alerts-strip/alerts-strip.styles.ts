import { css } from 'lit';
import { base } from '../shared.styles';

export const styles = [
  base,
  css`
    :host {
      container-type: inline-size;
    }
    .strip {
      border: 2px solid var(--_alert-edge);
      border-radius: var(--_radius);
      background: var(--_surface);
      padding: var(--_space);
      --_alert-edge: var(--scr-color-alert-border, #425563);
    }
    h2 {
      font-size: 1.375em;
      margin-block-end: calc(var(--_space) * 0.75);
    }
    .blocks {
      display: grid;
      gap: var(--_space);
      grid-template-columns: 1fr;
    }
    /* Side by side when there is room, wherever the strip is placed. */
    @container (min-width: 56rem) {
      .blocks {
        grid-template-columns: repeat(3, minmax(0, 1fr));
      }
    }
    ul.items {
      list-style: none;
    }
    ul.items > li + li {
      margin-block-start: 0.75rem;
      padding-block-start: 0.75rem;
      border-block-start: 1px solid var(--_border);
    }
    .kind {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    .recommendation {
      font-size: 1.1875em;
      font-weight: 700;
    }
    .superseded {
      font-weight: 700;
    }
    .flag-text,
    .substance {
      font-weight: 700;
    }
    .category {
      display: inline-block;
      font-weight: 700;
      border: 1px solid currentColor;
      border-radius: var(--_radius);
      padding: 0 0.375rem;
      margin-inline-end: 0.375rem;
    }
    .conflict {
      font-weight: 700;
    }
    .status-line {
      margin-block-start: 0.5rem;
    }
    dl {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_space);
      margin: 0.25rem 0;
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
    details {
      margin-block-start: 0.75rem;
    }
    summary {
      cursor: pointer;
      color: var(--_link);
      padding-block: 0.125rem;
    }
  `,
];
