import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ContextProvider } from '@lit/context';
import { recordContext } from '../contexts';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, deepQuery, deepQueryAll, mount, settled, visibleText } from '../test-helpers/render';
import { patel } from '../test-helpers/fixtures';
import { ACUTE, GP, PATEL_SOURCES, section, timedOut } from '../test-helpers/source-fixtures';
import { expectLoadingEmptyFailed } from '../test-helpers/section-states';
import { HOSTILE_REPORT_HTML, patelResults } from '../test-helpers/results-fixtures';
import type { ResultsList } from './results-list';
import './results-list';

afterEach(cleanup);

const patelList = (results = patelResults()) => mount('cr-results-list', { results, sources: PATEL_SOURCES });

function buttonNamed(el: Element, name: RegExp): HTMLButtonElement {
  const found = deepQueryAll<HTMLButtonElement>(el, 'button').find((b) => name.test(b.textContent?.replace(/\s+/g, ' ') ?? ''));
  if (!found) throw new Error(`no button matches ${name}`);
  return found;
}

function itemNamed(el: ResultsList, name: string): HTMLLIElement {
  const item = [...el.shadowRoot!.querySelectorAll<HTMLLIElement>('li[part="test"], li[part="report"]')].find(
    (li) => li.querySelector('.name')?.textContent === name,
  );
  if (!item) throw new Error(`no result ${name}`);
  return item;
}

