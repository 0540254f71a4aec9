import { afterEach, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import './role-notice';

afterEach(cleanup);

test('says what a social worker does not see; nothing for a GP or an unknown role', async () => {
  const social = await mount('cr-role-notice', {}, { 'user-role': 'social-worker' });
  expect(visibleText(social)).toMatch(/^Viewing as a social worker: .*medicines.* are not available to your role\.$/);
  await expectAccessible(social);
  for (const role of ['gp', 'surgeon']) {
    const el = await mount('cr-role-notice', {}, { 'user-role': role });
    expect(visibleText(el)).toBe('');
    await expectAccessible(el);
  }
});
