import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { Task } from '@lit/task';
import type { CareRecord as CareRecordData } from '../../src/record/model';
import type { ViewerConfig } from '../../src/launch/config';
import type { LaunchContext } from '../../src/launch/launch-context';
import { launchInfoContext, recordContext, userContext, type ViewerLaunchContext } from '../contexts';
import { RecordLoader } from './record-loader';
import { fetchSmartStyle } from './smart-style';
import { shareUnchanged } from './share-unchanged';
import '../alerts-strip/alerts-strip';
import '../allergy-list/allergy-list';
import '../medication-list/medication-list';
import '../patient-banner/patient-banner';
import '../problem-list/problem-list';
import '../source-status/source-status';
import { styles } from './care-record.styles';

/** `need-patient-banner="false"` (or 0/no/off) is false; present with any other value is true. */
const booleanish = {
  fromAttribute: (value: string | null): boolean | undefined =>
    value === null ? undefined : !['false', '0', 'no', 'off'].includes(value.trim().toLowerCase()),
  toAttribute: (value: boolean | undefined): string | null => (value === undefined ? null : String(value)),
};

/**
 * The shared care record: the patient banner (unless the host shows its own),
 * then alerts first, then medicines, allergies and problems. Provides the
 * record, the launch context and the user to every section through
 * `@lit/context`; setting `record` again as sections stream in re-renders only
 * the sections whose objects changed.
 *
 * Works as a full page, inside a host's page, in an iframe and from tablet
 * width up: its layout follows its own width (container queries), not the window's.
 *
 * @summary The root of the viewer.
 *
 * @csspart base - The wrapper holding everything.
 * @csspart banner - The `<patient-banner>`.
 * @csspart sections - The grid of sections.
 * @csspart source-status - The line saying how each source fared (when the element loads the record itself).
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
 */
@customElement('care-record')
export class CareRecordElement extends LitElement {
  static override styles = styles;

  /**
   * The record to show. Set it again (a new object) on every change; sections
   * that are equal to before keep rendering as they were.
   */
  @property({ attribute: false }) record?: CareRecordData;

  /** The launch: SMART `need_patient_banner`, `smart_style_url` and the user. */
  @property({ attribute: false }) launchContext?: ViewerLaunchContext;

  /**
   * The viewer configuration (sources, issuers). Given with a full launch
   * context (one that can fetch: it has `getAccessToken`), the element loads
   * the record itself from every source and keeps `record` up to date.
   */
  @property({ attribute: false }) config?: ViewerConfig;

  /** Overrides the launch's `need_patient_banner`: `false` hides our banner. */
  @property({ attribute: 'need-patient-banner', converter: booleanish })
  needPatientBanner?: boolean;

  /** Overrides the launch's `smart_style_url`. */
  @property({ attribute: 'smart-style-url' }) smartStyleUrl?: string;

  /** Height of the sticky banner, so focused elements scroll clear of it. */
  @state() private stickyOffset = 0;

  @query('patient-banner') private banner?: HTMLElement;
  @query('.record') private base?: HTMLElement;
  private appliedProperties = new Set<string>();

  private readonly loader = new RecordLoader(this, (record) => {
    this.record = record;
  });

  /** Whether this element loads the record itself (and so can say how each source fared). */
  @state() private loading = false;

  private readonly recordProvider = new ContextProvider(this, { context: recordContext });
  private readonly launchProvider = new ContextProvider(this, { context: launchInfoContext });
  private readonly userProvider = new ContextProvider(this, { context: userContext });

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
    this.tallEnough.addEventListener('change', this.onViewportChange);
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
    }
  }

  protected override updated(): void {
    this.applyCustomProperties();
    if (this.banner === this.observedBanner) return;
    this.resizeObserver.disconnect();
    this.observedBanner = this.banner;
    if (this.banner) this.resizeObserver.observe(this.banner);
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

  /** Loads the record when given a launch that can fetch and a configuration; otherwise `record` is set from outside. */
  private startLoading(): void {
    const launch = this.launchContext;
    this.loading = Boolean(this.config && launch && isLoadable(launch));
    if (this.loading) this.loader.start(launch as LaunchContext, this.config!);
    else this.loader.stop();
  }

  /** Runs a failed source again. */
  retrySource(sourceName: string): Promise<void> {
    return this.loader.retry(sourceName);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
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
        ${this.showsBanner ? html`<patient-banner part="banner"></patient-banner>` : nothing}
        <div class="sections" part="sections">
          <alerts-strip></alerts-strip>
          ${this.loading
            ? html`<source-status
                part="source-status"
                .sources=${this.record?.sources ?? []}
                .statuses=${new Map(this.loader.statuses)}
                @source-retry=${(e: CustomEvent<{ source: string }>) => void this.retrySource(e.detail.source)}
              ></source-status>`
            : nothing}
          <medication-list></medication-list>
          <allergy-list></allergy-list>
          <problem-list></problem-list>
        </div>
      </div>
    `;
  }
}

function isLoadable(launch: ViewerLaunchContext): launch is LaunchContext {
  return typeof (launch as Partial<LaunchContext>).getAccessToken === 'function' && typeof (launch as Partial<LaunchContext>).patientId === 'string';
}

declare global {
  interface HTMLElementTagNameMap {
    'care-record': CareRecordElement;
  }
}
