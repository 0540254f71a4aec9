import { css } from 'lit';
import { base } from '../shared.styles';
import { datedEntries, factList } from '../list.styles';

export const styles = [
  base,
  factList,
  datedEntries,
  css`
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.75rem var(--_space);
      margin-block-end: calc(var(--_space) * 0.75);
      padding: 0.75rem;
      background: var(--_surface);
      border-radius: var(--_radius);
    }
    fieldset {
      border: 0;
      margin: 0;
      padding: 0;
      min-width: 0;
    }
    legend {
      font-weight: 700;
      padding: 0;
      margin-block-end: 0.25rem;
    }
    .options {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
    }
    .options label,
    .dates label {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      min-height: 24px;
    }
    input[type='checkbox'] {
      width: 1.25rem;
      height: 1.25rem;
      margin: 0;
    }
    .dates {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 0.75rem;
    }
    .dates label {
      flex-direction: column;
      align-items: flex-start;
      gap: 0.125rem;
    }
    .dates input {
      min-height: 2.25rem;
      font: inherit;
      padding: 0.125rem 0.375rem;
      border: 2px solid var(--_text);
      border-radius: 0;
    }
    .dates input[aria-invalid='true'] {
      border-color: var(--_error);
      border-width: 3px;
    }
    .error {
      color: var(--_error);
      font-weight: 700;
    }
    .hint {
      color: var(--_text-secondary);
      font-size: 0.875em;
      margin-block-start: 0.25rem;
    }
    button {
      font: inherit;
      font-weight: 600;
      min-height: 2.25rem;
      padding: 0.25rem 0.75rem;
      color: var(--_text);
      background: var(--_background);
      border: 2px solid var(--_text);
      border-radius: var(--_radius);
      cursor: pointer;
    }
    .group + .group {
      margin-block-start: var(--_space);
    }
    h3,
    h4 {
      font-size: 1.0625em;
      margin-block-end: 0.5rem;
    }
    .scroller {
      max-height: var(--scr-timeline-height, min(70vh, 40rem));
    }
    .until {
      display: block;
      font-weight: 400;
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    .tags {
      margin-block-end: 0.125rem;
    }
    .kind,
    .status {
      font-size: 0.875em;
      padding: 0 0.375rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .kind {
      font-weight: 700;
    }
    /* A&E is marked by its label; the edge only repeats it. */
    .entry.ae {
      box-shadow: inset 4px 0 0 var(--_error);
    }
    .entry.ae .kind {
      border-color: var(--_error);
    }
    .status.cancelled,
    .status.did-not-attend {
      font-weight: 700;
      border-style: dashed;
    }
    .entry.cancelled .title {
      text-decoration: line-through;
      text-decoration-thickness: 1px;
    }
    .status.in-progress {
      font-weight: 700;
      border-color: var(--_highlight);
    }
    .title {
      font-weight: 700;
      overflow-wrap: anywhere;
    }
    .description {
      color: var(--_text-secondary);
    }
    @media (forced-colors: active) {
      .entry.ae {
        border-inline-start: 4px solid CanvasText;
      }
    }
  `,
];
