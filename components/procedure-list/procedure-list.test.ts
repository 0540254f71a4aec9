import { afterEach, describe, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { COMMUNITY, PATEL_SOURCES, timedOut } from '../test-helpers/source-fixtures';
import { procedures } from '../test-helpers/coded-fixtures';
import { expectLoadingEmptyFailed } from '../test-helpers/section-states';
import './procedure-list';

afterEach(cleanup);

const items = (el: Element) => [...el.shadowRoot!.querySelectorAll('li[part="procedure"]')].map((li) => visibleText(li));

describe('<cr-procedure-list>', () => {
  test('newest first: what, when, status in words, why, where, who and every source; an unrecorded date is Not Known', async () => {
    const el = await mount('cr-procedure-list', { procedures: procedures(), sources: PATEL_SOURCES });
    expect(items(el)).toEqual([
      'Colonoscopy Date 03-Nov-2025 Status Not done: Patient declined Weald General Hospital NHS Trust · date Not Known',
      'Total hip replacement Date 12-Mar-2019 Status Completed Reason Osteoarthritis of hip Site Left hip Performed by Mr A SURGEON ' +
        'Weald General Hospital NHS Trust · date Not Known Also recorded by Riverside Medical Practice · date Not Known · by Dr S AHMED',
      'Cataract extraction Date Not Known Status Completed Riverside Medical Practice · date Not Known',
    ]);
    const status = el.shadowRoot!.querySelector('li.not-done [part="status"]')!;
    expect(getComputedStyle(status).textDecorationLine).toBe('underline');
    await expectAccessible(el);
  });

  test('partial: what loaded, and the source that did not, named', async () => {
    const el = await mount('cr-procedure-list', { procedures: procedures({ community: timedOut(COMMUNITY) }), sources: PATEL_SOURCES });
    const text = visibleText(el);
    expect(text).toContain('Some sources could not be loaded');
    expect(text).toContain('Downs Community Health NHS Trust: No answer within 10 seconds');
    expect(text).toContain('Total hip replacement');
    await expectAccessible(el);
  });

  test('loading, empty and failed read differently', async () => {
    await expectLoadingEmptyFailed(
      (section) => mount('cr-procedure-list', { procedures: section, sources: PATEL_SOURCES }),
      { loading: 'Loading from Riverside Medical Practice', empty: 'Procedures None recorded' },
      PATEL_SOURCES,
    );
  });
});
