import { css } from 'lit';

/** Styles for the parts in contact-links.ts: people, contact lists, `tel:` links with tablet-sized targets, tags. */
export const contactStyles = css`
  .name-row {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.5rem;
  }
  .name {
    font-weight: 700;
  }
  .role {
    font-weight: 600;
  }
  dl.facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space);
    margin: 0.25rem 0 0;
  }
  dl.facts div {
    display: flex;
    gap: 0.375rem;
    align-items: baseline;
  }
  dl.facts dt {
    color: var(--_text-secondary);
    font-size: 0.875em;
  }
  dl.facts dd {
    margin: 0;
    font-weight: 600;
  }
  .contacts {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0.25rem 0 0;
    padding: 0;
  }
  .contacts li {
    display: flex;
    align-items: center;
    gap: 0.375rem;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .contact-kind {
    color: var(--_text-secondary);
    font-size: 0.875em;
  }
  /* WCAG 2.5.8: a contact link is a target of its own, at least 24 by 24 CSS px. */
  .contacts a.tel {
    display: inline-flex;
    align-items: center;
    min-height: 24px;
    min-width: 24px;
    padding: 0.125rem 0;
    font-weight: 600;
  }
  .tag {
    display: inline-block;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    padding: 0 0.375rem;
    font-size: 0.8125em;
    font-weight: 700;
    line-height: 1.5;
    white-space: nowrap;
  }
  .tag.restricted {
    color: var(--_text);
    background: var(--_surface);
    border-inline-start: 4px solid var(--_warning);
  }
`;
