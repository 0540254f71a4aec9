import { css } from 'lit';
import { base, linkButtons } from '../shared.styles';
import { flagStyles } from './result-flag';

export const styles = [
  base,
  flagStyles,
  linkButtons,
  css`
    .chart {
      margin-block: 0.75rem;
    }
    .chart[hidden] {
      display: none;
    }
    .canvas-box {
      position: relative;
      height: var(--scr-chart-height, 16rem);
      max-width: 48rem;
    }
    .notes,
    .chart-status:not(:empty) {
      color: var(--_text-secondary);
      font-size: 0.875em;
      margin-block: 0.25rem;
    }
    .table-box {
      overflow-x: auto;
      margin-block-start: 0.75rem;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.9375em;
    }
    caption {
      text-align: start;
      font-weight: 700;
      padding-block-end: 0.375rem;
    }
    th,
    td {
      text-align: start;
      vertical-align: top;
      padding: 0.375rem 0.75rem 0.375rem 0;
      border-block-end: 1px solid var(--_border);
    }
    thead th {
      color: var(--_text-secondary);
      font-size: 0.875em;
      font-weight: 600;
    }
    tbody th {
      font-weight: 400;
      white-space: nowrap;
    }
    .value {
      font-weight: 700;
    }
    .status,
    .future {
      font-weight: 600;
    }
    .interpretation,
    .conclusion,
    .note,
    .also,
    .author {
      display: block;
      font-size: 0.875em;
      color: var(--_text-secondary);
    }
    .more {
      margin-block-start: 0.5rem;
    }
  `,
];
