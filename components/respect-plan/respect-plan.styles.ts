import { css } from 'lit';

/** Styles for the parts in respect-plan.ts. */
export const respectStyles = css`
  .respect-plan {
    margin-block: 0.375rem;
  }
  .label {
    color: var(--_text-secondary);
    font-size: 0.875em;
    margin-inline-end: 0.375rem;
  }
  .focus-text {
    font-weight: 700;
    margin-inline-end: 0.5rem;
  }
  .scale {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    font-size: 0.875em;
    white-space: nowrap;
  }
  .scale .track {
    display: inline-block;
    width: 2.5rem;
    border-top: 2px solid var(--_border);
  }
  .scale .end {
    color: var(--_text-secondary);
  }
  .scale .end.chosen {
    color: var(--_text);
    font-weight: 700;
  }
  .ceilings {
    list-style: disc;
    padding-inline-start: 1.25rem;
    margin-block: 0.25rem;
  }
  .ceiling {
    font-weight: 700;
  }
  .detail,
  .priority {
    font-size: 0.9375em;
  }
  .eol {
    border-inline-start: 4px solid var(--_highlight);
    padding-inline-start: 0.5rem;
    margin-block-start: 0.75rem;
  }
  .eol-tag {
    font-weight: 700;
  }
  .eol .source {
    color: var(--_text-secondary);
    font-size: 0.875em;
  }
  /* Label above its instruction, whatever list style the element gives dl. */
  dl.eol-facts,
  dl.eol-facts div {
    display: block;
    margin: 0.25rem 0;
  }
  .eol-facts dt {
    color: var(--_text-secondary);
    font-size: 0.875em;
  }
  .eol-facts dd {
    margin: 0;
    font-weight: 400;
  }

  .ceilings-line {
    margin-block: 0.25rem;
  }
  .eol.compact dl.eol-facts div {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.375rem;
  }
`;
