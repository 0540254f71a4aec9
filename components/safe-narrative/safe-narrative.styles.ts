import { css } from 'lit';
import { base } from '../shared.styles';

export const styles = [
  base,
  css`
    .narrative {
      overflow-wrap: anywhere;
    }
    .narrative :is(p, ul, ol, dl, table, pre, blockquote) + * {
      margin-block-start: 0.5rem;
    }
    .narrative :is(ul, ol) {
      padding-inline-start: 1.5rem;
    }
    .narrative table {
      border-collapse: collapse;
      max-width: 100%;
      display: block;
      overflow-x: auto;
    }
    .narrative :is(th, td) {
      border: 1px solid var(--_border);
      padding: 0.25rem 0.5rem;
      text-align: start;
      vertical-align: top;
    }
    .narrative h1,
    .narrative h2,
    .narrative h3,
    .narrative h4,
    .narrative h5,
    .narrative h6 {
      font-size: 1em;
    }
    .narrative pre {
      white-space: pre-wrap;
    }
  `,
];
