// Every sandbox patient's medicines as the viewer's record builder reads them:
// no line without a dose (or "dose not recorded"), and the facts the
// medicines work relies on (FLETCHER's GP Connect-shaped record, THOMPSON's
// ward doses and just-in-case medicines).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Resource } from '@medplum/fhirtypes';
import { buildMedications, type MedicationSection } from '../../src/record/medications';
import { stopDateNotRecorded } from '../../src/record/medication-display';
import { keyMedicines } from '../../src/record/key-medicines';
import type { MedicationLine, SourceRef } from '../../src/record/model';
import { SOURCES, type SourceName } from '../config';
import { about, entriesOf, patientsWith, resourcesOf } from './inspect';
import { SCENARIO_PATIENTS, type ScenarioKey } from './patients';
import { buildSeed, type Seed } from './seed';

const TODAY = new Date('2026-03-15T10:30:00Z');
let seed: Seed;

beforeAll(() => {
  seed = buildSeed(TODAY);
  servedCache.clear();
});

/**
 * A source's resources as a server would give them: ids from their `urn:uuid:`
 * and references as `Type/id`, so that the builder resolves them as it does live.
 */
const servedCache = new Map<SourceName, Map<Resource, Resource>>();

/** Keyed by the seed's own resource object. */
function served(source: SourceName): Map<Resource, Resource> {
  const cached = servedCache.get(source);
  if (cached) return cached;
  const typeOf = new Map(entriesOf(seed, source).map((e) => [e.fullUrl ?? '', e.resource?.resourceType ?? '']));
  const literal = (ref: string) => `${typeOf.get(ref)}/${ref.slice('urn:uuid:'.length)}`;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === 'reference' && typeof v === 'string' && v.startsWith('urn:uuid:') ? literal(v) : rewrite(v),
      ]),
    );
  };
  const out = new Map<Resource, Resource>();
  for (const entry of entriesOf(seed, source)) {
    if (!entry.fullUrl || !entry.resource || out.has(entry.resource)) continue;
    out.set(entry.resource, { ...(rewrite(entry.resource) as Resource), id: entry.fullUrl.slice('urn:uuid:'.length) });
  }
  servedCache.set(source, out);
  return out;
}

const SUPPORTING = new Set(['Medication', 'Practitioner', 'PractitionerRole', 'Organization', 'Location']);

/** The medication section for one scenario patient, from every source that holds them. */
function medicinesOf(key: ScenarioKey): MedicationSection {
  const p = SCENARIO_PATIENTS.find((x) => x.key === key)!;
  const inputs = SOURCES.flatMap(({ name, organisation }) => {
    const local = p.localIds[name];
    if (!local) return [];
    const [patient] = patientsWith(seed, name, local);
    if (!patient) return [];
    const all = served(name);
    const mine = about(seed, name, patient.fullUrl).map((r) => all.get(r)!);
    const supporting = resourcesOf(seed, name)
      .filter((r) => SUPPORTING.has(r.resourceType))
      .map((r) => all.get(r)!);
    const source: SourceRef = { name, organisation };
    return [{ source, progress: 'loaded' as const, resources: [...mine, ...supporting] }];
  });
  return buildMedications(inputs, { now: TODAY });
}

const everyLine = (section: MedicationSection): MedicationLine[] => [...section.items, ...section.recentlyStopped].flatMap((g) => g.lines);

/** The line carries the dose the source gave: its structured dose, else its own words, else says "dose not recorded". */
function saysTheDose(line: MedicationLine): boolean {
  if (line.directions.startsWith('dose not recorded')) return true;
  if (line.dose && line.directions.includes(line.dose)) return true;
  // Several structured instructions: each says its amount.
  if (/\b\d[\d.,]*\s*(mg|g|micrograms?|units?|mL|tablets?|capsules?|puffs?|doses?)\b/.test(line.directions)) return true;
  const firstWords = line.instructions?.split('; then ')[0];
  return firstWords !== undefined && line.directions.includes(firstWords);
}

