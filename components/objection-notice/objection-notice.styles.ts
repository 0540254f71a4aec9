import { css } from 'lit';
import { base, buttons } from '../shared.styles';

export const styles = [
  base,
  buttons,
  css`
    section {
      border: 1px solid var(--_border);
      border-inline-start: 8px solid var(--_highlight);
      border-radius: var(--_radius);
      background: var(--_surface);
      padding: var(--_space);
    }
    h2 {
      font-size: 1.375em;
      margin-block-end: 0.75rem;
    }
    p + p,
    p + button {
      margin-block-start: 0.75rem;
    }
    .sources {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    button:focus-visible {
      outline: 3px solid var(--_focus-text);
      outline-offset: 0;
      background: var(--_focus);
      color: var(--_focus-text);
    }
  `,
];
