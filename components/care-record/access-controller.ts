import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { launchUnderGrant, requestBreakGlass, type BreakGlassGrant, type BreakGlassRequest } from '../../src/access/break-glass';
import { objectionOf } from '../../src/access/objection';
import { canBreakGlass } from '../../src/access/roles';
import { withholdsRestricted } from '../../src/access/confidentiality';
import { auditUserOf, buildAuditEvent, type AuditInput, type AuditKind } from '../../src/audit/audit-event';
import { newAuditId } from '../../src/audit/new-id';
import { sharedAuditQueue } from '../../src/audit/audit-queue';
import { openingOutcome, restrictedSections } from '../../src/audit/opening';
import type { RecordConfig } from '../../src/launch-context/embedded-launch';
import type { LaunchContext } from '../../src/launch-context/launch-context';
import type { CareRecord, QueryResult } from '../../src/record/model';
import type { SourceStatus } from '../../src/sources/load-record';
import { tokenHeaders } from '../../src/sources/token-scope';
import type { ViewerLaunchContext } from '../contexts';
import type { BreakGlassDialog } from '../break-glass/break-glass-dialog';
import type { ChunkState } from './lazy-chunks';
// The break-glass dialog and banner are a chunk (see lazy-chunks.ts): fetched
// when a notice offers break-glass, which is the only way to open the dialog.
import '../objection-notice/objection-notice';
import '../role-notice/role-notice';
import { fire } from '../events';

const BREAK_GLASS_MINUTES = 30;

/** What the controller reads from `<care-record>`. */
export interface AccessHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  record?: CareRecord;
  launchContext?: ViewerLaunchContext;
  /** The configuration in use: `config`, else that of a launch context made by createLaunchContext. */
  readonly recordConfig?: RecordConfig | undefined;
}

/** Loads the break-glass dialog and banner (`<care-record>`'s LazyChunks). */
export interface BreakGlassChunk {
  need(id: 'break-glass'): ChunkState;
  whenLoaded(id: 'break-glass'): Promise<void>;
}

/** What one finished load tells the audit. */
export interface LoadReport {
  results: readonly QueryResult[];
  statuses: ReadonlyMap<string, SourceStatus>;
}

/**
 * Access for `<care-record>`: explains what the user's role does not see, the
 * person's objection, and runs break-glass (asking why, swapping in its token
 * for as long as it lasts, reloading the record as it starts and ends). Writes
 * the viewer's audit events: record opened, restricted information opened,
 * break-glass start and end. The servers enforce all of it; this explains.
 */
export class AccessController implements ReactiveController {
  #grant?: BreakGlassGrant;
  #timer?: ReturnType<typeof setTimeout>;
  #base?: LaunchContext;
  #load = 0;
  #busy = false;
  #error = '';
  /** The dialog was asked for but its code could not be fetched. */
  #dialogFailed = false;

  constructor(
    private readonly host: AccessHost,
    /** Loads the record again (with whatever launch `launchFor` now gives). */
    private readonly reload: () => void,
    /** The code of the dialog and banner, fetched when a notice offers break-glass. */
    private readonly chunk: BreakGlassChunk,
  ) {
    host.addController(this);
  }

  get breakGlass(): BreakGlassGrant | undefined {
    return this.#grant;
  }

  /** Whether a source said the person has objected to sharing: then none of the shared record is shown. */
  get objected(): boolean {
    return objectionOf(this.host.record).objected;
  }

