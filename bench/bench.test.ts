// The bench's own logic, without a browser: NHS numbers, generated records,
// what the floor waits for, statistics and options. (Runs once vitest's unit
// project includes bench/**/*.test.ts.)
import { describe, expect, it } from 'vitest';
import { isValidNhsNumber } from '../src/sources/identity';
import { caseFigures } from './figures';
import { planFloor, type CapturedRequest } from './floor';
import { buildGeneratedRecord, countResources, generatedPatient, nhsCheckDigit, nhsNumberFor } from './generated-record';
import { parseOptions } from './options';

describe('generated records', () => {
  it('give each size its own valid NHS number, outside the sandbox patients', () => {
    const numbers = [1000, 10_000, 50_000, 2500].map(nhsNumberFor);
    for (const n of numbers) {
      expect(isValidNhsNumber(n)).toBe(true);
      expect(n.startsWith('9991')).toBe(true);
    }
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(nhsCheckDigit('943476591')).toBe(9);
  });

  it('hold exactly the resources asked for, in transaction Bundles of at most 2,000 entries, the same every time', () => {
    const patient = generatedPatient(5000);
    const record = buildGeneratedRecord(patient, new Date('2026-01-01T00:00:00Z'));
    expect(countResources(record)).toBe(5000);
    const bundles = Object.values(record).flat();
    expect(bundles.every((b) => b.type === 'transaction' && (b.entry?.length ?? 0) <= 2000)).toBe(true);
    const again = buildGeneratedRecord(patient, new Date('2026-01-01T00:00:00Z'));
    expect(JSON.stringify(again)).toBe(JSON.stringify(record));
  });
});

describe('the network floor', () => {
  const sandbox = 'http://127.0.0.1:8080';
  const req = (url: string, start: number, end: number, body?: string, method = 'GET'): CapturedRequest =>
    ({ method, url: `${sandbox}${url}`, type: 'fetch', status: 200, start, end, responseBytes: 0, bodyBytes: 0, ...(body === undefined ? {} : { body }) });

  it('waits only for the answers that held what a request needed', () => {
    const captured = [
      req('/auth/authorize?launch=x&aud=y', 0, 10),
      req('/auth/token', 20, 30, '{"access_token":"t","patient":"p-acute"}', 'POST'),
      req('/fhir/acute/Patient?_id=p-acute', 40, 60, '{"identifier":[{"value":"9990000018"}]}'),
      req('/fhir/acute/Flag?patient=p-acute', 41, 55, '{}'),
      req('/fhir/gp/Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018', 70, 80, '{"id":"p-gp-123"}'),
      req('/fhir/gp/Condition?patient=p-gp-123', 90, 100, `{"link":[{"relation":"next","url":"${sandbox}/fhir/gp/Condition?patient=p-gp-123&_count=50&_offset=50"}]}`),
      req('/fhir/gp/Condition?patient=p-gp-123&_count=50&_offset=50', 110, 120, '{}'),
    ];
    const plan = planFloor(captured, sandbox)!;
    const needs = Object.fromEntries(plan.nodes.map((n) => [n.captured.url.replace(sandbox, ''), n.needs.map((i) => plan.nodes[i]!.captured.url.replace(sandbox, ''))]));
    expect(needs).toEqual({
      '/fhir/acute/Patient?_id=p-acute': [],
      '/fhir/acute/Flag?patient=p-acute': [],
      '/fhir/gp/Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018': ['/fhir/acute/Patient?_id=p-acute'],
      '/fhir/gp/Condition?patient=p-gp-123': ['/fhir/gp/Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018'],
      // Page 2 needs page 1 (its next link) and, redundantly but truly, the patient's id at gp.
      '/fhir/gp/Condition?patient=p-gp-123&_count=50&_offset=50': [
        '/fhir/gp/Condition?patient=p-gp-123',
        '/fhir/gp/Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018',
      ],
    });
  });

  it('has nothing to replay when the launch never got a token', () => {
    expect(planFloor([req('/hosts/hospital?patient=1', 0, 5)], sandbox)).toBeUndefined();
  });
});

describe('figures and options', () => {
  it('give median, minimum and maximum, and null where no run could measure', () => {
    const f = caseFigures([
      { requests: 3, transferredKb: 1, sandboxRequests: 1, preflights: 0, repeatedRequests: 0, longTasks: 0, longTaskMs: 0, completeMs: 300, timelineElements: null },
      { requests: 3, transferredKb: 1, sandboxRequests: 1, preflights: 0, repeatedRequests: 0, longTasks: 0, longTaskMs: 0, completeMs: 100 },
      { requests: 3, transferredKb: 1, sandboxRequests: 1, preflights: 0, repeatedRequests: 0, longTasks: 0, longTaskMs: 0, completeMs: 200 },
    ]);
    expect(f.completeMs).toEqual({ median: 200, min: 100, max: 300, n: 3 });
    expect(f.timelineElements).toBeNull();
  });

  it('build the matrix from flags', () => {
    const options = parseOptions(['--case', '0018,10k', '--latency', '0,300', '--fail', 'acute', '--runs', '5']);
    if (options === 'help') throw new Error('unexpected');
    expect(options.cases.map((c) => c.id)).toEqual(['0018 0ms', '0018 300ms', '0018 300ms fail:acute', '10k 0ms', '10k 300ms', '10k 300ms fail:acute']);
    expect(options.runs).toBe(5);
    const defaults = parseOptions([]);
    if (defaults === 'help') throw new Error('unexpected');
    expect(defaults.cases).toHaveLength(12);
    expect(() => parseOptions(['--case', 'nope'])).toThrow(/Unknown case/);
  });
});
