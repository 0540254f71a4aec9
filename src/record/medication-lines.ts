// Each source's medication records as medicine lines. One medicine recorded
// several ways by one source is one line: a GP Connect / UK Core
// MedicationStatement with the plan it is based on and the plan's issues; a
// dispense or a dose given folds into the prescription it fulfils. Dates are
// only ever the record's own (never meta.lastUpdated). What is not listed is
// counted, so the section never reads "None recorded" over it.
//
// What folds into what is in medication-folding.ts, placing a line in time in
// medication-recency.ts, the records' extensions and categories in
// medication-record-parts.ts.

import type {
  Dosage,
  MedicationAdministration,
  MedicationDispense,
  MedicationRequest,
  MedicationStatement,
  Reference,
} from '@medplum/fhirtypes';
import { addDays, addHours } from 'date-fns';
import { formatDosageFrequency } from '../format/frequency';
import { formatQuantity } from '../format/quantity';
import { toInstant } from '../format/dates';
import { lookup } from '../format/lookup';
import { NOT_KNOWN } from '../format/not-known';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { describeDosage, DOSE_NOT_RECORDED, orderedDosages, routeInLine, structuredDose } from './dosage';
import { codingsOf, conceptText, indexResources, keyOf, provenanceOf, referenceName, type ResourceIndex } from './fhir';
import { describeMedicine, doseAmount } from './medicine';
import { collectFolded, Folding, ofKind, requestAt, type Folded } from './medication-folding';
import { CURRENT_STATUSES, recencyOfEvent, recencyOfPrescribed, type Recency } from './medication-recency';
import {
  categoryCodes,
  isAnticipatory,
  kindOfRequest,
  lastIssueDateExtension,
  newest,
  prescribedByExtension,
  statusReasonExtension,
} from './medication-record-parts';
import type { MedicationLine, SourceRef } from './model';

/** A dose given (with no prescription to fold into) counts as current for this long. */
const GIVEN_RECENTLY_HOURS = 24;
/** A supply with no days' supply stated is taken to last this long. */
const SUPPLY_DAYS_UNSTATED = 28;

/** The medicine types this viewer reads; `Medication` is only ever what they name. */
export const MEDICATION_RECORD_TYPES: readonly string[] = [
  'MedicationRequest',
  'MedicationStatement',
  'MedicationDispense',
  'MedicationAdministration',
];
/** What a medication search may bring beside the records: the medicine, people, places. Not entries in their own right. */
const SUPPORTING_TYPES: ReadonlySet<string> = new Set([
  'Medication',
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'RelatedPerson',
  'Encounter',
  'Substance',
  'Device',
  'Provenance',
]);

/** Not prescriptions: suggestions and options were never issued. */
const NOT_PRESCRIBED_INTENTS = new Set(['proposal', 'option']);
const REQUEST_STATUSES: Readonly<Record<string, MedicationLine['status'] | 'not-prescribed'>> = {
  active: 'active',
  'on-hold': 'on-hold',
  stopped: 'stopped',
  completed: 'completed',
  unknown: 'unknown',
  cancelled: 'not-prescribed',
  draft: 'not-prescribed',
};
const STATEMENT_STATUSES: Readonly<Record<string, MedicationLine['status']>> = {
  active: 'active',
  'on-hold': 'on-hold',
  stopped: 'stopped',
  completed: 'completed',
  intended: 'intended',
  'not-taken': 'not-taken',
  unknown: 'unknown',
};
const DISPENSE_STATUSES: Readonly<Record<string, MedicationLine['status'] | 'not-prescribed'>> = {
  preparation: 'active',
  'in-progress': 'active',
  'on-hold': 'on-hold',
  completed: 'completed',
  stopped: 'stopped',
  unknown: 'unknown',
  cancelled: 'not-prescribed',
  declined: 'not-prescribed',
};
const ADMINISTRATION_STATUSES: Readonly<Record<string, MedicationLine['status'] | 'not-prescribed'>> = {
  'in-progress': 'active',
  'on-hold': 'on-hold',
  completed: 'completed',
  stopped: 'stopped',
  unknown: 'unknown',
  'not-done': 'not-prescribed',
};

/** IPS "absent or unknown" medication codes and SNOMED CT "No known medication": a statement that there is nothing to list. */
const NONE_KNOWN: readonly { system: RegExp; code: string; text: string }[] = [
  { system: /absent-unknown-uv-ips$/, code: 'no-known-medications', text: 'no known medications' },
  { system: /absent-unknown-uv-ips$/, code: 'no-medication-info', text: 'no information about medications' },
  { system: /snomed\.info\/sct$/, code: '787481004', text: 'no known medications' },
];

