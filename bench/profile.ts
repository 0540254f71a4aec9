// Reading a CPU profile of a launch: where the main thread spent its time,
// by original source file or function, through the build's source maps (the
// production build keeps them beside it, in `<outDir>-sourcemaps/`, so that
// the served copy cannot publish them).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { decodeVlq } from '../scripts/check-bundle-size.mjs';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  /** CDP's monotonic clock, microseconds. */
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  /** `src/record/assemble.ts` (by file) or `src/record/assemble.ts:165 assembleRecord` (by function), or a script URL without a map. */
  where: string;
  selfMs: number;
}

/**
 * What a sample's frame is counted as; undefined: not counted (idle time is
 * not work). `builtin` names the browser function (fetch, appendChild...) a
 * script frame was calling, whose time is counted with that script.
 */
export type Locate = (frame: CallFrame, builtin?: string) => string | undefined;

/** Chromium's own entries: time that belongs to no script. */
const PSEUDO = new Set(['(program)', '(garbage collector)', '(idle)', '(root)']);

/** Where the time of gaps between samples goes (see `selfTime`). */
export const UNSAMPLED = '(unsampled)';

/**
 * Self time per place, largest first: each sample's interval (the time since
 * the sample before) is given to the frame on top of the stack. An interval
 * over ten times the profile's median stands for a gap in which the sampler
 * did not run (on a loaded machine, or while the renderer was paused): the
 * sample keeps ten medians and the rest is counted as `(unsampled)` rather
 * than charged to whatever ran when sampling resumed. Samples after `untilUs`
 * (profile clock) are left out, so a profile can be cut at a mark.
 */
