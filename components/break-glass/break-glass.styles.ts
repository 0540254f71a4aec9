import { css } from 'lit';
import { base, buttons } from '../shared.styles';

/** The primary button, and buttons and fields while busy or focused. */
const buttonStates = css`
  button.primary {
    background: var(--_highlight);
    border-color: var(--_highlight);
    color: #ffffff;
  }
  button:disabled {
    cursor: progress;
    opacity: 0.75;
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible {
    outline: 3px solid var(--_focus-text);
    outline-offset: 0;
    box-shadow: 0 0 0 6px var(--_focus);
  }
`;

export const dialogStyles = [
  base,
  buttons,
  buttonStates,
  css`
    dialog {
      max-width: min(40rem, calc(100vw - 2rem));
      max-height: calc(100vh - 2rem);
      overflow: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 1.5);
      color: var(--_text);
      background: var(--_background);
    }
    dialog::backdrop {
      background: var(--scr-color-modal-backdrop, rgba(33, 43, 50, 0.6));
    }
    h2 {
      font-size: 1.375em;
      margin-block-end: 0.75rem;
    }
    p + p,
    form > * + * {
      margin-block-start: var(--_space);
    }
    fieldset {
      border: 0;
      padding: 0;
      margin-inline: 0;
    }
    legend {
      font-weight: 700;
      padding: 0;
      margin-block-end: 0.5rem;
    }
    .choice {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-height: 2rem;
    }
    input[type='radio'] {
      width: 1.5rem;
      height: 1.5rem;
      margin: 0;
    }
    label[for='bg-text'] {
      display: block;
      font-weight: 700;
      margin-block-end: 0.25rem;
    }
    textarea {
      width: 100%;
      min-height: 5rem;
      font: inherit;
      border: 2px solid var(--_text);
      border-radius: 0;
      padding: 0.25rem 0.5rem;
    }
    .hint {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    .problem {
      border-inline-start: 6px solid var(--_error);
      padding-inline-start: 0.75rem;
      font-weight: 600;
    }
    .problem:focus {
      outline: 3px solid var(--_focus-text);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }
  `,
];

export const bannerStyles = [
  base,
  buttons,
  buttonStates,
  css`
    section {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem var(--_space);
      border: 2px solid var(--_text);
      border-inline-start: 10px solid var(--_warning);
      border-radius: var(--_radius);
      background: var(--_surface);
      padding: 0.75rem var(--_space);
    }
    h2 {
      font-size: 1.1875em;
    }
    .time {
      font-weight: 700;
    }
  `,
];
