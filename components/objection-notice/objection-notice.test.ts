import { afterEach, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { GP } from '../test-helpers/source-fixtures';
import { cleanup, deepQueryAll, mount, visibleText } from '../test-helpers/render';
import './objection-notice';

afterEach(cleanup);

test('a clinician is told of the objection and offered emergency access', async () => {
  const el = await mount('cr-objection-notice', { sources: [GP], canBreakGlass: true });
  const text = visibleText(el);
  expect(text).toContain('This person has objected to sharing their record');
  expect(text).toContain('None of their shared care record is shown');
  expect(text).toContain('Objection recorded with: Riverside Medical Practice');
  expect(text).toContain('30 minutes');
  const opened: Event[] = [];
  el.addEventListener('break-glass-open', (e) => opened.push(e));
  const [button] = deepQueryAll<HTMLButtonElement>(el, 'button');
  button!.click();
  expect(opened).toHaveLength(1);
  await expectAccessible(el);
});

test('others are told emergency access is for clinical staff, with no button', async () => {
  const el = await mount('cr-objection-notice', { sources: [], canBreakGlass: false });
  expect(visibleText(el)).toContain('Emergency access is for clinical staff only');
  expect(deepQueryAll(el, 'button')).toHaveLength(0);
  await expectAccessible(el);
});

test('restricted information held back: said, with emergency access for a clinician', async () => {
  const el = await mount('cr-objection-notice', { reason: 'restricted', canBreakGlass: true });
  expect(visibleText(el)).toContain('Some restricted information is not shown to your role');
  expect(deepQueryAll(el, 'button')).toHaveLength(1);
  await expectAccessible(el);
});
