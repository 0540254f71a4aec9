import { css } from 'lit';
import { base } from '../shared.styles';
import { itemList } from '../list.styles';
import { contactStyles } from '../contact-links/contact-links.styles';

export const styles = [
  base,
  contactStyles,
  itemList,
  css`
    .sections {
      display: grid;
      gap: var(--_space);
    }
    h3,
    h4 {
      font-size: 1.0625em;
      margin-block: 0.75rem 0.5rem;
    }
    .tag.key {
      border-inline-start: 4px solid var(--_highlight);
    }
    .conflict {
      margin-block-start: 0.25rem;
      border-inline-start: 4px solid var(--_warning);
      padding-inline-start: 0.5rem;
    }
    .recorded-by {
      list-style: none;
      margin-block-start: 0.25rem;
      font-size: 0.875em;
    }
    .recorded-by .says {
      color: var(--_text-secondary);
    }
  `,
];
