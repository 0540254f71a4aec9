// `npm run bench`: builds the viewer and the browser floor's pages, starts the
// sandbox and the viewer's web server (nginx, as production) on 127.0.0.1,
// loads the generated records through the sandbox feed, then for each case
// launches the viewer from a host simulator in Debian's Chromium (warm-up runs
// first), and after each launch its browser floor (the same launch by pages
// with no viewer code) and its network floor (the same requests from Node);
// then one profiled launch per case. Reports a table on the terminal, JSON
// under bench/results/<time>/, a chart of cost against record size, and (with
// --check) the budget verdicts as exit code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { chromiumInstalled, chromiumLaunchArgs, chromiumPath } from '../scripts/chromium.js';
import { measureBundle, type BundleMeasurement } from '../scripts/check-bundle-size.mjs';
import { buildBennett } from '../sandbox/data/bennett';
import type { FaultTable } from '../sandbox/faults';
import { measureBrowserRun, repeatedRequests, type BrowserRun } from './browser-run';
import { checkBudget, readBudget } from './budget';
import { chartPage, type SizedResult } from './chart';
import { caseFigures, recordPageCaching, runFigures, type RunFigures } from './figures';
import {
  alertsOnly,
  browserFloorPlan,
  browserFloorResult,
  measureFloor,
  planFloor,
  type BrowserFloor,
  type Floor,
  type Plan,
} from './floor';
import type { BrowserFloorPlan } from './floor-pages/protocol';
import { countResources, generatedPatient, loadGeneratedRecord } from './generated-record';
import { parseOptions, USAGE, UsageError, type BenchCase, type BenchOptions } from './options';
import { isChromiumEntry, locator, mainThreadUntil, selfTime, SourceMaps } from './profile';
import { bundleTable, caseDetails, floorsTable, requestsTable, verdictTable, waterfall, type CaseResult } from './report';
import {
  BenchError,
  buildBrowserFloor,
  buildViewer,
  portsFromEnv,
  requireFreePorts,
  ROOT,
  setFaults,
  startNginxViewer,
  startPreviewViewer,
  startSandbox,
  type Server,
  type ViewerServer,
} from './servers';

