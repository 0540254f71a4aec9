// Reading a CPU profile of a launch: where the viewer's main thread spent its
// time, by original source file and function (through the build's source maps).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { decodeVlq } from '../scripts/check-bundle-size.mjs';

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  /** `src/record/assemble.ts:165 assembleRecord`, or the script URL for code without a map. */
  where: string;
  selfMs: number;
}

/** Self time per original function, largest first; `(program)`, `(idle)` and `(garbage collector)` as Chromium names them. */
export function hotSpots(profile: CpuProfile, viewerOrigin: string, distDir: string, root: string, top = 15): HotSpot[] {
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const maps = new SourceMaps(distDir, root);
  const byWhere = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    const { url, functionName, lineNumber, columnNumber } = node.callFrame;
    const where = url.startsWith(viewerOrigin)
      ? maps.original(url.slice(viewerOrigin.length), lineNumber, columnNumber) ?? `${url.slice(viewerOrigin.length)} ${functionName || '(anonymous)'}`
      : url
        ? `${url.replace(/\?.*$/, '')} ${functionName || '(anonymous)'}`
        : functionName || '(native)';
    byWhere.set(where, (byWhere.get(where) ?? 0) + us);
  }
  return [...byWhere.entries()]
    .map(([where, us]) => ({ where, selfMs: us / 1000 }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
}

/** Lookups from a built file's line and column to the original file, line and name. */
class SourceMaps {
  readonly #maps = new Map<string, { sources: string[]; names: string[]; lines: number[][][] } | undefined>();

  constructor(
    private readonly dist: string,
    private readonly root: string,
  ) {}

  original(path: string, line: number, column: number): string | undefined {
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
    const file = map.sources[source] ?? '?';
    return `${file}:${originalLine + 1}${name !== undefined ? ` ${map.names[name]}` : ''}`;
  }

  #load(path: string) {
    if (this.#maps.has(path)) return this.#maps.get(path);
    const mapFile = join(this.dist, `${path.replace(/^\//, '')}.map`);
    let parsed: { sources: string[]; names: string[]; lines: number[][][] } | undefined;
    if (existsSync(mapFile)) {
      const raw = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; names: string[]; mappings: string; sourceRoot?: string };
      const state = [0, 0, 0, 0];
      const lines = raw.mappings.split(';').map((line) => {
        let column = 0;
        return line.split(',').filter(Boolean).map((segment) => {
          const f = decodeVlq(segment);
          column += f[0] ?? 0;
          if (f.length < 4) return [column];
          state[0] = (state[0] ?? 0) + (f[1] ?? 0);
          state[1] = (state[1] ?? 0) + (f[2] ?? 0);
          state[2] = (state[2] ?? 0) + (f[3] ?? 0);
          if (f.length >= 5) state[3] = (state[3] ?? 0) + (f[4] ?? 0);
          return f.length >= 5 ? [column, state[0], state[1], state[2], state[3]] as number[] : [column, state[0], state[1], state[2]] as number[];
        });
      });
      const sources = raw.sources.map((s) => relative(this.root, resolve(dirname(mapFile), raw.sourceRoot ?? '', s)).replace(/^.*node_modules\//, ''));
      parsed = { sources, names: raw.names, lines };
    }
    this.#maps.set(path, parsed);
    return parsed;
  }
}
