// What the servers hold back on purpose (docs/access.md section 4) reads apart
// from failures: "Not available to your role", never "None recorded" or "Could not be loaded".
import { afterEach, expect, test } from 'vitest';
import type { SourceProblem, SourceRef } from '../../src/record/model';
import { expectAccessible } from '../test-helpers/axe';
import { ACUTE, ATTEMPT, GP, MENTAL_HEALTH, SOURCES, section, timedOut } from '../test-helpers/source-fixtures';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import './record-section';

afterEach(cleanup);

const withheld = (source: SourceRef, kind: 'withheld' | 'objection' = 'withheld'): SourceProblem => ({
  source,
  kind,
  reason: 'x',
  at: ATTEMPT,
});
const everywhere = (kind: 'withheld' | 'objection') => Object.fromEntries(SOURCES.map((s) => [s.name, withheld(s, kind)]));

test('a section the role may not see says so, calmly', async () => {
  const el = await mount('cr-record-section', { heading: 'Medications', section: section([], everywhere('withheld')), sources: SOURCES });
  const text = visibleText(el);
  expect(text).toContain('Not available to your role');
  expect(text).toContain('Riverside Medical Practice: not available to your role');
  expect(text).not.toMatch(/None recorded|Could not be loaded|Nothing recorded/);
  await expectAccessible(el);
});

test('an objection reads as such', async () => {
  const el = await mount('cr-record-section', { heading: 'Problems', section: section([], everywhere('objection')), sources: SOURCES });
  expect(visibleText(el)).toContain('Not shared: this person has objected to sharing their record');
  await expectAccessible(el);
});

test('withheld and failed sources side by side are each worded for what they are', async () => {
  const el = await mount('cr-record-section', {
    heading: 'Problems',
    section: section([], { gp: withheld(GP), acute: timedOut(ACUTE) }),
    sources: SOURCES,
  });
  const text = visibleText(el);
  expect(text).toContain('Not available to your role');
  expect(text).toContain('Some sources could not be loaded');
  expect(text).toContain('Weald General Hospital NHS Trust: No answer within 10 seconds');
  await expectAccessible(el);
});

test('restricted items left out: "None you can see" and the notice, never "None recorded"', async () => {
  const notices = [
    {
      kind: 'withheld' as const,
      source: MENTAL_HEALTH,
      text: '3 problems and diagnoses withheld by North Downs Mental Health NHS Trust: restricted, not shown to your role.',
    },
  ];
  const el = await mount('cr-record-section', { heading: 'Problems', section: section([], {}, notices), sources: SOURCES });
  expect(visibleText(el)).toBe(
    'Problems None you can see Restricted 3 problems and diagnoses withheld by North Downs Mental Health NHS Trust: restricted, not shown to your role.',
  );
  await expectAccessible(el);
  const partial = await mount('cr-record-section', {
    heading: 'Problems',
    section: section([], { acute: timedOut(ACUTE) }, notices),
    sources: SOURCES,
  });
  expect(visibleText(partial)).toContain('None you can see from Riverside Medical Practice');
  expect(visibleText(partial)).not.toContain('Nothing recorded');
  await expectAccessible(partial);
});

test('what is missing is read first: notices come above the items', async () => {
  const notices = [
    {
      kind: 'truncated' as const,
      source: ACUTE,
      text: 'Weald General Hospital NHS Trust: showing 2,000 of 9,000 results; the oldest were not loaded.',
    },
  ];
  const el = await mount('cr-record-section', { heading: 'Results', section: section(['x'], {}, notices), sources: SOURCES });
  const item = document.createElement('p');
  item.textContent = 'HbA1c 86 mmol/mol';
  el.append(item);
  await el.updateComplete;
  expect(visibleText(el)).toBe(
    'Results Incomplete Weald General Hospital NHS Trust: showing 2,000 of 9,000 results; the oldest were not loaded. HbA1c 86 mmol/mol',
  );
  await expectAccessible(el);
});
