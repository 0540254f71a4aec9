import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { Task } from '@lit/task';
import type { CareRecord as CareRecordData, Section } from '../../src/record/model';
import { incompleteBySource } from '../../src/record/notices';
import type { RecordConfig } from '../../src/launch/embedded-launch';
import type { LaunchContext } from '../../src/launch/launch-context';
import { createAttachmentFetcher, type SourceStatus } from '../../src/sources';
import { attachmentFetcherContext, launchInfoContext, recordContext, userContext, type ViewerLaunchContext } from '../contexts';
import { RecordLoader } from './record-loader';
import { AccessController } from './access-controller';
import { FirstMinutesView } from '../first-minutes/first-minutes-view';
import { fetchSmartStyle } from './smart-style';
import { shareUnchanged } from './share-unchanged';
import { ViewState } from './view-state';
import { DEFAULT_VIEW, isViewId, VIEWS, type ViewId } from './views';
import { chunkOfView, LazyChunks, type ChunkId } from './lazy-chunks';
// Only what shows first (the banner, the alerts, how each source fared) is
// imported here; every view's sections are chunks (see lazy-chunks.ts).
import '../alerts-strip/alerts-strip';
import '../deceased-notice/deceased-notice';
import '../patient-context/patient-context';
import '../print-header/print-header';
import '../patient-banner/patient-banner';
import '../record-section/record-section';
import '../source-status/source-status';
import { styles } from './care-record.styles';
import { fire } from '../events';

/** `need-patient-banner="false"` (or 0/no/off) is false; present with any other value is true. */
const booleanish = {
  fromAttribute: (value: string | null): boolean | undefined =>
    value === null ? undefined : !['false', '0', 'no', 'off'].includes(value.trim().toLowerCase()),
  toAttribute: (value: boolean | undefined): string | null => (value === undefined ? null : String(value)),
};