const RESULTS = join(ROOT, 'bench', 'results');
const DIST = join(RESULTS, 'dist');
/** Where the production build's source maps go (vite.config.ts moves them out of the build). */
const SOURCE_MAPS = `${DIST}-sourcemaps`;
const FLOOR_DIST = join(RESULTS, 'floor-dist');

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!chromiumInstalled())
    throw new BenchError(`The bench needs Debian's Chromium at ${chromiumPath()} (apt-get install chromium), or CHROMIUM_PATH.`);
  const ports = portsFromEnv();
  await requireFreePorts(ports);
  const sandboxOrigin = `http://127.0.0.1:${ports.sandbox}`;
  const started = Date.now();
  const outDir = join(RESULTS, new Date(started).toISOString().replace(/[:.]/g, '-').replace(/Z$/, ''));
  mkdirSync(join(outDir, 'runs'), { recursive: true });
  console.log(
    `Benchmark: ${options.cases.length} case(s) × (${options.warmup} warm-up + ${options.runs} runs${options.profile ? ' + 1 profiled' : ''}), host ${options.host}, served by ${options.server}.`,
  );

  if (options.build) {
    console.log("Building the viewer (vite build) and the browser floor's pages...");
    buildViewer(DIST, sandboxOrigin);
    await buildBrowserFloor(FLOOR_DIST, DIST);
  }
  const bundle = measureBundle(DIST);
  console.log(`\n${bundleTable(bundle)}\n`);

  const servers: Server[] = [];
  let browser: Browser | undefined;
  try {
    console.log(`Starting the sandbox and the viewer (${options.server})...`);
    // nginx's configuration names the authorisation servers it discovers from the sandbox: it waits for it.
    const workDir = join(RESULTS, `serve-${options.server}`);
    const [sandbox, viewer] = await Promise.all([
      startSandbox(ports),
      options.server === 'nginx'
        ? startNginxViewer(ports, DIST, FLOOR_DIST, workDir)
        : startPreviewViewer(ports, DIST, FLOOR_DIST, workDir),
    ]);
    servers.push(sandbox, viewer);
    const nhsNumbers = await loadRecords(options.cases, sandbox.origin);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumLaunchArgs, headless: true });
    const results: CaseResult[] = [];
    const scrolled = new Set<string>();
    for (const benchCase of options.cases) {
      // The timeline's DOM does not depend on latency: scroll it once per record, in its first case.
      const scrollTimeline = !scrolled.has(benchCase.record.key);
      scrolled.add(benchCase.record.key);
      results.push(
        await runCase(benchCase, options, {
          browser,
          sandbox: sandbox.origin,
          viewer,
          nhsNumber: nhsNumbers.get(benchCase.record.key) as string,
          outDir,
          scrollTimeline,
        }),
      );
    }
    await setFaults(sandbox.origin, {});
    return report(results, bundle, options, outDir, started);
  } finally {
    await browser?.close();
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** Loads each generated record once; returns the NHS number to open per record key. */
async function loadRecords(cases: readonly BenchCase[], sandboxOrigin: string): Promise<Map<string, string>> {
  const numbers = new Map<string, string>();
  for (const { record } of cases) {
    if (numbers.has(record.key)) continue;
    if (record.kind === 'sandbox') {
      numbers.set(record.key, record.nhsNumber);
      continue;
    }
    const patient = generatedPatient(record.resources);
    const loaded = await loadGeneratedRecord(sandboxOrigin, patient);
    console.log(
      `Loaded the generated ${record.key} record (${patient.nhsNumber}) through the feed: ${loaded.bundles} transaction Bundles in ${(loaded.ms / 1000).toFixed(1)} s.`,
    );
    numbers.set(record.key, patient.nhsNumber);
  }
  return numbers;
}

interface CaseContext {
  browser: Browser;
  sandbox: string;
  viewer: ViewerServer;
  nhsNumber: string;
  outDir: string;
  /** Scroll the timeline to its end in the first measured run. */
  scrollTimeline: boolean;
}

async function runCase(benchCase: BenchCase, options: BenchOptions, ctx: CaseContext): Promise<CaseResult> {
  const faults: FaultTable = {};
  if (benchCase.latencyMs > 0)
    for (const name of ['gp', 'acute', 'community', 'mental-health', 'social-care'] as const)
      faults[name] = { latencyMs: benchCase.latencyMs };
  if (benchCase.failing) faults[benchCase.failing] = { ...faults[benchCase.failing], fail: 500 };
  await setFaults(ctx.sandbox, faults);
  const hostUrl = `${ctx.sandbox}/hosts/${options.host}?patient=${ctx.nhsNumber}`;
  const measured: RunFigures[] = [];
  let failedRuns = 0;
  let caching: CaseResult['caching'];
  const fileStem = benchCase.id.replace(/[^\w-]+/g, '_');
  const launch = (floorPlan?: BrowserFloorPlan, extra: { profile?: boolean; scrollTimeline?: boolean } = {}) =>
    measureBrowserRun({
      browser: ctx.browser,
      hostUrl,
      sandboxOrigin: ctx.sandbox,
      viewerOrigin: ctx.viewer.origin,
      timeoutMs: options.timeoutMs,
      profile: extra.profile ?? false,
      scrollTimeline: extra.scrollTimeline ?? false,
      cpuThrottling: benchCase.cpuThrottling,
      ...(floorPlan ? { floorPlan } : {}),
    });
  for (let i = 0; i < options.warmup + options.runs; i++) {
    const warm = i < options.warmup;
    const first = i === options.warmup;
    ctx.viewer.use('viewer');
    const run = await launch(undefined, { scrollTimeline: first && ctx.scrollTimeline });
    const plan = planFloor(run.requests, ctx.sandbox);
    // The browser floor right after, in the same browser, on the same faults: the noise of the moment is shared.
    const browser = plan ? await browserFloorOf(plan, run, launch, ctx) : { error: 'no browser floor: the launch did not reach a token' };
    const floor = plan ? await floorOf(plan, hostUrl, ctx, first) : { error: 'no floor: the launch did not reach a token' };
    const figures = runFigures(run, {
      floor: floor.floor,
      browserFloor: browser.floor,
      floorRun: browser.run,
      sandboxOrigin: ctx.sandbox,
      viewerOrigin: ctx.viewer.origin,
    });
    const label = warm ? `warm-up ${i + 1}` : `run ${i - options.warmup + 1}`;
    const problems = [
      run.error,
      browser.error,
      floor.error,
      run.viewerOutOfProcess && benchCase.cpuThrottling ? 'the viewer ran out of process: not throttled' : undefined,
    ].filter(Boolean);
    console.log(
      `  ${benchCase.id.padEnd(18)} ${label.padEnd(10)} ${summary(figures)}${problems.length ? `  [${problems.join('; ')}]` : ''}`,
    );
    if (warm) continue;
    if (run.error) failedRuns++;
    measured.push(figures);
    if (first) caching = recordPageCaching(run.loads, ctx.viewer.origin);
    const { profile: _profile, ...saved } = run;
    writeJson(join(ctx.outDir, 'runs', `${fileStem}-${i - options.warmup + 1}.json`), {
      case: benchCase,
      hostUrl,
      figures,
      // Every URL asked for more than once, with how many answers came over the network (304s and cache hits do not).
      repeated: repeatedRequests(saved.requests),
      run: { ...saved, requests: saved.requests.map(({ body: _body, ...r }) => r) },
      floor: floor.floor,
      floorError: floor.error,
      browserFloor: browser.floor,
      browserFloorRun: browser.run ? { ...browser.run, requests: browser.run.requests.map(({ body: _body, ...r }) => r) } : undefined,
      browserFloorError: browser.error,
    });
    if (options.waterfall && first)
      console.log(`\n${waterfall(run, floor.floor, { sandbox: ctx.sandbox, viewer: ctx.viewer.origin }, browser.run)}\n`);
  }
  const hot = options.profile ? await profiledLaunch(benchCase, launch, ctx, fileStem) : undefined;
  return { case: benchCase, figures: caseFigures(measured), runs: options.runs, failedRuns, ...(caching ? { caching } : {}), ...hot };
}

/**
 * The browser floor of a launch just measured: the floor's pages served in
 * place of the viewer's, making the same requests again, in two launches: only
 * those the alerts need (banner and alerts), then all of them (complete).
 */
async function browserFloorOf(
  plan: Plan,
  viewerRun: BrowserRun,
  launch: (p: BrowserFloorPlan) => Promise<BrowserRun>,
  ctx: CaseContext,
): Promise<{ floor?: BrowserFloor; run?: BrowserRun; error?: string }> {
  const whole = browserFloorPlan(plan);
  const forAlerts = alertsOnly(whole);
  const [alertsRun, run] = await onFloorPages(ctx, async () => [await launch(forAlerts), await launch(whole)]);
  for (const r of [alertsRun, run]) if (r.error || !r.floorReport) return { run, error: r.error ?? 'the browser floor did not report' };
  // The same handshake, or it is not the same floor: the authorize request must ask for the same things.
  const differs = authorizeDifference(viewerRun, run, ctx.sandbox);
  const first = browserFloorResult(alertsRun.floorReport!, forAlerts, alertsRun.t0);
  const all = browserFloorResult(run.floorReport!, whole, run.t0);
  const floor: BrowserFloor = { ...all, bannerMs: first.bannerMs, alertsMs: first.alertsMs };
  return { run, floor, ...(differs ? { error: `browser floor: its authorize request differs in ${differs}` } : {}) };
}

function authorizeDifference(viewer: BrowserRun, floor: BrowserRun, sandboxOrigin: string): string | undefined {
  const find = (run: BrowserRun) =>
    run.requests
      .map((r) => new URL(r.url))
      .find((u) => u.origin === sandboxOrigin && u.pathname.endsWith('/authorize') && u.searchParams.has('launch'));
  const [a, b] = [find(viewer), find(floor)];
  if (!a || !b) return 'presence';
  const names = ['response_type', 'client_id', 'scope', 'redirect_uri', 'aud', 'code_challenge_method'];
  const differing = names.filter((n) => a.searchParams.get(n) !== b.searchParams.get(n));
  return differing.length > 0 ? differing.join(', ') : undefined;
}

/**
 * One more launch of the viewer, unmeasured, under the CPU profiler (sampling
 * perturbs the timings): self time by original source file, and by function,
 * of the main thread from the launch click to the alerts' first paint. Then
 * the browser floor's alerts launch for the same requests, profiled the same
 * way up to its alerts: what the viewer's main thread does beyond any page's.
 */
async function profiledLaunch(
  benchCase: BenchCase,
  launch: (p: BrowserFloorPlan | undefined, extra: { profile: boolean }) => Promise<BrowserRun>,
  ctx: CaseContext,
  fileStem: string,
): Promise<Pick<CaseResult, 'hotFiles' | 'hotFunctions' | 'chromiumMs' | 'busyMs' | 'profiledAlertsMs' | 'floorProfile'>> {
  ctx.viewer.use('viewer');
  const run = await launch(undefined, { profile: true });
  const untilUs = run.marks.alerts === undefined ? undefined : profiledUntil(run, run.marks.alerts);
  if (!run.profile || untilUs === undefined) {
    console.log(`  ${benchCase.id.padEnd(18)} profiled   no profile up to the alerts${run.error ? `  [${run.error}]` : ''}`);
    return {};
  }
  const file = join(ctx.outDir, `${fileStem}.cpuprofile`);
  writeFileSync(file, JSON.stringify(run.profile));
  // The launch's requests and marks beside it, with the clocks' offset, to read the profile against the network.
  const { profile: _profile, ...timings } = run;
  writeFileSync(join(ctx.outDir, `${fileStem}.profiled-run.json`), JSON.stringify(timings));
  const maps = new SourceMaps(SOURCE_MAPS, ROOT);
  // Chromium's own entries ((program): parsing, style, layout and the rest of the renderer's work; GC) are not files: said apart.
  const { busyMs, chromiumMs, places } = mainThreadUntil(run.profile, locator(ctx.viewer.origin, maps, 'file'), untilUs);
  const hotFunctions = selfTime(run.profile, locator(ctx.viewer.origin, maps, 'function'), { untilUs, top: 20 })
    .filter((h) => !isChromiumEntry(h))
    .slice(0, 15);
  console.log(
    `  ${benchCase.id.padEnd(18)} profiled   alerts ${Math.round(run.marks.alerts ?? 0)} ms, busy ${Math.round(busyMs)} ms; ${relative(ROOT, file)}`,
  );
  const floorProfile = await profiledFloor(run, launch, ctx, maps);
  console.log(
    `  ${benchCase.id.padEnd(18)} profiled   ${floorProfile ? `browser floor's alerts ${Math.round(floorProfile.alertsMs)} ms, busy ${Math.round(floorProfile.busyMs)} ms` : 'browser floor: no profile up to its alerts'}`,
  );
  return {
    hotFiles: places.slice(0, 10),
    hotFunctions,
    chromiumMs,
    busyMs,
    profiledAlertsMs: run.marks.alerts,
    ...(floorProfile ? { floorProfile } : {}),
  };
}

/** Runs launches with the browser floor's pages served at the viewer's URLs, then the viewer's again. */
async function onFloorPages<T>(ctx: CaseContext, launches: () => Promise<T>): Promise<T> {
  ctx.viewer.use('floor');
  try {
    return await launches();
  } finally {
    ctx.viewer.use('viewer');
  }
}

/** The browser floor's launch for the alerts of a profiled viewer launch, under the profiler, up to its alerts. */
async function profiledFloor(
  viewerRun: BrowserRun,
  launch: (p: BrowserFloorPlan, extra: { profile: boolean }) => Promise<BrowserRun>,
  ctx: CaseContext,
  maps: SourceMaps,
): Promise<CaseResult['floorProfile']> {
  const plan = planFloor(viewerRun.requests, ctx.sandbox);
  if (!plan) return undefined;
  const forAlerts = alertsOnly(browserFloorPlan(plan));
  const run = await onFloorPages(ctx, () => launch(forAlerts, { profile: true }));
  if (run.error || !run.floorReport || !run.profile) return undefined;
  const { alertsMs } = browserFloorResult(run.floorReport, forAlerts, run.t0);
  const untilUs = profiledUntil(run, alertsMs);
  if (untilUs === undefined) return undefined;
  const { busyMs, chromiumMs, places } = mainThreadUntil(run.profile, locator(ctx.viewer.origin, maps, 'file'), untilUs);
  return { alertsMs, busyMs, chromiumMs, hotFiles: places.slice(0, 5) };
}

/**
 * A mark (ms from the launch click) on the profile's clock, in µs, when the
 * profile covers the launch click to it; else undefined. The profile's clock is
 * CDP's monotonic one; the marks come through the network events' pairs of clocks.
 */
function profiledUntil(run: BrowserRun, markMs: number): number | undefined {
  if (!run.profile || run.epochMinusMonotonicMs === undefined) return undefined;
  const untilUs = (run.t0 + markMs - run.epochMinusMonotonicMs) * 1000;
  const clickUs = (run.t0 - run.epochMinusMonotonicMs) * 1000;
  return clickUs < run.profile.startTime - 1e6 || untilUs > run.profile.endTime ? undefined : untilUs;
}

/** The run's network floor; on the first measured run of a case, also with six requests at a time. */
async function floorOf(
  plan: Plan,
  hostUrl: string,
  ctx: CaseContext,
  withSixPerOrigin: boolean,
): Promise<{ floor?: Floor; error?: string }> {
  try {
    return { floor: await measureFloor(plan, hostUrl, ctx.viewer.origin, withSixPerOrigin) };
  } catch (error) {
    // Node's fetch says only "fetch failed"; the reason is its cause.
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return { error: `no floor: ${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}

function summary(f: RunFigures): string {
  const t = (v: number | undefined) => (v === undefined ? '–' : String(Math.round(v)));
  const r = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(2));
  const six = f.floor6CompleteMs === undefined ? '' : ` (six at a time ${t(f.floor6AlertsMs)}/${t(f.floor6CompleteMs)})`;
  return (
    `alerts ${t(f.alertsMs)} complete ${t(f.completeMs)} | browser floor ${t(f.bfAlertsMs)}/${t(f.bfCompleteMs)} (${r(f.alertsBrowserRatio)}×/${r(f.completeBrowserRatio)}×)` +
    ` | network floor ${t(f.floorAlertsMs)}/${t(f.floorCompleteMs)}${six} (${r(f.alertsRatio)}×/${r(f.completeRatio)}×) | 1st FHIR ${t(f.firstFhirMs)} (+${t(f.firstFhirAfterTokenMs)})` +
    ` | ${f.requests}+${f.preflights} req, floor ${f.bfRequests ?? '–'}+${f.bfPreflights ?? '–'}`
  );
}

function report(results: readonly CaseResult[], bundle: BundleMeasurement, options: BenchOptions, outDir: string, started: number): number {
  console.log(
    `\nResults: median (min–max) of ${options.runs} run(s) per case; times in ms from the launch click (the host page's navigation).`,
  );
  console.log(
    '×browser / ×network: viewer time over the browser floor / network floor of the same run (the median of the per-run ratios).\n',
  );
  console.log(floorsTable(results));
  console.log(`\n${requestsTable(results)}`);
  console.log(`\n${caseDetails(results)}`);
  const verdicts = checkBudget(readBudget(), bundle, results);
  console.log(`\nBudgets (bench/budget.json):\n\n${verdictTable(verdicts)}`);

  const bennettSize = results.some((r) => r.case.record.key === '0085') ? countResources(buildBennett(new Date())) : 0;
  const sized: SizedResult[] = results.flatMap((r) => {
    const size = r.case.record.kind === 'generated' ? r.case.record.resources : r.case.record.key === '0085' ? bennettSize : 0;
    return size > 0 ? [{ ...r, size }] : [];
  });
  const chart = join(outDir, 'chart.html');
  writeFileSync(chart, chartPage(sized, 'Shared care record viewer: cost against record size'));
  const summaryFile = join(outDir, 'summary.json');
  writeJson(summaryFile, {
    startedAt: new Date(started).toISOString(),
    seconds: (Date.now() - started) / 1000,
    options: { ...options, cases: options.cases.map((c) => c.id) },
    machine: {
      node: process.version,
      chromium: chromiumPath(),
      cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency,
    },
    bundle,
    cases: results,
    budget: verdicts,
  });
  console.log(
    `\nWrote ${relative(ROOT, summaryFile)}, ${relative(ROOT, chart)} and one JSON file per run in ${relative(ROOT, join(outDir, 'runs'))}/ (${((Date.now() - started) / 60000).toFixed(1)} min).`,
  );
  const over = verdicts.filter((v) => v.ok === false);
  if (over.length > 0) console.log(`${over.length} figure(s) over budget.${options.check ? '' : ' (Add --check to fail on them.)'}`);
  return options.check && over.length > 0 ? 1 : 0;
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof BenchError) console.error(`bench: ${error.message}`);
    else console.error(error);
    process.exit(2);
  },
);
