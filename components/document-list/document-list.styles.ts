import { css } from 'lit';
import { base } from '../shared.styles';
import { datedEntries } from '../list.styles';

export const styles = [
  base,
  datedEntries,
  css`
    .filter {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin-block-end: 0.5rem;
    }
    .filter label {
      font-weight: 700;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_space);
    }
    select,
    input[type='search'] {
      font: inherit;
      min-height: 2.25rem;
      padding: 0.125rem 0.375rem;
      border: 2px solid var(--_text);
      background: var(--_background);
      color: var(--_text);
    }
    select:focus-visible,
    input[type='search']:focus-visible {
      outline: 3px solid var(--_focus-text);
      box-shadow: 0 0 0 6px var(--_focus);
    }
    .scroller {
      max-height: var(--scr-documents-height, min(60vh, 32rem));
    }
    .tag {
      font-size: 0.875em;
      padding: 0 0.375rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .tag.superseded {
      border-style: dashed;
      font-weight: 700;
    }
    button {
      font: inherit;
      cursor: pointer;
    }
    .open {
      display: inline;
      text-align: start;
      padding: 0;
      border: 0;
      background: none;
      color: var(--_link);
      font-weight: 700;
      text-decoration: underline;
      text-underline-offset: 0.15em;
      overflow-wrap: anywhere;
    }
    dialog {
      width: min(60rem, 95vw);
      max-height: 90vh;
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      color: var(--_text);
      background: var(--_background);
    }
    dialog::backdrop {
      background: var(--scr-color-modal-backdrop, rgb(33 43 50 / 60%));
    }
    .dialog-header {
      display: flex;
      justify-content: space-between;
      align-items: flex-start;
      gap: var(--_space);
    }
    h2 {
      font-size: 1.25em;
    }
    h3 {
      font-size: 1.0625em;
      margin-block: 0.75rem 0.25rem;
    }
    .close,
    .formats button {
      font-weight: 600;
      min-height: 2.25rem;
      padding: 0.25rem 0.75rem;
      color: var(--_text);
      background: var(--_background);
      border: 2px solid var(--_text);
      border-radius: var(--_radius);
    }
    .formats button[aria-pressed='true'] {
      background: var(--_text);
      color: var(--_background);
    }
    .meta {
      color: var(--_text-secondary);
      margin-block: 0.25rem 0.75rem;
    }
    .formats {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin-block-end: 0.75rem;
    }
    .content {
      border-block-start: 1px solid var(--_border);
      padding-block-start: 0.75rem;
    }
    .text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      font-family: inherit;
      margin: 0;
      padding: 0.5rem 0.75rem;
      background: var(--_surface);
    }
    .pdf {
      display: block;
      width: 100%;
      height: 70vh;
      border: 1px solid var(--_border);
      margin-block-end: 0.5rem;
    }
    .notice {
      padding: 0.5rem 0.75rem;
      background: var(--_surface);
      border-inline-start: 6px solid var(--_border);
    }
    .notice.error {
      border-inline-start-color: var(--_error);
    }
    .part.depth-1 {
      margin-inline-start: 1rem;
    }
    .part.depth-2,
    .part.depth-3 {
      margin-inline-start: 2rem;
    }
  `,
];