/**
 * The shared care record: the patient banner (unless the host shows its own)
 * with where the person is now beside it, a navigation bar, then one view.
 * The summary comes first: alerts first, who to call (with age and gender when
 * the host shows its own banner), where the person is now, the source status
 * line, the last 90 days' contacts, medicines, allergies and problems. The other
 * views hold one section each in full: medications, allergies, problems (with procedures),
 * results (with immunisations), timeline, documents, care plans, people
 * (care team and related people), social care and mental health.
 *
 * The view is kept in the URL's hash (`#view=results`): a reload or a shared
 * link opens the same view, and Back returns to the previous one. Any link to
 * `#view=<id>` inside the record switches view (e.g. "Read the crisis plan").
 * A host that owns the hash sets `url-state="none"` to keep the view in memory.
 *
 * Provides the record, the launch context and the user to every section
 * through `@lit/context`; setting `record` again as sections stream in
 * re-renders only the sections whose objects changed.
 *
 * Works as a full page, inside a host's page, in an iframe and from tablet
 * width up: its layout follows its own width (container queries), not the window's.
 *
 * @summary The root of the viewer.
 *
 * @csspart base - The wrapper holding everything.
 * @csspart banner - The `<patient-banner>`.
 * @csspart where-now - The one-line `<current-location>` beside the banner.
 * @csspart deceased - The `<deceased-notice>` (only when a source records a death).
 * @csspart nav - The navigation bar between views.
 * @csspart view - The current view (focused when a link inside the record switches view).
 * @csspart sections - The grid of sections of the current view.
 * @csspart source-status - The line saying how each source fared (when the element loads the record itself).
 * @csspart print - The "Print this summary" button's row (not printed).
 *
 * @cssprop --scr-color-text - Text.
 * @cssprop --scr-color-text-secondary - Labels and secondary text.
 * @cssprop --scr-color-background - Background of the record and its sections.
 * @cssprop --scr-color-surface - Background of the alerts strip and state boxes.
 * @cssprop --scr-color-border - Borders and rules.
 * @cssprop --scr-color-link - Links and disclosure labels.
 * @cssprop --scr-color-highlight - Highlight accent (SMART `color_highlight`).
 * @cssprop --scr-color-focus - Focus fill (NHS yellow).
 * @cssprop --scr-color-focus-text - Focus outline and text on the focus fill.
 * @cssprop --scr-color-error - Errors (failed sources, invalid NHS number).
 * @cssprop --scr-color-warning - Warnings (partial sections, conflicts).
 * @cssprop --scr-color-success - Success (SMART `color_success`).
 * @cssprop --scr-color-modal-backdrop - Modal backdrop (SMART `color_modal_backdrop`; for dialogs to come).
 * @cssprop --scr-color-banner-background - Patient banner background.
 * @cssprop --scr-color-banner-text - Patient banner text.
 * @cssprop --scr-color-deceased-background - Patient banner background when the patient has died.
 * @cssprop --scr-color-alert-border - Border of the alerts strip.
 * @cssprop --scr-font-family-body - Body font.
 * @cssprop --scr-font-family-heading - Heading font.
 * @cssprop --scr-font-size - Base font size.
 * @cssprop --scr-spacing - Base spacing.
 * @cssprop --scr-border-radius - Corner radius.
 * @cssprop --scr-record-padding - Padding around the record (0 when embedded edge to edge).
 *
 * Only the banner and the alerts come with this module. The summary's other
 * sections are fetched as soon as the element connects; every other view's
 * elements (and the first-minutes view, and the break-glass dialog) load when
 * first needed, showing the section's loading state meanwhile (or, if their
 * code cannot be fetched, a message with "Try again"); once the first screen
 * has rendered they are fetched at idle time so that switching view stays instant.
 * `updateComplete` waits for the code of what is shown.
 *
 * @fires view-change - `{ view }`, after the view changed (the user, the URL or `view`).
 * @fires record-complete - When the element loads the record itself: every
 *   source has finished (loaded, failed or withheld) and the view shown has
 *   rendered it (the loader's `done`, then `updateComplete`). The element then
 *   also has the `record-complete` attribute, removed as soon as a new load
 *   starts (another launch, break-glass starting or ending, a source retried).
 *   Bubbles and is composed; no `detail`.
 * @fires source-status-change - A source's status changed (when the element loads the record itself):
 *   `{ source, organisation, state, problem?, problems? }`, `state` being `loading`, `loaded` or `problem`.
 * @fires break-glass-change - Emergency access started (`{ active: true, reason, expiresAt }`) or
 *   ended (`{ active: false, ended: 'ended' | 'expired' }`).
 * @fires source-retry - Bubbles up from the source status line: the user asked to try a source again (`{ source }`); the element retries it.
 * @fires document-open - Bubbles up from the documents view: `{ key }`, when a document is opened.
 * @fires break-glass-open - Bubbles up from a notice: the user asked for emergency access.
 */
@customElement('care-record')
export class CareRecordElement extends LitElement {
  static override styles = styles;

  /**
   * The record to show. Set it again (a new object) on every change; sections
   * that are equal to before keep rendering as they were.
   */
  @property({ attribute: false }) record?: CareRecordData;

  /**
   * The launch. A full one (from `createLaunchContext`, or the viewer's own
   * launch pages: it has `getAccessToken`) makes the element load the record
   * itself; when `record` is set from outside, SMART `need_patient_banner`,
   * `smart_style_url` and the user are enough.
   */
  @property({ attribute: false }) launchContext?: ViewerLaunchContext;

  /**
   * The configuration (the sources; the audit and break-glass endpoints): the
   * viewer's config.json fits. Given with a full launch context (one that can
   * fetch: it has `getAccessToken`), the element loads the record itself from
   * every source and keeps `record` up to date. A launch context made by
   * `createLaunchContext` carries its own, used when this is not set.
   */
  @property({ attribute: false }) config?: RecordConfig;

  /** The configuration in use: `config`, else the launch context's own (createLaunchContext). */
  get recordConfig(): RecordConfig | undefined {
    return this.config ?? (this.launchContext as { config?: RecordConfig } | undefined)?.config;
  }

  /** Overrides the launch's `need_patient_banner`: `false` hides our banner. */
  @property({ attribute: 'need-patient-banner', converter: booleanish })
  needPatientBanner?: boolean;

  /** Overrides the launch's `smart_style_url`. */
  @property({ attribute: 'smart-style-url' }) smartStyleUrl?: string;

  /** The view shown; follows the URL's `#view=` unless `url-state` is `none`. */
  @property({ reflect: true, converter: { fromAttribute: (v: string | null) => (isViewId(v) ? v : DEFAULT_VIEW) } })
  view: ViewId = DEFAULT_VIEW;

