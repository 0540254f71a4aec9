// ReSPECT, DNACPR and other advance decisions, shown exactly as recorded.
// Absence is never read as "for CPR": this builder only reports what a source
// holds; the section's progress says which sources were checked.

import type { Condition, Consent, Flag } from '@medplum/fhirtypes';
import { compareDatesDescending } from '../format/dates';
import { NOT_KNOWN } from '../format/not-known';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { anyHasCode, codeIn, conceptText, hasCode, indexResources, provenanceOf, referenceName, SNOMED, type ResourceIndex } from './fhir';
import type { AdvanceDecision, SourceRef } from './model';

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

function fromConsent(consent: Consent, source: SourceRef, index: ResourceIndex): AdvanceDecision | undefined {
  const status = consentStatus(consent.status);
  if (!status || !isAdvanceDecisionConsent(consent)) return undefined;
  const author = (consent.performer ?? []).map((p) => referenceName(p, index)).find(Boolean);
  return {
    document: documentType(consent),
    recommendation: conceptText(consent.provision?.code?.[0]) ?? NOT_KNOWN,
    status,
    date: consent.dateTime,
    author,
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

/** Advance decisions from Consent (scope adr), and DNACPR-coded Flags and Conditions. */
export function buildAdvanceDecisions(inputs: SourceInput[], context: BuildContext): AdvanceDecision[] {
  const decisions = inputs.flatMap((input) => {
    const index = indexResources(input.resources);
    return [
      ...buildEach(input, 'Consent', context, (r) => fromConsent(r, input.source, index)),
      ...buildEach(input, 'Flag', context, (r) => fromFlag(r, input.source, index)),
      ...buildEach(input, 'Condition', context, (r) => fromCondition(r, input.source, index)),
    ];
  });
  return decisions.sort(byCurrentThenNewest);
}