describe('<cr-results-list>', () => {
  test('one entry per test, newest first: latest value with unit, marker in words, range, count and source', async () => {
    const el = await patelList();
    const names = [...el.shadowRoot!.querySelectorAll('.name')].map((h) => h.textContent);
    expect(names).toEqual(['HbA1c (IFCC)', 'Plain chest X-ray', 'Capillary blood glucose', 'Blood pressure']);
    expect(visibleText(itemNamed(el, 'HbA1c (IFCC)'))).toBe(
      'HbA1c (IFCC) Latest 86 mmol/mol ▲ High Date 15-Nov-2026 09:10 Reference range 20 to 41 mmol/mol Results 21 since 15-Nov-2021 ' +
        '20-41 mmol/mol (non-diabetic). Target in type 1 diabetes: 48 mmol/mol or lower ' +
        'Riverside Medical Practice · recorded 15-Nov-2026 · by Dr S MILLS Show history (21 results) of HbA1c (IFCC)',
    );
    expect(visibleText(itemNamed(el, 'Blood pressure'))).toContain(
      'Latest 134/78 mmHg Date 11-Oct-2026 08:43 Reference range Not Known Results 1',
    );
    await expectAccessible(el);
  });

  test('the abnormal marker is a word, with its arrow hidden from screen readers', async () => {
    const el = await patelList();
    const flag = itemNamed(el, 'HbA1c (IFCC)').querySelector('[part="flag"]')!;
    expect(flag.textContent?.replace(/\s+/g, ' ').trim()).toBe('▲ High');
    expect(flag.querySelector('.arrow')?.getAttribute('aria-hidden')).toBe('true');
    // Still reads as high without colour: the word is there in forced colours / greyscale.
    expect(getComputedStyle(flag).fontWeight).toBe('700');
  });

  test('a test opens to its history: date, value, range, marker and source, a page at a time', async () => {
    const el = await patelList();
    const toggle = buttonNamed(el, /Show history \(21 results\) of HbA1c/);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(visibleText(el)).not.toContain('newest first');
    await userEvent.click(toggle);
    await settled(el);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const table = deepQuery<HTMLTableElement>(el, 'table');
    expect(table.caption?.textContent).toBe('HbA1c (IFCC): 21 results, newest first, showing the 20 newest');
    expect([...table.tHead!.rows[0]!.cells].map((c) => c.textContent)).toEqual(['Date', 'Result', 'Reference range', 'Flag', 'Source']);
    expect(visibleText(table.tBodies[0]!.rows[0]!)).toBe(
      '15-Nov-2026 09:10 86 mmol/mol 20 to 41 mmol/mol ▲ High Riverside Medical Practice by Dr S MILLS',
    );
    expect(table.tBodies[0]!.rows).toHaveLength(20);
    await expectAccessible(el);
    await userEvent.click(buttonNamed(el, /Show 1 older result of HbA1c/));
    await settled(el);
    expect(table.tBodies[0]!.rows).toHaveLength(21);
    expect(visibleText(table.tBodies[0]!.rows[20]!)).toContain('15-Nov-2021 09:10 62 mmol/mol');
    await userEvent.click(toggle);
    await settled(el);
    expect(visibleText(el)).not.toContain('newest first');
  });

  test('the critically low glucose at A&E reads "Critically low" in the history', async () => {
    const el = await patelList();
    await userEvent.click(buttonNamed(el, /Show history \(2 results\) of Capillary blood glucose/));
    await settled(el);
    const rows = deepQuery<HTMLTableElement>(el, 'table').tBodies[0]!.rows;
    expect(visibleText(rows[1]!)).toBe(
      '11-Oct-2026 08:40 2.1 mmol/L 4 to 7 mmol/L ▼▼ Critically low Weald General Hospital NHS Trust by Dr K OSEI',
    );
    expect(visibleText(rows[0]!)).toContain('6.8 mmol/L 4 to 7 mmol/L Not flagged');
  });

  test('imaging is shown as a report; its HTML goes through <cr-safe-narrative> and runs nothing', async () => {
    const el = await patelList();
    const item = itemNamed(el, 'Plain chest X-ray');
    expect(visibleText(item)).toContain(
      'Imaging report Date 11-Oct-2026 10:30 Conclusion No acute abnormality. Weald General Hospital NHS Trust · recorded 11-Oct-2026 · by Dr R PATEL',
    );
    await userEvent.click(buttonNamed(el, /Show report of Plain chest X-ray/));
    await settled(el);
    const narrative = deepQuery(el, 'cr-safe-narrative');
    expect(visibleText(narrative)).toBe('Heart size normal. No consolidation. More');
    expect(deepQueryAll(el, 'script, img')).toEqual([]);
    expect(deepQuery<HTMLAnchorElement>(narrative, 'a').getAttribute('href')).toBeNull();
    expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
    expect(HOSTILE_REPORT_HTML).toContain('<script>');
    await expectAccessible(el);
  });

  test('filters by category, saying which is chosen', async () => {
    const el = await patelList();
    const filters = el.shadowRoot!.querySelector('[part="filters"]')!;
    expect(visibleText(filters)).toBe('All (4) Laboratory (2) Vital signs (1) Imaging (1)');
    await userEvent.click(buttonNamed(filters, /Vital signs/));
    await settled(el);
    expect([...el.shadowRoot!.querySelectorAll('.name')].map((h) => h.textContent)).toEqual(['Blood pressure']);
    expect(buttonNamed(filters, /Vital signs/).getAttribute('aria-pressed')).toBe('true');
    expect(buttonNamed(filters, /All/).getAttribute('aria-pressed')).toBe('false');
    await expectAccessible(el);
  });

  test('truncation is never silent: "showing N of M" from the section notices', async () => {
    const notice = {
      kind: 'truncated' as const,
      source: GP,
      text: 'Riverside Medical Practice: showing 2,000 of 20,412 results; the rest were not loaded.',
    };
    const el = await patelList(patelResults({}, [notice]));
    expect(visibleText(el)).toContain('Incomplete Riverside Medical Practice: showing 2,000 of 20,412 results; the rest were not loaded.');
    // Read first, above the results, and on each series that source contributed to.
    expect(visibleText(el).indexOf('Incomplete')).toBeLessThan(visibleText(el).indexOf('HbA1c'));
    const hba1c = itemNamed(el, 'HbA1c (IFCC)');
    expect(visibleText(hba1c)).toMatch(/Results 21 since \S+ incomplete: older results from Riverside Medical Practice were not loaded/);
    await expectAccessible(el);
    // A series only from a source that was not cut says nothing of the kind.
    const other = await patelList(patelResults({}, [{ ...notice, source: ACUTE }]));
    expect(visibleText(itemNamed(other, 'HbA1c (IFCC)'))).not.toContain('incomplete');
  });

  test('partial: results from the sources that answered, and the one that did not, named', async () => {
    const el = await patelList(patelResults({ acute: timedOut(ACUTE) }));
    const text = visibleText(el);
    expect(text).toContain('Some sources could not be loaded');
    expect(text).toContain('Weald General Hospital NHS Trust: No answer within 10 seconds (tried 22-Nov-2026 14:02)');
    expect(text).toContain('HbA1c (IFCC)');
    await expectAccessible(el);
  });

  test('loading, empty and failed read differently', async () => {
    await expectLoadingEmptyFailed(
      (results) => mount('cr-results-list', { results, sources: PATEL_SOURCES }),
      { loading: 'Loading from Riverside Medical Practice', empty: 'None recorded' },
      PATEL_SOURCES,
    );
  });

  test('reads its section from the record context', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    try {
      const provider = new ContextProvider(host, { context: recordContext, initialValue: { ...patel(), results: patelResults() } });
      const el = await mount('cr-results-list', {}, {}, host);
      expect(visibleText(el)).toContain('HbA1c (IFCC) Latest 86 mmol/mol');
      provider.setValue({ ...patel(), results: section([], {}, [], PATEL_SOURCES) });
      await settled(el);
      expect(visibleText(el)).toContain('None recorded');
    } finally {
      host.remove();
    }
  });

  test('headings sit one level below the section', async () => {
    const el = await mount('cr-results-list', { results: patelResults(), sources: PATEL_SOURCES, level: 3 });
    expect(deepQuery(el, 'cr-record-section').shadowRoot?.querySelector('h3')?.textContent).toBe('Results');
    expect(el.shadowRoot!.querySelectorAll('h4.name')).toHaveLength(4);
  });
});
