// Alert flags (safeguarding, clinical, behavioural, reasonable adjustments).
// Each says why it is shown. DNACPR-coded flags belong to advance decisions
// and are not repeated here.

import type { Flag } from '@medplum/fhirtypes';
import { compareDatesDescending, formatDate, toInstant } from '../format/dates';
import { NOT_KNOWN } from '../format/not-known';
import { isDnacprCoded } from './advance-decisions';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { codingsOf, conceptText, indexResources, provenanceOf, referenceName, type ResourceIndex } from './fhir';
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
  return (flag.category ?? []).flatMap((c) => [c.text, ...codingsOf(c).flatMap((x) => [x.display, x.code, x.system])]).filter(
    (w): w is string => typeof w === 'string',
  );
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

function toAlert(flag: Flag, source: SourceRef, index: ResourceIndex, now: Date): FlagAlert | undefined {
  if (!isShown(flag, now)) return undefined;
  const category = flagCategory(flag);
  const since = flag.period?.start;
  const author = referenceName(flag.author, index);
  return {
    category,
    text: conceptText(flag.code) ?? NOT_KNOWN,
    why: whyShown(category, source, since),
    since,
    provenance: provenanceOf(source, flag, { recorded: since, author }),
  };
}

function byCategoryThenNewest(a: FlagAlert, b: FlagAlert): number {
  return ORDER.indexOf(a.category) - ORDER.indexOf(b.category) || compareDatesDescending(a.since, b.since);
}

/** Active flags, safeguarding first. */
export function buildFlags(inputs: SourceInput[], context: BuildContext): FlagAlert[] {
  const alerts = inputs.flatMap((input) => {
    const index = indexResources(input.resources);
    return buildEach(input, 'Flag', context, (flag) => toAlert(flag, input.source, index, context.now));
  });
  return alerts.sort(byCategoryThenNewest);
}