  /** `hash` (default): the view is kept in the URL's hash; `none`: in memory only (for hosts that own the hash). */
  @property({ attribute: 'url-state' }) urlState: 'hash' | 'none' = 'hash';

  /** Whether the view is kept in the URL. */
  get usesUrl(): boolean {
    return this.urlState !== 'none';
  }

  private readonly views = new ViewState(this, () => {
    this.focusViewAfterUpdate = this.focusIsInView();
  });
  private focusViewAfterUpdate = false;
  @query('#view') private viewElement?: HTMLElement;

  /** Height of the sticky banner, so focused elements scroll clear of it. */
  @state() private stickyOffset = 0;

  @query('patient-banner') private banner?: HTMLElement;
  @query('.record') private base?: HTMLElement;
  private appliedProperties = new Set<string>();

  private readonly loader = new RecordLoader(this, (record) => {
    this.record = record;
  });

  /** The code of the views other than the summary, of first-minutes and of the break-glass dialog, loaded when needed. */
  private readonly chunks = new LazyChunks(this);

  /** Role and objection notices, break-glass, and the viewer's audit events. */
  private readonly access = new AccessController(this, () => this.startLoading(), this.chunks);

  /** The paramedic's "first minutes" view (intent=emergency on a tablet). */
  private readonly firstMinutes = new FirstMinutesView(this, () => this.launchContext?.intent);

  /** When the summary was last printed: the printout says so. */
  @state() private printedAt?: Date;

  /** Whether this element loads the record itself (and so can say how each source fared). */
  @state() private loading = false;

  /** The current load (a new launch, break-glass) and its work still running (the load, retried sources), for `record-complete`. */
  private loadGeneration = 0;
  private loadWork = 0;

  private readonly recordProvider = new ContextProvider(this, { context: recordContext });
  private readonly launchProvider = new ContextProvider(this, { context: launchInfoContext });
  private readonly userProvider = new ContextProvider(this, { context: userContext });
  private readonly attachmentProvider = new ContextProvider(this, { context: attachmentFetcherContext });

  private readonly styleTask = new Task(this, {
    task: ([url], { signal }) => (url ? fetchSmartStyle(url, signal) : Promise.resolve({})),
    args: () => [this.smartStyleUrl ?? this.launchContext?.smartStyleUrl] as const,
  });

  private readonly resizeObserver = new ResizeObserver(() => this.measureBanner());
  private observedBanner?: HTMLElement;
  // Stickiness depends on the viewport height (see styles), which a resize can change without resizing the banner.
  private readonly tallEnough = matchMedia('(min-height: 560px)');
  private readonly onViewportChange = (): void => this.measureBanner();

