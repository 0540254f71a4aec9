import { css } from 'lit';
import { base } from '../shared.styles';

export const styles = [
  base,
  css`
    :host {
      background: var(--_background);
    }
    .record {
      container: care-record / inline-size;
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      padding: var(--scr-record-padding, var(--_space));
    }
    .sections {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: var(--_space);
    }
    .view:focus {
      outline: none;
    }
    .view:focus-visible {
      outline: 3px solid var(--_focus-text);
      outline-offset: 2px;
      background: none;
    }

    /* Navigation: real links, one or two rows on a tablet, targets well over 24 px. */
    .views ul {
      list-style: none;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      border-block-end: 2px solid var(--_border);
    }
    .views a {
      display: inline-flex;
      align-items: center;
      min-height: 44px;
      min-width: 44px;
      padding: 0.25rem 0.75rem;
      border: 1px solid transparent;
      border-block-end: 4px solid transparent;
      border-radius: var(--_radius) var(--_radius) 0 0;
      color: var(--_link);
      font-weight: 600;
      text-decoration: underline;
      text-underline-offset: 0.15em;
    }
    .views a:hover {
      text-decoration-thickness: 3px;
    }
    .views a[aria-current='page'] {
      color: var(--_text);
      text-decoration: none;
      border-color: var(--_border);
      border-block-end-color: var(--_highlight);
      background: var(--_surface);
    }
    .views a:focus-visible {
      color: var(--_focus-text);
      background: var(--_focus);
    }

    /* Wide containers (a desktop page, a wide host panel): medicines beside
       allergies and problems. Reading order stays alerts, who to call, where
       the person is now, recent contacts, medicines, allergies, problems. */
    @container care-record (min-width: 64rem) {
      .summary {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        align-items: start;
      }
      .summary > cr-patient-context,
      .summary > cr-alerts-strip,
      .summary > cr-current-location,
      .summary > cr-source-status,
      .summary > cr-recent-contacts {
        grid-column: 1 / -1;
      }
      .summary > cr-medication-list {
        grid-row: span 2;
      }
    }
    .print,
    cr-print-header {
      margin-block-start: var(--_space);
    }
    cr-print-header {
      margin-block: 0 var(--_space);
    }
    .print button {
      font: inherit;
      min-height: 44px;
      padding: 0 var(--_space);
      color: var(--_link);
      background: var(--_background);
      border: 2px solid var(--_link);
      border-radius: var(--_radius);
      cursor: pointer;
    }
    .print button:focus-visible {
      color: var(--_focus-text);
      background: var(--_focus);
      outline: 3px solid var(--_focus-text);
    }
    /* On paper: the summary as read, without what only works on screen. */
    @media print {
      .record {
        padding: 0;
      }
      nav.views,
      .print {
        display: none;
      }
      cr-patient-banner {
        position: static;
      }
    }
    /* A view whose code could not be fetched: framed like a failed section. */
    .chunk-failed {
      background: var(--_background);
      border: 1px solid var(--_border);
      border-block-start: 4px solid var(--_highlight);
      border-radius: var(--_radius);
      padding: var(--_space);
    }
    .chunk-failed h2 {
      font-size: 1.375em;
      margin-block-end: calc(var(--_space) * 0.75);
    }
    .load-failed {
      border-inline-start: 6px solid var(--_error);
      background: var(--_surface);
      padding: 0.5rem 0.75rem;
      margin-block-end: calc(var(--_space) * 0.75);
    }
    .load-failed .box-title {
      font-weight: 700;
    }
    .chunk-failed button {
      font: inherit;
      min-height: 44px;
      color: var(--_link);
      background: transparent;
      border: 1px solid currentColor;
      border-radius: var(--_radius);
      padding: 0 0.75rem;
      cursor: pointer;
    }
    /* Sticky only when the viewport (or iframe) is tall enough for it not to
       crowd out the record; focused items keep clear of it through
       --scr-sticky-offset (scroll-margin in every element). */
    @media (min-height: 560px) {
      cr-patient-banner {
        position: sticky;
        top: 0;
        z-index: 1;
      }
    }
    @media (forced-colors: active) {
      .views a[aria-current='page'] {
        border-block-end-color: Highlight;
      }
    }
  `,
];
