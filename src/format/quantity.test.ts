import { describe, expect, it } from 'vitest';
import { formatNumber, formatQuantity, formatRange, formatRatio, formatUnit } from './quantity';

const UCUM = 'http://unitsofmeasure.org';
const SCT = 'http://snomed.info/sct';

describe('formatNumber', () => {
  it('drops trailing zeros and keeps the leading zero', () => {
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(0.5)).not.toBe('.5');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(10)).toBe('10');
    expect(formatNumber(Number('0.50'))).toBe('0.5');
    expect(formatNumber(0.125)).toBe('0.125');
  });

  it('hides floating-point noise and groups thousands', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(10000)).toBe('10,000');
  });
});

describe('formatQuantity', () => {
  it('formats mass with UCUM codes', () => {
    expect(formatQuantity({ value: 5, unit: 'mg', system: UCUM, code: 'mg' })).toBe('5 mg');
    expect(formatQuantity({ value: 0.5, system: UCUM, code: 'mL' })).toBe('0.5 mL');
  });

  it('spells out micrograms and nanograms, singular for exactly one', () => {
    expect(formatQuantity({ value: 62.5, system: UCUM, code: 'ug', unit: 'µg' })).toBe('62.5 micrograms');
    expect(formatQuantity({ value: 1, system: UCUM, code: 'ug' })).toBe('1 microgram');
    expect(formatQuantity({ value: 500, system: UCUM, code: 'ng' })).toBe('500 nanograms');
    expect(formatQuantity({ value: 100, unit: 'mcg' })).toBe('100 micrograms');
  });

  it('spells out units', () => {
    expect(formatQuantity({ value: 10, system: UCUM, code: '[iU]' })).toBe('10 units');
    expect(formatQuantity({ value: 1, unit: 'IU' })).toBe('1 unit');
  });

  it('pluralises tablets and capsules', () => {
    expect(formatQuantity({ value: 1, system: UCUM, code: '{tablet}' })).toBe('1 tablet');
    expect(formatQuantity({ value: 2, system: SCT, code: '428673006', unit: 'tablet' })).toBe('2 tablets');
    expect(formatQuantity({ value: 0.5, unit: 'tablet' })).toBe('0.5 tablets');
    expect(formatQuantity({ value: 1, unit: 'capsules' })).toBe('1 capsule');
  });

  it('reads SNOMED (dm+d) unit codes', () => {
    expect(formatQuantity({ value: 5, system: SCT, code: '258684004', unit: 'milligram' })).toBe('5 mg');
    expect(formatQuantity({ value: 5, system: 'https://dmd.nhs.uk', code: '258773002' })).toBe('5 mL');
  });

  it('keeps an unknown unit as the sender wrote it', () => {
    expect(formatQuantity({ value: 2, unit: 'scoops', system: UCUM, code: '{scoop}' })).toBe('2 scoops');
    expect(formatQuantity({ value: 2, system: UCUM, code: '{scoop}' })).toBe('2 {scoop}');
    expect(formatQuantity({ value: 3 })).toBe('3');
    expect(formatQuantity({ value: 3, system: UCUM, code: 'constructor' })).toBe('3 constructor');
    expect(formatQuantity({ value: 3, unit: 'toString' })).toBe('3 toString');
  });

  it('keeps the comparator and attaches %', () => {
    expect(formatQuantity({ value: 5, comparator: '<', unit: 'mmol/L', code: 'mmol/L', system: UCUM })).toBe('<5 mmol/L');
    expect(formatQuantity({ value: 1, code: '%', system: UCUM })).toBe('1%');
  });

  it('returns undefined without a numeric value', () => {
    expect(formatQuantity(undefined)).toBeUndefined();
    expect(formatQuantity({ unit: 'mg' })).toBeUndefined();
    expect(formatQuantity({ value: Number.NaN, unit: 'mg' })).toBeUndefined();
    expect(formatQuantity({ value: '5' as unknown as number, unit: 'mg' })).toBeUndefined();
  });
});

describe('formatUnit', () => {
  it('gives the plural by default and undefined when there is none', () => {
    expect(formatUnit({ code: '{tablet}', system: UCUM })).toBe('tablets');
    expect(formatUnit({})).toBeUndefined();
  });

  it('writes vital-sign UCUM codes as people read them, also when the sender put the code in `unit` (Synthea)', () => {
    expect(formatQuantity({ value: 131, unit: 'mm[Hg]', system: UCUM, code: 'mm[Hg]' })).toBe('131 mmHg');
    expect(formatQuantity({ value: 36.8, unit: 'Cel', system: UCUM, code: 'Cel' })).toBe('36.8 °C');
    expect(formatQuantity({ value: 27.3, unit: 'kg/m2', system: UCUM, code: 'kg/m2' })).toBe('27.3 kg/m²');
  });
});

describe('formatRatio', () => {
  it('reads a per-tablet strength as the numerator alone', () => {
    expect(
      formatRatio({
        numerator: { value: 5, system: UCUM, code: 'mg' },
        denominator: { value: 1, system: SCT, code: '732936001', unit: 'tablet' },
      }),
    ).toBe('5 mg');
    expect(formatRatio({ numerator: { value: 5, code: 'mg', system: UCUM }, denominator: { value: 1 } })).toBe('5 mg');
    expect(formatRatio({ numerator: { value: 5, code: 'mg', system: UCUM } })).toBe('5 mg');
  });

  it('writes a liquid strength as a ratio', () => {
    expect(formatRatio({ numerator: { value: 10, code: 'mg', system: UCUM }, denominator: { value: 5, code: 'mL', system: UCUM } })).toBe(
      '10 mg/5 mL',
    );
    expect(
      formatRatio({ numerator: { value: 100, code: '[iU]', system: UCUM }, denominator: { value: 1, code: 'mL', system: UCUM } }),
    ).toBe('100 units/mL');
    expect(formatRatio({ numerator: { value: 250, code: 'ug', system: UCUM }, denominator: { value: 1, code: 'mL', system: UCUM } })).toBe(
      '250 micrograms/mL',
    );
  });

  it('returns undefined without a numerator value', () => {
    expect(formatRatio(undefined)).toBeUndefined();
    expect(formatRatio({ denominator: { value: 5, code: 'mL' } })).toBeUndefined();
  });
});

describe('formatRange', () => {
  it('writes the unit once when both ends share it', () => {
    expect(formatRange({ low: { value: 1, code: '{tablet}', system: UCUM }, high: { value: 2, code: '{tablet}', system: UCUM } })).toBe(
      '1 to 2 tablets',
    );
  });

  it('writes both units when they differ, and open ends in words', () => {
    expect(formatRange({ low: { value: 500, code: 'mg', system: UCUM }, high: { value: 1, code: 'g', system: UCUM } })).toBe(
      '500 mg to 1 g',
    );
    expect(formatRange({ high: { value: 4, code: '{puff}', system: UCUM } })).toBe('up to 4 puffs');
    expect(formatRange({ low: { value: 5, code: 'mg', system: UCUM } })).toBe('at least 5 mg');
    expect(formatRange({})).toBeUndefined();
  });
});
