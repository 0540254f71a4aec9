import { describe, expect, it } from 'vitest';
import { isNhsNumberDigits as isValidNhsNumber } from '../format/nhs-number';
import { launchIdentityOf, matchPatient, nhsNumbersOf } from './identity';
import { patient, resource } from './test-helpers/fake-fhir';

const HUGHES = { nhsNumber: '9990000069', birthDate: '1945-07-14', name: 'HUGHES, Robert' };

describe('NHS numbers', () => {
  it('checks Modulus 11', () => {
    for (const n of ['9990000018', '9990000026', '9990000069', '9434765919']) expect(isValidNhsNumber(n)).toBe(true);
    for (const n of ['9990000019', '999000001', 'abcdefghij', '9434765910']) expect(isValidNhsNumber(n)).toBe(false);
  });

  it('reads NHS numbers written with spaces and ignores invalid ones', () => {
    const p = patient('1');
    p.identifier = [
      { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '999 000 0069' },
      { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '1234567890' },
      { system: 'https://local.test/id', value: '9990000018' },
    ];
    expect(nhsNumbersOf(p)).toEqual(['9990000069']);
  });
});

describe('launchIdentityOf', () => {
  it('takes the NHS number, date of birth and name of the launch patient', () => {
    const p = patient('1', { nhs: '9990000069', born: '1945-07-14', family: 'Hughes', given: 'Robert' });
    expect(launchIdentityOf(p)).toEqual({ kind: 'ok', identity: HUGHES });
  });

  it('says why other sources cannot be searched without an NHS number (ACU-7731)', () => {
    const outcome = launchIdentityOf(patient('acu-7731', { born: '1986' }));
    expect(outcome.kind).toBe('no-nhs-number');
  });

  it('refuses a launch patient with two different NHS numbers', () => {
    const p = patient('1');
    p.identifier = [
      { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000069' },
      { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' },
    ];
    expect(launchIdentityOf(p)).toMatchObject({ kind: 'ambiguous' });
  });

  it('refuses when the NHS number stated by the launch differs', () => {
    const p = patient('1', { nhs: '9990000069', born: '1945-07-14' });
    expect(launchIdentityOf(p, '999 000 0018')).toMatchObject({ kind: 'identity-mismatch' });
    expect(launchIdentityOf(p, '999 000 0069')).toMatchObject({ kind: 'ok' });
  });
});

describe('matchPatient', () => {
  it('accepts the one patient whose NHS number and date of birth agree', () => {
    const p = patient('gp-1', { nhs: '9990000069', born: '1945-07-14', family: 'HUGHES', given: 'Bob' });
    expect(matchPatient(HUGHES, [p])).toEqual({ kind: 'accepted', patient: p });
  });

  it('rejects a different date of birth and names what differs (HUGHES at social care)', () => {
    const roberta = patient('sc-9', { nhs: '9990000069', born: '1954-03-02', family: 'HUGHES', given: 'Roberta' });
    expect(matchPatient(HUGHES, [roberta])).toEqual({
      kind: 'identity-mismatch',
      reason: 'date of birth differs; name differs',
    });
  });

  it('does not confirm a record without a date of birth', () => {
    const p = patient('x', { nhs: '9990000069' });
    expect(matchPatient(HUGHES, [p])).toEqual({ kind: 'identity-mismatch', reason: 'date of birth missing there' });
    expect(matchPatient({ nhsNumber: '9990000069' }, [patient('y', { nhs: '9990000069', born: '1945-07-14' })])).toMatchObject({
      kind: 'identity-mismatch',
    });
  });

  it('reports a source that does not hold the patient', () => {
    expect(matchPatient(HUGHES, [])).toEqual({ kind: 'not-held', reason: 'no record with NHS number 999 000 0069' });
  });

  it('ignores people with other NHS numbers returned by a server that ignored the search', () => {
    const other = patient('o', { nhs: '9990000018', born: '1945-07-14' });
    expect(matchPatient(HUGHES, [other, resource('OperationOutcome', 'x')])).toMatchObject({ kind: 'not-held' });
  });

  it('does not guess between two records with the same NHS number', () => {
    const a = patient('a', { nhs: '9990000069', born: '1945-07-14' });
    const b = patient('b', { nhs: '9990000069', born: '1945-07-14' });
    expect(matchPatient(HUGHES, [a, b])).toEqual({
      kind: 'ambiguous',
      reason: '2 records share NHS number 999 000 0069 here; none was used',
    });
  });
});
