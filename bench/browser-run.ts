// One measured launch in Chromium: the host simulator page opens the viewer in
// its iframe (SMART EHR launch), the probe reports when the banner, alerts and
// complete record are on screen, Playwright records every request, and after
// completion CDP gives the heap; then the timeline is scrolled to its end.
// With a floor plan, the same launch opens the browser floor's pages instead
// (served at the viewer's URLs), which report when each answer arrived.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Frame, Page, Request } from 'playwright';
import ts from 'typescript';
import type { ProbeReport, TimelineScroll } from './browser/probe';
import type { BrowserFloorPlan, BrowserFloorReport } from './floor-pages/protocol';
import type { CapturedRequest, SentHeaders } from './floor';
import type { CpuProfile } from './profile';

export interface RunSetup {
  browser: Browser;
  hostUrl: string;
  sandboxOrigin: string;
  viewerOrigin: string;
  timeoutMs: number;
  profile: boolean;
  /** Scroll <cr-record-timeline> to its end after completion (slow on a long record: done once per case). */
  scrollTimeline: boolean;
  /** Chromium's CPU throttling rate (CDP Emulation.setCPUThrottlingRate); 1 or absent: none. */
  cpuThrottling?: number;
  /** Run the browser floor with this plan (the floor's pages must be served) instead of measuring the viewer. */
  floorPlan?: BrowserFloorPlan;
}

/** A request as the browser's network layer saw it, for what came from the cache and what was revalidated. */
export interface NetworkLoad {
  url: string;
  /** The page that asked for it. */
  documentUrl: string;
  status?: number;
  /** Answered by the memory or disk cache without asking the server. */
  fromCache: boolean;
}

export type Milestone = 'shell' | 'banner' | 'alerts' | 'complete';

export interface LongTasks {
  count: number;
  totalMs: number;
  maxMs: number;
}

export interface RepeatedRequest {
  request: string;
  /** Times it was asked for. */
  times: number;
  /** Times it was answered over the network with a body (the others were 304s or cache hits). */
  transferred: number;
}

export interface BrowserRun {
  /** Epoch ms of the host page's navigation start: the launch click. */
  t0: number;
  /** Milliseconds from t0; absent if not reached before the timeout. */
  marks: Partial<Record<Milestone, number>>;
  bannerFrom?: 'cr-patient-banner' | 'record';
  error?: string;
  requests: CapturedRequest[];
  /** CORS preflights (OPTIONS) the browser sent before cross-origin requests; Playwright does not report them. */
  preflights: { url: string; start: number; end: number }[];
  longTasks: LongTasks;
  heapUsedMb?: number;
  /** Elements in the viewer's document (shadow roots included) once complete. */
  domElements?: number;
  /** The largest components once complete, by elements inside them (nested ones counted in each). */
  domByComponent?: Record<string, number>;
  /** Null when the record has no <cr-record-timeline>; absent when not scrolled. */
  timeline?: TimelineScroll | null;
  /** Renderer CPU time from CDP Performance.getMetrics, ms. */
  cpu?: { scriptMs: number; layoutMs: number; styleMs: number; taskMs: number };
  profile?: CpuProfile;
  /** Every request of the launch as CDP saw it (cache hits and 304s included). */
  loads: NetworkLoad[];
  /** Epoch ms minus CDP's monotonic clock in ms (the profiler's clock, in µs): converts marks to profile time. */
  epochMinusMonotonicMs?: number;
  /** The browser floor's report, when this run was the floor's. */
  floorReport?: BrowserFloorReport;
  /** The viewer's frame ran in a renderer of its own: CPU throttling and the profile of the page did not cover it. */
  viewerOutOfProcess?: boolean;
}

let probeSource: string | undefined;

/** bench/browser/probe.ts as plain JavaScript (TypeScript's own transpiler: no helpers that the page lacks). */
export function probeScript(viewerOrigin: string): string {
  probeSource ??= ts
    .transpileModule(readFileSync(join(import.meta.dirname, 'browser/probe.ts'), 'utf8'), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    })
    .outputText.replace(/^export \{\};?\s*$/m, '');
  return `const BENCH_VIEWER_ORIGIN = ${JSON.stringify(viewerOrigin)};\n${probeSource}`;
}

