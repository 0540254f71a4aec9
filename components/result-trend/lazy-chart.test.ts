// docs/architecture.md, performance: chart.js loads only when a chart is opened. Reads the viewer's
// own source (not tests) and fails if anything but the chart module imports
// chart.js for real, or if the chart module is imported other than lazily.

import { expect, test } from 'vitest';

const sources = import.meta.glob<string>(
  ['/components/**/*.ts', '/launch/**/*.ts', '/src/**/*.ts', '!/**/*.test.ts', '!/**/test-helpers/**'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);

const CHART_MODULE = '/components/result-trend/trend-chart.ts';
// `import type` is erased at build time; anything else puts chart.js in that file's chunk.
const VALUE_IMPORT_OF_CHART = /^\s*import\s+(?!type\b)[^;]*from\s+['"]chart\.js(\/[^'"]*)?['"]/m;
const STATIC_IMPORT_OF_CHART_MODULE = /^\s*import\s+(?!type\b)[^;]*from\s+['"][./]*trend-chart['"]/m;

test('chart.js is imported only by the chart module, and the chart module only dynamically', () => {
  expect(sources[CHART_MODULE]).toMatch(VALUE_IMPORT_OF_CHART);
  const chartImporters = Object.entries(sources)
    .filter(([path, text]) => path !== CHART_MODULE && VALUE_IMPORT_OF_CHART.test(text))
    .map(([path]) => path);
  expect(chartImporters).toEqual([]);
  const staticImporters = Object.entries(sources)
    .filter(([, text]) => STATIC_IMPORT_OF_CHART_MODULE.test(text))
    .map(([path]) => path);
  expect(staticImporters).toEqual([]);
  expect(sources['/components/result-trend/result-trend.ts']).toContain("await import('./trend-chart')");
});
