// Care plans (end of life, mental health crisis, advance and anticipatory
// care, child protection, social care packages) with the content a clinician
// needs: description, activities, goals, notes. Current plans first; completed
// and revoked ones kept apart by status; entered-in-error left out.

import type { CarePlan, CarePlanActivity as FhirActivity, Resource } from '@medplum/fhirtypes';
import { compareDatesDescending, formatDate } from '../format/dates';
import { NOT_KNOWN } from '../format/not-known';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { isRestricted } from '../access/confidentiality';
import { listOf, nameOf, periodOf, textOf } from './care-common';
import { anyHasCode, codingsOf, conceptText, indexResources, provenanceOf, resolve, SNOMED, type ResourceIndex } from './fhir';
import type { CarePlanActivity, CarePlanItem, CarePlanKind, SourceRef } from './model';
import { lookup } from '../format/lookup';

/** SNOMED CT care plan types (the National Record Locator's document types). */
export const CARE_PLAN_CODES = {
  crisis: '736253002',
  endOfLife: '736373009',
  advanceCare: '736366004',
  personalisedCare: '2181441000000107',
} as const;

const BY_CODE: [string, CarePlanKind][] = [
  [CARE_PLAN_CODES.crisis, 'crisis'],
  [CARE_PLAN_CODES.endOfLife, 'end-of-life'],
  [CARE_PLAN_CODES.advanceCare, 'advance-care'],
];

const BY_TEXT: [RegExp, CarePlanKind][] = [
  [/crisis/i, 'crisis'],
  [/end[ -]of[ -]life|palliative/i, 'end-of-life'],
  [/anticipatory/i, 'anticipatory'],
  [/advance care/i, 'advance-care'],
];

const STATUS: Record<string, CarePlanItem['status']> = {
  active: 'active',
  'on-hold': 'on-hold',
  draft: 'draft',
  completed: 'completed',
  revoked: 'revoked',
  unknown: 'unknown',
};

/** Most urgent to read first within current plans. */
const KIND_ORDER: CarePlanKind[] = [
  'crisis',
  'end-of-life',
  'advance-care',
  'anticipatory',
  'child-protection',
  'care-package',
  'personalised-care',
  'other',
];

const LEFT_OUT_ACTIVITY = new Set(['entered-in-error']);
const LEFT_OUT_GOAL = new Set(['entered-in-error', 'cancelled', 'rejected']);

function categoryWords(plan: CarePlan): string[] {
  return listOf(plan.category, 'category')
    .flatMap((c) => [c.text, ...codingsOf(c).map((x) => x.display)])
    .filter((w): w is string => typeof w === 'string');
}

/**
 * Child protection plans and care packages are told by their text (no national
 * code); then the SNOMED plan type; then words in the category or title.
 */
export function carePlanKind(plan: CarePlan): CarePlanKind {
  const words = categoryWords(plan);
  const title = typeof plan.title === 'string' ? plan.title : '';
  const said = (pattern: RegExp) => words.some((w) => pattern.test(w)) || pattern.test(title);
  if (said(/child protection/i)) return 'child-protection';
  if (said(/care package|package of care/i)) return 'care-package';
  const coded = BY_CODE.find(([code]) => anyHasCode(plan.category, SNOMED, code));
  if (coded) return coded[1];
  const worded = BY_TEXT.find(([pattern]) => said(pattern));
  if (worded) return worded[1];
  return anyHasCode(plan.category, SNOMED, CARE_PLAN_CODES.personalisedCare) ? 'personalised-care' : 'other';
}

function scheduledOf(activity: FhirActivity): string | undefined {
  const detail = activity.detail;
  const text = textOf(detail?.scheduledString, 'scheduledString');
  if (text) return text;
  const period = periodOf(detail?.scheduledPeriod);
  if (period?.start && period.end) return `${formatDate(period.start)} to ${formatDate(period.end)}`;
  if (period?.start) return `From ${formatDate(period.start)}`;
  if (period?.end) return `Until ${formatDate(period.end)}`;
  return undefined;
}