  /** Whether our banner shows: the attribute wins, then the launch, else shown. */
  get showsBanner(): boolean {
    return this.needPatientBanner ?? this.launchContext?.needPatientBanner ?? true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('click', this.onClick);
    this.tallEnough.addEventListener('change', this.onViewportChange);
    // The summary's sections are wanted on every launch: asked for at once, they arrive while the sources answer.
    this.chunks.load('summary');
    // Re-attached: updated() observes the banner again.
    if (this.hasUpdated) this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.showsBanner) this.stickyOffset = 0;
    if (changed.has('launchContext') || changed.has('config')) this.startLoading();
    if (changed.has('record')) this.recordProvider.setValue(shareUnchanged(this.recordProvider.value, this.record));
    if (changed.has('launchContext')) {
      this.launchProvider.setValue(this.launchContext);
      this.userProvider.setValue(this.launchContext?.user);
      // A paramedic's launch may land on first-minutes: its code is fetched at once.
      if (this.launchContext?.intent === 'emergency') this.chunks.load('first-minutes');
    }
    if (changed.has('view')) {
      if (!isViewId(this.view)) this.view = DEFAULT_VIEW;
      if (changed.get('view') !== undefined || this.hasUpdated) this.views.sync(this.view);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('view') && this.hasUpdated && changed.get('view') !== undefined) {
      if (this.focusViewAfterUpdate) this.viewElement?.focus();
      fire(this, 'view-change', { view: this.view });
    }
    this.focusViewAfterUpdate = false;
    this.reportSourceStatuses();
    // Once the first screen shows the record, the other views' code is fetched at idle time.
    if (this.record && !this.chunks.settled) this.chunks.prefetchWhenIdle(LAZY_VIEWS);
    this.applyCustomProperties();
    if (this.banner === this.observedBanner) return;
    this.resizeObserver.disconnect();
    this.observedBanner = this.banner;
    if (this.banner) this.resizeObserver.observe(this.banner);
  }

  /** The statuses already told to the host, so each change fires `source-status-change` once. */
  private reportedStatuses = new Map<string, SourceStatus>();

  /** Tells the host how each source fares as it changes (`source-status-change`). */
  private reportSourceStatuses(): void {
    if (!this.loading) return;
    for (const [name, status] of this.loader.statuses) {
      if (this.reportedStatuses.get(name) === status) continue;
      this.reportedStatuses.set(name, status);
      fire(this, 'source-status-change', {
        source: status.source.name,
        organisation: status.source.organisation,
        state: status.state,
        ...(status.state === 'problem' ? { problem: status.problem.kind } : {}),
        ...(status.state === 'loaded' && status.problems.length > 0 ? { problems: status.problems.map((p) => p.kind) } : {}),
      });
    }
  }

  /**
   * Host style and sticky offset as custom properties on the wrapper, set
   * through the CSSOM rather than a style attribute so a host page whose CSP
   * forbids inline styles still gets them.
   */
  private applyCustomProperties(): void {
    const base = this.base;
    if (!base) return;
    // A failed style fetch leaves value undefined: our defaults stay.
    const properties: Record<string, string> = {
      ...(this.styleTask.value ?? {}),
      '--scr-sticky-offset': `${this.stickyOffset}px`,
    };
    for (const name of this.appliedProperties) if (!(name in properties)) base.style.removeProperty(name);
    for (const [name, value] of Object.entries(properties)) base.style.setProperty(name, value);
    this.appliedProperties = new Set(Object.keys(properties));
  }

  /**
   * Waits for the code of what is shown (a view loaded on demand, first-minutes),
   * then for the update that shows it.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    for (let settled = this.chunks.settled; settled; settled = this.chunks.settled) {
      await settled;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  /** Loads the record when given a launch that can fetch and a configuration; otherwise `record` is set from outside. */
  private startLoading(): void {
    const launch = this.launchContext;
    const config = this.recordConfig;
    this.loading = Boolean(config && launch && isLoadable(launch));
    this.loadGeneration++;
    this.loadWork = 0;
    this.toggleAttribute('record-complete', false);
    this.reportedStatuses = new Map();
    if (this.loading) {
      // While break-glass lasts, the record loads with its token.
      const loadable = this.access.launchFor(launch as LaunchContext);
      this.loader.start(loadable, config!);
      this.completeAfter(this.loader.done);
      this.access.watchLoad(this.loader.done, () => ({ results: this.loader.results, statuses: this.loader.statuses }));
      this.attachmentProvider.setValue(
        createAttachmentFetcher({
          sources: config!.sources,
          issuer: loadable.issuer,
          getAccessToken: () => loadable.getAccessToken(),
          ...(loadable.proveToken ? { proveToken: loadable.proveToken } : {}),
        }),
      );
    } else {
      this.loader.stop();
      this.attachmentProvider.setValue(undefined);
    }
  }

  /**
   * Prints the summary (with who printed it, when, and that it may be
   * incomplete), after writing a `record-printed` AuditEvent: a copy on paper
   * leaves the screen and is audited like an opening.
   */
  readonly print = async (): Promise<void> => {
    this.printedAt = new Date();
    this.access.auditPrint();
    await this.updateComplete;
    window.print();
  };

  /** Shows a view, as the navigation bar does (a new history entry when the view is kept in the URL). */
  showView(view: ViewId): void {
    if (isViewId(view)) this.views.go(view);
  }

  /** A link to `#view=<id>` anywhere in the record switches view here rather than navigating. */
  private readonly onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.composedPath().find((t): t is HTMLAnchorElement => t instanceof HTMLAnchorElement);
    const view = /^#(?:.*&)?view=([a-z-]+)(?:&|$)/.exec(anchor?.getAttribute('href') ?? '')?.[1];
    if (!anchor || !isViewId(view)) return;
    event.preventDefault();
    // A link may also filter the timeline (`#view=timeline&tl-source=social-care`): the timeline reads its filters from the query string.
    if (this.usesUrl) carryTimelineFilters(anchor.getAttribute('href') ?? '');
    // From inside a view, its content is about to go: focus follows to the new view.
    this.focusViewAfterUpdate = !anchor.closest('nav');
    this.views.go(view);
  };

  /** Whether focus is inside the current view (or nowhere), so it should follow a change of view. */
  private focusIsInView(): boolean {
    const active = this.shadowRoot?.activeElement;
    return !active || Boolean(this.viewElement?.contains(active));
  }

  /** Runs a failed source again. */
  retrySource(sourceName: string): Promise<void> {
    const retried = this.loader.retry(sourceName);
    if (this.loading) this.completeAfter(retried);
    return retried;
  }

  /**
   * `record-complete` (attribute and event) once `work` and any other work of
   * the same load has finished and the record it brought has rendered; removed
   * at once, until then.
   */
  private completeAfter(work: Promise<void>): void {
    const generation = this.loadGeneration;
    this.loadWork++;
    this.toggleAttribute('record-complete', false);
    const current = () => generation === this.loadGeneration && this.loadWork === 0 && this.isConnected;
    void work
      .catch(() => undefined)
      .then(async () => {
        if (generation !== this.loadGeneration || --this.loadWork > 0) return;
        await this.updateComplete;
        if (!current() || this.hasAttribute('record-complete')) return;
        this.toggleAttribute('record-complete', true);
        fire(this, 'record-complete');
      });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('click', this.onClick);
    this.tallEnough.removeEventListener('change', this.onViewportChange);
    this.resizeObserver.disconnect();
    this.observedBanner = undefined;
  }

  private measureBanner(): void {
    const banner = this.banner;
    const sticky = banner && getComputedStyle(banner).position === 'sticky';
    this.stickyOffset = sticky ? Math.ceil(banner.getBoundingClientRect().height) : 0;
  }

  override render() {
    return html`
      <div class="record" part="base">
        ${this.showsBanner
          ? html`<patient-banner part="banner"></patient-banner>
              ${this.chunks.load('summary').status === 'loaded' ? html`<current-location compact part="where-now"></current-location>` : nothing}`
          : nothing}
        <deceased-notice part="deceased"></deceased-notice>
        ${this.access.render()}
        ${this.access.objected || !this.firstMinutes.showing
          ? nothing
          : html`<patient-context .identity=${!this.showsBanner}></patient-context>
              ${this.renderLazy('first-minutes', 'First minutes', () => this.firstMinutes.render())}`}
        <nav class="views" part="nav" aria-label="Record sections" ?hidden=${this.access.objected || this.firstMinutes.showing}>
          <ul>
            ${VIEWS.map(
              (v) => html`<li>
                <a href=${this.views.href(v.id)} aria-current=${v.id === this.view ? 'page' : nothing}>${v.label}</a>
              </li>`,
            )}
          </ul>
        </nav>
        <div id="view" class="view" part="view" tabindex="-1" ?hidden=${this.access.objected || this.firstMinutes.showing}>${this.renderView()}</div>
      </div>
    `;
  }

  private renderSourceStatus() {
    if (!this.loading) return nothing;
    return html`<source-status
      part="source-status"
      .sources=${this.record?.sources ?? []}
      .statuses=${new Map(this.loader.statuses)}
      .incomplete=${this.record ? incompleteBySource(Object.values(this.record).filter(isSection)) : new Map()}
      @source-retry=${(e: CustomEvent<{ source: string }>) => void this.retrySource(e.detail.source)}
    ></source-status>`;
  }

  /**
   * Summary first: alerts first of all, who to call, where the person is now,
   * then the last 90 days' contacts above the long lists (medicines,
   * allergies, problems); other views hold one section each.
   */
  private renderView() {
    if (this.view === 'summary') {
      const summary = (heading: string, content: () => unknown) => this.renderLazy('summary', heading, content);
      return html`<print-header .printedAt=${this.printedAt}></print-header>
        <div class="sections summary" part="sections">
        <alerts-strip></alerts-strip>
        <patient-context .identity=${!this.showsBanner} calls></patient-context>
        ${summary('Where the person is now', () => html`<current-location></current-location>`)}
        ${this.renderSourceStatus()}
        ${summary('Recent contacts', () => html`<recent-contacts></recent-contacts>`)}
        ${summary('Medications', () => html`<medication-list></medication-list>`)}
        ${summary('Allergies and adverse reactions', () => html`<allergy-list></allergy-list>`)}
        ${summary('Problems', () => html`<problem-list summary></problem-list>`)}
      </div>
        <div class="print" part="print"><button type="button" @click=${this.print}>Print this summary</button></div>`;
    }
    const view = this.view;
    const label = VIEWS.find((v) => v.id === view)!.label;
    const section = this.renderLazy(chunkOfView(view), label, () => this.renderSection(view));
    return html`<div class="sections" part="sections">${section}${this.renderSourceStatus()}</div>`;
  }

  /**
   * What needs a chunk: itself once loaded; until then the loading state of a
   * section (its heading, "Loading"); if the chunk cannot be fetched, says so
   * with "Try again" (never a blank area).
   */
  private renderLazy(chunk: ChunkId, heading: string, content: () => unknown) {
    const state = this.chunks.need(chunk);
    if (state.status === 'loaded') return content();
    if (state.status === 'loading') return html`<record-section heading=${heading}></record-section>`;
    // One chunk may fail under several headings (the summary's sections): each needs its own id.
    const id = `chunk-failed-${chunk}-${heading.toLowerCase().replace(/[^a-z]+/g, '-')}`;
    return html`<section class="chunk-failed" aria-labelledby=${id}>
      <h2 id=${id}>${heading}</h2>
      <div class="load-failed" role="alert">
        <p class="box-title">This part of the record could not be opened</p>
        <p>The viewer could not fetch what it needs to show it. Check the connection, then try again. If it still fails, reload the page.</p>
      </div>
      <button type="button" @click=${() => this.chunks.retry(chunk)}>Try again</button>
    </section>`;
  }

  private renderSection(view: Exclude<ViewId, 'summary'>) {
    switch (view) {
      case 'medications':
        return html`<medication-list></medication-list>`;
      case 'allergies':
        return html`<allergy-list></allergy-list>`;
      case 'problems':
        // Past operations sit with the problems they treated (a clinician looks for them there).
        return html`<problem-list></problem-list><procedure-list></procedure-list>`;
      case 'results':
        return html`<results-list></results-list><immunisation-list></immunisation-list>`;
      case 'timeline':
        return html`<record-timeline .syncUrl=${this.usesUrl}></record-timeline>`;
      case 'documents':
        return html`<document-list></document-list>`;
      case 'care-plans':
        return html`<care-plan-list></care-plan-list>`;
      case 'people':
        return html`<care-team-list></care-team-list>`;
      case 'social-care':
        return html`<social-care-summary></social-care-summary>`;
      case 'mental-health':
        return html`<mental-health-summary></mental-health-summary>`;
    }
  }
}

