import { css } from 'lit';
import { base } from '../shared.styles';
import { flagStyles } from '../result-trend/result-flag';

export const styles = [
  base,
  flagStyles,
  css`
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-block-end: var(--_space);
    }
    button {
      font: inherit;
      color: var(--_link);
      background: transparent;
      border: 1px solid currentColor;
      border-radius: var(--_radius);
      padding: 0.125rem 0.625rem;
      cursor: pointer;
    }
    .filters button[aria-pressed='true'] {
      color: var(--_background);
      background: var(--_link);
      border-color: var(--_link);
      font-weight: 700;
    }
    .list {
      list-style: none;
    }
    .list > li + li {
      margin-block-start: 0.75rem;
      padding-block-start: 0.75rem;
      border-block-start: 1px solid var(--_border);
    }
    h3,
    h4 {
      font-size: 1.0625em;
    }
    .latest {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 0.5rem;
      margin-block: 0.25rem;
    }
    .latest .value {
      font-size: 1.125em;
      font-weight: 700;
    }
    .status {
      font-weight: 600;
    }
    .interpretation,
    .range-text,
    .also,
    .kind {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
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
    .warning {
      font-weight: 700;
      border-inline-start: 4px solid var(--_warning);
      padding-inline-start: 0.5rem;
      margin-block: 0.25rem;
    }
    .conclusion {
      margin-block: 0.25rem;
    }
    .toggle {
      margin-block-start: 0.5rem;
    }
    .history {
      margin-block-start: 0.5rem;
    }
    .history[hidden] {
      display: none;
    }
    .report-body + .report-body {
      margin-block-start: 0.75rem;
      padding-block-start: 0.75rem;
      border-block-start: 1px dashed var(--_border);
    }
    .report-text {
      white-space: pre-wrap;
    }
  `,
];
