import { describe, expect, it } from 'vitest';
import { keyMedicines } from './key-medicines';
import type { MedicationGroup, MedicationLine } from './model';
import { GP, NOW } from './fixtures';

function group(name: string, line: Partial<MedicationLine> = {}): MedicationGroup {
  const full: MedicationLine = {
    genericName: name,
    directions: '1 tablet, oral, once daily',
    route: 'oral route',
    status: 'active',
    current: true,
    kind: 'repeat',
    started: '2020-01-01',
    provenance: { source: GP, resource: `MedicationRequest/${name}` },
    ...line,
  };
  return { key: name, genericName: name, lines: [full], conflicts: [] };
}

// THOMPSON's current medicines as the builder lists them (by name).
const THOMPSON = [
  group('Amlodipine'),
  group('Apixaban'),
  group('Atorvastatin'),
  group('Bisoprolol'),
  group('Donepezil'),
  group('Furosemide'),
  group('Hyoscine butylbromide', { anticipatory: true, started: '2026-03-15' }),
  group('Lansoprazole'),
  group('Levomepromazine', { anticipatory: true, started: '2026-03-15' }),
  group('Midazolam', { anticipatory: true, started: '2026-03-15' }),
  group('Morphine sulfate', { anticipatory: true, started: '2026-03-15' }),
  group('Paracetamol'),
];

describe('key medicines for the first minutes', () => {
  it('lists just-in-case medicines first, then anticoagulants, never an alphabetical cut-off', () => {
    const { shown, rest } = keyMedicines(THOMPSON, NOW);
    expect(shown.map((k) => k.group.genericName)).toEqual([
      'Hyoscine butylbromide',
      'Levomepromazine',
      'Midazolam',
      'Morphine sulfate',
      'Apixaban',
      'Amlodipine',
      'Atorvastatin',
      'Bisoprolol',
    ]);
    expect(rest).toBe(4);
    expect(shown.find((k) => k.group.genericName === 'Morphine sulfate')?.label).toBe('Just in case (anticipatory) · Controlled drug');
    expect(shown.find((k) => k.group.genericName === 'Apixaban')?.label).toBe('Anticoagulant');
    expect(shown.find((k) => k.group.genericName === 'Amlodipine')?.label).toBeUndefined();
  });

  it('ranks anticoagulants, insulin, other high-risk, controlled drugs and recently started ones in that order', () => {
    const groups = [
      group('Zopiclone'),
      group('Lithium carbonate'),
      group('Insulin glargine'),
      group('Warfarin'),
      group('Ramipril', { started: '2026-07-01' }),
      group('Heparinoid cream'),
      group('Aspirin'),
    ];
    const { shown } = keyMedicines(groups, NOW, 6);
    expect(shown.map((k) => [k.group.genericName, k.reasons[0]])).toEqual([
      ['Warfarin', 'anticoagulant'],
      ['Insulin glargine', 'insulin'],
      ['Lithium carbonate', 'high-risk'],
      ['Zopiclone', 'controlled'],
      ['Ramipril', 'recently-started'],
      ['Aspirin', undefined],
    ]);
    expect(shown.find((k) => k.group.genericName === 'Ramipril')?.label).toBe('Started 01-Jul-2026');
  });

  it('does not call a long-standing medicine restarted on the ward recently started', () => {
    const restarted = group('Amlodipine', { kind: 'inpatient', started: '2026-07-13' });
    restarted.lines.push({ ...restarted.lines[0]!, kind: 'repeat', started: '2024-03-01' });
    expect(keyMedicines([restarted], NOW).shown[0]?.reasons).toEqual([]);
  });

  it("shows every key medicine even beyond the screen's room, and counts the rest", () => {
    const many = [
      'Warfarin',
      'Morphine sulfate',
      'Oxycodone',
      'Insulin aspart',
      'Methotrexate',
      'Clozapine',
      'Levodopa',
      'Prednisolone',
      'Digoxin',
    ].map((n) => group(n));
    const { shown, rest } = keyMedicines([...many, group('Simvastatin')], NOW);
    expect(shown).toHaveLength(9);
    expect(rest).toBe(1);
  });

  it('shows the line the patient takes now (the first current one) and leaves out groups with none', () => {
    const stoppedOnly = group('Ramipril', { current: false, status: 'stopped' });
    const { shown, rest } = keyMedicines([stoppedOnly, group('Amlodipine')], NOW);
    expect(shown.map((k) => k.line.genericName)).toEqual(['Amlodipine']);
    expect(rest).toBe(0);
  });
});