export function selfTime(
  profile: CpuProfile,
  locate: Locate,
  { untilUs = Infinity, top = 15 }: { untilUs?: number; top?: number } = {},
): HotSpot[] {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  // A browser built-in has no script of its own: its time goes to the nearest script frame that called it.
  const attribute = (id: number): string | undefined => {
    const node = nodes.get(id);
    if (!node) return undefined;
    const { url, functionName } = node.callFrame;
    if (url || PSEUDO.has(functionName)) return locate(node.callFrame);
    for (let up = parents.get(id); up !== undefined; up = parents.get(up)) {
      const caller = nodes.get(up)?.callFrame;
      if (caller?.url) return locate(caller, functionName || '(native)');
    }
    return locate(node.callFrame);
  };
  const byWhere = new Map<string, number>();
  const add = (where: string, us: number) => byWhere.set(where, (byWhere.get(where) ?? 0) + us);
  const sorted = [...profile.timeDeltas].sort((a, b) => a - b);
  const cap = 10 * (sorted[Math.floor(sorted.length / 2)] ?? 0);
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at > untilUs) return;
    const where = attribute(id);
    if (where === undefined) return;
    add(where, Math.min(delta, cap));
    if (delta > cap) add(UNSAMPLED, delta - cap);
  });
  return [...byWhere.entries()]
    .map(([where, us]) => ({ where, selfMs: us / 1000 }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
}

/** The main thread up to a mark: all its self time, Chromium's own entries, and the scripts' places. */
export interface MainThread {
  /** Every place's self time (idle left out). */
  busyMs: number;
  /** Chromium's own entries: (program), (garbage collector), (unsampled). */
  chromiumMs: Record<string, number>;
  /** The scripts' places, largest first. */
  places: HotSpot[];
}

/** Chromium's own entries ((program), (garbage collector), (unsampled)...) belong to no script. */
export function isChromiumEntry(h: HotSpot): boolean {
  return h.where.startsWith('(');
}

/** `selfTime` up to `untilUs`, told apart into Chromium's own entries and the scripts' places. */
export function mainThreadUntil(profile: CpuProfile, locate: Locate, untilUs: number): MainThread {
  const all = selfTime(profile, locate, { untilUs, top: Infinity });
  return {
    busyMs: all.reduce((t, h) => t + h.selfMs, 0),
    chromiumMs: Object.fromEntries(all.filter(isChromiumEntry).map((h) => [h.where, h.selfMs])),
    places: all.filter((h) => !isChromiumEntry(h)),
  };
}

/**
 * Where a frame is, for the viewer's scripts through their source maps (read
 * from `mapsDir`): by original file, or by file, line and function. Chromium's
 * own entries keep their names ((program), (garbage collector)); (idle) is not counted.
 */
export function locator(viewerOrigin: string, maps: SourceMaps, by: 'file' | 'function'): Locate {
  return ({ url, functionName, lineNumber, columnNumber }, builtin) => {
    if (functionName === '(idle)' && !url) return undefined;
    const name = functionName || '(anonymous)';
    const calling = by === 'function' && builtin ? ` → ${builtin}` : '';
    if (url.startsWith(`${viewerOrigin}/`)) {
      const path = new URL(url).pathname;
      const found = maps.original(path, lineNumber, columnNumber);
      if (found) return by === 'file' ? found.file : `${found.file}:${found.line} ${found.name ?? name}${calling}`;
      return by === 'file' ? path : `${path} ${name}${calling}`;
    }
    if (url) return by === 'file' ? url.replace(/\?.*$/, '') : `${url.replace(/\?.*$/, '')} ${name}${calling}`;
    if (functionName.startsWith('(')) return functionName;
    // A built-in with no script under it (called by the browser itself).
    return by === 'file' ? '(native)' : `(native) ${functionName || '(anonymous)'}`;
  };
}

interface ParsedMap {
  sources: string[];
  names: string[];
  /** Per generated line: segments [column, source, line, column, name?]. */
  lines: number[][][];
}

/** Lookups from a built file's line and column to the original file, line and name. */
export class SourceMaps {
  readonly #maps = new Map<string, ParsedMap | undefined>();

  /**
   * @param mapsDir where `<path>.map` is found for a served `/<path>` (the build's `-sourcemaps` directory)
   * @param root source paths are given relative to it, packages as `<package>/<file>`
   */
  constructor(
    private readonly mapsDir: string,
    private readonly root: string,
  ) {}

  /** Zero-based line and column in, as CDP gives them; one-based line out. */
  original(path: string, line: number, column: number): { file: string; line: number; name?: string } | undefined {
    const map = this.#load(path);
    const segments = map?.lines[line];
    if (!map || !segments) return undefined;
    let found: number[] | undefined;
    for (const s of segments) {
      if ((s[0] ?? 0) > column) break;
      found = s;
    }
    if (!found || found.length < 4) return undefined;
    const [, source = 0, originalLine = 0, , name] = found;
    return {
      file: map.sources[source] ?? '?',
      line: originalLine + 1,
      ...(name !== undefined && map.names[name] ? { name: map.names[name] } : {}),
    };
  }

  #load(path: string): ParsedMap | undefined {
    if (this.#maps.has(path)) return this.#maps.get(path);
    const mapFile = join(this.mapsDir, `${path.replace(/^\//, '')}.map`);
    let parsed: ParsedMap | undefined;
    if (existsSync(mapFile)) {
      const raw = JSON.parse(readFileSync(mapFile, 'utf8')) as {
        sources: string[];
        names: string[];
        mappings: string;
        sourceRoot?: string;
      };
      const state = [0, 0, 0, 0];
      const lines = raw.mappings.split(';').map((line) => {
        let column = 0;
        return line
          .split(',')
          .filter(Boolean)
          .map((segment) => {
            const f = decodeVlq(segment);
            column += f[0] ?? 0;
            if (f.length < 4) return [column];
            state[0] = (state[0] ?? 0) + (f[1] ?? 0);
            state[1] = (state[1] ?? 0) + (f[2] ?? 0);
            state[2] = (state[2] ?? 0) + (f[3] ?? 0);
            if (f.length >= 5) state[3] = (state[3] ?? 0) + (f[4] ?? 0);
            return f.length >= 5
              ? ([column, state[0], state[1], state[2], state[3]] as number[])
              : ([column, state[0], state[1], state[2]] as number[]);
          });
      });
      // The maps sit in <outDir>-sourcemaps/ but name sources relative to where the build wrote them.
      const sources = raw.sources.map((s) => {
        const name = s.replace(/^(\.\.\/)+/, '');
        const local = relative(this.root, resolve(dirname(mapFile), raw.sourceRoot ?? '', s));
        return (local.startsWith('..') ? name : local).replace(/^.*node_modules\//, '');
      });
      parsed = { sources, names: raw.names, lines };
    }
    this.#maps.set(path, parsed);
    return parsed;
  }
}
