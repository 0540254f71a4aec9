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
    /* Wide containers (a desktop page, a wide host panel): medicines beside
       allergies and problems. Reading order stays alerts, medicines, allergies, problems. */
    @container care-record (min-width: 64rem) {
      .sections {
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        align-items: start;
      }
      alerts-strip {
        grid-column: 1 / -1;
      }
      medication-list {
        grid-row: span 2;
      }
    }
    /* Sticky only when the viewport (or iframe) is tall enough for it not to
       crowd out the record; focused items keep clear of it through
       --scr-sticky-offset (scroll-margin in every element). */
    @media (min-height: 560px) {
      patient-banner {
        position: sticky;
        top: 0;
        z-index: 1;
      }
    }
  `,
];
