// Styles every element shares (`base`), then the buttons and toggles that
// several elements use. Public theming goes through the documented `--scr-*`
// custom properties (they inherit through shadow roots, so a host page or
// <care-record> sets them once); each element reads them into private `--_*`
// variables with the NHS defaults as fallbacks.

import { css } from 'lit';

export const tokens = css`
  :host {
    --_text: var(--scr-color-text, #212b32);
    --_text-secondary: var(--scr-color-text-secondary, #4c6272);
    --_background: var(--scr-color-background, #ffffff);
    --_surface: var(--scr-color-surface, #f0f4f5);
    --_border: var(--scr-color-border, #aeb7bd);
    --_link: var(--scr-color-link, #005eb8);
    --_highlight: var(--scr-color-highlight, #005eb8);
    --_focus: var(--scr-color-focus, #ffeb3b);
    --_focus-text: var(--scr-color-focus-text, #212b32);
    --_error: var(--scr-color-error, #d5281b);
    --_warning: var(--scr-color-warning, #ffb81c);
    --_success: var(--scr-color-success, #007f3b);
    /* The NHS typeface where the host page has it, else Arial: never the browser's default serif. */
    --_font-body: var(--scr-font-family-body, 'Frutiger W01', Arial, 'Helvetica Neue', Helvetica, sans-serif);
    --_font-heading: var(--scr-font-family-heading, var(--_font-body));
    --_font-size: var(--scr-font-size, 1rem);
    --_space: var(--scr-spacing, 1rem);
    --_radius: var(--scr-border-radius, 4px);
  }
`;

export const base = css`
  ${tokens}
  :host {
    display: block;
    box-sizing: border-box;
    color: var(--_text);
    font-family: var(--_font-body);
    font-size: var(--_font-size);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h1,
  h2,
  h3,
  h4 {
    font-family: var(--_font-heading);
    line-height: 1.25;
    margin: 0;
  }
  p {
    margin: 0;
  }
  ul,
  ol {
    margin: 0;
    padding: 0;
  }
  a {
    color: var(--_link);
  }
  /* WCAG 2.2 2.4.11: a sticky banner above must not cover what has focus. */
  a,
  button,
  summary,
  [tabindex] {
    scroll-margin-top: calc(var(--scr-sticky-offset, 0px) + 0.5rem);
    scroll-margin-bottom: 0.5rem;
  }
  /* WCAG 2.2 2.5.8: targets at least 24 by 24 CSS pixels. */
  button,
  summary {
    min-height: 24px;
    min-width: 24px;
  }
  /* NHS focus style: yellow fill with a dark edge, visible on any background. */
  :focus-visible {
    outline: 3px solid var(--_focus-text);
    outline-offset: 1px;
    background-color: var(--_focus);
    color: var(--_focus-text);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: -1px !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
  .label {
    color: var(--_text-secondary);
    font-size: 0.875em;
  }
  .value {
    font-weight: 600;
  }
  .muted {
    color: var(--_text-secondary);
  }
  /* A warning about the data itself (e.g. dated in the future): bold, with a warning edge. */
  .warning {
    font-weight: 700;
    border-inline-start: 4px solid var(--_warning);
    padding-inline-start: 0.5rem;
    margin-block: 0.25rem;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;

/** The standard button: text colour on the background, a dark edge. */
export const buttons = css`
  button {
    font: inherit;
    font-weight: 600;
    padding: 0.5rem 1rem;
    border: 2px solid var(--_text);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_text);
    cursor: pointer;
  }
`;

/** A quieter button, in the link colour with a thin edge (filters, show more, retry). */
export const linkButtons = css`
  button {
    font: inherit;
    color: var(--_link);
    background: transparent;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    padding: 0.125rem 0.625rem;
    cursor: pointer;
  }
`;

/** A `<details>` whose summary reads as a link: the toggle for more of a list. */
export const disclosure = css`
  summary {
    cursor: pointer;
    color: var(--_link);
    padding-block: 0.125rem;
  }
`;
