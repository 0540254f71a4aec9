// Problems: active, and significant past. Minor resolved diagnoses from an
// encounter are history, not problems; entered-in-error and refuted are not shown.

import type { Condition } from '@medplum/fhirtypes';
import { compareDatesDescending } from '../format/dates';
import { NOT_KNOWN } from '../format/not-known';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { absentStatement, codedIdentity } from './coded-identity';
import { anyHasCode, codeIn, indexResources, provenanceOf, referenceName, type ResourceIndex } from './fhir';
import type { ProblemItem, SourceRef } from './model';

const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
const ACTIVE = new Set(['active', 'recurrence', 'relapse']);
const PAST = new Set(['inactive', 'resolved', 'remission']);
const LEFT_OUT_VERIFICATION = new Set(['entered-in-error', 'refuted']);

/** UK Core / Care Connect / GP Connect problem significance extension: "major" or "minor", when given. */
function significanceOf(condition: Condition): ProblemItem['significance'] {
  for (const e of condition.extension ?? []) {
    if (!/ProblemSignificance/i.test(e.url ?? '')) continue;
    const codes = [e.valueCode, ...(e.valueCodeableConcept?.coding ?? []).map((c) => c.code)];
    if (codes.includes('major')) return 'major';
    if (codes.includes('minor')) return 'minor';
  }
  return undefined;
}

function isMajor(condition: Condition): boolean {
  return significanceOf(condition) === 'major';
}

function isSignificant(condition: Condition): boolean {
  return isMajor(condition) || condition.severity !== undefined || anyHasCode(condition.category, CONDITION_CATEGORY, 'problem-list-item');
}

/**
 * active/recurrence/relapse → active; inactive/resolved/remission → past when
 * significant. Without a clinical status, an abatement date means past;
 * otherwise it is shown as active rather than hidden.
 */
function statusOf(condition: Condition): ProblemItem['status'] | undefined {
  const clinical = codeIn(condition.clinicalStatus);
  const hasEnded = condition.abatementDateTime !== undefined || condition.abatementPeriod !== undefined;
  const past = clinical ? PAST.has(clinical) : hasEnded;
  if (past) return isSignificant(condition) ? 'past' : undefined;
  return !clinical || ACTIVE.has(clinical) ? 'active' : undefined;
}

function toProblem(condition: Condition, source: SourceRef, index: ResourceIndex): ProblemItem | undefined {
  if (LEFT_OUT_VERIFICATION.has(codeIn(condition.verificationStatus) ?? '')) return undefined;
  // An IPS "no known problems" / "no information about problems" entry is not a problem.
  if (absentStatement(condition.code)) return undefined;
  const status = statusOf(condition);
  if (!status) return undefined;
  const author = referenceName(condition.recorder ?? condition.asserter, index);
  // A degraded or unknown code names nothing: no code, so nothing groups problems by it.
  const identity = codedIdentity(condition.code);
  const significance = significanceOf(condition);
  return {
    name: identity.name ?? NOT_KNOWN,
    code: identity.code,
    status,
    ...(significance ? { significance } : {}),
    onset: condition.onsetDateTime ?? condition.onsetPeriod?.start ?? condition.onsetString,
    resolved: condition.abatementDateTime ?? condition.abatementPeriod?.end,
    provenance: provenanceOf(source, condition, { recorded: condition.recordedDate, author }),
  };
}

function byActiveThenNewest(a: ProblemItem, b: ProblemItem): number {
  if (a.status !== b.status) return a.status === 'active' ? -1 : 1;
  return compareDatesDescending(a.onset ?? a.provenance.recorded, b.onset ?? b.provenance.recorded);
}

/** Active problems first, then significant past ones; newest first within each. */
export function buildProblems(inputs: SourceInput[], context: BuildContext): ProblemItem[] {
  const problems = inputs.flatMap((input) => {
    const index = indexResources(input.resources);
    return buildEach(input, 'Condition', context, (c) => toProblem(c, input.source, index));
  });
  return problems.sort(byActiveThenNewest);
}
