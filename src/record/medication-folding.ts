// What folds into what: an issue into its plan, a plan into the statement
// based on it, a dispense or a dose given into the prescription it fulfils,
// so that one medicine recorded several ways by one source is one line.

import type {
  MedicationAdministration,
  MedicationDispense,
  MedicationRequest,
  MedicationStatement,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { keyOf, referenceKey, resolve, type ResourceIndex } from './fhir';

export interface Folded {
  plan?: MedicationRequest;
  issues: MedicationRequest[];
  dispenses: MedicationDispense[];
  administrations: MedicationAdministration[];
}

/** The MedicationRequest a reference names in this source's results. */
export function requestAt(reference: Reference | undefined, index: ResourceIndex): MedicationRequest | undefined {
  const target = resolve(reference, index);
  return target?.resourceType === 'MedicationRequest' ? target : undefined;
}

/**
 * Which line each record belongs to: an issue to its plan, a plan to the
 * statement based on it, a dispense or a dose given to the prescription it
 * fulfils (and on to that prescription's line). Keyed by `Type/id`.
 */
export class Folding {
  readonly #owner = new Map<string, string>();

  constructor(index: ResourceIndex, requests: MedicationRequest[], statements: MedicationStatement[]) {
    const plans = new Set(requests.filter((r) => r.intent === 'plan').map(keyOf));
    for (const request of requests) {
      if (request.intent === 'plan') continue;
      const plan = (request.basedOn ?? []).map(referenceKey).find((k): k is string => !!k && plans.has(k));
      if (plan) this.#owner.set(keyOf(request), plan);
    }
    for (const statement of statements) {
      for (const ref of [...(statement.basedOn ?? []), ...(statement.derivedFrom ?? [])]) {
        const request = requestAt(ref, index);
        if (request && !this.#owner.has(keyOf(request))) this.#owner.set(keyOf(request), keyOf(statement));
      }
    }
  }

  /** The record whose line `key` is shown on (itself when it stands alone). */
  home(key: string): string {
    let at = key;
    for (let hops = 0; hops < 3 && this.#owner.has(at); hops++) at = this.#owner.get(at) as string;
    return at;
  }

  isFolded(resource: Resource): boolean {
    return this.#owner.has(keyOf(resource));
  }

  directOwner(resource: Resource): string | undefined {
    return this.#owner.get(keyOf(resource));
  }
}

export function ofKind<T extends Resource['resourceType']>(resources: Resource[], type: T): Extract<Resource, { resourceType: T }>[] {
  return resources.filter((r): r is Extract<Resource, { resourceType: T }> => r?.resourceType === type);
}

/** What folds into each line-owning record, by its key. */
export function collectFolded(resources: Resource[], index: ResourceIndex, folding: Folding): Map<string, Folded> {
  const folded = new Map<string, Folded>();
  const at = (key: string) => {
    const entry = folded.get(key) ?? { issues: [], dispenses: [], administrations: [] };
    folded.set(key, entry);
    return entry;
  };
  for (const request of ofKind(resources, 'MedicationRequest')) {
    const owner = folding.directOwner(request);
    if (!owner) continue;
    if (owner.startsWith('MedicationStatement/')) at(owner).plan ??= request;
    else at(folding.home(keyOf(request))).issues.push(request);
  }
  for (const dispense of ofKind(resources, 'MedicationDispense')) {
    const request = (dispense.authorizingPrescription ?? []).map((r) => requestAt(r, index)).find(Boolean);
    if (request) at(folding.home(keyOf(request))).dispenses.push(dispense);
  }
  for (const administration of ofKind(resources, 'MedicationAdministration')) {
    const request = requestAt(administration.request, index);
    if (request) at(folding.home(keyOf(request))).administrations.push(administration);
  }
  return folded;
}
