// The record's sections, each declared once, in the order the record holds
// them: what it needs from every source and, for the sections the first
// screen shows, its builder. The other sections' builders are a chunk loaded
// after the first screen (section-builders.ts, whose type makes it hold exactly
// those). The loader's queries, the alerts' first batch, the assembly order,
// the audit's section order and what a section holds before its builder
// arrives all follow from here; the views that show each section are
// components/care-record/views.ts, whose test checks every section is shown.

import { buildAdvanceDecisions } from './advance-decisions';
import { buildAllergies } from './allergies';
import type { BuildContext, SourceInput } from './build';
import { buildFlags } from './flags';
import type { CareRecord, SourceRef } from './model';
import { isMentalHealthSource, isSocialCareSource } from './care-common';
import { buildPatientSummaries } from './patient';
import {
  ALLERGY,
  APPOINTMENT,
  CARE_PLAN,
  CARE_TEAM,
  COMPOSITION,
  CONDITION,
  CONSENT,
  DIAGNOSTIC_REPORT,
  DOCUMENT_REFERENCE,
  ENCOUNTER,
  EPISODE_OF_CARE,
  FETCH_ORDER,
  FLAG,
  IMMUNIZATION,
  MEDICATION,
  MEDICATION_ADMINISTRATION,
  MEDICATION_DISPENSE,
  MEDICATION_STATEMENT,
  OBSERVATION,
  PATIENT,
  PROCEDURE,
  RELATED_PERSON,
  SERVICE_REQUEST,
  type ResourceQuery,
} from './queries';

/** A section of the record, by its name in the CareRecord. */
export type SectionName = Exclude<keyof CareRecord, 'sources'>;

/** What a section holds besides its per-source progress and notices. */
export type SectionContent<K extends SectionName> = Omit<CareRecord[K], 'progress' | 'notices'>;

/** A section's builder: from every source's input, its content. */
export type SectionBuilder<K extends SectionName> = (inputs: SourceInput[], context: BuildContext) => SectionContent<K>;

/** Builders by section. */
export type SectionBuilders = { [K in SectionName]: SectionBuilder<K> };

export interface SectionSpec<K extends SectionName> {
  /** What it needs from every source; it is loading until each has answered. */
  readonly queries: readonly ResourceQuery[];
  /** Shown in the alerts strip: its searches go in the first batch. */
  readonly alert?: true;
  /** Its builder when the first screen shows it (the record page's own code builds it); else it is in section-builders.ts. */
  readonly build?: SectionBuilder<K>;
  /** What it holds besides `items` until its builder has loaded. */
  readonly pending?: Partial<SectionContent<K>>;
  /** What its entries are called when withheld ("3 medicines withheld"), where the resource types would read worse. */
  readonly withheldAs?: readonly [one: string, many: string];
  /**
   * When it holds nothing of its own: how it says so, and which sources' contacts in the
   * timeline bear on it, counted after that (elsewhere.ts), so "none" is never all it says.
   */
  readonly elsewhere?: { readonly none: string; readonly from: (source: SourceRef) => boolean };
}

export type SectionRegistry = { readonly [K in SectionName]: SectionSpec<K> };

const items =
  <T>(build: (inputs: SourceInput[], context: BuildContext) => T[]) =>
  (inputs: SourceInput[], context: BuildContext): { items: T[] } => ({ items: build(inputs, context) });

