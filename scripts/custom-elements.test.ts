import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBEDDING_DOC, MANIFEST_FILE, embeddingDoc, generateManifest } from './custom-elements.mjs';
import { PACKAGE_NAME, VERSION } from '../components/version';

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  members?: { name: string; kind: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}

const manifest = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8')) as { modules: { path: string; declarations: Declaration[] }[] };
const elements = manifest.modules.flatMap((m) => m.declarations);
const careRecord = elements.find((d) => d.tagName === 'care-record')!;

describe('custom-elements.json', () => {
  it("is what the analyzer makes of the elements' JSDoc now (run `npm run manifest` after changing an element)", () => {
    expect(generateManifest()).toBe(readFileSync(MANIFEST_FILE, 'utf8'));
  }, 30_000);

  it('is what docs/embedding.md documents: its API section is made from it', () => {
    const doc = readFileSync(EMBEDDING_DOC, 'utf8');
    expect(embeddingDoc(readFileSync(MANIFEST_FILE, 'utf8'), doc)).toBe(doc);
    for (const name of [...careRecord.attributes!, ...careRecord.events!, ...careRecord.cssParts!, ...careRecord.cssProperties!].map(
      (x) => x.name,
    )) {
      expect(doc).toContain(`| \`${name}\` |`);
    }
  });

  it('lists <care-record> with its attributes, properties, events, parts and CSS custom properties', () => {
    expect(careRecord.attributes!.map((a) => a.name)).toEqual(
      expect.arrayContaining(['need-patient-banner', 'smart-style-url', 'view', 'url-state']),
    );
    expect(careRecord.members!.map((m) => m.name)).toEqual(
      expect.arrayContaining(['record', 'launchContext', 'config', 'print', 'showView', 'retrySource']),
    );
    expect(careRecord.events!.map((e) => e.name)).toEqual(
      expect.arrayContaining(['record-complete', 'view-change', 'source-status-change', 'break-glass-change']),
    );
    expect(careRecord.cssParts!.map((p) => p.name)).toEqual(expect.arrayContaining(['base', 'banner', 'nav', 'view', 'sections']));
    expect(careRecord.cssProperties!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['--scr-color-text', '--scr-font-family-body', '--scr-record-padding']),
    );
  });

  it('lists every element the viewer defines, and nothing private', () => {
    const defined = new Set<string>();
    const sources = readdirSync('components', { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    for (const file of sources.map((f) => join('components', f))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/@(?:customElement|defineElement)\('([a-z0-9-]+)'\)/g))
        defined.add(match[1]!);
    }
    expect(elements.map((d) => d.tagName).sort()).toEqual([...defined].sort());
    expect(elements.length).toBeGreaterThan(25);
    for (const element of elements) expect(element.members?.filter((m) => m.name.startsWith('#')) ?? []).toEqual([]);
  });

  it('names the package and version package.json does (the registration guard says them)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
    expect({ name: PACKAGE_NAME, version: VERSION }).toEqual({ name: pkg.name, version: pkg.version });
  });
});
