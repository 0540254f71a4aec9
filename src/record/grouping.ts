// Cross-source grouping: the same allergy or medicine from several sources is
// shown together (never hidden), and where the sources disagree it says so.

import type { Provenance } from './model';

/** Groups items sharing any key, transitively, in first-seen order. Items with no keys stand alone. */
export function groupByKeys<T>(items: T[], keysOf: (item: T) => string[]): T[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    return root;
  };
  const owner = new Map<string, number>();
  items.forEach((item, i) => {
    for (const key of keysOf(item)) {
      const first = owner.get(key);
      if (first === undefined) {
        owner.set(key, i);
        continue;
      }
      // The lower index is the root, so each group keeps its first item's place.
      const [a, b] = [find(first), find(i)];
      parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  const groups = new Map<number, T[]>();
  items.forEach((item, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), item]);
  });
  return [...groups.values()];
}

/** True when the items give more than one distinct value (items giving none are not compared). */
export function valuesDiffer<T>(items: T[], valueOf: (item: T) => string | undefined): boolean {
  return new Set(items.map(valueOf).filter((v) => v !== undefined)).size > 1;
}

/** `Reaction differs: anaphylaxis (Riverside Medical Practice); rash (Weald General Hospital NHS Trust)`. */
export function conflictText<T>(
  label: string,
  items: T[],
  describe: (item: T) => string | undefined,
  organisationOf: (item: T) => string,
): string {
  const parts = items.flatMap((item) => {
    const text = describe(item);
    return text === undefined ? [] : [`${text} (${organisationOf(item)})`];
  });
  return `${label}: ${[...new Set(parts)].join('; ')}`;
}

/** The calendar day of a FHIR date or dateTime (`2020-07-01`), undefined when it names no day. */
export function dayOf(date: string | undefined): string | undefined {
  return date && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : undefined;
}

/**
 * One entry per key across sources: an item whose key an earlier item from
 * another source holds joins it (in `alsoFrom`), grouped, never hidden. Two
 * items of one source stay apart: that source recorded it twice. No key: alone.
 */
export function foldAcrossSources<T extends { provenance: Provenance; alsoFrom: Provenance[] }>(built: { item: T; key?: string }[]): T[] {
  const byKey = new Map<string, T>();
  const out: T[] = [];
  for (const { item, key } of built) {
    const first = key === undefined ? undefined : byKey.get(key);
    if (first && ![first.provenance, ...first.alsoFrom].some((p) => p.source.name === item.provenance.source.name)) {
      first.alsoFrom.push(item.provenance);
      continue;
    }
    if (key !== undefined && !first) byKey.set(key, item);
    out.push(item);
  }
  return out;
}