/** Every section, in the record's order. */
export const SECTIONS = {
  patient: { queries: [PATIENT], build: items(buildPatientSummaries) },
  // A DNACPR may be coded as a Condition; a ReSPECT form's recommendations come as a CarePlan.
  advanceDecisions: {
    queries: [CONSENT, FLAG, CONDITION, CARE_PLAN],
    alert: true,
    build: items(buildAdvanceDecisions),
    // Any of them could hold a decision: counted, not named as problems or flags.
    withheldAs: ['record', 'records'],
  },
  flags: { queries: [FLAG, CARE_PLAN], alert: true, build: items(buildFlags) },
  allergies: { queries: [ALLERGY], alert: true, build: buildAllergies, pending: { statuses: [] } },
  medications: {
    queries: [MEDICATION, MEDICATION_STATEMENT, MEDICATION_DISPENSE, MEDICATION_ADMINISTRATION],
    pending: { recentlyStopped: [] },
    withheldAs: ['medicine', 'medicines'],
  },
  problems: { queries: [CONDITION], withheldAs: ['problem or diagnosis', 'problems and diagnoses'] },
  procedures: { queries: [PROCEDURE] },
  results: { queries: [OBSERVATION, DIAGNOSTIC_REPORT], withheldAs: ['result or report', 'results and reports'] },
  immunisations: { queries: [IMMUNIZATION] },
  timeline: {
    queries: [ENCOUNTER, APPOINTMENT, SERVICE_REQUEST, DOCUMENT_REFERENCE, COMPOSITION, EPISODE_OF_CARE, CARE_PLAN, PROCEDURE],
    withheldAs: ['timeline entry', 'timeline entries'],
  },
  documents: { queries: [DOCUMENT_REFERENCE, COMPOSITION], withheldAs: ['document', 'documents'] },
  carePlans: { queries: [CARE_PLAN], withheldAs: ['care plan', 'care plans'] },
  careTeam: {
    queries: [CARE_TEAM],
    withheldAs: ['care team', 'care teams'],
    // A care team is named by whoever the person has contact with: any source.
    elsewhere: { none: 'No care team recorded', from: () => true },
  },
  relatedPersons: { queries: [RELATED_PERSON] },
  // Where the person is now reads the Patient (address), in-progress Encounters and care packages.
  location: { queries: [PATIENT, ENCOUNTER, CARE_PLAN] },
  socialCare: {
    queries: [EPISODE_OF_CARE, CARE_PLAN, CARE_TEAM, FLAG],
    elsewhere: { none: 'No social care summary recorded', from: isSocialCareSource },
  },
  mentalHealth: {
    queries: [CARE_TEAM, CONDITION, CARE_PLAN, EPISODE_OF_CARE, FLAG],
    withheldAs: ['mental health entry', 'mental health entries'],
    elsewhere: { none: 'No mental health summary recorded', from: isMentalHealthSource },
  },
} as const satisfies SectionRegistry;

/** The sections that say what the timeline holds for them when they hold nothing. */
export type ElsewhereSection = { [K in SectionName]: (typeof SECTIONS)[K] extends { elsewhere: unknown } ? K : never }[SectionName];

/** The sections the first screen shows, built by the record page's own code. */
export type FirstScreenSection = { [K in SectionName]: (typeof SECTIONS)[K] extends { build: unknown } ? K : never }[SectionName];

/** The sections whose builders come in a chunk of their own (section-builders.ts). */
export type LaterSection = Exclude<SectionName, FirstScreenSection>;

/** The names of a registry's sections, in its order. */
export function sectionNames<R extends object>(registry: R): (keyof R & string)[] {
  return Object.keys(registry) as (keyof R & string)[];
}

/** The first screen's builders (patient, alerts), as the registry gives them. */
export function firstScreenBuilders(registry: Partial<SectionRegistry> = SECTIONS): Partial<SectionBuilders> {
  return Object.fromEntries(Object.entries(registry).flatMap(([name, spec]) => (spec.build ? [[name, spec.build]] : [])));
}

/** The resource types a section waits for. */
export function sectionResourceTypes(section: SectionName, registry: Partial<SectionRegistry> = SECTIONS): string[] {
  return (registry[section]?.queries ?? []).map((q) => q.resourceType);
}

/**
 * Every search the sections need, once each (by resource type), in fetch
 * order; a search no fetch order names goes last, in section order.
 */
export function queriesOf(registry: Partial<SectionRegistry> = SECTIONS): readonly ResourceQuery[] {
  const needed = Object.values(registry).flatMap((spec) => spec.queries);
  const ordered = [...FETCH_ORDER.filter((q) => needed.includes(q)), ...needed.filter((q) => !FETCH_ORDER.includes(q))];
  return Object.freeze(ordered.filter((q, i, all) => all.findIndex((o) => o.resourceType === q.resourceType) === i));
}

/** Every query once, in the order to start them. */
export const RESOURCE_QUERIES: readonly ResourceQuery[] = queriesOf(SECTIONS);

/** The queries the fetching layer runs: it reads each source's Patient itself (found by id or NHS number, then checked). */
export const DATA_QUERIES: readonly ResourceQuery[] = Object.freeze(RESOURCE_QUERIES.filter((q) => q.resourceType !== 'Patient'));

/** The sections the alerts strip shows. */
export const ALERT_SECTIONS: readonly SectionName[] = sectionNames(SECTIONS as SectionRegistry).filter(
  (name) => (SECTIONS as SectionRegistry)[name].alert,
);

/** Every alert section has heard from every source: answered, failed or left out; none is still loading. */
export function alertsSettled(record: CareRecord): boolean {
  return ALERT_SECTIONS.every((name) => !Object.values(record[name].progress).includes('loading'));
}

/** The resource types the alerts are built from: asked for in the first batch. */
export const ALERT_RESOURCE_TYPES: ReadonlySet<string> = new Set(ALERT_SECTIONS.flatMap((name) => sectionResourceTypes(name)));

/** The resource types the first screen (the patient and the alerts) is built from. */
export const FIRST_SCREEN_RESOURCE_TYPES: ReadonlySet<string> = new Set(
  (Object.keys(firstScreenBuilders()) as SectionName[]).flatMap((name) => sectionResourceTypes(name)),
);
