import { describe, expect, it } from 'vitest';
import { emailHref, parseEmailAddress } from './email';

describe('emailHref', () => {
  it.each([
    ['alan.fraser@north-downs.example.nhs.uk', 'mailto:alan.fraser@north-downs.example.nhs.uk'],
    ['  Priya.Khan+team@County-Council.example.gov.uk ', 'mailto:Priya.Khan+team@county-council.example.gov.uk'],
  ])('links a plain address %s', (raw, href) => {
    expect(emailHref(raw)).toBe(href);
  });

  it.each([
    ['extra recipients', 'gp@example.org?bcc=attacker@evil.example'],
    ['a body', 'gp@example.org?body=Please%20send%20the%20record'],
    ['a second address', 'gp@example.org,attacker@evil.example'],
    ['a fragment', 'gp@example.org#x'],
    ['percent-encoding', 'gp%40evil.example@example.org'],
    ['a scheme', 'javascript:alert(1)@example.org'],
    ['two @', 'a@b@example.org'],
    ['no domain dot', 'gp@localhost'],
    ['spaces', 'g p@example.org'],
    ['angle brackets', '<gp@example.org>'],
    ['a dotted-twice local part', 'a..b@example.org'],
  ])('does not link an address with %s', (_what, raw) => {
    expect(emailHref(raw)).toBeUndefined();
    expect(parseEmailAddress(raw)).toBeUndefined();
  });
});
