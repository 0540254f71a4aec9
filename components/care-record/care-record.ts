import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { CareRecord as CareRecordData } from '../../src/record/model';
import type { RecordConfig } from '../../src/launch-context/embedded-launch';
import { canLoadRecord, type LaunchContext } from '../../src/launch-context/launch-context';
import { launchInfoContext, recordContext, userContext, type ViewerLaunchContext } from '../contexts';
import { AccessController } from './access-controller';
import { FirstMinutesView } from '../first-minutes/first-minutes-view';
import { HostStyle } from './host-style';
import { RecordSession } from './record-session';
import { shareUnchanged } from './share-unchanged';
import { carryTimelineFilters, ViewState } from './view-state';
import { DEFAULT_VIEW, isViewId, viewOf, VIEWS, type ViewId } from './views';
import { chunkOfView, LazyChunks, sectionLoading, VIEW_CHUNKS } from './lazy-chunks';
import { booleanish } from './booleanish';
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
import { defineElement } from '../define';

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
 * @csspart banner - The `<cr-patient-banner>`.
 * @csspart where-now - The one-line `<cr-current-location>` beside the banner.
 * @csspart deceased - The `<cr-deceased-notice>` (only when a source records a death).
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
 * code cannot be fetched, a message with "Try again"); once the record has
 * loaded (or five seconds on, for a slow source) they are fetched at idle time
 * so that switching view stays instant.
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
@defineElement('care-record')
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

  @query('cr-patient-banner') private banner?: HTMLElement;
  @query('.record') private base?: HTMLElement;

  /** The host's SMART style and the sticky banner's height, on the wrapper. */
  protected readonly hostStyle = new HostStyle(this, {
    styleUrl: () => this.smartStyleUrl ?? this.launchContext?.smartStyleUrl,
    base: () => this.base,
    banner: () => (this.showsBanner ? this.banner : undefined),
  });

  /** The code of the views other than the summary, of first-minutes and of the break-glass dialog, loaded when needed. */
  private readonly chunks = new LazyChunks(this);

  /** Role and objection notices, break-glass, and the viewer's audit events. */
  private readonly access = new AccessController(this, () => this.session.start(), this.chunks);

  /** The record's load in the `loads` mode: the sources' attachments, how each fares, when it is complete. */
  private readonly session = new RecordSession(this, this.access);

  /** The paramedic's "first minutes" view (intent=emergency on a tablet). */
  private readonly firstMinutes = new FirstMinutesView(this, () => this.launchContext?.intent);

  /** When the summary was last printed: the printout says so. */
  @state() private printedAt?: Date;

  private readonly recordProvider = new ContextProvider(this, { context: recordContext });
  private readonly launchProvider = new ContextProvider(this, { context: launchInfoContext });
  private readonly userProvider = new ContextProvider(this, { context: userContext });

  /** Whether our banner shows: the attribute wins, then the launch, else shown. */
  get showsBanner(): boolean {
    return this.needPatientBanner ?? this.launchContext?.needPatientBanner ?? true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('click', this.onClick);
    // The summary's sections are wanted on every launch: asked for at once, they arrive while the sources answer.
    this.chunks.load('summary');
    // Re-attached: updated() observes the banner again.
    if (this.hasUpdated) this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('launchContext') || changed.has('config')) this.session.start();
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
    this.session.reportStatuses();
    // Once the first screen shows the record and its load has finished (or a few seconds on, for a slow
    // source), the other views' code is fetched at idle time: not while the first answers are being shown.
    if (this.record && !this.chunks.settled) this.chunks.prefetchWhenIdle(VIEW_CHUNKS, () => this.session.settledOrSoon());
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

  /**
   * The element's mode: `loads` the record itself when given a configuration
   * and a launch that can fetch (canLoadRecord), else `shows` the `record` set
   * from outside (a host, a test, a print preview).
   */
  get mode(): 'loads' | 'shows' {
    const launch = this.launchContext as Partial<LaunchContext> | undefined;
    return this.recordConfig && launch && canLoadRecord(launch) ? 'loads' : 'shows';
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
    return this.session.retry(sourceName);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('click', this.onClick);
  }

  override render() {
    return html`
      <div class="record" part="base">
        ${
          this.showsBanner
            ? html`<cr-patient-banner part="banner"></cr-patient-banner>
              ${this.chunks.load('summary').status === 'loaded' && !this.session.alertsAlone ? html`<cr-current-location compact part="where-now"></cr-current-location>` : nothing}`
            : nothing
        }
        <cr-deceased-notice part="deceased"></cr-deceased-notice>
        ${this.access.render()}
        ${
          this.access.objected || !this.firstMinutes.showing
            ? nothing
            : html`<cr-patient-context .identity=${!this.showsBanner}></cr-patient-context>
              ${this.chunks.render('first-minutes', 'First minutes', () => this.firstMinutes.render())}`
        }
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

  /**
   * Summary first: alerts first of all, who to call, where the person is now,
   * then the last 90 days' contacts above the long lists (medicines,
   * allergies, problems); other views hold one section each.
   */
  private renderView() {
    if (this.view === 'summary') {
      // While the alerts are shown alone, the other sections are their loading state (their code still
      // arrives meanwhile): their elements, the summary's heaviest first render, are made once the alerts have painted.
      const alone = this.session.alertsAlone;
      if (alone) this.chunks.load('summary');
      const summary = (heading: string, content: () => unknown) =>
        alone ? sectionLoading(heading) : this.chunks.render('summary', heading, content);
      return html`<cr-print-header .printedAt=${this.printedAt}></cr-print-header>
        <div class="sections summary" part="sections">
        <cr-alerts-strip></cr-alerts-strip>
        <cr-patient-context .identity=${!this.showsBanner} calls></cr-patient-context>
        ${summary('Where the person is now', () => html`<cr-current-location></cr-current-location>`)}
        ${this.session.renderStatus()}
        ${summary('Recent contacts', () => html`<cr-recent-contacts></cr-recent-contacts>`)}
        ${summary('Medications', () => html`<cr-medication-list></cr-medication-list>`)}
        ${summary('Allergies and adverse reactions', () => html`<cr-allergy-list></cr-allergy-list>`)}
        ${summary('Problems', () => html`<cr-problem-list summary></cr-problem-list>`)}
      </div>
        <div class="print" part="print"><button type="button" @click=${this.print}>Print this summary</button></div>`;
    }
    const view = viewOf(this.view);
    const section = this.chunks.render(chunkOfView(view.id), view.label, () => view.render?.({ syncUrl: this.usesUrl }) ?? nothing);
    return html`<div class="sections" part="sections">${section}${this.session.renderStatus()}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-record': CareRecordElement;
  }
}
