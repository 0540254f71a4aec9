import { afterEach, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import './session-lock';

afterEach(cleanup);

test('covers the viewer, says why and what to do, and takes focus', async () => {
  const el = await mount('cr-session-lock');
  const text = visibleText(el);
  expect(text).toContain('The care record is locked');
  expect(text).toContain('smartcard session has ended');
  expect(text).toContain('Insert your smartcard and sign in to your clinical system');
  expect(el.shadowRoot!.activeElement?.id).toBe('lock-title');
  const box = el.getBoundingClientRect();
  expect([box.top, box.left, box.width, box.height]).toEqual([0, 0, innerWidth, innerHeight]);
  await expectAccessible(el);
});
