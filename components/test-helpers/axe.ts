// One accessibility assertion for every component test: axe-core over the
// element and its (open) shadow roots, WCAG 2.0–2.2 A and AA rules only.

import axe from 'axe-core';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function expectAccessible(element: Element): Promise<void> {
  const results = await axe.run(element, {
    runOnly: { type: 'tag', values: TAGS },
    resultTypes: ['violations'],
  });
  if (results.violations.length === 0) return;
  const report = results.violations
    .map(
      (v) =>
        `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n` +
        v.nodes.map((n) => `  at ${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`).join('\n'),
    )
    .join('\n');
  throw new Error(`axe found ${results.violations.length} accessibility violation(s):\n${report}`);
}