/** A line with what is needed to compare it with other sources' lines and to place it. */
export interface Draft {
  line: MedicationLine;
  recency: Recency;
  /** Per dose, to compare across sources ("1 tablet" of 5 mg is "5 mg"); several instructions joined. */
  doseAmount?: string;
  /** How often, ignoring the time of day. */
  frequencyKey?: string;
}

/** What one source sent that is not a line of its own. */
export interface SourceLeftOut {
  source: SourceRef;
  older: number;
  notPrescribed: number;
  unreadableKind: number;
  /** "no known medications" when the source says so. */
  noneKnown: string[];
}

// ---------------------------------------------------------------- reading parts

const trimmed = (text: string | undefined): string | undefined => (typeof text === 'string' && text.trim() ? text.trim() : undefined);

/**
 * How often, ignoring the time of day, to compare across sources: "once daily"
 * and "in the morning" are both once a day.
 */
function frequencyKey(dosage: Dosage | undefined): string | undefined {
  const repeat = dosage?.timing?.repeat;
  const whenOnly = repeat?.when?.length && repeat.period === undefined ? new Set(repeat.when).size : undefined;
  const bareRepeat = whenOnly
    ? { frequency: whenOnly, period: 1, periodUnit: 'd' as const }
    : repeat && { ...repeat, when: undefined, timeOfDay: undefined };
  return formatDosageFrequency(dosage && { ...dosage, timing: { code: dosage.timing?.code, repeat: bareRepeat } })?.toLowerCase();
}

/** Every instruction's amount and how often, so two regimens of several steps compare too. */
function comparable(dosages: Dosage[] | undefined, strength: Parameters<typeof doseAmount>[1]): Pick<Draft, 'doseAmount' | 'frequencyKey'> {
  const ordered = orderedDosages(dosages);
  if (!ordered.length) return {};
  const amounts = ordered.map((d) => doseAmount(d.doseAndRate?.[0]?.doseQuantity, strength) ?? structuredDose(d));
  const frequencies = ordered.map(frequencyKey);
  return {
    doseAmount: amounts.every(Boolean) ? amounts.join(' + ') : undefined,
    frequencyKey: frequencies.every(Boolean) ? frequencies.join(' + ') : undefined,
  };
}

// ---------------------------------------------------------------- building lines

interface Builder {
  source: SourceRef;
  index: ResourceIndex;
  folding: Folding;
  folded: Map<string, Folded>;
  now: Date;
  left: SourceLeftOut;
}

function foldedInto(b: Builder, key: string): Folded {
  return b.folded.get(key) ?? { issues: [], dispenses: [], administrations: [] };
}

/** The line's status from a type's table; a record never issued or given is counted, and entered in error is left out. */
function statusFrom(
  b: Builder,
  table: Readonly<Record<string, MedicationLine['status'] | 'not-prescribed'>>,
  status: string,
  notPrescribed = false,
): MedicationLine['status'] | undefined {
  const mapped = lookup(table, status);
  if (mapped === 'not-prescribed' || (mapped !== undefined && notPrescribed)) {
    b.left.notPrescribed += 1;
    return undefined;
  }
  return mapped;
}

/** What the line names: the medicine's parts as describeMedicine reads them. */
function product(
  medicine: ReturnType<typeof describeMedicine>,
): Pick<MedicationLine, 'genericName' | 'brand' | 'strength' | 'form' | 'code'> {
  return {
    genericName: medicine.genericName,
    brand: medicine.brand,
    strength: medicine.strength,
    form: medicine.form,
    code: medicine.code,
  };
}

function givenDose(administration: MedicationAdministration): string | undefined {
  const dosage = administration.dosage;
  const dose = formatQuantity(dosage?.dose) ?? trimmed(dosage?.text);
  return [dose, routeInLine(conceptText(dosage?.route))].filter(Boolean).join(', ') || undefined;
}

function administeredAt(administration: MedicationAdministration): string | undefined {
  return administration.effectiveDateTime ?? administration.effectivePeriod?.start;
}

function dispensedAt(dispense: MedicationDispense): string | undefined {
  return dispense.whenHandedOver ?? dispense.whenPrepared;
}

