import { css } from 'lit';
import { base } from '../shared.styles';
import { itemList } from '../list.styles';
import { contactStyles } from '../contact-links/contact-links.styles';

/** Shared by the social care and mental health summaries. */
export const styles = [
  base,
  contactStyles,
  itemList,
  css`
    .parts {
      display: grid;
      gap: var(--_space);
    }
    h3,
    h4 {
      font-size: 1.0625em;
      margin-block-end: 0.5rem;
    }
    .title {
      font-weight: 700;
    }
    .why,
    .explain {
      color: var(--_text-secondary);
      font-size: 0.875em;
    }
    .detail {
      margin-block-start: 0.25rem;
    }
    .more {
      display: inline-flex;
      align-items: center;
      min-height: 24px;
      margin-block-start: 0.25rem;
    }
    cr-provenance-line {
      margin-block-start: 0.25rem;
    }
  `,
];
