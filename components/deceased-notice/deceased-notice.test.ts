import { afterEach, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { thompsonPatient } from '../test-helpers/fixtures';
import { ACUTE, section } from '../test-helpers/source-fixtures';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import './deceased-notice';

afterEach(cleanup);

const alive = { ...thompsonPatient, provenance: { ...thompsonPatient.provenance, source: ACUTE } };

test('a death recorded by one source: the date, who records it, and the source that holds the person as alive', async () => {
  const el = await mount('cr-deceased-notice', { patient: section([{ ...thompsonPatient, deceased: { date: '2026-11-01' } }, alive]) });
  expect(visibleText(el)).toBe(
    'Deceased Died 01-Nov-2026 Recorded by Riverside Medical Practice. Sources differ: Weald General Hospital NHS Trust does not record a death',
  );
  await expectAccessible(el);
});

test('a death with no date, and two dates that differ', async () => {
  const undated = await mount('cr-deceased-notice', { patient: section([{ ...thompsonPatient, deceased: {} }]) });
  expect(visibleText(undated)).toBe('Deceased Died, date Not Known Recorded by Riverside Medical Practice.');
  await expectAccessible(undated);
  const differ = await mount('cr-deceased-notice', {
    patient: section([
      { ...thompsonPatient, deceased: { date: '2026-11-01' } },
      { ...alive, deceased: { date: '2026-10-30' } },
    ]),
  });
  expect(visibleText(differ)).toContain('Recorded by Riverside Medical Practice, Weald General Hospital NHS Trust (30-Oct-2026).');
  expect(visibleText(differ)).toContain(
    'Sources differ: Date of death differs: 01-Nov-2026 (Riverside Medical Practice); 30-Oct-2026 (Weald General Hospital NHS Trust)',
  );
  await expectAccessible(differ);
});

test('nothing while no source records a death, or while the patient is loading', async () => {
  const living = await mount('cr-deceased-notice', { patient: section([thompsonPatient, alive]) });
  expect(visibleText(living)).toBe('');
  const loading = await mount('cr-deceased-notice', { patient: undefined });
  expect(visibleText(loading)).toBe('');
});