/** Supply, dose given and issues folded into a prescription's line. */
function foldedFacts(folded: Folded): Pick<MedicationLine, 'lastIssued' | 'lastDispensed' | 'lastGiven'> {
  const given = folded.administrations
    .filter((a) => a.status === 'completed' || a.status === 'in-progress')
    .sort((a, b) => (toInstant(administeredAt(b))?.getTime() ?? 0) - (toInstant(administeredAt(a))?.getTime() ?? 0))[0];
  const givenAt = given && administeredAt(given);
  return {
    lastIssued: newest(folded.issues.filter((i) => i.status !== 'entered-in-error').map((i) => i.authoredOn)),
    lastDispensed: newest(folded.dispenses.filter((d) => d.status === 'completed' || d.status === 'in-progress').map(dispensedAt)),
    lastGiven: given && givenAt ? { at: givenAt, dose: givenDose(given) } : undefined,
  };
}

function requestLine(b: Builder, request: MedicationRequest): Draft | undefined {
  const status = statusFrom(b, REQUEST_STATUSES, request.status, NOT_PRESCRIBED_INTENTS.has(request.intent));
  if (status === undefined) return undefined;
  const medicine = describeMedicine(request, b.index);
  const dosage = describeDosage(request.dosageInstruction);
  const prescriber = referenceName(request.requester, b.index);
  const statusExtension = statusReasonExtension(request.extension);
  const line: MedicationLine = {
    ...product(medicine),
    ...dosage,
    status,
    statusReason: conceptText(request.statusReason) ?? statusExtension.reason,
    current: false,
    kind: kindOfRequest(request),
    started: request.authoredOn ?? request.dispenseRequest?.validityPeriod?.start,
    ...foldedFacts(foldedInto(b, keyOf(request))),
    anticipatory: isAnticipatory(request.category) || undefined,
    prescriber,
    provenance: provenanceOf(b.source, request, {
      recorded: request.authoredOn,
      author: prescriber ?? referenceName(request.recorder, b.index),
    }),
  };
  return place(
    b,
    line,
    request.dispenseRequest?.validityPeriod?.end ?? statusExtension.date,
    comparable(request.dosageInstruction, medicine.strengthRatio),
  );
}

function statementLine(b: Builder, statement: MedicationStatement): Draft | undefined {
  const status = lookup(STATEMENT_STATUSES, statement.status);
  if (status === undefined) return undefined;
  const none = NONE_KNOWN.find((n) =>
    codingsOf(statement.medicationCodeableConcept).some((c) => c.code === n.code && n.system.test(c.system ?? '')),
  );
  if (none) {
    if (CURRENT_STATUSES.has(status) || status === 'completed') b.left.noneKnown.push(none.text);
    return undefined;
  }
  const folded = foldedInto(b, keyOf(statement));
  const plan = folded.plan;
  const dosages = statement.dosage?.length ? statement.dosage : plan?.dosageInstruction;
  // The statement's own medicine; the plan's when the statement's cannot be read.
  const own = describeMedicine(statement, b.index);
  const medicine = plan && own.genericName === NOT_KNOWN ? describeMedicine(plan, b.index) : own;
  const prescriber = plan && referenceName(plan.requester, b.index);
  // GP Connect puts the status reason and its date on the plan; UK Core may put them on the statement.
  const ownStatus = statusReasonExtension(statement.extension);
  const planStatus = statusReasonExtension(plan?.extension);
  const statusExtension = { date: ownStatus.date ?? planStatus.date, reason: ownStatus.reason ?? planStatus.reason };
  const facts = foldedFacts(folded);
  const line: MedicationLine = {
    ...product(medicine),
    ...describeDosage(dosages),
    status,
    statusReason: conceptText(statement.statusReason?.[0]) ?? statusExtension.reason ?? (plan && conceptText(plan.statusReason)),
    current: false,
    kind: plan ? kindOfRequest(plan) : categoryCodes(statement.category).includes('inpatient') ? 'inpatient' : 'other',
    started:
      statement.effectivePeriod?.start ?? statement.effectiveDateTime ?? plan?.authoredOn ?? plan?.dispenseRequest?.validityPeriod?.start,
    ...facts,
    lastIssued: newest([lastIssueDateExtension(statement.extension), facts.lastIssued]),
    prescribedBy: prescribedByExtension(statement.extension),
    anticipatory: isAnticipatory(statement.category) || (plan && isAnticipatory(plan.category)) || undefined,
    prescriber,
    provenance: provenanceOf(b.source, statement, {
      recorded: statement.dateAsserted,
      author: prescriber ?? referenceName(statement.informationSource, b.index),
    }),
  };
  const end = statement.effectivePeriod?.end ?? statusExtension.date ?? plan?.dispenseRequest?.validityPeriod?.end;
  return place(b, line, end, comparable(dosages, medicine.strengthRatio));
}

