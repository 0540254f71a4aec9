import { describe, expect, it } from 'vitest';
import { Faults, parseFaultSpec } from './faults';

describe('fault injection settings', () => {
  it('reads SANDBOX_FAULTS for single sources and for every source', () => {
    expect(parseFaultSpec('acute:latency=300,gp:fail=500,community:fail=timeout')).toEqual({
      acute: { latencyMs: 300 },
      gp: { fail: 500 },
      community: { fail: 'timeout' },
    });
    const all = parseFaultSpec('*:latency=100,gp:fail=500');
    expect(all['social-care']).toEqual({ latencyMs: 100 });
    expect(all.gp).toEqual({ latencyMs: 100, fail: 500 });
  });

  it('takes the audit endpoint and the identity provider as targets, but not in *', () => {
    expect(parseFaultSpec('audit:fail=500,idp:fail=timeout')).toEqual({ audit: { fail: 500 }, idp: { fail: 'timeout' } });
    expect(parseFaultSpec('*:latency=5')).not.toHaveProperty('idp');
  });

  it('treats an empty or missing spec as no faults', () => {
    expect(parseFaultSpec(undefined)).toEqual({});
    expect(parseFaultSpec('  ')).toEqual({});
  });

  it('refuses unknown sources and malformed entries with a message naming them', () => {
    expect(() => parseFaultSpec('pharmacy:latency=10')).toThrow(/pharmacy/);
    expect(() => parseFaultSpec('gp:latency=fast')).toThrow(/latencyMs/);
    expect(() => parseFaultSpec('gp:fail=404')).toThrow(/500 or "timeout"/);
    expect(() => parseFaultSpec('gp=slow')).toThrow(/Cannot read fault/);
  });

  it('replaces only the sources named, and clears', () => {
    const faults = new Faults({ gp: { latencyMs: 50 }, acute: { fail: 500 } });
    faults.set({ gp: { fail: 'timeout' } });
    expect(faults.get('gp')).toEqual({ fail: 'timeout' });
    expect(faults.get('acute')).toEqual({ fail: 500 });
    expect(faults.get('community')).toEqual({});
    faults.clear();
    expect(faults.all()).toEqual({});
  });
});