export async function measureBrowserRun(setup: RunSetup): Promise<BrowserRun> {
  const context = await setup.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const reports: ProbeReport[] = [];
  let onComplete: () => void = () => undefined;
  const completed = new Promise<void>((resolve) => (onComplete = resolve));
  let floorReport: BrowserFloorReport | undefined;
  await context.exposeBinding('__benchReport', (_source, report: ProbeReport | BrowserFloorReport) => {
    if (report.kind === 'floor') {
      floorReport = report;
      onComplete();
      return;
    }
    reports.push(report);
    if (report.kind === 'mark' && report.name === 'complete') onComplete();
  });
  await context.addInitScript({ content: probeScript(setup.viewerOrigin) });
  // The plan as a page global: no round trip to the bench on the floor's critical path.
  if (setup.floorPlan) await context.addInitScript({ content: `window.__benchFloorPlan = ${JSON.stringify(setup.floorPlan)};` });
  // Read (sizes, headers, bodies) once the launch is measured: reading each answer's body as it came
  // took CDP round trips and copies of every answer on the same two cores as the launch.
  const finished: { request: Request; at: number }[] = [];
  context.on('requestfinished', (request) => finished.push({ request, at: Date.now() }));
  context.on('requestfailed', (request) => finished.push({ request, at: Date.now() }));

  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const network = watchNetwork(cdp);
  // Before the host page loads, so the whole launch runs on the slow CPU (the viewer's frame shares the page's renderer: checked below).
  if ((setup.cpuThrottling ?? 1) > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: setup.cpuThrottling as number });
  if (setup.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const run: BrowserRun = { t0: 0, marks: {}, requests: [], preflights: [], longTasks: { count: 0, totalMs: 0, maxMs: 0 }, loads: [] };
  try {
    await page.goto(setup.hostUrl, { waitUntil: 'commit' });
    run.t0 = await page.evaluate<number>('performance.timeOrigin');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), setup.timeoutMs)));
    const outcome = await Promise.race([completed, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout')
      run.error = `the ${setup.floorPlan ? 'browser floor' : 'record'} was not complete after ${setup.timeoutMs / 1000} s`;
    // What the probes hold (probe.ts), then requests still on their way (nothing should be), then what the browser says about itself.
    await Promise.all(page.frames().map((f) => f.evaluate('window.__careBench?.flush()').catch(() => undefined)));
    await page.waitForTimeout(250);
    if (setup.profile) run.profile = (await cdp.send('Profiler.stop')).profile as CpuProfile;
    const viewer = recordFrame(page, setup.viewerOrigin);
    if (viewer) run.viewerOutOfProcess = await outOfProcess(context, viewer);
    if (setup.floorPlan) {
      run.floorReport = floorReport;
      if (floorReport?.error) run.error = floorReport.error;
      else if (!floorReport) run.error ??= 'the browser floor did not report';
    } else if (viewer) {
      Object.assign(run, await heapAndCpu(context, viewer, cdp));
      run.domElements = await viewer.evaluate<number>('window.__careBench.countElements()');
      run.domByComponent = await viewer.evaluate<Record<string, number>>('window.__careBench.elementsByComponent()');
      if (!run.error && setup.scrollTimeline)
        run.timeline = await viewer.evaluate<TimelineScroll | null>('window.__careBench.scrollTimeline()');
    } else {
      run.error ??= 'the viewer never reached its record page';
    }
  } catch (error) {
    run.error = error instanceof Error ? error.message : String(error);
  } finally {
    const requests = await Promise.all(finished.map(({ request, at }) => capture(request, setup.sandboxOrigin, at)));
    applyTimings(requests, network);
    run.requests = requests.sort((a, b) => a.start - b.start);
    run.preflights = network.filter((t) => t.method === 'OPTIONS' && t.end > 0).map(({ url, start, end }) => ({ url, start, end }));
    run.loads = network
      .filter((t) => t.method !== 'OPTIONS')
      .map(({ url, documentUrl, status, fromCache }) => ({ url, documentUrl, fromCache, ...(status === undefined ? {} : { status }) }));
    const first = network[0];
    if (first) run.epochMinusMonotonicMs = first.start - first.monotonic * 1000;
    await context.close();
  }
  for (const r of reports) {
    if (r.kind === 'mark' && run.t0) {
      run.marks[r.name] = r.at - run.t0;
      if (r.bannerFrom) run.bannerFrom = r.bannerFrom;
    }
  }
  run.longTasks = longTasks(reports, setup.viewerOrigin, run.t0, run.t0 + (run.marks.complete ?? setup.timeoutMs));
  return run;
}

