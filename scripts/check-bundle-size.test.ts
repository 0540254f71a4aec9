import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { composition, initialJsBudgetBytes, libraryBudgetBytes, measureBundle, measureLibrary } from './check-bundle-size.mjs';

let dist: string;

function write(path: string, text: string): void {
  mkdirSync(join(dist, path, '..'), { recursive: true });
  writeFileSync(join(dist, path), text);
}

const gz = (text: string) => gzipSync(Buffer.from(text)).length;

afterEach(() => rmSync(dist, { recursive: true, force: true }));

describe('check-bundle-size', () => {
  it('follows static imports from the module script and modulepreload links as initial, dynamic imports as lazy', () => {
    dist = mkdtempSync(join(tmpdir(), 'bundle-'));
    const files = {
      'assets/index-a.js': 'import{a as e}from"./shared-b.js";const t=()=>import(`./chart-c.js`);e(t);',
      'assets/shared-b.js': 'export const a=(x)=>x;import"./tiny-d.js";',
      'assets/tiny-d.js': 'console.log(1);',
      'assets/chart-c.js': 'import{a}from"./shared-b.js";import"./chart-deps-e.js";export default a;',
      'assets/chart-deps-e.js': 'export const big="x".repeat(10);',
      'assets/other-page-f.js': 'console.log("launch only");',
    };
    for (const [path, text] of Object.entries(files)) write(path, text);
    write(
      'index.html',
      '<script type="module" crossorigin src="/assets/index-a.js"></script><link rel="modulepreload" crossorigin href="/assets/shared-b.js">',
    );
    write('launch.html', '<script type="module" src="./assets/other-page-f.js"></script>');

    const { pages } = measureBundle(dist);
    const index = pages.find((p) => p.page === 'index.html')!;
    expect(index.initial.map((f) => f.file).sort()).toEqual(['assets/index-a.js', 'assets/shared-b.js', 'assets/tiny-d.js']);
    expect(index.lazy.map((f) => f.file).sort()).toEqual(['assets/chart-c.js', 'assets/chart-deps-e.js']);
    expect(index.initialGzip).toBe(gz(files['assets/index-a.js']) + gz(files['assets/shared-b.js']) + gz(files['assets/tiny-d.js']));
    const launch = pages.find((p) => p.page === 'launch.html')!;
    expect(launch.initial.map((f) => f.file)).toEqual(['assets/other-page-f.js']);
    expect(launch.lazy).toEqual([]);
  });

  it('counts what Vite preloads with a dynamic import as lazy', () => {
    dist = mkdtempSync(join(tmpdir(), 'bundle-'));
    write(
      'assets/index-a.js',
      'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/lazy-b.js","assets/x.css"])))=>i.map(i=>d[i]);',
    );
    write('assets/lazy-b.js', 'export{};');
    write('index.html', '<script type="module" src="/assets/index-a.js"></script>');
    expect(measureBundle(dist).pages[0]!.lazy.map((f) => f.file)).toEqual(['assets/lazy-b.js']);
  });

  it('attributes minified bytes to their sources through the source map', () => {
    dist = mkdtempSync(join(tmpdir(), 'bundle-'));
    // Two segments on one line: columns 0-9 from node_modules/lit, 10-19 from src/record/a.ts.
    write('assets/a.js', 'aaaaaaaaaabbbbbbbbbb');
    write(
      'assets/a.js.map',
      JSON.stringify({ version: 3, sources: ['../../node_modules/lit/x.js', '../../src/record/a.ts'], names: [], mappings: 'AAAA,UCAA' }),
    );
    const parts = composition(join(dist, 'assets/a.js'))!;
    expect(Object.fromEntries(parts.map((p) => [p.group, p.bytes]))).toEqual({ lit: 10, 'src/record/': 10 });
  });

  it('reads the budget from bench/budget.json', () => {
    dist = mkdtempSync(join(tmpdir(), 'bundle-'));
    expect(initialJsBudgetBytes()).toBeGreaterThan(10_000);
  });

  it("measures the library's entries as pages are measured, and says when it is not built", () => {
    dist = mkdtempSync(join(tmpdir(), 'bundle-'));
    const files = {
      'embed/care-record.js': 'import{a}from"./chunks/lit-a.js";const v=()=>import("./chunks/view-b.js");a(v);',
      'embed/chunks/lit-a.js': 'export const a=(x)=>x;',
      'embed/chunks/view-b.js': 'export default 1;',
      'lib/care-record.js': 'import{html}from"lit";export*from"./index.js";',
      'lib/index.js': 'export const createLaunchContext=()=>({});',
    };
    expect(() => measureLibrary(dist)).toThrow(/npm run build:lib/);
    for (const [path, text] of Object.entries(files)) write(path, text);
    const [embed, pkg, index] = measureLibrary(dist);
    expect(embed!.entry).toBe('embed/care-record.js');
    expect(embed!.initial.map((f) => f.file).sort()).toEqual(['embed/care-record.js', 'embed/chunks/lit-a.js']);
    expect(embed!.lazy.map((f) => f.file)).toEqual(['embed/chunks/view-b.js']);
    expect(embed!.initialGzip).toBe(gz(files['embed/care-record.js']) + gz(files['embed/chunks/lit-a.js']));
    // The package's own code only: lit is the host's import.
    expect(pkg!.initial.map((f) => f.file).sort()).toEqual(['lib/care-record.js', 'lib/index.js']);
    expect(index!.initialBytes).toBe(files['lib/index.js'].length);
    expect(libraryBudgetBytes()).toBeGreaterThan(initialJsBudgetBytes());
  });
});
