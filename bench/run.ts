// `npm run bench`: builds the viewer, starts the sandbox and the viewer on
// 127.0.0.1, loads the generated records through the sandbox feed, then for
// each case launches the viewer from a host simulator in Debian's Chromium
// (warm-up runs first), measures each run and its network floor, and reports:
// a table on the terminal, JSON under bench/results/<time>/, a chart of cost
// against record size, and (with --check) the budget verdicts as exit code.
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
import { caseFigures, runFigures, type RunFigures } from './figures';
import { measureFloor, planFloor, type Floor } from './floor';
import { countResources, generatedPatient, loadGeneratedRecord } from './generated-record';
import { parseOptions, USAGE, UsageError, type BenchCase, type BenchOptions } from './options';
import { hotSpots } from './profile';
import { bundleTable, resultsTable, verdictTable, waterfall, type CaseResult } from './report';
import { BenchError, buildViewer, portsFromEnv, requireFreePorts, ROOT, setFaults, startSandbox, startViewer, type Server } from './servers';

const RESULTS = join(ROOT, 'bench', 'results');
const DIST = join(RESULTS, 'dist');

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!chromiumInstalled()) throw new BenchError(`The bench needs Debian's Chromium at ${chromiumPath()} (apt-get install chromium), or CHROMIUM_PATH.`);
  const ports = portsFromEnv();
  await requireFreePorts(ports);
  const sandboxOrigin = `http://127.0.0.1:${ports.sandbox}`;
  const started = Date.now();
  const outDir = join(RESULTS, new Date(started).toISOString().replace(/[:.]/g, '-').replace(/Z$/, ''));
  mkdirSync(join(outDir, 'runs'), { recursive: true });
  console.log(`Benchmark: ${options.cases.length} case(s) × (${options.warmup} warm-up + ${options.runs} runs), host ${options.host}.`);

  if (options.build) {
    console.log('Building the viewer (vite build)...');
    buildViewer(DIST, sandboxOrigin);
  }
  const bundle = measureBundle(DIST);
  console.log(`\n${bundleTable(bundle)}\n`);

  const servers: Server[] = [];
  let browser: Browser | undefined;
  try {
    console.log('Starting the sandbox and the viewer...');
    const [sandbox, viewer] = await Promise.all([startSandbox(ports), startViewer(ports, DIST)]);
    servers.push(sandbox, viewer);
    const nhsNumbers = await loadRecords(options.cases, sandbox.origin);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumLaunchArgs, headless: true });
    const results: CaseResult[] = [];
    const scrolled = new Set<string>();
    for (const benchCase of options.cases) {
      // The timeline's DOM does not depend on latency: scroll it once per record, in its first case.
      const scrollTimeline = !scrolled.has(benchCase.record.key);
      scrolled.add(benchCase.record.key);
      results.push(await runCase(benchCase, options, { browser, sandbox: sandbox.origin, viewer: viewer.origin, nhsNumber: nhsNumbers.get(benchCase.record.key) as string, outDir, scrollTimeline }));
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
    console.log(`Loaded the generated ${record.key} record (${patient.nhsNumber}) through the feed: ${loaded.bundles} transaction Bundles in ${(loaded.ms / 1000).toFixed(1)} s.`);
    numbers.set(record.key, patient.nhsNumber);
  }
  return numbers;
}

interface CaseContext {
  browser: Browser;
  sandbox: string;
  viewer: string;
  nhsNumber: string;
  outDir: string;
  /** Scroll the timeline to its end in the first measured run. */
  scrollTimeline: boolean;
}

