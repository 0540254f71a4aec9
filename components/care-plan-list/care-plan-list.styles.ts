import { css } from 'lit';
import { base } from '../shared.styles';
import { factList } from '../list.styles';
import { contactStyles } from '../contact-links/contact-links.styles';

export const styles = [
  base,
  contactStyles,
  factList,
  css`
    .groups {
      display: grid;
      gap: calc(var(--_space) * 1.25);
    }
    .group-heading {
      font-size: 1.125em;
      margin-block-end: 0.5rem;
    }
    ul.plans {
      list-style: none;
      display: grid;
      gap: var(--_space);
    }
    article {
      border: 1px solid var(--_border);
      border-inline-start: 6px solid var(--_highlight);
      border-radius: var(--_radius);
      padding: 0.75rem var(--_space);
    }
    .ended article {
      border-inline-start-color: var(--_border);
    }
    .title-row {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.5rem;
      margin-block-end: 0.5rem;
    }
    .plan-title {
      font-size: 1.0625em;
    }
    dl {
      margin: 0 0 0.5rem;
    }
    .description {
      margin-block-end: 0.5rem;
    }
    .part-label {
      font-weight: 700;
      margin-block: 0.5rem 0.25rem;
    }
    .content-list {
      padding-inline-start: 1.25rem;
    }
    .content-list li + li {
      margin-block-start: 0.375rem;
    }
    .meta {
      display: block;
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    cr-provenance-line {
      margin-block-start: 0.5rem;
    }
  `,
];