describe("every sandbox patient's medicine lines", () => {
  const patients = SCENARIO_PATIENTS.map((p) => p.key);

  it.each(patients)('%s: every line has a dose, or says "dose not recorded", and never the route alone', (key) => {
    const lines = everyLine(medicinesOf(key));
    for (const line of lines) {
      expect(line.directions.trim(), `${key}: ${line.genericName}`).not.toBe('');
      expect(saysTheDose(line), `${key}: ${line.genericName}: "${line.directions}"`).toBe(true);
      expect(line.directions.toLowerCase(), `${key}: ${line.genericName}`).not.toMatch(/^(oral|subcutaneous|inhalation)( route)?$/);
    }
  });

  it('the sandbox\'s data is complete: no line anywhere needs "dose not recorded"', () => {
    const all = patients.flatMap((key) => everyLine(medicinesOf(key)).map((l) => `${key}: ${l.genericName}: ${l.directions}`));
    expect(all.length).toBeGreaterThan(40);
    expect(all.filter((l) => l.includes('dose not recorded'))).toEqual([]);
  });

  it('no stop date is ever a date the record does not hold (meta.lastUpdated is never read)', () => {
    const held = JSON.stringify(seed);
    for (const key of patients) {
      for (const line of everyLine(medicinesOf(key)).filter((l) => l.stopped)) {
        expect(held, `${key}: ${line.genericName}`).toContain(`"${line.stopped}"`);
      }
    }
  });
});

describe('FLETCHER (999 000 1138): a GP record shaped the UK Core / GP Connect way', () => {
  it('shows her MedicationStatements as current medicines, each with its plan and issues folded in', () => {
    const { items } = medicinesOf('fletcher');
    const gpLines = items.flatMap((g) => g.lines).filter((l) => l.provenance.source.name === 'gp');
    expect(gpLines.map((l) => l.genericName).sort()).toEqual(['Atorvastatin', 'Lisinopril', 'Metformin', 'Nintedanib']);
    for (const line of gpLines) expect(line.provenance.resource).toMatch(/^MedicationStatement\//);
    expect(gpLines.find((l) => l.genericName === 'Metformin')).toMatchObject({
      kind: 'repeat',
      directions: 'One tablet twice a day with meals, oral',
      current: true,
    });
    expect(gpLines.find((l) => l.genericName === 'Metformin')?.lastIssued?.slice(0, 10)).toBe('2026-03-04');
  });

  it("groups the hospital's nintedanib with the GP's statement, prescribed by another organisation, last dispensed by the hospital", () => {
    const group = medicinesOf('fletcher').items.find((g) => g.genericName === 'Nintedanib')!;
    expect(group.lines.map((l) => l.provenance.source.name).sort()).toEqual(['acute', 'gp']);
    expect(group.lines.find((l) => l.provenance.source.name === 'gp')?.prescribedBy).toBe('Prescribed by another organisation');
    expect(group.lines.find((l) => l.provenance.source.name === 'acute')?.lastDispensed).toBe('2026-02-23T14:00:00Z');
  });

  it('shows the completed acute prescription with no end date as stopped, date not recorded, and the stopped repeat on its recorded date', () => {
    const { recentlyStopped } = medicinesOf('fletcher');
    expect(recentlyStopped.map((g) => [g.genericName, g.lines[0]?.stopped?.slice(0, 10), stopDateNotRecorded(g.lines[0]!)])).toEqual([
      ['Simvastatin', '2025-12-10', false],
      ['Amoxicillin', undefined, true],
    ]);
  });

  it('holds three different allergies under the transfer-degraded code, the allergen only in code.text', () => {
    const gp = patientsWith(seed, 'gp', '9990001138')[0]!;
    const degraded = about(seed, 'gp', gp.fullUrl, 'AllergyIntolerance').filter((a) => a.code?.coding?.[0]?.code === '196461000000101');
    expect(degraded.map((a) => a.code?.text)).toEqual(['Flucloxacillin', '9339101000001105 | Septrin', 'Codeine phosphate']);
  });
});

describe('THOMPSON (999 000 0018)', () => {
  it("shows the ward's amlodipine first with the last dose given, the GP's difference in words", () => {
    const amlodipine = medicinesOf('thompson').items.find((g) => g.genericName === 'Amlodipine')!;
    expect(amlodipine.lines[0]).toMatchObject({
      kind: 'inpatient',
      directions: '10 mg, oral, in the morning',
      lastGiven: { at: '2026-03-14T08:10:00Z', dose: '10 mg, oral' },
    });
    expect(amlodipine.conflicts[0]).toBe(
      'Dose differs: 10 mg in the morning (Weald General Hospital, inpatient); 5 mg once daily (Riverside Medical Practice)',
    );
  });

  it("lists her just-in-case morphine and midazolam among the paramedic's key medicines", () => {
    const { shown } = keyMedicines(medicinesOf('thompson').items, TODAY);
    const names = shown.map((k) => k.group.genericName);
    expect(names.slice(0, 4).sort()).toEqual(['Hyoscine butylbromide', 'Levomepromazine', 'Midazolam', 'Morphine sulfate']);
    expect(names[4]).toBe('Apixaban');
  });
});
