import { afterEach, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { GP } from '../test-helpers/source-fixtures';
import { provenanceText } from './provenance-line';
import './provenance-line';

afterEach(cleanup);

test('source, date recorded and author', async () => {
  const p = { source: GP, resource: 'Condition/1', recorded: '2026-07-14', author: 'Dr S AHMED' };
  expect(provenanceText(p)).toBe('Riverside Medical Practice · recorded 14-Jul-2026 · by Dr S AHMED');
  const el = await mount('cr-provenance-line', { provenance: p });
  expect(visibleText(el)).toBe('Riverside Medical Practice · recorded 14-Jul-2026 · by Dr S AHMED');
  await expectAccessible(el);
});

test('falls back to last updated, and says when the date is unknown', () => {
  expect(provenanceText({ source: GP, resource: 'x', lastUpdated: '2026-11-20T09:00:00Z' })).toBe(
    'Riverside Medical Practice · updated 20-Nov-2026',
  );
  expect(provenanceText({ source: GP, resource: 'x' })).toBe('Riverside Medical Practice · date Not Known');
});
