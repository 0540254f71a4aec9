// Alert flags (safeguarding, clinical, behavioural, reasonable adjustments).
// Each says why it is shown. DNACPR-coded flags belong to advance decisions
// and are not repeated here.

import type { CarePlan, Flag } from '@medplum/fhirtypes';
import { compareDatesDescending, formatDate, toInstant } from '../format/dates';
import { NOT_KNOWN } from '../format/not-known';
import { splitPhoneNumbers } from '../format/phone-text';
import { isDnacprCoded } from './advance-decisions';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { carePlanKind } from './care-plans';
import { listOf, textOf } from './care-common';
import { codingsOf, conceptText, indexResources, provenanceOf, referenceName, resolve, type ResourceIndex } from './fhir';
import type { FlagAlert, SourceRef } from './model';
import { lookup } from '../format/lookup';

const FLAG_CATEGORY = 'http://terminology.hl7.org/CodeSystem/flag-category';

type Category = FlagAlert['category'];

const CATEGORY_BY_CODE: Record<string, Category> = {
  behavioral: 'behavioural',
  clinical: 'clinical',
  drug: 'clinical',
  diet: 'clinical',
  lab: 'clinical',
  'advance-directive': 'clinical',
  admin: 'administrative',
  contact: 'administrative',
  research: 'administrative',
  safety: 'other',
};

const LABELS: Record<Category, string> = {
  safeguarding: 'safeguarding flag',
  clinical: 'clinical flag',
  behavioural: 'behavioural flag',
  'reasonable-adjustment': 'reasonable adjustment flag',
  administrative: 'administrative flag',
  other: 'flag',
};

const ORDER: Category[] = ['safeguarding', 'clinical', 'behavioural', 'reasonable-adjustment', 'other', 'administrative'];

const SAFEGUARDING = /safeguard|child protection|adult at risk|at risk adult/i;
const REASONABLE_ADJUSTMENT = /reasonable[ -]adjustment/i;

function categoryWords(flag: Flag): string[] {
  return (flag.category ?? [])
    .flatMap((c) => [c.text, ...codingsOf(c).flatMap((x) => [x.display, x.code, x.system])])
    .filter((w): w is string => typeof w === 'string');
}

/**
 * Safeguarding is recognised by text (FHIR has no code for it), in the
 * category or the flag itself; then reasonable adjustments; then the FHIR
 * flag category code.
 */
export function flagCategory(flag: Flag): Category {
  const words = categoryWords(flag);
  const flagText = conceptText(flag.code) ?? '';
  if (words.some((w) => SAFEGUARDING.test(w)) || SAFEGUARDING.test(flagText)) return 'safeguarding';
  if (words.some((w) => REASONABLE_ADJUSTMENT.test(w)) || REASONABLE_ADJUSTMENT.test(flagText)) return 'reasonable-adjustment';
  const code = (flag.category ?? []).flatMap(codingsOf).find((c) => c.system === FLAG_CATEGORY && c.code)?.code;
  return lookup(CATEGORY_BY_CODE, code) ?? 'other';
}

function isShown(flag: Flag, now: Date): boolean {
  const end = toInstant(flag.period?.end);
  return flag.status === 'active' && !isDnacprCoded(flag.code) && (!end || end.getTime() >= now.getTime());
}

function whyShown(category: Category, source: SourceRef, since: string | undefined): string {
  const recorded = `Active ${LABELS[category]} recorded by ${source.organisation}`;
  return since ? `${recorded} since ${formatDate(since)}` : recorded;
}

/** The standard extension pointing a flag at the record that explains it. */
const FLAG_DETAIL = 'http://hl7.org/fhir/StructureDefinition/flag-detail';
const INSTRUCTION = /\b(report|reported|inform|must|should|do not|tell|notify|contact|call)\b/i;
const hasPhone = (text: string): boolean => splitPhoneNumbers(text).some((p) => p.kind === 'phone');

/**
 * The plan behind a safeguarding flag: the one its `flag-detail` names, else
 * (for a child protection flag) the same source's active child protection plan.
 */
function linkedPlan(flag: Flag, category: Category, index: ResourceIndex): CarePlan | undefined {
  const detail = listOf(flag.extension, 'extension').find((e) => e.url === FLAG_DETAIL)?.valueReference;
  const named = resolve(detail, index, flag);
  if (named?.resourceType === 'CarePlan') return named;
  if (category !== 'safeguarding' || !/child protection/i.test(conceptText(flag.code) ?? '')) return undefined;
  return [...index.values()].find(
    (r): r is CarePlan => r.resourceType === 'CarePlan' && r.status === 'active' && carePlanKind(r) === 'child-protection',
  );
}

function planOf(plan: CarePlan, source: SourceRef, index: ResourceIndex): FlagAlert['plan'] {
  const lines = listOf(plan.activity, 'activity')
    .filter((a) => a.detail?.status !== 'cancelled' && a.detail?.status !== 'entered-in-error')
    .map((a) => textOf(a.detail?.description, 'activity.detail.description'))
    .filter((t): t is string => t !== undefined);
  const author = referenceName(plan.author, index);
  return {
    title:
      textOf(plan.title, 'title') ??
      listOf(plan.category, 'category')
        .map((c) => conceptText(c))
        .find(Boolean) ??
      'Plan',
    instructions: lines.filter((t) => INSTRUCTION.test(t) && !hasPhone(t)),
    contacts: lines.filter(hasPhone),
    provenance: provenanceOf(source, plan, { recorded: textOf(plan.created, 'created') ?? plan.period?.start, author }),
  };
}

function toAlert(flag: Flag, source: SourceRef, index: ResourceIndex, now: Date): FlagAlert | undefined {
  if (!isShown(flag, now)) return undefined;
  const category = flagCategory(flag);
  const since = flag.period?.start;
  const author = referenceName(flag.author, index);
  const plan = linkedPlan(flag, category, index);
  return {
    category,
    text: conceptText(flag.code) ?? NOT_KNOWN,
    why: whyShown(category, source, since),
    since,
    ...(plan ? { plan: planOf(plan, source, index) } : {}),
    provenance: provenanceOf(source, flag, { recorded: since, author }),
  };
}

function byCategoryThenNewest(a: FlagAlert, b: FlagAlert): number {
  return ORDER.indexOf(a.category) - ORDER.indexOf(b.category) || compareDatesDescending(a.since, b.since);
}

/** Active flags, safeguarding first, each with the plan behind it when there is one. */
export function buildFlags(inputs: SourceInput[], context: BuildContext): FlagAlert[] {
  const alerts = inputs.flatMap((input) => {
    const index = indexResources(input.resources);
    return buildEach(input, 'Flag', context, (flag) => toAlert(flag, input.source, index, context.now));
  });
  return alerts.sort(byCategoryThenNewest);
}
