import { afterEach, describe, expect, test } from 'vitest';
import { ContextProvider } from '@lit/context';
import { recordContext } from '../contexts';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, settled, visibleText } from '../test-helpers/render';
import { thompson } from '../test-helpers/fixtures';
import { ACUTE, COMMUNITY, GP, section, timedOut } from '../test-helpers/source-fixtures';
import { expectLoadingEmptyFailed } from '../test-helpers/section-states';
import { okaforImmunisations } from '../test-helpers/results-fixtures';
import './immunisation-list';

afterEach(cleanup);

const SOURCES = [GP, COMMUNITY, ACUTE];
const items = (el: Element) => [...el.shadowRoot!.querySelectorAll('li[part="immunisation"]')].map((li) => visibleText(li));

describe('<cr-immunisation-list>', () => {
  test('newest first: vaccine, date, given or not, dose, what it protects against, and source', async () => {
    const el = await mount('cr-immunisation-list', { immunisations: okaforImmunisations(), sources: SOURCES });
    const shown = items(el);
    expect(shown).toHaveLength(4);
    expect(shown[3]).toBe(
      'DTaP/IPV/Hib/HepB vaccine (6-in-1) Date 01-Dec-2020 Status Given Dose 1 Protects against Diphtheria, Tetanus, Pertussis ' +
        'Route Injection, intramuscular UK routine immunisation schedule Riverside Medical Practice · recorded 01-Dec-2020 ' +
        'Also recorded by Downs Community Health NHS Trust · recorded 01-Dec-2020 · by Nurse J DAWSON',
    );
    expect(shown[1]).toContain('DTaP/IPV/Hib/HepB vaccine (6-in-1) Date 02-Feb-2021 Status Given Dose 3');
    await expectAccessible(el);
  });

  test('a vaccine not given says so in words, with the reason', async () => {
    const el = await mount('cr-immunisation-list', { immunisations: okaforImmunisations(), sources: SOURCES });
    expect(items(el)[0]).toContain(
      'Live attenuated influenza vaccine (nasal spray) Date 20-Jul-2026 Status Not given: Parent declined Dose 1 Protects against Influenza',
    );
    const status = el.shadowRoot!.querySelector('li.not-given [part="status"]')!;
    expect(getComputedStyle(status).textDecorationLine).toBe('underline');
  });

  test('partial: what loaded, and the source that did not, named', async () => {
    const el = await mount('cr-immunisation-list', { immunisations: okaforImmunisations({ acute: timedOut(ACUTE) }), sources: SOURCES });
    const text = visibleText(el);
    expect(text).toContain('Some sources could not be loaded');
    expect(text).toContain('Weald General Hospital NHS Trust: No answer within 10 seconds');
    expect(text).toContain('DTaP/IPV/Hib/HepB vaccine (6-in-1)');
    await expectAccessible(el);
  });

  test('loading, empty and failed read differently', async () => {
    await expectLoadingEmptyFailed(
      (immunisations) => mount('cr-immunisation-list', { immunisations, sources: SOURCES }),
      { loading: 'Loading from Riverside Medical Practice', empty: 'Immunisations None recorded' },
      SOURCES,
    );
  });

  test('a future date is pointed out', async () => {
    const [first] = okaforImmunisations().items;
    const el = await mount('cr-immunisation-list', {
      immunisations: section([{ ...first!, futureDated: true }], {}, [], SOURCES),
      sources: SOURCES,
    });
    expect(visibleText(el)).toContain('Dated in the future: check with the source.');
    await expectAccessible(el);
  });

  test('reads its section from the record context', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    try {
      new ContextProvider(host, { context: recordContext, initialValue: { ...thompson(), immunisations: okaforImmunisations() } });
      const el = await mount('cr-immunisation-list', {}, {}, host);
      await settled(el);
      expect(items(el)).toHaveLength(4);
    } finally {
      host.remove();
    }
  });
});