/** The views' chunks, fetched at idle time once the first screen has rendered. */
const LAZY_VIEWS = [...new Set(VIEWS.map((v) => chunkOfView(v.id)))];

/** The timeline's filter parameters (`tl-source`, `tl-kind`, …) of a link's hash, put in the query string in place of any there. */
function carryTimelineFilters(href: string): void {
  const filters = [...new URLSearchParams(href.replace(/^#/, ''))].filter(([name]) => name.startsWith('tl-'));
  if (filters.length === 0) return;
  const search = new URLSearchParams(window.location.search);
  for (const name of [...search.keys()]) if (name.startsWith('tl-')) search.delete(name);
  for (const [name, value] of filters) search.append(name, value);
  history.replaceState(history.state, '', `${window.location.pathname}?${search.toString()}${window.location.hash}`);
}

const isSection = (value: unknown): value is Section<unknown> =>
  typeof value === 'object' && value !== null && Array.isArray((value as Section<unknown>).notices);

function isLoadable(launch: ViewerLaunchContext): launch is LaunchContext {
  const full = launch as Partial<LaunchContext>;
  // A signed link launches by identity (NHS number and date of birth) rather than by a patient id.
  return typeof full.getAccessToken === 'function' && (typeof full.patientId === 'string' || full.identity !== undefined);
}

declare global {
  interface HTMLElementTagNameMap {
    'care-record': CareRecordElement;
  }
}
