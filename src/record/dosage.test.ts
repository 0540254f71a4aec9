import { describe, expect, it } from 'vitest';
import { describeDosage, DOSE_NOT_RECORDED } from './dosage';

const ORAL = { coding: [{ system: 'http://snomed.info/sct', code: '26643006', display: 'Oral route' }] };
const SUBCUT = { coding: [{ system: 'http://snomed.info/sct', code: '34206005', display: 'Subcutaneous route' }] };
const mg = (value: number) => ({ doseAndRate: [{ doseQuantity: { value, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }] });

describe('the dose part of the medicine line', () => {
  it('puts dose, route and frequency in NHS order', () => {
    expect(describeDosage([{ ...mg(5), route: ORAL, timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } } }]).directions).toBe(
      '5 mg, oral, once daily',
    );
  });

  it('keeps several instructions in sequence order, the route said once', () => {
    const clozapine = describeDosage([
      { sequence: 2, text: '200mg at night', ...mg(200), route: ORAL, timing: { repeat: { when: ['NIGHT'] } } },
      { sequence: 1, text: '100mg in the morning', ...mg(100), route: ORAL, timing: { repeat: { when: ['MORN'] } } },
    ]);
    expect(clozapine.directions).toBe('100 mg, oral, in the morning; then 200 mg, at night');
    expect(clozapine.instructions).toBe('100mg in the morning; then 200mg at night');
    expect(clozapine.dose).toBeUndefined();
  });

  it('joins instructions that apply together (one sequence number) with "and"', () => {
    const together = describeDosage([
      { sequence: 1, ...mg(10), route: ORAL, timing: { repeat: { when: ['MORN'] } } },
      { sequence: 1, ...mg(5), route: SUBCUT, timing: { repeat: { when: ['NIGHT'] } } },
    ]);
    expect(together.directions).toBe('10 mg, oral, in the morning and 5 mg, subcutaneous, at night');
  });

  it("shows the prescriber's text with the route when there is no structured dose, without saying the route twice", () => {
    expect(describeDosage([{ text: 'Two tablets at night', route: ORAL }]).directions).toBe('Two tablets at night, oral');
    expect(describeDosage([{ text: '2.5mg to 5mg subcutaneously every 4 hours when required', route: SUBCUT }]).directions).toBe(
      '2.5mg to 5mg subcutaneously every 4 hours when required',
    );
  });

  it('prefers the text when the structured dose says nothing of when (insulin "with meals, by carbohydrate count")', () => {
    const aspart = describeDosage([{ text: 'With meals, according to carbohydrate counting', ...mg(4), route: SUBCUT }]);
    expect(aspart.directions).toBe('With meals, according to carbohydrate counting, subcutaneous');
  });

  it('says "as directed" when that is what the source says, in the text or the patient instruction', () => {
    expect(describeDosage([{ text: 'As directed' }]).directions).toBe('As directed');
    expect(describeDosage([{ patientInstruction: 'Use as directed by the clinic', route: SUBCUT }]).directions).toBe(
      'Use as directed by the clinic, subcutaneous',
    );
    expect(describeDosage([{ additionalInstruction: [{ text: 'As directed' }] }]).directions).toBe('As directed');
  });

  it('says "dose not recorded" with whatever else is known, never the route alone', () => {
    expect(describeDosage(undefined).directions).toBe(DOSE_NOT_RECORDED);
    expect(describeDosage([{ route: ORAL, timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } } }]).directions).toBe(
      'dose not recorded, oral, twice daily',
    );
    expect(describeDosage([{ asNeededBoolean: true }]).directions).toBe('dose not recorded, as required');
  });

  it('never shows a number without its unit as if the unit were known', () => {
    expect(
      describeDosage([{ doseAndRate: [{ doseQuantity: { value: 1 } }], timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } } }])
        .directions,
    ).toBe('1 (unit not recorded), once daily');
  });
});
