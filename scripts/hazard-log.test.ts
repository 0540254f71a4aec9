// The hazard log (docs/clinical-safety/hazard-log.md) names, for every control,
// the tests that show it. This test reads the log and fails when a named test
// file or test name does not exist (or is skipped), when a hazard lacks a part
// DCB0129 asks for, or when a risk rating does not follow the log's own matrix.
// Test names are found as the literal first argument of it/test/describe calls,
// including `.each(table)(name, …)` and any nesting, so renaming a test breaks it.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const LOG = 'docs/clinical-safety/hazard-log.md';

// ---------------------------------------------------------------- reading test files

interface TestName {
  name: string;
  /** Declared with .skip, .todo, .fails or .fixme: never evidence. */
  inactive: boolean;
}

/** Index just past a regular expression literal starting at `i` (`/` where an expression may start). */
function skipRegex(src: string, i: number): number {
  let j = i + 1;
  let inClass = false;
  while (j < src.length && src[j] !== '\n') {
    const c = src[j];
    if (c === '\\') j += 1;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) return j + 1;
    j += 1;
  }
  return i + 1;
}

/** Index just past the string, template, regular expression or comment starting at `i`; `i` when none starts there. */
function skipLiteral(src: string, i: number): number {
  const c = src[i];
  if (c === '/' && src[i + 1] === '/') {
    const end = src.indexOf('\n', i);
    return end === -1 ? src.length : end;
  }
  if (c === '/' && src[i + 1] === '*') {
    const end = src.indexOf('*/', i + 2);
    return end === -1 ? src.length : end + 2;
  }
  if (c === '/' && /[(,=:[!&|?{};]\s*$|^\s*$/.test(src.slice(Math.max(0, i - 40), i))) return skipRegex(src, i);
  if (c !== "'" && c !== '"' && c !== '`') return i;
  let j = i + 1;
  while (j < src.length && src[j] !== c) {
    if (src[j] === '\\') j += 1;
    else if (c === '`' && src[j] === '$' && src[j + 1] === '{') j = skipBalanced(src, j + 1) - 1;
    j += 1;
  }
  return j + 1;
}

/** Index just past the bracket group opening at `open`, strings and comments inside skipped. */
function skipBalanced(src: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  let i = open;
  while (i < src.length) {
    const next = skipLiteral(src, i);
    if (next !== i) {
      i = next;
      continue;
    }
    const c = src[i] as string;
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === stack.at(-1)) {
      stack.pop();
      if (stack.length === 0) return i + 1;
    }
    i += 1;
  }
  return src.length;
}

/** The string literal at `i` (after spaces), unescaped; undefined when it is not a plain literal. */
function literalAt(src: string, i: number): string | undefined {
  while (/\s/.test(src[i] ?? '')) i += 1;
  const quote = src[i];
  if (quote !== "'" && quote !== '"' && quote !== '`') return undefined;
  const end = skipLiteral(src, i);
  const body = src.slice(i + 1, end - 1);
  if (quote === '`' && body.includes('${')) return undefined;
  return body.replace(/\\(.)/g, (_, ch: string) => ({ n: '\n', t: '\t' })[ch] ?? ch);
}

// Vitest's it/test/describe and Playwright's test.describe(.serial|.parallel) and test.step, with their modifiers.
const CALL = /(?:it|test|describe)((?:\.(?:describe|step|serial|parallel|only|skip|todo|fails|fixme|concurrent|sequential|each))*)\s*\(/y;

/** Every test and suite name a test file declares, in source order (code only: not strings or comments). */
function testNames(src: string): TestName[] {
  const names: TestName[] = [];
  let i = 0;
  while (i < src.length) {
    const next = skipLiteral(src, i);
    if (next !== i) {
      i = next;
      continue;
    }
    CALL.lastIndex = i;
    const match = /[\w$.]/.test(src[i - 1] ?? '') ? null : CALL.exec(src);
    if (!match) {
      i += 1;
      continue;
    }
    const modifiers = match[1] ?? '';
    const open = i + match[0].length - 1;
    let start = open + 1;
    if (modifiers.endsWith('.each')) {
      // `.each(table)(name, …)`: the name is the first argument of the second call.
      const afterTable = skipBalanced(src, open);
      const call = src.indexOf('(', afterTable);
      start = call !== -1 && src.slice(afterTable, call).trim() === '' ? call + 1 : -1;
    }
    const name = start === -1 ? undefined : literalAt(src, start);
    if (name !== undefined) names.push({ name, inactive: /\.(skip|todo|fails|fixme)/.test(modifiers) });
    i = open + 1;
  }
  return names;
}

// ---------------------------------------------------------------- reading the log

const SEVERITIES = ['Minor', 'Significant', 'Considerable', 'Major', 'Catastrophic'] as const;
const LIKELIHOODS = ['Very low', 'Low', 'Medium', 'High', 'Very high'] as const;
/** The DCB0129 risk matrix the log states: rows by likelihood (very low first), columns by severity (minor first). */
const MATRIX: readonly (readonly number[])[] = [
  [1, 1, 2, 2, 3],
  [1, 2, 2, 3, 4],
  [2, 2, 3, 3, 4],
  [2, 3, 3, 4, 5],
  [3, 4, 4, 5, 5],
];

interface Hazard {
  id: string;
  title: string;
  fields: Map<string, string>;
  tests: { file: string; name: string }[];
  controls: number;
}

function parseLog(text: string): Hazard[] {
  const parts = text.split(/^### /m).slice(1);
  return parts.map((part) => {
    const [heading = '', ...lines] = part.split('\n');
    const [, id = '', title = ''] = /^(H\d{2})\s+(.*)$/.exec(heading.trim()) ?? [];
    const fields = new Map<string, string>();
    for (const line of lines) {
      const row = /^\|\s*([^|]+?)\s*\|\s*(.+?)\s*\|\s*$/.exec(line);
      if (row?.[1] && row[2] && !/^-+$/.test(row[1])) fields.set(row[1], row[2]);
    }
    const tests = lines.flatMap((line) => {
      const ref = /^\s+-\s+`([^`]+)`\s+›\s+(.+?)\s*$/.exec(line);
      return ref?.[1] && ref[2] ? [{ file: ref[1], name: ref[2] }] : [];
    });
    const controls = lines.filter((line) => /^\d+\.\s+\S/.test(line)).length;
    return { id, title, fields, tests, controls };
  });
}

/** "Major × Medium → 3": severity, likelihood and the rating the log gives. */
function parseRisk(text: string | undefined): { severity: number; likelihood: number; rating: number } | undefined {
  const m = /^(\w+)\s+×\s+([\w ]+?)\s+→\s+(\d)$/.exec(text ?? '');
  if (!m) return undefined;
  return {
    severity: SEVERITIES.indexOf(m[1] as (typeof SEVERITIES)[number]),
    likelihood: LIKELIHOODS.indexOf(m[2] as (typeof LIKELIHOODS)[number]),
    rating: Number(m[3]),
  };
}

// ---------------------------------------------------------------- the checks

const log = readFileSync(join(ROOT, LOG), 'utf8');
const hazards = parseLog(log);
const sources = new Map<string, TestName[]>();
const namesIn = (file: string): TestName[] | undefined => {
  if (!sources.has(file) && existsSync(join(ROOT, file))) sources.set(file, testNames(readFileSync(join(ROOT, file), 'utf8')));
  return sources.get(file);
};

describe('the test-name reader', () => {
  it('finds names in plain, nested, .each and modified calls, and none in strings or comments', () => {
    const src = [
      "describe('outer', () => {",
      "  it('plain \\'quoted\\' name', () => {});",
      '  it.each([[1, 2], [3, (4)]])("each %s name", () => {});',
      '  test.skip(`skipped name`, () => {});',
      "  test.describe('playwright suite', () => { test.step('a step', async () => {}); });",
      "  describe.each(['a'])('%s suite', () => { it('inner', () => {}); });",
      "  // it('commented out', () => {});",
      '  const s = "it(\'inside a string\')";',
      '  test(`${dynamic} name`, () => {});',
      '});',
    ].join('\n');
    expect(testNames(src)).toEqual([
      { name: 'outer', inactive: false },
      { name: "plain 'quoted' name", inactive: false },
      { name: 'each %s name', inactive: false },
      { name: 'skipped name', inactive: true },
      { name: 'playwright suite', inactive: false },
      { name: 'a step', inactive: false },
      { name: '%s suite', inactive: false },
      { name: 'inner', inactive: false },
    ]);
  });
});

describe('the hazard log', () => {
  it('lists at least the hazards issue 11 names, each with every part DCB0129 asks for', () => {
    const wanted = [
      /wrong patient/i,
      /could not load.*none/i,
      /present but not shown/i,
      /wrong merge|hidden duplicate/i,
      /truncation/i,
      /stale/i,
      /substitute dates?/i,
      /ReSPECT|DNACPR/,
      /deceased/i,
      /dose lost/i,
      /current when stopped/i,
      /sensitive data/i,
      /next user/i,
    ];
    for (const pattern of wanted)
      expect(
        hazards.some((h) => pattern.test(h.title)),
        String(pattern),
      ).toBe(true);
    expect(new Set(hazards.map((h) => h.id)).size).toBe(hazards.length);
    for (const h of hazards) {
      expect(h.id, h.title).toMatch(/^H\d{2}$/);
      for (const field of ['Hazard', 'Causes', 'Effects', 'Initial risk', 'Residual risk']) {
        expect(h.fields.get(field)?.trim(), `${h.id}: ${field}`).toBeTruthy();
      }
      expect(h.controls, `${h.id}: controls`).toBeGreaterThan(0);
      expect(h.tests.length, `${h.id}: tests`).toBeGreaterThanOrEqual(h.controls);
    }
  });

  it('rates every risk by its own matrix, and no control leaves a risk higher than it found it', () => {
    for (const h of hazards) {
      const before = parseRisk(h.fields.get('Initial risk'));
      const after = parseRisk(h.fields.get('Residual risk'));
      for (const [when, risk] of [
        ['initial', before],
        ['residual', after],
      ] as const) {
        expect(risk, `${h.id} ${when} risk reads "Severity × Likelihood → rating"`).toBeDefined();
        expect(risk!.severity, `${h.id} ${when} severity`).toBeGreaterThanOrEqual(0);
        expect(risk!.likelihood, `${h.id} ${when} likelihood`).toBeGreaterThanOrEqual(0);
        expect(risk!.rating, `${h.id} ${when} rating`).toBe(MATRIX[risk!.likelihood]![risk!.severity]);
      }
      expect(after!.rating, `${h.id}`).toBeLessThanOrEqual(before!.rating);
    }
  });

  it('names only test files and tests that exist and run', () => {
    const missing: string[] = [];
    for (const h of hazards) {
      for (const { file, name } of h.tests) {
        const names = namesIn(file);
        if (!names) missing.push(`${h.id}: no file ${file}`);
        else if (!names.some((n) => n.name === name)) missing.push(`${h.id}: no test "${name}" in ${file}`);
        else if (names.every((n) => n.name !== name || n.inactive)) missing.push(`${h.id}: "${name}" in ${file} is skipped`);
      }
    }
    expect(missing).toEqual([]);
  });
});
