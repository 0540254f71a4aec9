import { css } from 'lit';
import { base } from '../shared.styles';

export const styles = [
  base,
  css`
    :host {
      --_deceased: var(--scr-color-deceased-background, #425563);
    }
    .notice {
      border-inline-start: 0.5rem solid var(--_deceased);
      background: var(--_surface);
      padding: calc(var(--_space) * 0.5) var(--_space);
    }
    h2 {
      font-size: 1.125em;
    }
    .label {
      display: inline-block;
      background: var(--_deceased);
      color: #ffffff;
      border-radius: var(--_radius);
      padding: 0 0.5rem;
      margin-inline-end: 0.25rem;
    }
    .conflict {
      font-weight: 700;
    }
  `,
];
