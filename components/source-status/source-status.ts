import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { isWithheldKind } from '../../src/access/source-problems';
import type { SourceProblem, SourceRef } from '../../src/record/model';
import type { SourceStatus } from '../../src/sources/load-record';
import { formatTime } from '../../src/format';
import { styles } from './source-status.styles';
import { fire } from '../events';
import { defineElement } from '../define';

/** How a source's outcome reads, and whether it is a failure the user can retry. */
interface StatusLine {
  outcome: 'loaded' | 'incomplete' | 'loading' | 'failed' | 'left-out';
  label: string;
  detail?: string;
  retry: boolean;
}

const LEFT_OUT: Partial<Record<SourceProblem['kind'], string>> = {
  'not-held': 'Holds no record for this patient',
  'no-nhs-number': 'Not searched: no NHS number to find the patient by',
  'identity-mismatch': 'Left out: the record there does not match this patient',
  ambiguous: 'Left out: more than one record there has this NHS number',
  withheld: 'Not available to your role',
  objection: 'Not shared: the person has objected to sharing their record',
};

/** Held back on purpose by the server: said once, never offered as a retry. */
const isWithheld = (p: SourceProblem): boolean => isWithheldKind(p.kind);

function withheldSummary(problems: SourceProblem[]): string | undefined {
  if (problems.some((p) => p.kind === 'objection')) return 'Not shared: the person has objected to sharing their record';
  return problems.length ? 'Some information is not available to your role' : undefined;
}

/**
 * `incomplete`: what the source did not send in full (truncation notices), so
 * that "Loaded" is never a plain green tick over a record that was cut.
 */
export function statusLine(status: SourceStatus, incomplete: readonly string[] = []): StatusLine {
  switch (status.state) {
    case 'loading':
      return { outcome: 'loading', label: `Still loading (since ${formatTime(status.since)})`, retry: false };
    case 'loaded': {
      const failures = status.problems.filter((p) => !isWithheld(p));
      const withheld = withheldSummary(status.problems.filter(isWithheld));
      if (failures.length === 0 && incomplete.length) {
        const cut = incomplete.map((t) => t.replace(`${status.source.organisation}: `, '')).join(' ');
        return {
          outcome: 'incomplete',
          label: `Loaded ${formatTime(status.at)}, not all of it`,
          detail: [cut, ...(withheld ? [withheld] : [])].join(' '),
          retry: false,
        };
      }
      if (failures.length === 0) {
        return { outcome: 'loaded', label: `Loaded ${formatTime(status.at)}`, ...(withheld ? { detail: withheld } : {}), retry: false };
      }
      return {
        outcome: 'failed',
        label: `Partly loaded ${formatTime(status.at)}`,
        detail: [...failures.map((p) => p.reason), ...(withheld ? [withheld] : [])].join('; '),
        retry: true,
      };
    }
    case 'problem': {
      const { problem } = status;
      const leftOut = LEFT_OUT[problem.kind];
      if (leftOut) return { outcome: 'left-out', label: leftOut, ...(isWithheld(problem) ? {} : { detail: problem.reason }), retry: false };
      const what = problem.kind === 'timed-out' ? 'Timed out' : problem.kind === 'cancelled' ? 'Cancelled' : 'Could not be loaded';
      return {
        outcome: 'failed',
        label: `${what} (tried ${formatTime(problem.at)})`,
        detail: problem.reason,
        retry: problem.kind !== 'cancelled',
      };
    }
  }
}

/**
 * One line per source: loaded (with time), loaded but cut short (what was not
 * loaded), still loading, could not be
 * loaded or timed out (with the reason, the time of the attempt and a retry),
 * left out (identity does not match, no NHS number), or holding no record.
 * Failures are worded, not only coloured, and are never folded away.
 *
 * @summary Where the record came from, source by source.
 *
 * @fires source-retry - The user asked to try a source again; `detail.source` is its name.
 *
 * @csspart status - The wrapping section.
 * @csspart source - One source's line.
 * @csspart retry - The retry button.
 */
@defineElement('cr-source-status')
export class SourceStatusElement extends LitElement {
  static override styles = styles;

  /** Configured sources, in order. */
  @property({ attribute: false }) sources: readonly SourceRef[] = [];

  /** The latest status per source name. */
  @property({ attribute: false }) statuses: ReadonlyMap<string, SourceStatus> = new Map();
  /** Per source name, what it did not send in full (e.g. "showing 1,000 of 9,000 results; the oldest were not loaded."). */
  @property({ attribute: false }) incomplete: ReadonlyMap<string, readonly string[]> = new Map();

  override render() {
    if (this.sources.length === 0) return nothing;
    const lines = this.sources.map((source) => ({ source, line: this.lineFor(source) }));
    const failures = lines.filter((l) => l.line.outcome === 'failed').length;
    return html`
      <section part="status" aria-labelledby="sources-heading">
        <h2 id="sources-heading">
          Sources${failures ? html` <span class="count">(${failures} with problems)</span>` : nothing}
        </h2>
        <ul>
          ${lines.map(
            ({ source, line }) => html`
            <li part="source" class=${line.outcome}>
              <span class="organisation">${source.organisation}</span>
              <span class="outcome">${line.label}</span>
              ${line.detail ? html`<span class="detail">${line.detail}</span>` : nothing}
              ${
                line.retry
                  ? html`<button part="retry" type="button" @click=${() => this.retry(source.name)}>
                    Try again<span class="visually-hidden"> to load ${source.organisation}</span>
                  </button>`
                  : nothing
              }
            </li>
          `,
          )}
        </ul>
      </section>
    `;
  }

  private lineFor(source: SourceRef): StatusLine {
    const status = this.statuses.get(source.name);
    return status ? statusLine(status, this.incomplete.get(source.name)) : { outcome: 'loading', label: 'Waiting to load', retry: false };
  }

  private retry(source: string): void {
    fire(this, 'source-retry', { source });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-source-status': SourceStatusElement;
  }
}
