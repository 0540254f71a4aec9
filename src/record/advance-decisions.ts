// ReSPECT, DNACPR and other advance decisions, shown exactly as recorded, with
// a ReSPECT form's whole set of recommendations when the source sends them.
// Absence is never read as "for CPR": this builder only reports what a source
// holds; the section's progress says which sources were checked.

import type { CarePlan, Condition, Consent, Flag } from '@medplum/fhirtypes';
import { compareDatesDescending } from '../format/dates';
import { NOT_KNOWN } from '../format/not-known';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { listOf, textOf } from './care-common';
import {
  anyHasCode,
  codeIn,
  conceptText,
  hasCode,
  indexResources,
  keyOf,
  normaliseText,
  provenanceOf,
  referenceKey,
  referenceName,
  SNOMED,
  type ResourceIndex,
} from './fhir';
import type { AdvanceDecision, RespectPlan, SourceRef } from './model';

const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
const LOINC = 'http://loinc.org';
const ADVANCE_DIRECTIVE_LOINC = '75320-2';

/** SNOMED CT: "Not for resuscitation" and "Not for attempted cardiopulmonary resuscitation". */
export const DNACPR_CODES = ['304253006', '450476008'];

export function isDnacprCoded(concept: Parameters<typeof hasCode>[0]): boolean {
  return DNACPR_CODES.some((code) => hasCode(concept, SNOMED, code));
}

function isAdvanceDecisionConsent(consent: Consent): boolean {
  return hasCode(consent.scope, CONSENT_SCOPE, 'adr') || anyHasCode(consent.category, LOINC, ADVANCE_DIRECTIVE_LOINC);
}

/** The document type is the category that is not merely LOINC "Advance directive", e.g. "ReSPECT form". */
function documentType(consent: Consent): string {
  const categories = consent.category ?? [];
  const specific = categories.find((c) => !hasCode(c, LOINC, ADVANCE_DIRECTIVE_LOINC) && conceptText(c));
  return conceptText(specific) ?? categories.map((c) => conceptText(c)).find(Boolean) ?? 'Advance decision';
}

/** active → current; inactive → superseded; anything else (draft, rejected, entered in error) is not shown. */
function consentStatus(status: string | undefined): AdvanceDecision['status'] | undefined {
  if (status === 'active') return 'current';
  return status === 'inactive' ? 'superseded' : undefined;
}

// ---------------------------------------------------------------- ReSPECT recommendations

/** SNOMED CT ReSPECT form (the National Record Locator's document type). */
const RESPECT_FORM = '1382601000000107';
/** The NHS End of Life API's ReSPECT care priority extension, matched by name so its STU3 and later URLs both read. */
const RESPECT_SCALE = /\/Extension-EOL-ReSPECTScale-\d+$/;
/** A treatment focus is written as a priority: "Prioritise comfort", "Focus on life-sustaining treatment", "Balance …". */
const FOCUS = /^(prioriti[sz]e|focus on|balance)\b/i;
const LEFT_OUT_ACTIVITY = new Set(['cancelled', 'entered-in-error', 'stopped']);

interface LinkedPlan {
  plan: RespectPlan;
  status: AdvanceDecision['status'] | undefined;
  /** `Type/id` of what the plan names as its supporting information (the Consent, the form). */
  links: Set<string>;
  author?: string;
  date?: string;
}

export function isRespectPlan(plan: CarePlan): boolean {
  const categories = listOf(plan.category, 'category');
  return (
    anyHasCode(categories, SNOMED, RESPECT_FORM) ||
    categories.some((c) => /\brespect\b/i.test(conceptText(c) ?? '')) ||
    listOf(plan.extension, 'extension').some((e) => RESPECT_SCALE.test(e.url ?? ''))
  );
}

function towardsOf(text: string): NonNullable<RespectPlan['focus']>['towards'] {
  if (/comfort|symptom/i.test(text)) return 'comfort';
  return /life|sustain/i.test(text) ? 'life-sustaining' : undefined;
}

function personPriorityOf(plan: CarePlan): RespectPlan['personPriority'] {
  const scale = listOf(plan.extension, 'extension').find((e) => RESPECT_SCALE.test(e.url ?? ''));
  if (!scale) return undefined;
  const parts = listOf(scale.extension, 'extension');
  const value = parts.find((e) => e.url === 'respectPriorityScale')?.valueInteger;
  const statement = textOf(parts.find((e) => e.url === 'respectPriorityScaleStatement')?.valueString, 'respectPriorityScaleStatement');
  const inRange = typeof value === 'number' && value >= 0 && value <= 100 ? value : undefined;
  return inRange === undefined && !statement ? undefined : { scale: inRange, statement };
}

/**
 * A ReSPECT form's recommendations as the NHS End of Life API shapes them: a
 * CarePlan whose activities each give a treatment level (`detail.code`) and
 * the intervention (`detail.description`); the first written as a priority
 * is the treatment focus, the rest ceilings of care, all as written.
 */
