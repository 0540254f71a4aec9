// List styles the record's elements share. Include them after `base` and
// before the element's own styles, so an element can still adjust them (e.g.
// a list's margin).

import { css } from 'lit';

/**
 * Records one under another with a rule between each: `<ul class="items">`;
 * `<ul class="items tight">` puts them closer together.
 */
export const itemList = css`
  ul.items {
    list-style: none;
  }
  ul.items > li + li {
    margin-block-start: 0.75rem;
    padding-block-start: 0.75rem;
    border-block-start: 1px solid var(--_border);
  }
  ul.items.tight > li + li {
    margin-block-start: 0.5rem;
    padding-block-start: 0.5rem;
  }
`;

/**
 * Labelled values side by side, wrapping: `<dl><div><dt>Label</dt><dd>Value</dd></div></dl>`.
 * The list has no margin; an element that wants one sets it after this.
 */
export const factList = css`
  dl {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space);
    margin: 0;
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
`;

/**
 * Dated entries, the date in a column of its own (one column when narrow): a
 * `<p class="count">`, then the `<div class="entry">`s in a `<div class="plain">`,
 * or, when there are many, in a <lit-virtualizer> inside a `<div class="scroller">`
 * (one tab stop). The element sets the scroller's max-height.
 */
export const datedEntries = css`
  :host {
    container-type: inline-size;
  }
  .count {
    font-weight: 600;
    margin-block-end: 0.5rem;
  }
  .plain {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .scroller {
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overscroll-behavior: contain;
  }
  /* The region is one tab stop: outline it, do not fill it (the shared focus style fills). */
  .scroller:focus-visible {
    background-color: transparent;
    color: inherit;
    outline: 3px solid var(--_focus-text);
    box-shadow: 0 0 0 6px var(--_focus);
  }
  .entry {
    display: grid;
    grid-template-columns: minmax(8.5rem, 11rem) 1fr;
    gap: 0.25rem var(--_space);
    padding: 0.5rem 0.75rem;
    border-block-end: 1px solid var(--_border);
    width: 100%;
  }
  .plain .entry:last-child {
    border-block-end: 0;
  }
  .when {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
  }
  cr-provenance-line {
    font-size: 0.875em;
  }
  @container (max-width: 30rem) {
    .entry {
      grid-template-columns: 1fr;
    }
  }
`;