function dispenseLine(b: Builder, dispense: MedicationDispense): Draft | undefined {
  const status = statusFrom(b, DISPENSE_STATUSES, dispense.status);
  if (status === undefined) return undefined;
  const medicine = describeMedicine(dispense, b.index);
  const at = dispensedAt(dispense);
  const days = dispense.daysSupply?.value ?? SUPPLY_DAYS_UNSTATED;
  const when = toInstant(at);
  const performer = referenceName(dispense.performer?.[0]?.actor, b.index);
  const line: MedicationLine = {
    ...product(medicine),
    ...describeDosage(dispense.dosageInstruction),
    status,
    statusReason: conceptText(dispense.statusReasonCodeableConcept),
    current: false,
    kind: 'dispensed',
    lastDispensed: at,
    provenance: provenanceOf(b.source, dispense, { recorded: at, author: performer }),
  };
  const recency = recencyOfEvent(at, when && addDays(when, days), status, b.now);
  return keep(b, line, recency, comparable(dispense.dosageInstruction, medicine.strengthRatio));
}

function administrationLine(b: Builder, administration: MedicationAdministration): Draft | undefined {
  const status = statusFrom(b, ADMINISTRATION_STATUSES, administration.status);
  if (status === undefined) return undefined;
  const medicine = describeMedicine(administration, b.index);
  const at = administeredAt(administration);
  const when = toInstant(at);
  const dose = givenDose(administration);
  const performer = referenceName(administration.performer?.[0]?.actor, b.index);
  const line: MedicationLine = {
    ...product(medicine),
    dose: formatQuantity(administration.dosage?.dose),
    route: conceptText(administration.dosage?.route),
    directions: dose ?? DOSE_NOT_RECORDED,
    status,
    statusReason: conceptText(administration.statusReason?.[0]),
    current: false,
    kind: 'administered',
    lastGiven: at ? { at, dose } : undefined,
    provenance: provenanceOf(b.source, administration, { recorded: at, author: performer }),
  };
  const recency = recencyOfEvent(at, when && addHours(when, GIVEN_RECENTLY_HOURS), status, b.now);
  return keep(b, line, recency, { doseAmount: line.dose && doseAmount(administration.dosage?.dose, medicine.strengthRatio) });
}

function place(
  b: Builder,
  line: MedicationLine,
  end: string | undefined,
  compare: Pick<Draft, 'doseAmount' | 'frequencyKey'>,
): Draft | undefined {
  const { recency, stopped } = recencyOfPrescribed(line, end, b.now);
  return keep(b, { ...line, stopped }, recency, compare);
}

function keep(b: Builder, line: MedicationLine, recency: Recency, compare: Pick<Draft, 'doseAmount' | 'frequencyKey'>): Draft | undefined {
  if (recency === 'older') {
    b.left.older += 1;
    return undefined;
  }
  return { line: { ...line, current: recency === 'current' }, recency, ...compare };
}

/** Every line one source gives (current and recent), and what it sent that is not a line. */
export function sourceDrafts(input: SourceInput, context: BuildContext): { drafts: Draft[]; left: SourceLeftOut } {
  const resources = input.resources;
  const index = indexResources(resources);
  const folding = new Folding(index, ofKind(resources, 'MedicationRequest'), ofKind(resources, 'MedicationStatement'));
  const b: Builder = {
    source: input.source,
    index,
    folding,
    folded: collectFolded(resources, index, folding),
    now: context.now,
    left: { source: input.source, older: 0, notPrescribed: 0, unreadableKind: 0, noneKnown: [] },
  };
  const folds = (refs: (Reference | undefined)[]) => refs.some((ref) => requestAt(ref, index) !== undefined);
  const drafts = [
    ...buildEach(input, 'MedicationStatement', context, (s) => statementLine(b, s)),
    ...buildEach(input, 'MedicationRequest', context, (r) => (folding.isFolded(r) ? undefined : requestLine(b, r))),
    ...buildEach(input, 'MedicationDispense', context, (d) => (folds(d.authorizingPrescription ?? []) ? undefined : dispenseLine(b, d))),
    ...buildEach(input, 'MedicationAdministration', context, (a) => (folds([a.request]) ? undefined : administrationLine(b, a))),
  ];
  b.left.unreadableKind = resources.filter(
    (r) => !MEDICATION_RECORD_TYPES.includes(r.resourceType) && !SUPPORTING_TYPES.has(r.resourceType),
  ).length;
  return { drafts, left: b.left };
}