  /** The launch the record loads with: the break-glass token (and its reason) while it lasts. */
  launchFor(base: LaunchContext): LaunchContext {
    // A new launch (another patient, another session) never inherits emergency access.
    if (this.#base !== base && this.#grant) this.endBreakGlass('ended', false);
    this.#base = base;
    const grant = this.#grant;
    if (!grant) return base;
    return launchUnderGrant(base, grant);
  }

  /** The summary is being printed: a copy leaves the screen, so it is audited like an opening. */
  auditPrint(): void {
    this.audit('record-printed', {});
  }

  /** A load has started: audit it (and any restricted information it brought) once it is done. */
  watchLoad(done: Promise<void>, report: () => LoadReport): void {
    const load = ++this.#load;
    void done.then(() => {
      if (load !== this.#load || !this.host.isConnected) return;
      this.auditLoad(report());
    });
  }

  hostDisconnected(): void {
    this.#load++;
    if (this.#grant) this.endBreakGlass('ended', false);
  }

  /** Role notice, objection or restricted notice, break-glass banner and dialog, in reading order. */
  render(): TemplateResult {
    const launch = this.host.launchContext;
    const offer = this.mayBreakGlass();
    const grant = this.#grant;
    const withheldRestricted = !grant && !this.objected && withholdsRestricted(this.host.record);
    // Offered on screen (or in use): its code is needed now, so the dialog opens at once.
    if (grant || (offer && (this.objected || withheldRestricted))) this.chunk.need('break-glass');
    return html`
      <cr-role-notice user-role=${launch?.user?.role ?? ''}></cr-role-notice>
      ${
        grant
          ? html`<cr-break-glass-banner
            .reason=${grant.reason}
            .text=${grant.text}
            .expiresAt=${grant.expiresAt}
            @break-glass-end=${() => this.endBreakGlass('ended')}
          ></cr-break-glass-banner>`
          : nothing
      }
      ${
        this.objected
          ? html`<cr-objection-notice
            .sources=${objectionOf(this.host.record).sources}
            ?can-break-glass=${offer}
            .minutes=${BREAK_GLASS_MINUTES}
            @break-glass-open=${this.openDialog}
          ></cr-objection-notice>`
          : nothing
      }
      ${
        withheldRestricted && offer
          ? html`<cr-objection-notice reason="restricted" can-break-glass .minutes=${BREAK_GLASS_MINUTES} @break-glass-open=${this.openDialog}></cr-objection-notice>`
          : nothing
      }
      ${
        this.#dialogFailed && offer
          ? html`<div class="load-failed" role="alert">
            <p class="box-title">The emergency access form could not be opened</p>
            <p>The viewer could not fetch it. Check the connection, then ask for emergency access again. If it still fails, reload the page.</p>
          </div>`
          : nothing
      }
      ${
        offer
          ? html`<cr-break-glass-dialog
            .minutes=${BREAK_GLASS_MINUTES}
            .busy=${this.#busy}
            .error=${this.#error}
            @break-glass-request=${(e: CustomEvent<BreakGlassRequest>) => void this.startBreakGlass(e.detail)}
          ></cr-break-glass-dialog>`
          : nothing
      }
    `;
  }

  /** Asks the authorisation server for emergency access; on success reloads the record with its token. */
  async startBreakGlass(request: BreakGlassRequest): Promise<void> {
    const endpoint = this.host.recordConfig?.breakGlassEndpoint;
    const base = this.#base;
    if (!endpoint || !base || this.#busy) return;
    this.#busy = true;
    this.#error = '';
    this.host.requestUpdate();
    let token: string | undefined;
    try {
      token = await base.getAccessToken();
    } catch {
      token = undefined;
    }
    const result = token
      ? await requestBreakGlass({ endpoint, accessToken: token, ...(base.proveToken ? { proveToken: base.proveToken } : {}), request })
      : {
          ok: false as const,
          error: 'failed' as const,
          message: 'Your session has ended. Open the record again from your clinical system.',
        };
    this.#busy = false;
    if (!result.ok) {
      this.#error = result.message;
      this.host.requestUpdate();
      return;
    }
    this.#grant = result.grant;
    this.#timer = setTimeout(() => this.endBreakGlass('expired'), Math.max(0, result.grant.expiresAt - Date.now()));
    this.audit('break-glass-start', { description: 'Break-glass started' });
    fire(this.host, 'break-glass-change', { active: true, reason: result.grant.reason, expiresAt: result.grant.expiresAt });
    this.dialog()?.close();
    this.host.requestUpdate();
    this.reload();
  }

  /** Ends emergency access (at expiry or when asked): audited; the record reloads without it. */
  endBreakGlass(why: 'ended' | 'expired', reload = true): void {
    const grant = this.#grant;
    if (!grant) return;
    this.audit('break-glass-end', { description: why === 'expired' ? 'Break-glass ended: time ran out' : 'Break-glass ended by the user' });
    const endpoint = this.host.recordConfig?.breakGlassEndpoint;
    // Tell the server too (the sandbox ends the token at once); the token is dropped here either way.
    if (endpoint && why === 'ended') {
      const url = `${endpoint}/end`;
      void tokenHeaders(grant.accessToken, { method: 'POST', url }, this.#base?.proveToken)
        .then((headers) => fetch(url, { method: 'POST', headers, keepalive: true, redirect: 'manual' }))
        .catch(() => undefined);
    }
    this.stopBreakGlass();
    fire(this.host, 'break-glass-change', { active: false, ended: why });
    this.host.requestUpdate();
    if (reload) this.reload();
  }

  private stopBreakGlass(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#grant = undefined;
  }

  private readonly openDialog = (): void => {
    this.#error = '';
    if (this.#dialogFailed) {
      this.#dialogFailed = false;
      this.host.requestUpdate();
    }
    void this.chunk.whenLoaded('break-glass').then(
      async () => {
        // Rendered before its code arrived, the element upgrades when it does.
        await this.host.updateComplete;
        await this.dialog()?.show();
      },
      () => {
        this.#dialogFailed = true;
        this.host.requestUpdate();
      },
    );
  };

  private dialog(): BreakGlassDialog | null | undefined {
    return this.host.renderRoot?.querySelector('cr-break-glass-dialog');
  }

  private mayBreakGlass(): boolean {
    return Boolean(this.host.recordConfig?.breakGlassEndpoint && this.#base && canBreakGlass(this.host.launchContext?.user?.role));
  }

  // ------------------------------------------------------------ audit

  private auditLoad({ results, statuses }: LoadReport): void {
    // Codes only (no words): the queue waits in the browser (src/audit/minimal-event.ts).
    this.audit('record-opened', openingOutcome(statuses.values()));
    for (const section of restrictedSections(results)) this.audit('restricted-opened', { section });
  }

  private audit(kind: AuditKind, extra: Partial<AuditInput>): void {
    const endpoint = this.host.recordConfig?.auditEndpoint;
    const launch = this.#base;
    if (!endpoint || !launch) return;
    const { user } = launch;
    const grant = this.#grant;
    const event = buildAuditEvent({
      kind,
      id: newAuditId(),
      recorded: new Date().toISOString(),
      user: auditUserOf(user),
      sources: this.host.record?.sources ?? [],
      viewer: location.origin,
      launchMode: launch.mode,
      ...(grant ? { breakGlass: { reason: grant.reason } } : {}),
      ...extra,
    });
    // Sent with the user's token (the break-glass one while it lasts): the endpoint takes who and whom from it.
    const queue = sharedAuditQueue(endpoint, sessionStorage);
    queue.authorise(async ({ method, url }) => {
      const live = this.#grant && Date.now() < this.#grant.expiresAt ? this.#grant.accessToken : undefined;
      return tokenHeaders(live ?? (await launch.getAccessToken()), { method, url }, launch.proveToken);
    });
    void queue.record(event);
  }
}
