// The command line of `npm run bench`: which records, latencies and faults to
// measure, how many runs, and what to do with the results.
import { SOURCE_NAMES, type SourceName } from '../sandbox/config';

export type Host = 'hospital' | 'gp' | 'paramedic';

/** What serves the viewer: nginx with the production configuration, or vite preview (no cache headers) to compare. */
export type ServerKind = 'nginx' | 'preview';

/** A record to open: a sandbox patient, or a generated one of a given size. */
export type RecordSpec =
  { kind: 'sandbox'; key: string; nhsNumber: string; label: string } | { kind: 'generated'; key: string; resources: number; label: string };

export interface BenchCase {
  /** e.g. `0085 300ms`, `10k fail:gp`. */
  id: string;
  record: RecordSpec;
  /** Added to every source's answers. */
  latencyMs: number;
  /** A source answering every request with HTTP 500. */
  failing?: SourceName;
  /** Chromium's CPU slowed this many times (a slow clinical workstation), for the viewer and the browser floor alike. */
  cpuThrottling?: number;
}

export interface BenchOptions {
  cases: BenchCase[];
  runs: number;
  warmup: number;
  host: Host;
  /** Give up on a run after this long. */
  timeoutMs: number;
  check: boolean;
  build: boolean;
  /** Print each case's request waterfall (first measured run), viewer against floor. */
  waterfall: boolean;
  /** One more, unmeasured launch per case under the CPU profiler: self time by source file before the alerts' first paint. */
  profile: boolean;
  server: ServerKind;
}

export const SANDBOX_RECORDS: Record<string, RecordSpec> = {
  '0018': { kind: 'sandbox', key: '0018', nhsNumber: '9990000018', label: 'THOMPSON 999 000 0018 (five sources)' },
  '0085': { kind: 'sandbox', key: '0085', nhsNumber: '9990000085', label: 'BENNETT 999 000 0085 (50-year record)' },
};

/**
 * Defaults, chosen to finish well under 15 minutes on 2 shared cores (11.3 measured): the two
 * sandbox records and generated records of 1k, 10k and 50k resources, each at
 * 0 ms and 300 ms added latency; the two sandbox records also with one source
 * (gp) failing at 300 ms; 1 warm-up and 5 measured runs per case (12 cases).
 * 100 ms is left to `--latency 0,100,300`.
 */
export const DEFAULTS = {
  cases: ['0018', '0085', '1k', '10k', '50k'],
  latencies: [0, 300],
  failing: 'gp' as SourceName | undefined,
  /** Records run with the failing source; an explicit --case list runs it for every record listed. */
  failingRecords: ['0018', '0085'] as string[] | undefined,
  /** The slow-CPU case: Chromium throttled ×4, at the lowest latency asked for (where the CPU, not the network, decides). */
  cpu: 4 as number | undefined,
  /** Records run on the slow CPU; an explicit --case list runs it for every record listed. */
  cpuRecords: ['0018', '0085'] as string[] | undefined,
  runs: 5,
  warmup: 1,
};

/** `--quick`: a smoke pass of the harness, not a measurement to quote. */
export const QUICK = {
  cases: ['0018', '0085', '1k'],
  latencies: [0],
  failing: undefined as SourceName | undefined,
  failingRecords: undefined as string[] | undefined,
  cpu: undefined as number | undefined,
  cpuRecords: undefined as string[] | undefined,
  runs: 3,
  warmup: 1,
};

export const USAGE = `npm run bench -- [options]

  --case LIST      records: 0018, 0085, or a generated size (1k, 10k, 50k, 2500...)
                   default ${DEFAULTS.cases.join(',')}
  --latency LIST   ms added to every source, default ${DEFAULTS.latencies.join(',')}
  --fail SOURCE    also run each record with SOURCE answering HTTP 500 (at the highest latency);
                   one of ${SOURCE_NAMES.join(', ')}, or none; default ${DEFAULTS.failing}, for
                   ${DEFAULTS.failingRecords?.join(' and ')} unless --case lists the records
  --runs N         measured runs per case, default ${DEFAULTS.runs}
  --warmup N       unmeasured runs first, per case, default ${DEFAULTS.warmup}
  --quick          ${QUICK.cases.join(',')} at ${QUICK.latencies.join(',')} ms, no failing source, ${QUICK.runs} runs (a smoke pass)
  --host NAME      host simulator that launches the viewer: hospital (default), gp, paramedic
  --timeout MS     give up on a run after MS, default 60000
  --check          exit 1 when a figure is over bench/budget.json
  --no-build       reuse the last build in bench/results/dist
  --waterfall      print each case's request waterfall, viewer against floor
  --cpu RATE        also run each record with Chromium's CPU throttled RATE times (CDP), at the lowest
                   latency, viewer and browser floor alike; 1 or none to skip; default ${DEFAULTS.cpu}, for
                   ${DEFAULTS.cpuRecords?.join(' and ')} unless --case lists the records
  --server NAME    what serves the viewer: nginx (default; the production configuration, hashed
                   assets immutable) or preview (vite preview, no cache headers), to compare
  --no-profile     skip the extra profiled launch per case (self time by source file before the alerts)
  --help

Ports: SANDBOX_PORT (default 8080) and VIEWER_PORT (default 5173) must be free.`;