interface NetworkTiming {
  method: string;
  url: string;
  /** Epoch ms. */
  start: number;
  end: number;
  /** CDP's monotonic clock at start, seconds. */
  monotonic: number;
  documentUrl: string;
  status?: number;
  fromCache: boolean;
}

/**
 * Every request as CDP's Network domain times it (start when the renderer asked,
 * end at the last byte), redirect hops separately. Playwright's own timing can
 * come late for responses read by the page; these are exact. CORS preflights
 * (OPTIONS), which Playwright does not report, are only seen here.
 */
function watchNetwork(cdp: CDPSession): NetworkTiming[] {
  const all: NetworkTiming[] = [];
  const open = new Map<string, NetworkTiming>();
  /** The latest hop of each request id, which its response and cache events describe. */
  const latest = new Map<string, NetworkTiming>();
  const close = (id: string, timestamp: number) => {
    const t = open.get(id);
    if (!t) return;
    t.end = t.start + (timestamp - t.monotonic) * 1000;
    open.delete(id);
  };
  void cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.redirectResponse) close(e.requestId, e.timestamp);
    const t: NetworkTiming = {
      method: e.request.method,
      url: e.request.url + (e.request.urlFragment ?? ''),
      start: e.wallTime * 1000,
      end: 0,
      monotonic: e.timestamp,
      documentUrl: e.documentURL,
      fromCache: false,
    };
    all.push(t);
    open.set(e.requestId, t);
    latest.set(e.requestId, t);
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const t = latest.get(e.requestId);
    if (t) t.fromCache = true;
  });
  cdp.on('Network.responseReceived', (e) => {
    const t = latest.get(e.requestId);
    if (!t) return;
    t.status ??= e.response.status;
    if (e.response.fromDiskCache) t.fromCache = true;
  });
  // The status on the wire: a revalidated file reaches the page (and responseReceived) as the cached 200, but came as a 304.
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    const t = latest.get(e.requestId);
    if (t) t.status = e.statusCode;
  });
  cdp.on('Network.loadingFinished', (e) => close(e.requestId, e.timestamp));
  cdp.on('Network.loadingFailed', (e) => close(e.requestId, e.timestamp));
  return all;
}

/** Gives each captured request CDP's start and end, matching by method and URL in order. */
function applyTimings(requests: CapturedRequest[], timings: readonly NetworkTiming[]): void {
  const queues = new Map<string, NetworkTiming[]>();
  for (const t of [...timings].sort((a, b) => a.start - b.start)) {
    if (t.end === 0) continue;
    const key = `${t.method} ${t.url}`;
    queues.set(key, [...(queues.get(key) ?? []), t]);
  }
  for (const r of [...requests].sort((a, b) => a.start - b.start)) {
    const t = queues.get(`${r.method} ${r.url}`)?.shift();
    if (t) {
      r.start = t.start;
      r.end = t.end;
    }
  }
}

/** Whether the frame has a renderer of its own (an out-of-process iframe): only those take a CDP session of their own. */
async function outOfProcess(context: BrowserContext, frame: Frame): Promise<boolean> {
  try {
    await (await context.newCDPSession(frame)).detach();
    return true;
  } catch {
    return false;
  }
}

function recordFrame(page: Page, viewerOrigin: string): Frame | undefined {
  return page.frames().find((f) => f.url().startsWith(`${viewerOrigin}/index.html`) || f.url() === `${viewerOrigin}/`);
}

