import { css } from 'lit';
import { base } from '../shared.styles';

export const styles = [
  base,
  css`
    :host {
      --_banner-bg: var(--scr-color-banner-background, #005eb8);
      --_banner-text: var(--scr-color-banner-text, #ffffff);
      --_deceased-bg: var(--scr-color-deceased-background, #425563);
      container-type: inline-size;
    }
    .banner {
      background: var(--_banner-bg);
      color: var(--_banner-text);
      padding: calc(var(--_space) * 0.75) var(--_space);
      border-radius: var(--_radius);
    }
    .banner.deceased {
      background: var(--_deceased-bg);
    }
    .title {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.75rem;
    }
    h2 {
      font-size: 1.375em;
    }
    .tag {
      display: inline-block;
      border: 2px solid currentColor;
      border-radius: var(--_radius);
      padding: 0 0.5rem;
      font-weight: 700;
    }
    .tag.deceased-tag {
      background: var(--_banner-text);
      color: var(--_deceased-bg);
    }
    .invalid {
      background: var(--_banner-text);
      color: var(--_error);
      border-color: var(--_error);
      margin-inline-start: 0.5rem;
    }
    dl {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
      gap: 0.5rem var(--_space);
      margin: 0.5rem 0 0;
    }
    dl > div {
      min-width: 0;
    }
    dt {
      font-size: 0.875em;
    }
    dd {
      margin: 0;
      font-weight: 700;
      overflow-wrap: anywhere;
    }
    .wide {
      grid-column: span 2;
    }
    @container (max-width: 30rem) {
      .wide {
        grid-column: auto;
      }
    }
    .identity {
      margin-block-start: 0.5rem;
      padding: 0.25rem 0.5rem;
      background: var(--_banner-text);
      color: var(--_text);
      border-inline-start: 6px solid var(--_warning);
      border-radius: var(--_radius);
    }
    .identity-title {
      font-weight: 700;
    }
    .identity ul {
      padding-inline-start: 1.25rem;
    }
    .state {
      font-weight: 700;
    }
    .state ul {
      font-weight: 400;
      padding-inline-start: 1.25rem;
    }
    /* The banner is dark: a dark focus edge would vanish, so invert it. */
    :focus-visible {
      outline-color: var(--_focus);
    }
  `,
];
