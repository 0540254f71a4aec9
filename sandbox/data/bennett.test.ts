// BENNETT's generated record: its size, its spread over sources and fifty
// years, its bundles, and how long it takes to generate.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Encounter, Resource } from '@medplum/fhirtypes';
import { SOURCE_NAMES } from '../config';
import { BENNETT_PLAN, buildBennett } from './bennett';
import { resourcesOf } from './inspect';
import type { Seed } from './seed';

const TODAY = new Date('2026-03-15T10:30:00Z');
let bennett: Seed;
let generationMs: number;

beforeAll(() => {
  buildBennett(TODAY); // warm up the JIT, then measure
  const started = performance.now();
  bennett = buildBennett(TODAY);
  generationMs = performance.now() - started;
  console.info(
    `BENNETT generated in ${Math.round(generationMs)} ms: ${SOURCE_NAMES.map((s) => `${s} ${bennett[s].length} bundles`).join(', ')}`,
  );
});

function count(type: Resource['resourceType']): number {
  return SOURCE_NAMES.reduce((n, s) => n + resourcesOf(bennett, s).filter((r) => r.resourceType === type).length, 0);
}

describe('BENNETT, Susan (999 000 0085)', () => {
  it('has about 20,000 Observations, 3,000 Encounters, 600 medication orders, 150 Conditions and 400 documents', () => {
    expect(count('Observation')).toBe(20_000);
    expect(count('Encounter')).toBe(3_000);
    expect(count('MedicationRequest')).toBe(600);
    expect(count('Condition')).toBe(150);
    expect(count('DocumentReference')).toBe(400);
  });

  it('spreads them over all five sources and fifty years', () => {
    const starts: number[] = [];
    for (const source of SOURCE_NAMES) {
      const encounters = resourcesOf(bennett, source).filter((r): r is Encounter => r.resourceType === 'Encounter');
      expect(encounters.length, source).toBe(BENNETT_PLAN[source].encounters);
      starts.push(...encounters.map((e) => Date.parse(e.period!.start!)));
    }
    const years = (ms: number) => (TODAY.getTime() - ms) / (365.25 * 86_400_000);
    expect(years(Math.min(...starts))).toBeGreaterThan(48);
    expect(years(Math.min(...starts))).toBeLessThanOrEqual(50);
    expect(years(Math.max(...starts))).toBeLessThan(0.1);
    expect(Math.max(...starts)).toBeLessThan(TODAY.getTime());
  });

  it('comes in several transaction Bundles per large source, each at most 2,000 entries, each self-contained', () => {
    expect(bennett.gp.length).toBeGreaterThan(3);
    for (const source of SOURCE_NAMES) {
      for (const bundle of bennett[source]) {
        expect(bundle.entry!.length).toBeLessThanOrEqual(2000);
        const urls = new Set(bundle.entry!.map((e) => e.fullUrl));
        for (const [, ref] of JSON.stringify(bundle).matchAll(/"reference":"(urn:uuid:[^"]+)"/g)) expect(urls.has(ref)).toBe(true);
        // The patient is in every bundle, created once and found again by its local number.
        const patient = bundle.entry!.find((e) => e.resource?.resourceType === 'Patient')!;
        expect(patient.request?.ifNoneExist).toMatch(/^identifier=.+\|/);
      }
    }
  });

  it('labels every mental health resource about her as restricted', () => {
    for (const r of resourcesOf(bennett, 'mental-health')) {
      if (['Patient', 'Organization', 'Practitioner', 'PractitionerRole', 'Location'].includes(r.resourceType)) continue;
      expect(r.meta?.security?.[0]?.code, r.resourceType).toBe('R');
    }
  });

  // How long it takes is printed above (a measure, not a pass mark: a shared machine's load decides it).
  it('is deterministic', () => {
    expect(JSON.stringify(buildBennett(TODAY))).toBe(JSON.stringify(bennett));
  });
});
