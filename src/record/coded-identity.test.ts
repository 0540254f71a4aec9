import { describe, expect, it } from 'vitest';
import { codedIdentity, identityKeys, isIdentifyingCoding, termWithoutLeadingCode } from './coded-identity';

const SCT = 'http://snomed.info/sct';
const DEGRADED_DRUG = { system: SCT, code: '196461000000101', display: 'Transfer-degraded drug allergy (record artifact)' };

describe('codes that do not identify the thing', () => {
  it.each([
    ['a transfer-degraded drug allergy', DEGRADED_DRUG],
    ['a transfer-degraded non-drug allergy', { system: SCT, code: '196471000000108' }],
    ['a transfer-degraded record entry', { system: SCT, code: '196411000000103' }],
    ['a data-absent reason', { system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown' }],
    ['a null flavour', { system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor', code: 'UNK' }],
    ['SNOMED CT "Unknown"', { system: SCT, code: '261665006' }],
    ['a local "unknown"', { system: 'https://pathology.example.nhs.uk/codes', code: 'UNKNOWN' }],
    ['a coding with no code', { system: SCT, display: 'Penicillin' }],
  ])('%s does not identify', (_, coding) => {
    expect(isIdentifyingCoding(coding)).toBe(false);
  });

  it('a real code does, and a local code that happens to be short is not taken for a null flavour', () => {
    expect(isIdentifyingCoding({ system: SCT, code: '764146007' })).toBe(true);
    expect(isIdentifyingCoding({ system: 'https://pathology.example.nhs.uk/codes', code: 'NA' })).toBe(true);
  });
});

describe('termWithoutLeadingCode', () => {
  it.each([
    ['9339101000001105 | Septrin', 'Septrin'],
    ['294505008: Allergy to amoxicillin', 'Allergy to amoxicillin'],
    ['14L..00 H/O: drug allergy', 'H/O: drug allergy'],
    ['(TJ00.) Adverse reaction to penicillins', 'Adverse reaction to penicillins'],
    ['XaBVJ | Allergy to penicillin', 'Allergy to penicillin'],
    ["Resolved 'Allergy to amoxicillin' original code 294505008.", 'Allergy to amoxicillin'],
  ])('%s → %s', (text, term) => {
    expect(termWithoutLeadingCode(text)).toBe(term);
  });

  it.each(['Amox. rash', 'St. John’s wort', 'Penicillin', '24 hour urine protein', 'CHOL/HDL RATIO', '6-in-1 vaccine'])(
    'keeps %s as written',
    (text) => {
      expect(termWithoutLeadingCode(text)).toBe(text);
    },
  );
});

describe('codedIdentity and identityKeys', () => {
  it('a degraded allergy is known by its text alone', () => {
    const identity = codedIdentity({ coding: [DEGRADED_DRUG], text: 'Amoxicillin 250mg capsules' });
    expect(identity).toMatchObject({ name: 'Amoxicillin 250mg capsules', code: undefined, codes: [], degraded: true });
    expect(identityKeys(identity, 'gp')).toEqual(['text:amoxicillin 250mg capsules']);
  });

  it('two degraded entries with different words have different keys; with no words, none', () => {
    const a = identityKeys(codedIdentity({ coding: [DEGRADED_DRUG], text: 'Septrin' }), 'gp');
    const b = identityKeys(codedIdentity({ coding: [DEGRADED_DRUG], text: 'Aspirin' }), 'gp');
    expect(a).not.toEqual(b);
    const bare = codedIdentity({ coding: [DEGRADED_DRUG] });
    expect(bare.name).toBe('Transfer-degraded drug allergy (record artifact)');
    expect(identityKeys(bare, 'gp')).toEqual([]);
  });

  it('a coded entry is known by every code it carries, SNOMED CT and dm+d as one space', () => {
    const identity = codedIdentity({
      coding: [
        { system: 'http://loinc.org', code: '59261-8' },
        { system: 'https://dmd.nhs.uk', code: '999791000000106', display: 'HbA1c level' },
      ],
    });
    expect(identity.code).toEqual({ system: 'https://dmd.nhs.uk', code: '999791000000106' });
    expect(identityKeys(identity, 'gp')).toEqual(['http://loinc.org|59261-8', 'sct|999791000000106']);
  });

  it('a code with no system counts only within its own source', () => {
    const identity = codedIdentity({ coding: [{ code: 'K' }], text: 'Potassium' });
    expect(identityKeys(identity, 'acute')).toEqual(['acute#|K']);
  });

  it('a data-absent-reason extension on the concept leaves only the words', () => {
    const identity = codedIdentity({
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }],
      coding: [{ system: SCT, code: '22298006' }],
      text: 'Heart attack, date unknown',
    });
    expect(identity.codes).toEqual([]);
    expect(identity.name).toBe('Heart attack, date unknown');
  });

  it('GP Connect’s resolved allergy keeps its original SNOMED CT code for grouping', () => {
    const identity = codedIdentity({ coding: [DEGRADED_DRUG], text: "Resolved 'Allergy to amoxicillin' original code 294505008." });
    expect(identity.name).toBe('Allergy to amoxicillin');
    expect(identityKeys(identity, 'gp')).toEqual(['sct|294505008']);
  });

  it('the text is the name; a display is used only when there is none', () => {
    expect(codedIdentity({ coding: [{ system: SCT, code: '764146007', display: 'Penicillin' }], text: 'Penicillin V' }).name).toBe(
      'Penicillin V',
    );
    expect(codedIdentity({ coding: [{ system: SCT, code: '764146007', display: 'Penicillin' }] }).name).toBe('Penicillin');
    expect(codedIdentity(undefined)).toEqual({ name: undefined, code: undefined, codes: [], degraded: false, naming: undefined });
  });
});
