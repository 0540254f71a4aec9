import { beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '@medplum/fhirtypes';
import { ensureFhirDefinitions } from './definitions';
import { planSearch, sortResources } from './search';

beforeAll(() => ensureFhirDefinitions());

const BASE = 'http://127.0.0.1:8080/fhir/gp';
const plan = (query: string) => planSearch('Observation', new URLSearchParams(query), BASE);

describe('planSearch', () => {
  it('pages by 50 by default and at most 1000', () => {
    expect(plan('patient=1')).toMatchObject({ count: 50, offset: 0 });
    expect(plan('patient=1&_count=5000&_offset=20')).toMatchObject({ count: 1000, offset: 20 });
    expect(plan('patient=1&_summary=count').count).toBe(0);
  });

  it("keeps the client's parameters, not paging, for links", () => {
    expect(plan('patient=1&_count=10&_offset=10&_sort=-date').linkParams).toEqual([
      ['patient', '1'],
      ['_sort', '-date'],
    ]);
  });

  it('writes reference values in the form the engine matches', () => {
    expect(plan('subject=1').request.filters?.[0]?.value).toMatch(/(^|,)Patient\/1(,|$)/);
    expect(plan('subject:Patient=1').request.filters?.[0]?.value).toBe('Patient/1');
    expect(plan(`subject=${encodeURIComponent(`${BASE}/Patient/1`)}`).request.filters?.[0]?.value).toBe('Patient/1');
  });

  it('gives the same key to every page of one search', () => {
    expect(plan('patient=1&_count=10').key).toBe(plan('patient=1&_count=20&_offset=40').key);
    expect(plan('patient=1').key).not.toBe(plan('patient=2').key);
  });

  it('refuses what the engine would answer wrongly', () => {
    for (const query of [
      'nonsense=1',
      'value-quantity=5',
      'code:in=x',
      'code:text=x',
      'subject:identifier=x',
      'name:exact=x',
      '_count=abc',
      'patient=',
      '_sort=value-string-nonsense',
      '_include=*',
    ]) {
      expect(() => plan(query), query).toThrow();
    }
  });
});

describe('sortResources', () => {
  const at = (id: string, date?: string): Observation => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { text: id },
    ...(date ? { effectiveDateTime: date } : {}),
  });

  it('sorts by date either way, undated last, ties in load order', () => {
    const list = [at('a', '2020-01-01'), at('none'), at('b', '2021-06-01T10:00:00+01:00'), at('c', '2020-01-01'), at('d', '2019')];
    sortResources(list, [{ code: 'date', descending: true }]);
    expect(list.map((r) => r.id)).toEqual(['b', 'a', 'c', 'd', 'none']);
    sortResources(list, [{ code: 'date' }]);
    expect(list.map((r) => r.id)).toEqual(['d', 'a', 'c', 'b', 'none']);
  });

  it('applies the first rule first', () => {
    const list = [at('x', '2020-01-01'), at('a', '2021-01-01'), at('b', '2020-01-01')];
    list.forEach((o) => (o.code = { coding: [{ code: o.id === 'a' ? '2' : '1' }] }));
    sortResources(list, [{ code: 'code' }, { code: 'date', descending: true }]);
    expect(list.map((r) => r.id)).toEqual(['x', 'b', 'a']);
  });
});