function toActivity(activity: FhirActivity, plan: CarePlan, index: ResourceIndex): CarePlanActivity | undefined {
  const detail = activity.detail;
  const status = textOf(detail?.status, 'activity.status');
  if (LEFT_OUT_ACTIVITY.has(status ?? '')) return undefined;
  const service = conceptText(detail?.code);
  const description =
    textOf(detail?.description, 'activity.description') ??
    service ??
    nameOf(activity.reference, index, plan) ??
    listOf(activity.progress, 'activity.progress')
      .map((n) => textOf(n.text))
      .find(Boolean);
  if (!description) return undefined;
  return {
    description,
    service: service && service !== description ? service : undefined,
    status,
    scheduled: scheduledOf(activity),
    performers: listOf(detail?.performer, 'activity.performer').map((p) => nameOf(p, index, plan) ?? NOT_KNOWN),
    location: nameOf(detail?.location, index, plan),
  };
}

function goalText(goal: Resource | undefined): string | undefined {
  if (goal?.resourceType !== 'Goal') return undefined;
  if (LEFT_OUT_GOAL.has(goal.lifecycleStatus ?? '')) return undefined;
  const text = conceptText(goal.description) ?? NOT_KNOWN;
  const due = listOf(goal.target, 'goal.target')
    .map((t) => textOf(t.dueDate, 'goal.target.dueDate'))
    .find(Boolean);
  return due ? `${text} (by ${formatDate(due)})` : text;
}

function goalsOf(plan: CarePlan, index: ResourceIndex): string[] {
  return listOf(plan.goal, 'goal').flatMap((reference) => {
    const target = resolve(reference, index, plan);
    const text = target ? goalText(target) : textOf(reference.display, 'goal.display');
    return text ? [text] : [];
  });
}

/** One care plan as shown, or undefined when it is not to be shown (entered in error). */
export function toCarePlan(plan: CarePlan, source: SourceRef, index: ResourceIndex): CarePlanItem | undefined {
  if (plan.status === 'entered-in-error') return undefined;
  const categories = listOf(plan.category, 'category')
    .map((c) => conceptText(c))
    .filter((c): c is string => !!c);
  const activities = listOf(plan.activity, 'activity').flatMap((a) => toActivity(a, plan, index) ?? []);
  const goals = goalsOf(plan, index);
  const notes = listOf(plan.note, 'note').flatMap((n) => textOf(n.text, 'note.text') ?? []);
  const description = textOf(plan.description, 'description');
  const hasContent = Boolean(description) || activities.length > 0 || goals.length > 0 || notes.length > 0;
  const narrative = hasContent ? undefined : textOf(plan.text?.div, 'text.div');
  const period = periodOf(plan.period);
  const author =
    nameOf(plan.author, index, plan) ??
    listOf(plan.contributor, 'contributor')
      .map((c) => nameOf(c, index, plan))
      .find(Boolean);
  return {
    kind: carePlanKind(plan),
    title: textOf(plan.title, 'title') ?? categories[0] ?? NOT_KNOWN,
    categories,
    status: lookup(STATUS, plan.status) ?? 'unknown',
    description,
    activities,
    goals,
    notes,
    narrative,
    period,
    author,
    restricted: isRestricted(plan),
    provenance: provenanceOf(source, plan, { recorded: textOf(plan.created, 'created') ?? period?.start, author }),
  };
}

/** Completed or revoked: kept, but apart from current plans. */
export function hasEndedPlan(plan: CarePlanItem): boolean {
  return plan.status === 'completed' || plan.status === 'revoked';
}

function planDate(plan: CarePlanItem): string | undefined {
  return plan.period?.start ?? plan.provenance.recorded;
}

export function compareCarePlans(a: CarePlanItem, b: CarePlanItem): number {
  const ended = Number(hasEndedPlan(a)) - Number(hasEndedPlan(b));
  if (ended !== 0) return ended;
  if (!hasEndedPlan(a)) {
    const kind = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
    if (kind !== 0) return kind;
  }
  return compareDatesDescending(planDate(a), planDate(b));
}

/** Every plan of one source, unsorted (for the summaries that pick some). */
export function carePlansOf(input: SourceInput, context: BuildContext): CarePlanItem[] {
  const index = indexResources(input.resources);
  return buildEach(input, 'CarePlan', context, (plan) => toCarePlan(plan, input.source, index));
}

/** Current plans first (most urgent kind first, then newest), then completed and revoked ones, newest first. */
export function buildCarePlans(inputs: SourceInput[], context: BuildContext): CarePlanItem[] {
  return inputs.flatMap((input) => carePlansOf(input, context)).sort(compareCarePlans);
}
