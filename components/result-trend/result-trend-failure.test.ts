// While the chart chunk loads, and when it fails to (offline, a deploy
// mid-session), the table stays and the state is said in words. Its own file:
// the mock replaces the chart module, held back until the test releases it.

import { afterEach, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, settled, visibleText } from '../test-helpers/render';
import { patelResults } from '../test-helpers/results-fixtures';
import type { TestResults } from '../../src/record/results/types';
import './result-trend';

const chunk = vi.hoisted(() => {
  let release = () => {};
  const loaded = new Promise<void>((resolve) => (release = resolve));
  return { loaded, release: () => release() };
});

vi.mock('./trend-chart', async () => {
  await chunk.loaded;
  return {
    drawTrend: () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    },
  };
});

afterEach(cleanup);

test('loading, then failed: said in words, and the table keeps every value', async () => {
  const test = patelResults().items.find((g): g is TestResults => g.kind === 'test' && g.name === 'HbA1c (IFCC)')!;
  const el = await mount('cr-result-trend', { test });
  await userEvent.click(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="chart-toggle"]')!);
  await settled(el);
  expect(el.chartState).toBe('loading');
  expect(visibleText(el)).toContain('Hide chart of HbA1c (IFCC) Loading chart');
  await expectAccessible(el);

  chunk.release();
  await vi.waitFor(() => expect(el.chartState).toBe('failed'));
  await settled(el);
  expect(visibleText(el)).toContain('The chart could not be loaded. Every value is in the table below.');
  expect(el.shadowRoot!.querySelector('canvas')).toBeNull();
  expect(el.shadowRoot!.querySelector('caption')?.textContent).toBe('HbA1c (IFCC): 21 results, newest first, showing the 20 newest');
  await expectAccessible(el);
});
