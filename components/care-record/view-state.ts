// Which view <care-record> shows, kept in the URL's hash (see views.ts) so a
// reload or a shared link opens the same view and Back and Forward move between
// views. With the URL off (a host that owns the hash), it is kept in memory only.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_VIEW, hashFor, viewFromHash, type ViewId } from './views';

export interface ViewStateHost extends ReactiveControllerHost {
  view: ViewId;
  /** Whether the view is kept in the URL. */
  readonly usesUrl: boolean;
}

export class ViewState implements ReactiveController {
  constructor(
    private readonly host: ViewStateHost,
    /** Told after the URL changed the view (Back, Forward, an edited hash). */
    private readonly onUrlChange: (view: ViewId) => void = () => {},
  ) {
    host.addController(this);
  }

  /** The view shown when the URL names none: the host's own at connection (the summary unless set). */
  private initialView: ViewId = DEFAULT_VIEW;

  private readonly onLocationChange = (): void => {
    const view = this.fromUrl();
    if (view === undefined || view === this.host.view) return;
    this.host.view = view;
    this.onUrlChange(view);
  };

  hostConnected(): void {
    window.addEventListener('hashchange', this.onLocationChange);
    window.addEventListener('popstate', this.onLocationChange);
    this.initialView = this.host.view;
    const view = this.fromUrl();
    if (view !== undefined) this.host.view = view;
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.onLocationChange);
    window.removeEventListener('popstate', this.onLocationChange);
  }

  /** The view the URL names (the initial one when it names none), or undefined when the URL is not used. */
  private fromUrl(): ViewId | undefined {
    return this.host.usesUrl ? (viewFromHash(window.location.hash) ?? this.initialView) : undefined;
  }

  /** The link to a view, as a hash on the current page. */
  href(view: ViewId): string {
    return hashFor(view, this.host.usesUrl ? window.location.hash : '');
  }

  /** Shows a view as the user asked: a new history entry, so Back returns. */
  go(view: ViewId): void {
    if (this.host.usesUrl && viewFromHash(window.location.hash) !== view) {
      history.pushState(history.state, '', this.urlWith(view));
    }
    this.host.view = view;
  }

  /** Brings the URL in line with a view set by code (no new history entry). */
  sync(view: ViewId): void {
    if (!this.host.usesUrl || (viewFromHash(window.location.hash) ?? this.initialView) === view) return;
    history.replaceState(history.state, '', this.urlWith(view));
  }

  private urlWith(view: ViewId): string {
    const { pathname, search, hash } = window.location;
    return `${pathname}${search}${hashFor(view, hash)}`;
  }
}

/** The timeline's filter parameters (`tl-source`, `tl-kind`, …) of a link's hash, put in the query string in place of any there. */
export function carryTimelineFilters(href: string): void {
  const filters = [...new URLSearchParams(href.replace(/^#/, ''))].filter(([name]) => name.startsWith('tl-'));
  if (filters.length === 0) return;
  const search = new URLSearchParams(window.location.search);
  for (const name of [...search.keys()]) if (name.startsWith('tl-')) search.delete(name);
  for (const [name, value] of filters) search.append(name, value);
  history.replaceState(history.state, '', `${window.location.pathname}?${search.toString()}${window.location.hash}`);
}
