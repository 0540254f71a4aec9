// Guarded registration: the viewer's elements are defined once per page, and
// a second copy of the package (the same version or another), or a host's
// element that took a name, fails with an error that says so.
import { afterEach, expect, test } from 'vitest';
import { ElementRegistrationError, registerElement } from './define';
import { VERSION } from './version';
import './care-record/care-record';

const CLAIM = Symbol.for('shared-care-record-viewer.registry');
const holder = globalThis as unknown as Record<symbol, { version: string; from: string; copy: object } | undefined>;
const original = holder[CLAIM];

afterEach(() => {
  holder[CLAIM] = original;
});

test('every element the viewer defines has the cr- prefix, except <care-record> itself', async () => {
  const { default: manifest } = (await import('../custom-elements.json')) as {
    default: { modules: { declarations: { tagName?: string }[] }[] };
  };
  const tags = manifest.modules.flatMap((m) => m.declarations.map((d) => d.tagName!));
  expect(tags.length).toBeGreaterThan(25);
  expect(tags.filter((t) => t !== 'care-record' && !t.startsWith('cr-'))).toEqual([]);
  for (const tag of ['care-record', 'cr-alerts-strip', 'cr-record-section']) expect(customElements.get(tag), tag).toBeDefined();
});

test('the page is claimed by the copy that registered first, with its version', () => {
  expect(original).toMatchObject({ version: VERSION });
  expect(original!.from).toMatch(/define\.ts/);
});

test('registering a defined element again with the same class does nothing', () => {
  const element = customElements.get('cr-alerts-strip')!;
  expect(() => registerElement('cr-alerts-strip', element)).not.toThrow();
});

test('a host element that took one of the names is refused by name, not silently replaced', () => {
  customElements.define('cr-host-taken', class extends HTMLElement {});
  expect(() => registerElement('cr-host-taken', class extends HTMLElement {})).toThrow(ElementRegistrationError);
  expect(() => registerElement('cr-host-taken', class extends HTMLElement {})).toThrow(
    /<cr-host-taken> cannot be registered: the page already defines an element of that name/,
  );
});

test('a second copy of the package, the same version, fails clearly', () => {
  // As another copy sees the page: claimed by someone else.
  holder[CLAIM] = { version: VERSION, from: 'https://viewer.example.nhs.uk/embed/care-record.js', copy: {} };
  expect(() => registerElement('cr-new-element', class extends HTMLElement {})).toThrow(
    new RegExp(
      `<cr-new-element> cannot be registered: shared-care-record-viewer is loaded twice on this page \\(version ${VERSION.replace(/\./g, '\\.')}\\) \\(first from https://viewer\\.example\\.nhs\\.uk/embed/care-record\\.js, now from .*\\)\\. Load it once`,
    ),
  );
  expect(customElements.get('cr-new-element')).toBeUndefined();
});

test('a copy of another version beside it fails clearly too, naming both versions', () => {
  holder[CLAIM] = { version: '0.0.9', from: 'https://cdn.example/scr@0.0.9/care-record.js', copy: {} };
  expect(() => registerElement('cr-other-element', class extends HTMLElement {})).toThrow(
    `shared-care-record-viewer ${VERSION} is loaded beside version 0.0.9`,
  );
});
