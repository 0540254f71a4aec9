import { describe, expect, it } from 'vitest';
import { drugClassOf } from './allergen-classes';

const SCT = 'http://snomed.info/sct';

describe('drugClassOf', () => {
  it.each([
    ['Amoxicillin', { system: SCT, code: '372687004' }, 'Penicillins'],
    ['Allergy to amoxicillin', { system: SCT, code: '294505008' }, 'Penicillins'],
    ['Amoxicillin 250mg capsules', undefined, 'Penicillins'],
    ['Co-amoxiclav', undefined, 'Penicillins'],
    ['Cefalexin', undefined, 'Cephalosporins'],
    ['Clarithromycin allergy', undefined, 'Macrolides'],
    ['Codeine phosphate', undefined, 'Opioids'],
    ['Ibuprofen', undefined, 'Non-steroidal anti-inflammatory drugs'],
    ['Ramipril', undefined, 'ACE inhibitors'],
  ])('%s is in %s', (name, code, expected) => {
    expect(drugClassOf(name, code)?.name).toBe(expected);
  });

  it('takes the class from the code when the name does not say it (a brand)', () => {
    expect(drugClassOf('Amoxil', { system: 'https://dmd.nhs.uk', code: '372687004' })).toEqual({
      name: 'Penicillins',
      member: 'a penicillin',
    });
  });

  it('says nothing for an allergen that is the class itself, or one it does not know', () => {
    expect(drugClassOf('Penicillin', { system: SCT, code: '764146007' })).toBeUndefined();
    expect(drugClassOf('Allergy to penicillin', { system: SCT, code: '91936005' })).toBeUndefined();
    expect(drugClassOf('Latex', undefined)).toBeUndefined();
    expect(drugClassOf('Peanut', { system: SCT, code: '762952008' })).toBeUndefined();
    expect(drugClassOf(undefined, undefined)).toBeUndefined();
  });

  it('reads a code only as SNOMED CT or dm+d', () => {
    expect(drugClassOf('Drug X', { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '372687004' })).toBeUndefined();
  });
});
