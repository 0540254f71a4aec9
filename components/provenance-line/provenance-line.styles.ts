import { css } from 'lit';
import { base } from '../shared.styles';

export const styles = [
  base,
  css`
    :host {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    .source {
      font-weight: 600;
    }
  `,
];
