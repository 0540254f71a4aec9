import { afterEach, describe, expect, test } from 'vitest';
import { html, render } from 'lit';
import { expectAccessible } from '../test-helpers/axe';
import { contactList, restrictedTag, textWithPhones } from './contact-links';

const hosts: HTMLElement[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.remove()));

function show(template: unknown): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  hosts.push(host);
  render(html`${template}`, host);
  return host;
}

describe('contact links', () => {
  test('phone numbers grouped and dialable, emails as mailto, anything else as text', async () => {
    const host = show(
      contactList([
        { kind: 'phone', value: '+44 1632 960411' },
        { kind: 'mobile', value: '07700900411', label: 'Team' },
        { kind: 'email', value: 'alan.fraser@north-downs.example.nhs.uk' },
        { kind: 'email', value: 'javascript:alert(1)' },
        { kind: 'email', value: 'gp@example.org?bcc=attacker@evil.example&body=send%20the%20record' },
        { kind: 'phone', value: '01632 960123?;phone-context=evil' },
        { kind: 'phone', value: 'ask at reception' },
        { kind: 'other', value: 'https://example.org' },
      ]),
    );
    expect([...host.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['01632 960411', 'tel:+441632960411'],
      ['07700 900411', 'tel:+447700900411'],
      ['alan.fraser@north-downs.example.nhs.uk', 'mailto:alan.fraser@north-downs.example.nhs.uk'],
    ]);
    expect(host.textContent?.replace(/\s+/g, ' ')).toContain('Team mobile 07700 900411');
    expect(host.textContent).toContain('javascript:alert(1)');
    // A hostile value is shown, never linked; the only hrefs are those rebuilt from parsed values.
    expect(host.textContent).toContain('gp@example.org?bcc=attacker@evil.example');
    expect(host.querySelector('a[href*="bcc"], a[href*="phone-context"]')).toBeNull();
    expect(host.textContent).toContain('ask at reception');
    await expectAccessible(host);
  });

  test('phone numbers in free text become links; the rest stays text; no contacts render nothing', () => {
    const host = show(textWithPhones('Call the crisis team on 01632 960499 (24 hours) or <b>999</b>.'));
    expect(host.querySelector('a')?.getAttribute('href')).toBe('tel:+441632960499');
    expect(host.textContent).toBe('Call the crisis team on 01632 960499 (24 hours) or <b>999</b>.');
    expect(host.querySelector('b')).toBeNull();
    expect(show(contactList([])).textContent).toBe('');
    expect(show(restrictedTag(false)).textContent).toBe('');
    expect(show(restrictedTag(true)).textContent).toBe('Restricted');
  });
});
