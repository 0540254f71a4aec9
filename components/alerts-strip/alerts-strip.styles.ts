import { css } from 'lit';
import { base, disclosure } from '../shared.styles';
import { factList, itemList } from '../list.styles';

export const styles = [
  base,
  itemList,
  factList,
  disclosure,
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
    /* High criticality allergies come first and carry a red edge (the words say it too). */
    li.high {
      border-inline-start: 6px solid var(--_error);
      padding-inline-start: 0.75rem;
    }
    .status-line {
      margin-block-start: 0.5rem;
    }
    dl {
      margin: 0.25rem 0;
    }
    details {
      margin-block-start: 0.75rem;
    }
  `,
];