export class UsageError extends Error {}

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const args = [...argv];
  const value = (flag: string): string => {
    const v = args.shift();
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  const quick = args.includes('--quick');
  const base = quick ? QUICK : DEFAULTS;
  let cases = base.cases;
  let latencies = base.latencies;
  let failing = base.failing;
  let failingRecords = base.failingRecords;
  let cpu = base.cpu;
  let cpuRecords = base.cpuRecords;
  const options = {
    runs: base.runs,
    warmup: base.warmup,
    host: 'hospital' as Host,
    timeoutMs: 60_000,
    check: false,
    build: true,
    waterfall: false,
    profile: !quick,
    server: 'nginx' as ServerKind,
  };
  while (args.length > 0) {
    const flag = args.shift() as string;
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--quick':
        break;
      case '--case':
      case '--cases':
        cases = list(value(flag));
        failingRecords = undefined;
        cpuRecords = undefined;
        break;
      case '--latency':
        latencies = list(value(flag)).map((v) => count(flag, v, 0));
        break;
      case '--fail':
        failing = failingSource(value(flag));
        break;
      case '--no-fail':
        failing = undefined;
        break;
      case '--runs':
        options.runs = count(flag, value(flag), 1);
        break;
      case '--warmup':
        options.warmup = count(flag, value(flag), 0);
        break;
      case '--host':
        options.host = host(value(flag));
        break;
      case '--timeout':
        options.timeoutMs = count(flag, value(flag), 1000);
        break;
      case '--check':
        options.check = true;
        break;
      case '--no-build':
        options.build = false;
        break;
      case '--waterfall':
        options.waterfall = true;
        break;
      case '--profile':
        options.profile = true;
        break;
      case '--no-profile':
        options.profile = false;
        break;
      case '--cpu':
        cpu = cpuRate(value(flag));
        break;
      case '--server':
        options.server = serverKind(value(flag));
        break;
      default:
        throw new UsageError(`Unknown option ${flag}`);
    }
  }
  const records = cases.map(recordSpec);
  const matrix: BenchCase[] = [];
  for (const record of records) {
    for (const latencyMs of latencies) matrix.push({ id: `${record.key} ${latencyMs}ms`, record, latencyMs });
    // The failing source is tried at the slowest latency asked for: a real failure arrives over a real network.
    const latencyMs = Math.max(0, ...latencies);
    if (failing && (!failingRecords || failingRecords.includes(record.key)))
      matrix.push({ id: `${record.key} ${latencyMs}ms fail:${failing}`, record, latencyMs, failing });
  }
  // The slow-CPU cases last, so that a record's first case (which scrolls its timeline) runs at full speed.
  for (const record of records) {
    const latencyMs = Math.min(...latencies);
    if (cpu && (!cpuRecords || cpuRecords.includes(record.key)))
      matrix.push({ id: `${record.key} ${latencyMs}ms cpu×${cpu}`, record, latencyMs, cpuThrottling: cpu });
  }
  return { cases: matrix, ...options };
}

function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function count(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} expects a whole number of at least ${min}, not "${text}"`);
  return n;
}

function failingSource(text: string): SourceName | undefined {
  if (text === 'none') return undefined;
  if (!(SOURCE_NAMES as readonly string[]).includes(text))
    throw new UsageError(`--fail expects one of ${SOURCE_NAMES.join(', ')} or none, not "${text}"`);
  return text as SourceName;
}

function cpuRate(text: string): number | undefined {
  if (text === 'none') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 1 || n > 20) throw new UsageError(`--cpu expects a slowdown from 1 to 20, or none, not "${text}"`);
  return n === 1 ? undefined : n;
}

function serverKind(text: string): ServerKind {
  if (text !== 'nginx' && text !== 'preview') throw new UsageError(`--server expects nginx or preview, not "${text}"`);
  return text;
}

function host(text: string): Host {
  if (text !== 'hospital' && text !== 'gp' && text !== 'paramedic')
    throw new UsageError(`--host expects hospital, gp or paramedic, not "${text}"`);
  return text;
}

/** `0018`, `0085`, `1k`, `10k`, `50k`, `2500` or `gen:2500`. */
export function recordSpec(text: string): RecordSpec {
  const known = SANDBOX_RECORDS[text.replace(/^999000/, '').replace(/\s/g, '')];
  if (known) return known;
  const match = /^(?:gen:)?(\d+(?:\.\d+)?)(k?)$/i.exec(text);
  if (!match) throw new UsageError(`Unknown case "${text}": use 0018, 0085 or a generated size such as 1k, 10k, 50k`);
  const resources = Math.round(Number(match[1]) * (match[2] ? 1000 : 1));
  if (resources < 50 || resources > 200_000) throw new UsageError(`A generated record has 50 to 200,000 resources, not ${resources}`);
  const key = resources % 1000 === 0 ? `${resources / 1000}k` : String(resources);
  return { kind: 'generated', key, resources, label: `generated record, ${resources.toLocaleString('en-GB')} resources` };
}
