// Small readers over FHIR R4 data shared by the section builders. Every one
// tolerates missing parts: sources send what they have.

import type { CodeableConcept, Coding, Reference, Resource } from '@medplum/fhirtypes';
import { formatName } from '../format/names';
import type { Provenance, SourceRef } from './model';

export const SNOMED = 'http://snomed.info/sct';
export const DMD = 'https://dmd.nhs.uk';
export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

/** dm+d codes are SNOMED CT identifiers, so the two systems name one code space. */
const SNOMED_SYSTEMS = new Set([SNOMED, DMD]);

export function isSnomed(system: string | undefined): boolean {
  return system !== undefined && SNOMED_SYSTEMS.has(system);
}

function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function codingsOf(concept: CodeableConcept | undefined): Coding[] {
  return Array.isArray(concept?.coding) ? concept.coding.filter((c) => c && typeof c === 'object') : [];
}

/** What the sender wrote (`text`), else the first coding's display. */
export function conceptText(concept: CodeableConcept | undefined): string | undefined {
  return (
    trimmed(concept?.text) ??
    codingsOf(concept)
      .map((c) => trimmed(c.display))
      .find(Boolean)
  );
}

/** True when the concept carries `code` in `system` (SNOMED and dm+d count as one). */
export function hasCode(concept: CodeableConcept | undefined, system: string, code: string): boolean {
  const wanted = isSnomed(system) ? (s: string | undefined) => isSnomed(s) : (s: string | undefined) => s === system;
  return codingsOf(concept).some((c) => c.code === code && wanted(c.system));
}

export function anyHasCode(concepts: CodeableConcept[] | undefined, system: string, code: string): boolean {
  return (concepts ?? []).some((c) => hasCode(c, system, code));
}

/** A code of the concept, preferring SNOMED CT / dm+d. */
export function primaryCode(concept: CodeableConcept | undefined): { system?: string; code: string } | undefined {
  const coded = codingsOf(concept).filter((c) => trimmed(c.code));
  const chosen = coded.find((c) => isSnomed(c.system)) ?? coded[0];
  return chosen ? { system: chosen.system, code: (chosen.code as string).trim() } : undefined;
}

/** The first code of a concept in the given system (e.g. a status code). */
export function codeIn(concept: CodeableConcept | undefined, system?: string): string | undefined {
  return codingsOf(concept).find((c) => (system === undefined || c.system === system) && trimmed(c.code))?.code;
}

/** `Type/id` of a literal reference, relative or absolute, without `_history`. */
export function referenceKey(reference: Reference | undefined): string | undefined {
  const literal = trimmed(reference?.reference);
  if (!literal || literal.startsWith('#')) return undefined;
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9.-]{1,64})(?:\/_history\/[^/]+)?$/.exec(literal);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

export function keyOf(resource: Resource): string {
  return `${resource.resourceType}/${resource.id ?? ''}`;
}

export type ResourceIndex = ReadonlyMap<string, Resource>;

export function indexResources(resources: Resource[]): ResourceIndex {
  return new Map(resources.filter((r) => r.id).map((r) => [keyOf(r), r]));
}

/** The resource a reference points at: contained (`#id`) in `container`, or in the source's results. */
export function resolve(reference: Reference | undefined, index: ResourceIndex, container?: Resource): Resource | undefined {
  const literal = trimmed(reference?.reference);
  if (literal?.startsWith('#') && container && 'contained' in container) {
    return (container.contained ?? []).find((r) => r?.id === literal.slice(1));
  }
  const key = referenceKey(reference);
  return key ? index.get(key) : undefined;
}

/** A readable name for a person or organisation resource. */
export function resourceName(resource: Resource | undefined): string | undefined {
  switch (resource?.resourceType) {
    case 'Practitioner':
    case 'Patient':
    case 'RelatedPerson': {
      const name = resource.name?.[0];
      return name ? formatName(name) : undefined;
    }
    case 'Organization':
      return trimmed(resource.name);
    case 'PractitionerRole':
      return trimmed(resource.practitioner?.display) ?? trimmed(resource.organization?.display);
    default:
      return undefined;
  }
}

/** The reference's own display, else the name of what it points at. */
export function referenceName(reference: Reference | undefined, index: ResourceIndex): string | undefined {
  return trimmed(reference?.display) ?? resourceName(resolve(reference, index));
}

export function provenanceOf(source: SourceRef, resource: Resource, details: { recorded?: string; author?: string } = {}): Provenance {
  return {
    source,
    resource: keyOf(resource),
    recorded: trimmed(details.recorded),
    lastUpdated: trimmed(resource.meta?.lastUpdated),
    author: details.author,
  };
}

/** Lower case, single spaces, no punctuation but hyphens: for comparing names across sources. */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s/-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
