import { afterEach, describe, expect, it } from 'vitest';
import { BreakGlassTokens, readBreakGlassForm } from './break-glass';
import { isBreakGlass, type AccessGrant } from './grant';

const base: AccessGrant = {
  clientId: 'care-record-viewer',
  scopes: ['patient/*.rs'],
  userId: 'sarah.ahmed',
  role: 'gp',
  patient: { source: 'gp', id: 'p1', nhsNumber: '9990000050' },
  expiresAt: 0,
};

let clock = Date.parse('2025-11-22T10:00:00Z');
const ended: Array<[string | undefined, string]> = [];
const tokens = new BreakGlassTokens({ minutes: 30, now: () => clock, onEnd: (grant, how) => ended.push([grant.userId, how]) });
afterEach(() => {
  ended.length = 0;
});

describe('break-glass tokens', () => {
  it('carry purpose of use BTG for thirty minutes, then end, and the end is reported once', () => {
    const { token, grant } = tokens.start(base, 'emergency-care');
    expect(grant).toMatchObject({
      purposeOfUse: 'BTG',
      breakGlass: { reason: 'emergency-care' },
      patient: base.patient,
      scopes: base.scopes,
    });
    expect(grant.expiresAt - grant.breakGlass.startedAt).toBe(30 * 60);
    expect(isBreakGlass(tokens.find(token)!, clock)).toBe(true);
    clock += 30 * 60 * 1000;
    expect(tokens.find(token)).toBeUndefined();
    expect(tokens.find(token)).toBeUndefined();
    expect(ended).toEqual([['sarah.ahmed', 'expired']]);
  });

  it('end early when the user ends them', () => {
    const { token } = tokens.start(base, 'other', 'Patient unconscious, no relative present', 'p1');
    expect(tokens.contextPatientIdOf(token)).toBe('p1');
    expect(tokens.end(token)).toBe(true);
    expect(tokens.end(token)).toBe(false);
    expect(ended).toEqual([['sarah.ahmed', 'ended']]);
    tokens.close();
  });

  it('need a known reason, and text for "other"', () => {
    expect(readBreakGlassForm(new URLSearchParams('reason=safeguarding'))).toEqual({ ok: true, reason: 'safeguarding' });
    expect(readBreakGlassForm(new URLSearchParams('reason=other&text=%20Why%20'))).toEqual({ ok: true, reason: 'other', text: 'Why' });
    expect(readBreakGlassForm(new URLSearchParams('reason=other')).ok).toBe(false);
    expect(readBreakGlassForm(new URLSearchParams('reason=curiosity')).ok).toBe(false);
    expect(readBreakGlassForm(new URLSearchParams({ reason: 'safeguarding', text: 'x'.repeat(501) })).ok).toBe(false);
  });
});
