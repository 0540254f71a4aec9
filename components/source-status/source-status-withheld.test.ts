import { afterEach, expect, test } from 'vitest';
import type { SourceStatus } from '../../src/sources/load-record';
import { expectAccessible } from '../test-helpers/axe';
import { ACUTE, GP } from '../test-helpers/source-fixtures';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import './source-status';

afterEach(cleanup);

const at = '2026-11-22T11:38:00Z';

test('held back by the server on purpose: no failure count, no retry', async () => {
  const statuses = new Map<string, SourceStatus>([
    ['gp', { state: 'loaded', source: GP, at, problems: [{ source: GP, kind: 'withheld', reason: 'Not available to your role', at }] }],
    ['acute', { state: 'problem', source: ACUTE, problem: { source: ACUTE, kind: 'objection', reason: 'objected', at } }],
  ]);
  const el = await mount('cr-source-status', { sources: [GP, ACUTE], statuses });
  const text = visibleText(el);
  expect(text).toContain('Riverside Medical Practice Loaded 11:38 Some information is not available to your role');
  expect(text).toContain('Weald General Hospital NHS Trust Not shared: the person has objected to sharing their record');
  expect(text).not.toContain('with problems');
  expect(el.shadowRoot!.querySelector('button')).toBeNull();
  await expectAccessible(el);
});
