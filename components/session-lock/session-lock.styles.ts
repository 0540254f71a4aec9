import { css } from 'lit';
import { base } from '../shared.styles';

export const styles = [
  base,
  css`
    :host {
      position: fixed;
      inset: 0;
      z-index: 1000;
      display: grid;
      place-items: center;
      overflow: auto;
      background: var(--_background);
      padding: var(--_space);
    }
    section {
      max-width: 36rem;
      border: 1px solid var(--_border);
      border-block-start: 6px solid var(--_highlight);
      border-radius: var(--_radius);
      background: var(--_surface);
      padding: calc(var(--_space) * 1.5);
    }
    h1 {
      font-size: 1.75em;
      margin-block-end: var(--_space);
    }
    h1:focus {
      outline: none;
    }
    p + p {
      margin-block-start: 0.75rem;
    }
    .action {
      border-inline-start: 6px solid var(--_highlight);
      padding-inline-start: 0.75rem;
      font-weight: 600;
    }
  `,
];
