// The medication corpus run through the section builder: each published shape
// gives the display written beside it.
import { describe, expect, it } from 'vitest';
import { buildMedications } from '../medications';
import { CORPUS_NOW } from './corpus';
import { MEDICATION_CORPUS, type MedicationsDisplay } from './medications';
import { medicationsDisplay } from './medications-display';

function display(c: (typeof MEDICATION_CORPUS)[number]): MedicationsDisplay {
  const inputs = [{ source: c.source, resources: c.resources }, ...(c.others ?? [])].map((i) => ({ ...i, progress: 'loaded' as const }));
  const skipped: string[] = [];
  const section = buildMedications(inputs, { now: CORPUS_NOW, onSkip: (_s, r) => skipped.push(`${r.resourceType}/${r.id}`) });
  expect(skipped, 'every record of the case can be read').toEqual([]);
  return medicationsDisplay(section, c.display);
}

describe('medication corpus', () => {
  it.each(MEDICATION_CORPUS.map((c) => [`${c.profile}: ${c.name}`, c] as const))('%s', (_name, c) => {
    expect(display(c)).toEqual(c.display);
  });

  it('covers every profile and every R4 medication resource type', () => {
    expect(new Set(MEDICATION_CORPUS.map((c) => c.profile))).toEqual(new Set(['UK Core R4', 'GP Connect', 'IPS', 'US Core (Synthea)']));
    const types = new Set(
      MEDICATION_CORPUS.flatMap((c) => [...c.resources, ...(c.others ?? []).flatMap((o) => o.resources)]).map((r) => r.resourceType),
    );
    for (const type of ['MedicationRequest', 'MedicationStatement', 'MedicationDispense', 'MedicationAdministration', 'Medication'])
      expect(types).toContain(type);
  });
});