async function runCase(benchCase: BenchCase, options: BenchOptions, ctx: CaseContext): Promise<CaseResult> {
  const faults: FaultTable = {};
  if (benchCase.latencyMs > 0) for (const name of ['gp', 'acute', 'community', 'mental-health', 'social-care'] as const) faults[name] = { latencyMs: benchCase.latencyMs };
  if (benchCase.failing) faults[benchCase.failing] = { ...faults[benchCase.failing], fail: 500 };
  await setFaults(ctx.sandbox, faults);
  const hostUrl = `${ctx.sandbox}/hosts/${options.host}?patient=${ctx.nhsNumber}`;
  const measured: RunFigures[] = [];
  let failedRuns = 0;
  const fileStem = benchCase.id.replace(/[^\w-]+/g, '_');
  for (let i = 0; i < options.warmup + options.runs; i++) {
    const warm = i < options.warmup;
    const first = i === options.warmup;
    const run = await measureBrowserRun({
      browser: ctx.browser, hostUrl, sandboxOrigin: ctx.sandbox, viewerOrigin: ctx.viewer, timeoutMs: options.timeoutMs,
      profile: options.profile && first, scrollTimeline: first && ctx.scrollTimeline,
    });
    const floor = await floorOf(run, hostUrl, ctx, first);
    const figures = runFigures(run, floor.floor, ctx.sandbox);
    const label = warm ? `warm-up ${i + 1}` : `run ${i - options.warmup + 1}`;
    const problem = run.error ?? floor.error;
    console.log(`  ${benchCase.id.padEnd(14)} ${label.padEnd(10)} ${summary(figures)}${problem ? `  [${problem}]` : ''}`);
    if (warm) continue;
    if (run.error) failedRuns++;
    measured.push(figures);
    const { profile, ...saved } = run;
    writeJson(join(ctx.outDir, 'runs', `${fileStem}-${i - options.warmup + 1}.json`), {
      case: benchCase,
      hostUrl,
      figures,
      // Every URL asked for more than once, with how many answers came over the network (304s and cache hits do not).
      repeated: repeatedRequests(saved.requests),
      run: { ...saved, requests: saved.requests.map(({ body: _body, ...r }) => r) },
      floor: floor.floor,
      floorError: floor.error,
    });
    if (profile) {
      const file = join(ctx.outDir, `${fileStem}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`\n  CPU profile: ${relative(ROOT, file)} (open in Chromium DevTools, Performance panel). Self time by source:`);
      for (const h of hotSpots(profile, ctx.viewer, DIST, ROOT)) console.log(`    ${h.selfMs.toFixed(1).padStart(8)} ms  ${h.where}`);
      console.log('');
    }
    if (options.waterfall && first) console.log(`\n${waterfall(run, floor.floor, { sandbox: ctx.sandbox, viewer: ctx.viewer })}\n`);
  }
  return { case: benchCase, figures: caseFigures(measured), runs: options.runs, failedRuns };
}

/** The run's network floor; on the first measured run of a case, also with six requests at a time. */
async function floorOf(run: BrowserRun, hostUrl: string, ctx: CaseContext, withSixPerOrigin: boolean): Promise<{ floor?: Floor; error?: string }> {
  const plan = planFloor(run.requests, ctx.sandbox);
  if (!plan) return { error: 'no floor: the launch did not reach a token' };
  try {
    return { floor: await measureFloor(plan, hostUrl, ctx.viewer, withSixPerOrigin) };
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
  return `banner ${t(f.bannerMs)}  alerts ${t(f.alertsMs)} (${r(f.alertsRatio)}×)  complete ${t(f.completeMs)} (${r(f.completeRatio)}×)  floor ${t(f.floorAlertsMs)}/${t(f.floorCompleteMs)}${six}  ${f.requests}+${f.preflights} req`;
}

function report(results: readonly CaseResult[], bundle: BundleMeasurement, options: BenchOptions, outDir: string, started: number): number {
  console.log(`\nResults: median (min–max) of ${options.runs} run(s) per case; times in ms from the launch click; ×floor = viewer time over the network floor of the same run.\n`);
  console.log(resultsTable(results));
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
    machine: { node: process.version, chromium: chromiumPath(), cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency },
    bundle,
    cases: results,
    budget: verdicts,
  });
  console.log(`\nWrote ${relative(ROOT, summaryFile)}, ${relative(ROOT, chart)} and one JSON file per run in ${relative(ROOT, join(outDir, 'runs'))}/ (${((Date.now() - started) / 60000).toFixed(1)} min).`);
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
