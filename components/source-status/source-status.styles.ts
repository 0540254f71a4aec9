import { css } from 'lit';
import { base, linkButtons } from '../shared.styles';

export const styles = [
  base,
  linkButtons,
  css`
    h2 {
      font-size: 1rem;
      margin-block-end: 0.25rem;
    }
    .count {
      font-weight: 400;
    }
    :host {
      container-type: inline-size;
    }
    ul {
      list-style: none;
      display: grid;
      gap: 0.25rem;
    }
    @container (min-width: 60rem) {
      ul {
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0.25rem 0.5rem;
      }
    }
    li {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 0.75rem;
      padding: 0.25rem 0.5rem;
      border-inline-start: 4px solid var(--_border);
      background: var(--_background);
    }
    li.loaded {
      border-inline-start-color: var(--_success);
    }
    li.failed {
      border-inline-start-color: var(--_error);
    }
    li.incomplete {
      border-inline-start-color: var(--_warning);
    }
    li.left-out {
      border-inline-start-color: var(--_warning);
    }
    .organisation {
      font-weight: 700;
    }
    .detail {
      color: var(--_text-secondary);
      flex-basis: 100%;
    }
    button {
      padding: 0 0.5rem;
    }
  `,
];
