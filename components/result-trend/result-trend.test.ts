import { afterEach, describe, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { Chart } from 'chart.js';
import type { TestResults } from '../../src/record/results/types';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, settled, visibleText } from '../test-helpers/render';
import { bloodPressures, longHistory, patelResults } from '../test-helpers/results-fixtures';
import type { ResultTrend } from './result-trend';
import './result-trend';

afterEach(cleanup);

function patelTest(name: string): TestResults {
  const found = patelResults().items.find((g): g is TestResults => g.kind === 'test' && g.name === name);
  if (!found) throw new Error(`no test ${name}`);
  return found;
}

const hba1c = () => patelTest('HbA1c (IFCC)');
const button = (el: ResultTrend, part: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part="${part}"]`);
const canvas = (el: ResultTrend) => el.shadowRoot!.querySelector('canvas');

async function shown(el: ResultTrend): Promise<HTMLCanvasElement> {
  await vi.waitFor(() => expect(el.chartState).toBe('shown'), { timeout: 10_000 });
  await settled(el);
  return canvas(el)!;
}

describe('<cr-result-trend>', () => {
  test('the table is always there: caption, dated rows, range, marker in words and source', async () => {
    const el = await mount('cr-result-trend', { test: hba1c() });
    const table = el.shadowRoot!.querySelector('table')!;
    expect(table.caption?.textContent).toBe('HbA1c (IFCC): 21 results, newest first, showing the 20 newest');
    expect(visibleText(table.tBodies[0]!.rows[0]!)).toBe(
      '15-Nov-2026 09:10 86 mmol/mol 20 to 41 mmol/mol ▲ High Riverside Medical Practice by Dr S MILLS',
    );
    // Closed chart: nothing drawn, nothing of chart.js needed yet.
    expect(el.chartState).toBe('closed');
    expect(canvas(el)).toBeNull();
    expect(button(el, 'chart-toggle')?.getAttribute('aria-expanded')).toBe('false');
    await expectAccessible(el);
  });

  test('opening the chart loads chart.js and draws every value, with an image name that summarises the trend', async () => {
    const el = await mount('cr-result-trend', { test: hba1c() });
    const states: string[] = [];
    el.addEventListener('trend-chart-change', (e) => states.push((e as CustomEvent<{ state: string }>).detail.state));
    await userEvent.click(button(el, 'chart-toggle')!);
    const drawn = await shown(el);
    expect(states).toEqual(['loading', 'shown']);
    expect(button(el, 'chart-toggle')?.getAttribute('aria-expanded')).toBe('true');
    expect(drawn.getAttribute('role')).toBe('img');
    expect(drawn.getAttribute('aria-label')).toBe(
      'Trend chart. HbA1c (IFCC), 21 results from 15-Nov-2021 to 15-Nov-2026. HbA1c (IFCC): latest 86 mmol/mol, High on 15-Nov-2026, up from 81; lowest 48, highest 86 mmol/mol. Reference range 20 to 41 mmol/mol.',
    );
    const chart = Chart.getChart(drawn)!;
    expect(chart.data.datasets.map((d) => d.data.length)).toEqual([21]);
    expect(chart.config.plugins?.map((p) => p.id)).toEqual(['referenceBand', 'treatmentTarget']);
    expect(visibleText(el)).toContain(
      'Shaded band: reference range 20 to 41 mmol/mol (from the newest result). Triangles mark values flagged abnormal.',
    );
    // The table stays: it is the chart's full alternative.
    expect(el.shadowRoot!.querySelector('table caption')?.textContent).toContain('HbA1c (IFCC): 21 results');
    await expectAccessible(el);
  });

  test('the reference range is drawn as a band behind the line', async () => {
    const el = await mount('cr-result-trend', { test: hba1c(), chartOpen: true });
    const drawn = await shown(el);
    const chart = Chart.getChart(drawn)!;
    const y = chart.scales.y!;
    const { left, right } = chart.chartArea;
    // Every value is above the range, yet the axis reaches down to it so the band shows.
    expect(y.min).toBeLessThanOrEqual(20);
    // Sample the band between 20 and 41, and the plain background above it, away from the line.
    const ctx = drawn.getContext('2d')!;
    const ratio = drawn.width / drawn.getBoundingClientRect().width;
    const pixel = (value: number) =>
      ctx.getImageData(Math.round(((left + right) / 2) * ratio), Math.round(y.getPixelForValue(value) * ratio), 1, 1).data;
    const inBand = pixel(30);
    const aboveBand = pixel(44);
    expect([...inBand]).not.toEqual([...aboveBand]);
  });

  test('a treatment target is drawn as a line marked "Target", and said so beside the chart and in its name', async () => {
    const test = hba1c();
    const withTarget: TestResults = {
      ...test,
      values: test.values.map((v) => ({ ...v, target: { high: 48, display: 'up to 48 mmol/mol' } })),
    };
    const el = await mount('cr-result-trend', { test: withTarget, chartOpen: true });
    const drawn = await shown(el);
    expect(drawn.getAttribute('aria-label')).toContain('Reference range 20 to 41 mmol/mol. Target up to 48 mmol/mol.');
    expect(visibleText(el)).toContain('Solid line marked "Target": treatment target up to 48 mmol/mol (from the newest result).');
    const chart = Chart.getChart(drawn)!;
    const y = chart.scales.y!;
    // The target line is on the chart, with the band below it.
    expect(y.min).toBeLessThanOrEqual(20);
    expect(y.max).toBeGreaterThanOrEqual(48);
    await expectAccessible(el);
  });

  test('hiding the chart removes it; the table remains', async () => {
    const el = await mount('cr-result-trend', { test: hba1c(), chartOpen: true });
    const drawn = await shown(el);
    await userEvent.click(button(el, 'chart-toggle')!);
    await settled(el);
    expect(el.chartState).toBe('closed');
    expect(canvas(el)).toBeNull();
    expect(Chart.getChart(drawn)).toBeUndefined();
    expect(el.shadowRoot!.querySelector('#chart')?.hasAttribute('hidden')).toBe(true);
    expect(el.shadowRoot!.querySelector('table')).not.toBeNull();
    await expectAccessible(el);
  });

  test('moved within the page, an open chart is drawn again', async () => {
    const el = await mount('cr-result-trend', { test: hba1c(), chartOpen: true });
    const first = await shown(el);
    const parent = el.parentElement!;
    el.remove();
    expect(Chart.getChart(first)).toBeUndefined();
    parent.append(el);
    await vi.waitFor(() => expect(Chart.getChart(canvas(el)!)).toBeDefined());
  });

  test('a single reading has no trend to draw: the table alone', async () => {
    const el = await mount('cr-result-trend', { test: patelTest('Blood pressure') });
    expect(button(el, 'chart-toggle')).toBeNull();
    expect(visibleText(el)).toContain('11-Oct-2026 08:43 134/78 mmHg Not Known Not flagged Weald General Hospital NHS Trust');
    await expectAccessible(el);
  });

  test('a blood pressure draws one line per part, the second dashed, with a legend', async () => {
    const el = await mount('cr-result-trend', { test: bloodPressures(), chartOpen: true });
    const chart = Chart.getChart(await shown(el))!;
    expect(chart.data.datasets.map((d) => [d.label, d.data.length])).toEqual([
      ['Systolic (mmHg)', 3],
      ['Diastolic (mmHg)', 3],
    ]);
    expect(chart.options.plugins?.legend?.display).toBe(true);
    expect(visibleText(el)).toContain('Triangles mark values flagged abnormal. The second line is dashed.');
    expect(visibleText(el.shadowRoot!.querySelector('tbody tr:last-child')!)).toContain('162/95 mmHg Not Known ▲ High (Systolic)');
    await expectAccessible(el);
  });

  test('a long history shows a page at a time, so the page stays small', async () => {
    const el = await mount('cr-result-trend', { test: longHistory(500), pageSize: 25 });
    const body = () => el.shadowRoot!.querySelector('tbody')!;
    expect(body().rows).toHaveLength(25);
    expect(el.shadowRoot!.querySelector('caption')?.textContent).toBe('Heart rate: 500 results, newest first, showing the 25 newest');
    await userEvent.click(button(el, 'more')!);
    await settled(el);
    expect(body().rows).toHaveLength(50);
    expect(button(el, 'more')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Show 25 older results of Heart rate');
    await expectAccessible(el);
  });

  test('500 points draw without point markers crowding the line', async () => {
    const el = await mount('cr-result-trend', { test: longHistory(500), chartOpen: true });
    const chart = Chart.getChart(await shown(el))!;
    expect(chart.data.datasets[0]?.data).toHaveLength(500);
    expect(canvas(el)?.getAttribute('aria-label')).toContain('Heart rate, 500 results from');
  });
});
