// Every event the viewer's elements fire, in one place: its name and its
// `detail`, declared once for TypeScript (GlobalEventHandlersEventMap, so
// `addEventListener('record-complete', …)` is typed on any element) and
// dispatched through one helper, so every event bubbles and crosses shadow
// roots the same way. docs/embedding.md lists the ones a host listens for.

import type { BreakGlassRequest } from '../src/access/break-glass';
import type { TimelineFilters } from '../src/record/timeline-filters';
import type { ViewId } from './care-record/views';

/** How one source fared, as `<care-record>` reports it to the host. */
export interface SourceStatusDetail {
  /** The source's configured name, e.g. `gp`. */
  source: string;
  organisation: string;
  /** `loading`, `loaded` (perhaps partly: see `problems`) or `problem` (nothing used from it: see `problem`). */
  state: 'loading' | 'loaded' | 'problem';
  /** For `problem`: why, e.g. `failed`, `timed-out`, `identity-mismatch`, `withheld`, `objection`. */
  problem?: string;
  /** For `loaded`: the kinds of problem some of its queries had (a partial load). */
  problems?: string[];
}

/** Emergency access starting (`active`) or ending, as `<care-record>` reports it to the host. */
export interface BreakGlassDetail {
  active: boolean;
  /** While active: the reason given and when it ends (ms since the epoch). */
  reason?: string;
  expiresAt?: number;
  /** On ending: whether the user ended it or its time ran out. */
  ended?: 'ended' | 'expired';
}

/** Each event's `detail` (`null`: the event carries none). */
export interface ViewerEventDetails {
  // <care-record>: for hosts.
  /** Every source has finished and the view shown has rendered what they gave. */
  'record-complete': null;
  /** The view changed (the user, the address, or the `view` property). */
  'view-change': { view: ViewId };
  /** A source's status changed. */
  'source-status-change': SourceStatusDetail;
  /** Emergency access started or ended. */
  'break-glass-change': BreakGlassDetail;
  // Inner elements (they bubble out of <care-record> too).
  /** `<cr-source-status>`: the user asked to try a source again. */
  'source-retry': { source: string };
  /** `<cr-result-trend>`: its chart loaded, showed, failed or closed. */
  'trend-chart-change': { state: 'loading' | 'shown' | 'failed' | 'closed' };
  /** `<cr-first-minutes>`: the user asked for the full record. */
  'show-full-record': null;
  /** `<cr-record-timeline>`: the user changed a filter. */
  'timeline-filter-change': { filters: TimelineFilters };
  /** `<cr-document-list>`: a document was opened. */
  'document-open': { key: string };
  /** `<cr-objection-notice>`: the user asked for emergency access. */
  'break-glass-open': null;
  /** `<cr-break-glass-dialog>`: the user confirmed, giving a reason. */
  'break-glass-request': BreakGlassRequest;
  /** `<cr-break-glass-dialog>`: the user closed the dialog without asking. */
  'break-glass-cancel': null;
  /** `<cr-break-glass-banner>`: the user asked to end emergency access now. */
  'break-glass-end': null;
}

export type ViewerEventName = keyof ViewerEventDetails;

/** The viewer's events as DOM event types. */
export type ViewerEvents = { [K in ViewerEventName]: CustomEvent<ViewerEventDetails[K]> };

/**
 * Fires one of the viewer's events at `target`: a CustomEvent that bubbles
 * and is composed (it leaves the element's shadow root, and the record's, so
 * a host page hears it on `<care-record>` or above). Returns dispatchEvent's answer.
 */
export function fire<K extends ViewerEventName>(
  target: EventTarget,
  type: K,
  ...detail: ViewerEventDetails[K] extends null ? [] : [ViewerEventDetails[K]]
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail: detail[0] ?? null, bubbles: true, composed: true }));
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the interface gains the viewer's events.
  interface GlobalEventHandlersEventMap extends ViewerEvents {}
}