function toRespectPlan(plan: CarePlan, source: SourceRef, index: ResourceIndex): LinkedPlan | undefined {
  if (!isRespectPlan(plan) || plan.status === 'entered-in-error' || plan.status === 'draft') return undefined;
  let focus: RespectPlan['focus'];
  const recommendations: RespectPlan['recommendations'] = [];
  for (const activity of listOf(plan.activity, 'activity')) {
    const detail = activity.detail;
    if (!detail || LEFT_OUT_ACTIVITY.has(detail.status ?? '')) continue;
    const level = conceptText(detail.code);
    const description = textOf(detail.description, 'activity.detail.description');
    const text = level ?? description;
    if (!text) continue;
    // A description that only repeats the treatment level is said once.
    const repeats = level !== undefined && description !== undefined && normaliseText(level) === normaliseText(description);
    const line = { text, detail: level && !repeats ? description : undefined };
    if (!focus && level && FOCUS.test(level)) focus = { ...line, towards: towardsOf(level) };
    else recommendations.push(line);
  }
  const date = textOf(plan.created, 'created') ?? plan.period?.start;
  const author = referenceName(plan.author, index);
  const links = new Set(
    listOf(plan.supportingInfo, 'supportingInfo')
      .map(referenceKey)
      .filter((k): k is string => k !== undefined),
  );
  const status =
    plan.status === 'active' || plan.status === 'on-hold'
      ? 'current'
      : plan.status === 'completed' || plan.status === 'revoked'
        ? 'superseded'
        : undefined;
  return {
    plan: {
      focus,
      recommendations,
      personPriority: personPriorityOf(plan),
      provenance: provenanceOf(source, plan, { recorded: date, author }),
    },
    status,
    links,
    author,
    date,
  };
}

/** The plan naming this Consent, or the form it was made from, as its supporting information. */
function planFor(consent: Consent, plans: LinkedPlan[]): LinkedPlan | undefined {
  const keys = [keyOf(consent), referenceKey(consent.sourceReference)].filter(Boolean) as string[];
  return plans.find((p) => keys.some((k) => p.links.has(k)));
}

/** A plan no Consent claims: a decision of its own, its CPR line (if any) the recommendation. */
function fromPlanAlone(linked: LinkedPlan): AdvanceDecision | undefined {
  if (!linked.status) return undefined;
  const cpr = linked.plan.recommendations.find((r) => /\bCPR\b|resuscitat/i.test(r.text));
  return {
    document: 'ReSPECT form',
    recommendation: cpr?.text ?? NOT_KNOWN,
    status: linked.status,
    date: linked.date,
    author: linked.author,
    plan: linked.plan,
    provenance: linked.plan.provenance,
  };
}

function fromConsent(consent: Consent, source: SourceRef, index: ResourceIndex, plans: LinkedPlan[]): AdvanceDecision | undefined {
  const status = consentStatus(consent.status);
  if (!status || !isAdvanceDecisionConsent(consent)) return undefined;
  const author = (consent.performer ?? []).map((p) => referenceName(p, index)).find(Boolean);
  const linked = planFor(consent, plans);
  if (linked) plans.splice(plans.indexOf(linked), 1);
  return {
    document: documentType(consent),
    recommendation: conceptText(consent.provision?.code?.[0]) ?? NOT_KNOWN,
    status,
    date: consent.dateTime,
    author,
    ...(linked ? { plan: linked.plan } : {}),
    provenance: provenanceOf(source, consent, { recorded: consent.dateTime, author }),
  };
}

function fromFlag(flag: Flag, source: SourceRef, index: ResourceIndex): AdvanceDecision | undefined {
  if (!isDnacprCoded(flag.code) || (flag.status !== 'active' && flag.status !== 'inactive')) return undefined;
  const author = referenceName(flag.author, index);
  return {
    document: 'DNACPR alert',
    recommendation: conceptText(flag.code) ?? NOT_KNOWN,
    status: flag.status === 'active' ? 'current' : 'superseded',
    date: flag.period?.start,
    author,
    provenance: provenanceOf(source, flag, { recorded: flag.period?.start, author }),
  };
}

const LEFT_OUT_VERIFICATION = new Set(['entered-in-error', 'refuted']);
const ACTIVE_CLINICAL = new Set(['active', 'recurrence', 'relapse']);

function fromCondition(condition: Condition, source: SourceRef, index: ResourceIndex): AdvanceDecision | undefined {
  if (!isDnacprCoded(condition.code)) return undefined;
  if (LEFT_OUT_VERIFICATION.has(codeIn(condition.verificationStatus) ?? '')) return undefined;
  const clinical = codeIn(condition.clinicalStatus);
  const author = referenceName(condition.recorder ?? condition.asserter, index);
  const date = condition.recordedDate ?? condition.onsetDateTime;
  return {
    document: 'DNACPR decision (coded record)',
    recommendation: conceptText(condition.code) ?? NOT_KNOWN,
    status: clinical === undefined || ACTIVE_CLINICAL.has(clinical) ? 'current' : 'superseded',
    date,
    author,
    provenance: provenanceOf(source, condition, { recorded: date, author }),
  };
}

function byCurrentThenNewest(a: AdvanceDecision, b: AdvanceDecision): number {
  if (a.status !== b.status) return a.status === 'current' ? -1 : 1;
  return compareDatesDescending(a.date, b.date);
}

/**
 * Advance decisions from Consent (scope adr), and DNACPR-coded Flags and
 * Conditions; a ReSPECT form's recommendations (a CarePlan) join the Consent
 * they support, or stand as a decision of their own.
 */
export function buildAdvanceDecisions(inputs: SourceInput[], context: BuildContext): AdvanceDecision[] {
  const decisions = inputs.flatMap((input) => {
    const index = indexResources(input.resources);
    const plans = buildEach(input, 'CarePlan', context, (r) => toRespectPlan(r, input.source, index));
    return [
      ...buildEach(input, 'Consent', context, (r) => fromConsent(r, input.source, index, plans)),
      ...plans.map(fromPlanAlone).filter((d): d is AdvanceDecision => d !== undefined),
      ...buildEach(input, 'Flag', context, (r) => fromFlag(r, input.source, index)),
      ...buildEach(input, 'Condition', context, (r) => fromCondition(r, input.source, index)),
    ];
  });
  return decisions.sort(byCurrentThenNewest);
}
