import { css } from 'lit';
import { base, linkButtons } from '../shared.styles';
import { factList, itemList } from '../list.styles';
import { flagStyles } from '../result-trend/result-flag';

export const styles = [
  base,
  flagStyles,
  linkButtons,
  itemList,
  factList,
  css`
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-block-end: var(--_space);
    }
    .filters button[aria-pressed='true'] {
      color: var(--_background);
      background: var(--_link);
      border-color: var(--_link);
      font-weight: 700;
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
