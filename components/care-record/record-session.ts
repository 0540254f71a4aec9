// <care-record>'s `loads` mode: the element loads the record itself, gives its
// sections the sources' attachments, says how each source fares (the status
// line and `source-status-change`) and when the load is complete.

import { html, nothing, type ReactiveControllerHost } from 'lit';
import { ContextProvider } from '@lit/context';
import type { CareRecord, Section } from '../../src/record/model';
import { incompleteBySource } from '../../src/record/notices';
import type { RecordConfig } from '../../src/launch-context/embedded-launch';
import type { LaunchContext } from '../../src/launch-context/launch-context';
import { createAttachmentFetcher } from '../../src/sources/attachments';
import type { SourceStatus } from '../../src/sources/load-record';
import { attachmentFetcherContext, type ViewerLaunchContext } from '../contexts';
import { fire } from '../events';
import type { AccessController } from './access-controller';
import { RecordComplete } from './record-complete';
import { RecordLoader } from './record-loader';

/** What the session reads from `<care-record>`, and the `record` it keeps up to date. */
export interface RecordSessionHost extends ReactiveControllerHost, HTMLElement {
  readonly updateComplete: Promise<boolean>;
  record?: CareRecord;
  launchContext?: ViewerLaunchContext;
  /** The configuration in use: `config`, else that of a launch context made by createLaunchContext. */
  readonly recordConfig?: RecordConfig | undefined;
  /** `loads` when the element has a configuration and a launch that can fetch. */
  readonly mode: 'loads' | 'shows';
}

/** What a load asks of access: the launch to load with (break-glass's while it lasts) and the audit of the load. */
type LoadAccess = Pick<AccessController, 'launchFor' | 'watchLoad'>;

/**
 * Loads the record when the host is in the `loads` mode (again on every
 * `start`: a new launch or configuration, break-glass starting or ending) and
 * stops loading in the `shows` mode, leaving `record` to whoever sets it.
 */
export class RecordSession {
  readonly #loader: RecordLoader;
  /** The current load and its work still running (the load, retried sources), for `record-complete`. */
  readonly #completion: RecordComplete;
  readonly #attachments: ContextProvider<typeof attachmentFetcherContext, RecordSessionHost>;
  #loading = false;
  /** The statuses already told to the host, so each change fires `source-status-change` once. */
  #reported = new Map<string, SourceStatus>();

  constructor(
    private readonly host: RecordSessionHost,
    private readonly access: LoadAccess,
  ) {
    this.#loader = new RecordLoader(host, (record) => {
      host.record = record;
    });
    this.#completion = new RecordComplete(host);
    this.#attachments = new ContextProvider(host, { context: attachmentFetcherContext });
  }

  /** Whether the host loads the record itself (and so can say how each source fared). */
  get loading(): boolean {
    return this.#loading;
  }

  /** While the load shows the alerts alone (record-loader.ts): the other sections are not built yet. */
  get alertsAlone(): boolean {
    return this.#loading && this.#loader.alertsAlone;
  }

  /** Loads the record in the `loads` mode; in `shows`, stops any load. */
  start(): void {
    const launch = this.host.launchContext;
    const config = this.host.recordConfig;
    const loading = this.host.mode === 'loads';
    if (loading !== this.#loading) {
      this.#loading = loading;
      this.host.requestUpdate();
    }
    this.#completion.restart();
    this.#reported = new Map();
    if (loading) {
      // While break-glass lasts, the record loads with its token.
      const loadable = this.access.launchFor(launch as LaunchContext);
      this.#loader.start(loadable, config!);
      this.#completion.after(this.#loader.done);
      this.access.watchLoad(this.#loader.done, () => ({ results: this.#loader.results, statuses: this.#loader.statuses }));
      this.#attachments.setValue(
        createAttachmentFetcher({
          sources: config!.sources,
          issuer: loadable.issuer,
          getAccessToken: () => loadable.getAccessToken(),
          ...(loadable.proveToken ? { proveToken: loadable.proveToken } : {}),
        }),
      );
    } else {
      this.#loader.stop();
      this.#attachments.setValue(undefined);
    }
  }

  /** Settles once this load has finished (at once when the host does not load), or after `capMs`, whichever is first. */
  settledOrSoon(capMs = 5000): Promise<void> {
    if (!this.#loading) return Promise.resolve();
    return Promise.race([this.#loader.done, new Promise<void>((resolve) => setTimeout(resolve, capMs))]);
  }

  /** Runs a failed source again. */
  retry(sourceName: string): Promise<void> {
    const retried = this.#loader.retry(sourceName);
    if (this.#loading) this.#completion.after(retried);
    return retried;
  }

  /** Tells the host how each source fares as it changes (`source-status-change`); called after each update. */
  reportStatuses(): void {
    if (!this.#loading) return;
    for (const [name, status] of this.#loader.statuses) {
      if (this.#reported.get(name) === status) continue;
      this.#reported.set(name, status);
      fire(this.host, 'source-status-change', {
        source: status.source.name,
        organisation: status.source.organisation,
        state: status.state,
        ...(status.state === 'problem' ? { problem: status.problem.kind } : {}),
        ...(status.state === 'loaded' && status.problems.length > 0 ? { problems: status.problems.map((p) => p.kind) } : {}),
      });
    }
  }

  /** The line saying how each source fared, with "Try again" on those that failed (nothing in the `shows` mode). */
  renderStatus() {
    if (!this.#loading) return nothing;
    const record = this.host.record;
    return html`<cr-source-status
      part="source-status"
      .sources=${record?.sources ?? []}
      .statuses=${new Map(this.#loader.statuses)}
      .incomplete=${record ? incompleteBySource(Object.values(record).filter(isSection)) : new Map()}
      @source-retry=${(e: CustomEvent<{ source: string }>) => void this.retry(e.detail.source)}
    ></cr-source-status>`;
  }
}

const isSection = (value: unknown): value is Section<unknown> =>
  typeof value === 'object' && value !== null && Array.isArray((value as Section<unknown>).notices);
