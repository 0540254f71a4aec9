// How <care-record> takes on its host's look and keeps focus clear of its
// sticky banner: the SMART `smart_style_url` colours and the banner's height
// as custom properties on the record's wrapper.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import { fetchSmartStyle } from './smart-style';

interface HostStyleParts {
  /** The style address to fetch (the attribute wins over the launch's). */
  styleUrl(): string | undefined;
  /** The wrapper that carries the custom properties. */
  base(): HTMLElement | undefined;
  /** Our banner when shown. */
  banner(): HTMLElement | undefined;
}

/**
 * Sets the host style and `--scr-sticky-offset` (the sticky banner's height,
 * so focused elements scroll clear of it) on the wrapper after every update,
 * through the CSSOM rather than a style attribute so a host page whose CSP
 * forbids inline styles still gets them.
 */
export class HostStyle implements ReactiveController {
  #stickyOffset = 0;
  #applied = new Set<string>();
  #observedBanner?: HTMLElement;
  readonly #resizeObserver = new ResizeObserver(() => this.#measureBanner());
  // Stickiness depends on the viewport height (see styles), which a resize can change without resizing the banner.
  readonly #tallEnough = matchMedia('(min-height: 560px)');
  readonly #onViewportChange = (): void => this.#measureBanner();
  readonly #style: Task<readonly [string | undefined], Record<string, string>>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly parts: HostStyleParts,
  ) {
    host.addController(this);
    this.#style = new Task(host, {
      task: ([url], { signal }) => (url ? fetchSmartStyle(url, signal) : Promise.resolve({})),
      args: () => [this.parts.styleUrl()] as const,
    });
  }

  hostConnected(): void {
    this.#tallEnough.addEventListener('change', this.#onViewportChange);
  }

  hostDisconnected(): void {
    this.#tallEnough.removeEventListener('change', this.#onViewportChange);
    this.#resizeObserver.disconnect();
    this.#observedBanner = undefined;
  }

  hostUpdated(): void {
    const banner = this.parts.banner();
    if (!banner) this.#stickyOffset = 0;
    this.#apply();
    if (banner === this.#observedBanner) return;
    this.#resizeObserver.disconnect();
    this.#observedBanner = banner;
    if (banner) this.#resizeObserver.observe(banner);
  }

  #apply(): void {
    const base = this.parts.base();
    if (!base) return;
    // A failed style fetch leaves value undefined: our defaults stay.
    const properties: Record<string, string> = {
      ...(this.#style.value ?? {}),
      '--scr-sticky-offset': `${this.#stickyOffset}px`,
    };
    for (const name of this.#applied) if (!(name in properties)) base.style.removeProperty(name);
    for (const [name, value] of Object.entries(properties)) base.style.setProperty(name, value);
    this.#applied = new Set(Object.keys(properties));
  }

  #measureBanner(): void {
    const banner = this.parts.banner();
    const sticky = banner && getComputedStyle(banner).position === 'sticky';
    const offset = sticky ? Math.ceil(banner.getBoundingClientRect().height) : 0;
    if (offset === this.#stickyOffset) return;
    this.#stickyOffset = offset;
    this.host.requestUpdate();
  }
}
