import { css } from 'lit';
import { contactStyles } from '../contact-links/contact-links';
import { base } from '../shared.styles';

export const styles = [
  base,
  contactStyles,
  css`
    .context {
      display: grid;
      gap: 0.25rem;
      border-block-end: 1px solid var(--_border);
      padding-block-end: 0.5rem;
    }
    .identity,
    .calls {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem var(--_space);
    }
    .label,
    .muted {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    .value,
    .who {
      font-weight: 700;
    }
    .calls ul {
      list-style: none;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem var(--_space);
    }
    .calls li {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 0.375rem;
    }
    .role {
      font-size: 0.875em;
    }
    .deceased .tag {
      background: var(--scr-color-deceased-background, #425563);
      color: #ffffff;
      border-radius: var(--_radius);
      padding: 0 0.375rem;
      font-weight: 700;
    }
  `,
];
