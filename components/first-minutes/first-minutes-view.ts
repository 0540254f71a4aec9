import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/**
 * Loads `<cr-first-minutes>` (a chunk of its own: only emergency launches need it).
 * `render()` gives the element's tag either way; the host loads it first.
 */
export const loadFirstMinutes = (): Promise<unknown> => import('./first-minutes');

/** Tablet-sized and smaller: where the paramedic's record lands on the "first minutes" view. */
export const TABLET_QUERY = '(max-width: 1100px)';

/**
 * Decides whether `<care-record>` lands on `<cr-first-minutes>`: when the launch
 * says `intent=emergency` and the screen is tablet-sized, until the user asks
 * for the full record.
 */
export class FirstMinutesView implements ReactiveController {
  readonly #query = matchMedia(TABLET_QUERY);
  #dismissed = false;
  readonly #onChange = (): void => this.host.requestUpdate();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly intent: () => string | undefined,
  ) {
    host.addController(this);
  }

  get showing(): boolean {
    return this.intent() === 'emergency' && this.#query.matches && !this.#dismissed;
  }

  hostConnected(): void {
    this.#query.addEventListener('change', this.#onChange);
  }

  hostDisconnected(): void {
    this.#query.removeEventListener('change', this.#onChange);
  }

  render(): TemplateResult | typeof nothing {
    return this.showing ? html`<cr-first-minutes @show-full-record=${this.showFull}></cr-first-minutes>` : nothing;
  }

  private readonly showFull = (): void => {
    this.#dismissed = true;
    this.host.requestUpdate();
  };
}
