// The abnormal marker as the user sees it, shared by <cr-results-list> and
// <cr-result-trend>: the word ("High", "Critically low") always, an arrow for a
// quick scan (hidden from screen readers: the word says it), colour last.

import { css, html, nothing } from 'lit';
import type { ResultFlag } from '../../src/record/results/types';

const ARROWS: Record<ResultFlag['code'], string> = { HH: '▲▲', H: '▲', LL: '▼▼', L: '▼', AA: '!!', A: '!' };

/** "▲ High", with "(systolic …)" when it is one part of a panel. */
export function flagTemplate(flag: ResultFlag | undefined, options: { withPart?: boolean } = {}) {
  if (!flag) return nothing;
  const critical = flag.code === 'HH' || flag.code === 'LL' || flag.code === 'AA';
  return html`<span class="flag ${critical ? 'critical' : ''}" part="flag"
    ><span class="arrow" aria-hidden="true">${ARROWS[flag.code]}</span> ${flag.text}${
      options.withPart && flag.of ? html` <span class="flag-of">(${flag.of})</span>` : nothing
    }</span
  >`;
}

export const flagStyles = css`
  .flag {
    font-weight: 700;
    color: var(--_error);
    white-space: nowrap;
  }
  .flag.critical {
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  .flag-of {
    font-weight: 400;
    color: var(--_text);
  }
  .arrow {
    font-size: 0.8em;
  }
  @media (forced-colors: active) {
    .flag {
      color: CanvasText;
    }
  }
`;
