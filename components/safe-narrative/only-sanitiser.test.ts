// docs/architecture.md, security: untrusted HTML reaches the page through <cr-safe-narrative> only.
// Reads the viewer's own source (not tests) and fails if anything else can
// write HTML from a string.

import { expect, test } from 'vitest';

const sources = import.meta.glob<string>(['/components/**/*.ts', '/launch/**/*.ts', '!/**/*.test.ts', '!/**/test-helpers/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

const RAW_HTML =
  /\bunsafeHTML\b|\bunsafeSVG\b|unsafe-html|unsafe-svg|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|createContextualFragment/;

test('only safe-narrative renders HTML from strings', () => {
  expect(Object.keys(sources).length).toBeGreaterThan(5);
  const offenders = Object.entries(sources)
    .filter(([path, text]) => RAW_HTML.test(text) && path !== '/components/safe-narrative/safe-narrative.ts')
    .map(([path]) => path);
  expect(offenders).toEqual([]);
  expect(sources['/components/safe-narrative/safe-narrative.ts']).toContain('unsafeHTML(sanitizeNarrative(');
});