/** JS heap after a full garbage collection, from the renderer that runs the viewer (its own if the frame is out of process). */
async function heapAndCpu(
  context: BrowserContext,
  viewer: Frame,
  pageSession: CDPSession,
): Promise<Pick<BrowserRun, 'heapUsedMb' | 'cpu'>> {
  let session = pageSession;
  try {
    session = await context.newCDPSession(viewer);
    await session.send('Performance.enable');
  } catch {
    // Same process as the host page: the page's session sees the viewer's heap.
  }
  await session.send('HeapProfiler.collectGarbage');
  const { metrics } = await session.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return {
    heapUsedMb: metric('JSHeapUsedSize') / 1e6,
    cpu: {
      scriptMs: metric('ScriptDuration') * 1000,
      layoutMs: metric('LayoutDuration') * 1000,
      styleMs: metric('RecalcStyleDuration') * 1000,
      taskMs: metric('TaskDuration') * 1000,
    },
  };
}

function longTasks(reports: ProbeReport[], viewerOrigin: string, from: number, to: number): LongTasks {
  const tasks = reports.filter(
    (r): r is Extract<ProbeReport, { kind: 'longtask' }> =>
      r.kind === 'longtask' && r.url.startsWith(viewerOrigin) && r.at >= from && r.at <= to,
  );
  return {
    count: tasks.length,
    totalMs: tasks.reduce((t, r) => t + r.duration, 0),
    maxMs: Math.max(0, ...tasks.map((r) => r.duration)),
  };
}

/** A finished or failed request, with the body of sandbox answers later requests may depend on (and of FHIR POSTs). */
async function capture(request: Request, sandboxOrigin: string, finishedAt: number): Promise<CapturedRequest> {
  const timing = request.timing();
  const response = await request.response().catch(() => null);
  const sizes = await request.sizes().catch(() => undefined);
  const url = request.url();
  const captured: CapturedRequest = {
    method: request.method(),
    url,
    type: request.resourceType(),
    start: timing.startTime,
    end: timing.responseEnd >= 0 ? timing.startTime + timing.responseEnd : finishedAt,
    responseBytes: (sizes?.responseHeadersSize ?? 0) + (sizes?.responseBodySize ?? 0),
    bodyBytes: sizes?.responseBodySize ?? 0,
  };
  if (response) captured.status = response.status();
  const failure = request.failure();
  if (failure) captured.failure = failure.errorText;
  const path = URL.canParse(url) ? new URL(url) : undefined;
  // What the browser floor must send again for the same preflights: the headers, not the token's value.
  if (path?.origin === sandboxOrigin) captured.sent = sentHeaders(await request.allHeaders().catch(() => ({})));
  if (response && path?.origin === sandboxOrigin && (path.pathname.startsWith('/fhir/') || path.pathname.endsWith('/token'))) {
    captured.body = (await response.body().catch(() => Buffer.alloc(0))).toString('utf8');
  }
  // A FHIR batch's body is the request itself: the floor sends it again.
  if (captured.method === 'POST' && path?.origin === sandboxOrigin && path.pathname.startsWith('/fhir/')) {
    const sent = request.postData();
    if (sent !== null) captured.requestBody = sent;
  }
  return captured;
}

export function sentHeaders(headers: Record<string, string>): SentHeaders {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const sent: SentHeaders = { dpop: lower.has('dpop') };
  for (const name of ['accept', 'content-type'] as const) {
    const value = lower.get(name);
    if (value !== undefined) sent[name] = value;
  }
  const auth = lower.get('authorization');
  if (auth) sent.token = auth.split(' ')[0] ?? '';
  return sent;
}

/** URLs asked for more than once in the launch. */
export function repeatedRequests(requests: readonly CapturedRequest[]): RepeatedRequest[] {
  const groups = new Map<string, CapturedRequest[]>();
  // The same URL with another body (a source's batches all go to its base) is another request.
  const key = (r: CapturedRequest) => `${r.method} ${r.url}${r.requestBody ? ` ${r.requestBody}` : ''}`;
  for (const r of requests) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups.entries()]
    .filter(([, list]) => list.length > 1)
    .map(([, list]) => ({
      request: `${list[0]!.method} ${list[0]!.url}`,
      times: list.length,
      transferred: list.filter((r) => r.bodyBytes > 0).length,
    }));
}
