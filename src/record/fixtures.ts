// Shared test fixtures for the record builders (used only by *.test.ts).

import type { Resource } from '@medplum/fhirtypes';
import type { BuildContext, SourceInput } from './build';
import type { SourceProblem, SourceProgress, SourceRef } from './model';

export const GP: SourceRef = { name: 'gp', organisation: 'Riverside Medical Practice', odsCode: 'ZZ001' };
export const ACUTE: SourceRef = { name: 'acute', organisation: 'Weald General Hospital NHS Trust', odsCode: 'ZZ002' };
export const COMMUNITY: SourceRef = { name: 'community', organisation: 'Downs Community Health NHS Trust', odsCode: 'ZZ003' };
export const SOCIAL: SourceRef = { name: 'social-care', organisation: 'County Council Social Care', odsCode: 'ZZ005' };
export const MENTAL_HEALTH: SourceRef = { name: 'mental-health', organisation: 'North Downs Mental Health NHS Trust', odsCode: 'ZZ004' };

export const NOW = new Date('2026-07-15T12:00:00Z');

export const SUBJECT = { reference: 'Patient/p1' };

/** `meta` marking a resource restricted (confidentiality R). */
export const RESTRICTED = { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] };

export function input(source: SourceRef, resources: Resource[], progress: SourceProgress = 'loaded'): SourceInput {
  return { source, resources, progress };
}

export function problem(source: SourceRef, kind: SourceProblem['kind'] = 'failed'): SourceProblem {
  return { source, kind, reason: `${source.organisation} did not answer`, at: '2026-07-15T11:59:00Z' };
}

export function context(skipped: string[] = []): BuildContext {
  return { now: NOW, onSkip: (source, resource) => skipped.push(`${source.name}:${resource.resourceType}/${resource.id}`) };
}

/** Casts hand-written JSON (including deliberately wrong shapes) to a Resource. */
export function raw(value: object): Resource {
  return value as Resource;
}
