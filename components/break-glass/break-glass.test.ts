import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, settled, visibleText } from '../test-helpers/render';
import type { BreakGlassDialog } from './break-glass-dialog';
import './break-glass-dialog';
import './break-glass-banner';

afterEach(cleanup);

const shadow = (el: Element) => el.shadowRoot!;
const radio = (el: BreakGlassDialog, code: string) => shadow(el).querySelector<HTMLInputElement>(`#bg-${code}`)!;
const submit = (el: BreakGlassDialog) => shadow(el).querySelector<HTMLButtonElement>('button.primary')!;

async function openDialog(): Promise<{ el: BreakGlassDialog; opener: HTMLButtonElement; requests: unknown[] }> {
  const opener = document.createElement('button');
  opener.textContent = 'Use emergency access';
  document.body.append(opener);
  const el = await mount('cr-break-glass-dialog');
  const requests: unknown[] = [];
  el.addEventListener('break-glass-request', (e) => requests.push((e as CustomEvent).detail));
  opener.focus();
  await el.show();
  await settled(el);
  return { el, opener, requests };
}

describe('<cr-break-glass-dialog>', () => {
  afterEach(() => document.querySelectorAll('body > button').forEach((b) => b.remove()));

  test('opens as a modal with focus on the first reason, explaining what it does', async () => {
    const { el } = await openDialog();
    expect(el.open).toBe(true);
    expect(shadow(el).activeElement).toBe(radio(el, 'emergency-care'));
    const text = visibleText(el);
    expect(text).toContain('Use emergency access (break-glass)');
    expect(text).toContain('It lasts 30 minutes');
    expect(text).toContain('Emergency care: the patient cannot be asked');
    await expectAccessible(el);
  });

  test('asks for a reason, and for words when the reason is "Other"', async () => {
    const { el, requests } = await openDialog();
    await userEvent.click(submit(el));
    await settled(el);
    expect(visibleText(el)).toContain('Choose a reason.');
    expect(shadow(el).activeElement?.classList.contains('problem')).toBe(true);
    await expectAccessible(el);
    await userEvent.click(radio(el, 'other'));
    await userEvent.click(submit(el));
    await settled(el);
    expect(visibleText(el)).toContain('Say why you need emergency access.');
    expect(requests).toEqual([]);
    await userEvent.type(shadow(el).querySelector('textarea')!, 'Found collapsed, cannot consent');
    await userEvent.click(submit(el));
    expect(requests).toEqual([{ reason: 'other', text: 'Found collapsed, cannot consent' }]);
  });

  test("shows the host's refusal, and while busy cannot be sent twice", async () => {
    const { el, requests } = await openDialog();
    await userEvent.click(radio(el, 'safeguarding'));
    el.busy = true;
    await settled(el);
    expect(submit(el).disabled).toBe(true);
    el.busy = false;
    el.error = 'Emergency access was refused: it is available to clinical staff only.';
    await settled(el);
    expect(visibleText(el)).toContain('refused');
    await expectAccessible(el);
    expect(requests).toEqual([]);
  });

  test('Cancel and Escape close it and put focus back where it was', async () => {
    const { el, opener } = await openDialog();
    const cancelled: Event[] = [];
    el.addEventListener('break-glass-cancel', (e) => cancelled.push(e));
    await userEvent.click(shadow(el).querySelector<HTMLButtonElement>('button:not(.primary)')!);
    expect(el.open).toBe(false);
    expect(cancelled).toHaveLength(1);
    expect(document.activeElement).toBe(opener);
    await el.show();
    await userEvent.keyboard('{Escape}');
    expect(el.open).toBe(false);
    expect(document.activeElement).toBe(opener);
    await expectAccessible(el);
  });
});

describe('<cr-break-glass-banner>', () => {
  test('says it is on, why, how long is left, and ends on request', async () => {
    const el = await mount('cr-break-glass-banner', {
      reason: 'emergency-care',
      text: 'Unconscious',
      expiresAt: Date.now() + 29 * 60_000 + 30_000,
    });
    const text = visibleText(el);
    expect(text).toContain('Emergency access is on');
    expect(text).toContain('Reason: Emergency care: the patient cannot be asked: Unconscious');
    expect(text).toMatch(/29 minutes left \(ends at \d{2}:\d{2}\)/);
    const ended: Event[] = [];
    el.addEventListener('break-glass-end', (e) => ended.push(e));
    shadow(el).querySelector('button')!.click();
    expect(ended).toHaveLength(1);
    expect(getComputedStyle(shadow(el).querySelector('section')!).animationName).toBe('none');
    await expectAccessible(el);
  });
});
