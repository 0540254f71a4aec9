// Values of one test from every source, grouped: codes that name the same
// test (LOINC and SNOMED on one Observation) are joined, an uncoded value
// joins the coded test of its name, and the same value from two sources at the
// same instant is one row naming both.

import { NOT_KNOWN } from '../../format/not-known';
import type { Provenance } from '../model';
import type { Draft } from './observations';
import type { ResultValue, TestResults } from './types';

/** Union-find over code keys: two codes on one Observation name one test (LOINC + SNOMED). */
class KeySets {
  private readonly parent = new Map<string, string>();

  find(key: string): string {
    if (!this.parent.has(key)) {
      this.parent.set(key, key);
      return key;
    }
    let root = key;
    while (this.parent.get(root) !== root) root = this.parent.get(root) as string;
    // Path compression keeps later finds constant-time.
    for (let k = key; k !== root;) {
      const next = this.parent.get(k) as string;
      this.parent.set(k, root);
      k = next;
    }
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }

  /**
   * A name for each set that does not depend on the order answers arrived in
   * (its smallest key), so a test keeps its key, and its open history, as
   * sources stream in.
   */
  stableNames(): Map<string, string> {
    const names = new Map<string, string>();
    for (const key of this.parent.keys()) {
      const root = this.find(key);
      const name = names.get(root);
      if (name === undefined || key < name) names.set(root, key);
    }
    return names;
  }
}

/** Newest first; undated last; then by source and resource so the order is stable. */
export function byTimeDescending(a: { time?: number; provenance: Provenance }, b: { time?: number; provenance: Provenance }): number {
  if (a.time !== b.time) {
    if (a.time === undefined) return 1;
    if (b.time === undefined) return -1;
    return b.time - a.time;
  }
  return compareText(a.provenance.source.name, b.provenance.source.name) || compareText(a.provenance.resource, b.provenance.resource);
}

/** Code-unit order: only for a stable tie-break, and much cheaper than localeCompare over thousands. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The same value at the same instant from another source is one row naming
 * both. Values are sorted by time, so such twins are neighbours.
 */
function mergeAcrossSources(values: ResultValue[]): ResultValue[] {
  const out: ResultValue[] = [];
  let runStart = 0;
  for (const v of values) {
    const prev = out[out.length - 1];
    if (prev?.time !== v.time) runStart = out.length;
    const twin = v.time === undefined ? undefined : out.slice(runStart).find((o) => o.display === v.display);
    if (
      twin &&
      twin.provenance.source.name !== v.provenance.source.name &&
      !twin.alsoFrom.some((p) => p.source.name === v.provenance.source.name)
    ) {
      twin.alsoFrom.push(v.provenance);
      continue;
    }
    out.push(v);
  }
  return out;
}

export function groupTests(drafts: Draft[]): TestResults[] {
  const sets = new KeySets();
  const coded = drafts.filter((d) => d.keys.length > 0);
  const named = new Map<string, string>();
  for (const d of coded) {
    const [first, ...rest] = d.keys as [string, ...string[]];
    sets.find(first);
    for (const k of rest) sets.union(first, k);
    if (!named.has(d.nameKey)) named.set(d.nameKey, first);
  }
  const buckets = new Map<string, Draft[]>();
  for (const d of drafts) {
    // An uncoded value joins the coded test of the same name; otherwise it is a test of its own.
    const key = d.keys[0] ?? named.get(d.nameKey) ?? `text:${d.nameKey}`;
    const root = d.keys.length || named.has(d.nameKey) ? sets.find(key) : key;
    const bucket = buckets.get(root);
    if (bucket) bucket.push(d);
    else buckets.set(root, [d]);
  }
  const stable = sets.stableNames();
  const tests: TestResults[] = [];
  for (const [root, bucket] of buckets) {
    const key = stable.get(root) ?? root;
    const values = bucket.map((d) => d.value).sort(byTimeDescending);
    const newest = bucket.find((d) => d.value === values[0]) ?? bucket[0];
    const newestCoded = bucket.find((d) => d.code && d.value === values[0]) ?? bucket.find((d) => d.code);
    tests.push({
      kind: 'test',
      key,
      name: newest?.name ?? NOT_KNOWN,
      code: newestCoded?.code,
      category: values[0]?.category ?? 'other',
      values: mergeAcrossSources(values),
    });
  }
  return tests;
}
