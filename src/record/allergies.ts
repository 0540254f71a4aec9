// Allergies and intolerances. Three answers about allergy status never look
// alike: "no known (drug) allergies" (recorded by the source), "not recorded"
// (the source answered with nothing) and "could not be loaded". The same
// substance from several sources is grouped, and differences are stated.

import type { AllergyIntolerance, CodeableConcept } from '@medplum/fhirtypes';
import { lookup } from '../format/lookup';
import { NOT_KNOWN } from '../format/not-known';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { drugClassOf } from './allergen-classes';
import { absentStatement, codedIdentity, codeKeys } from './coded-identity';
import {
  codeIn,
  conceptText,
  hasCode,
  indexResources,
  normaliseText,
  provenanceOf,
  referenceName,
  SNOMED,
  type ResourceIndex,
} from './fhir';
import { conflictText, groupByKeys, valuesDiffer } from './grouping';
import { isExcluded } from './section-state';
import type { AllergyEntry, AllergyGroup, AllergyReaction, AllergyStatus, Provenance, SourceRef } from './model';

export const NO_KNOWN_DRUG_ALLERGY = '409137002';
export const NO_KNOWN_ALLERGY = '716186003';
/** "No known food / environmental allergy": statements, not allergies, and not the two statuses we show. */
const OTHER_NO_KNOWN = ['429625007', '428607008'];

const LEFT_OUT_VERIFICATION = new Set(['entered-in-error', 'refuted']);
const NOT_CURRENT_CLINICAL = new Set(['inactive', 'resolved']);
const CATEGORIES = new Set(['food', 'medication', 'environment', 'biologic']);
const CRITICALITIES = new Set(['low', 'high', 'unable-to-assess']);
const SEVERITIES = ['mild', 'moderate', 'severe'] as const;

type NoKnownKind = 'no-known-drug-allergies' | 'no-known-allergies';

/** IPS absent/unknown codes for allergies: the two statuses we show, else a statement that is no allergy. */
const IPS_NO_KNOWN: Readonly<Record<string, NoKnownKind>> = {
  'no-known-allergies': 'no-known-allergies',
  'no-known-medication-allergies': 'no-known-drug-allergies',
};

/** NKDA / NKA by SNOMED code, IPS absent/unknown code, or by the words simpler systems send. */
export function noKnownKind(code: CodeableConcept | undefined): NoKnownKind | 'other' | undefined {
  if (hasCode(code, SNOMED, NO_KNOWN_DRUG_ALLERGY)) return 'no-known-drug-allergies';
  if (hasCode(code, SNOMED, NO_KNOWN_ALLERGY)) return 'no-known-allergies';
  // "No information about allergies" says nothing: left out, so the source reads "not recorded".
  const ips = absentStatement(code);
  if (ips) return lookup(IPS_NO_KNOWN, ips) ?? 'other';
  if (OTHER_NO_KNOWN.some((c) => hasCode(code, SNOMED, c))) return 'other';
  const text = normaliseText(conceptText(code) ?? '');
  if (/^(nkda|no known drug allerg)/.test(text)) return 'no-known-drug-allergies';
  if (/^(nka|no known allerg)/.test(text)) return 'no-known-allergies';
  return /^no known \w+ allerg/.test(text) ? 'other' : undefined;
}

function oneOf<T extends string>(allowed: Set<string>, value: unknown): T | undefined {
  return typeof value === 'string' && allowed.has(value) ? (value as T) : undefined;
}

function reactionsOf(allergy: AllergyIntolerance): AllergyReaction[] {
  return (allergy.reaction ?? []).map((reaction) => ({
    manifestations: reaction.manifestation.map((m) => conceptText(m)).filter((m): m is string => !!m),
    severity: SEVERITIES.find((s) => s === reaction.severity),
  }));
}

/**
 * Keys naming the allergen: its identifying codes and its written name (so a
 * text-only "Penicillin" meets a coded one). A degraded code adds no key: three
 * allergies sent under the one transfer-degraded code stay three.
 */
function allergenKeys(allergy: AllergyIntolerance, source: SourceRef): string[] {
  const identity = codedIdentity(allergy.code);
  const codes = codeKeys(identity, source.name);
  return identity.naming ? [...codes, `text:${substanceKey(identity.naming)}`] : codes;
}

function toEntry(allergy: AllergyIntolerance, source: SourceRef, index: ResourceIndex): AllergyEntry {
  const author = referenceName(allergy.recorder ?? allergy.asserter, index);
  const identity = codedIdentity(allergy.code);
  return {
    substance: identity.name ?? NOT_KNOWN,
    code: identity.code,
    category: oneOf(CATEGORIES, allergy.category?.[0]),
    criticality: oneOf(CRITICALITIES, allergy.criticality),
    reactions: reactionsOf(allergy),
    clinicalStatus: codeIn(allergy.clinicalStatus),
    verificationStatus: codeIn(allergy.verificationStatus),
    onset: allergy.onsetDateTime ?? allergy.onsetPeriod?.start ?? allergy.onsetString,
    provenance: provenanceOf(source, allergy, { recorded: allergy.recordedDate, author }),
  };
}

type Parsed = { kind: 'entry'; entry: AllergyEntry; keys: string[] } | { kind: NoKnownKind; provenance: Provenance } | { kind: 'ignored' };

function parse(allergy: AllergyIntolerance, source: SourceRef, index: ResourceIndex): Parsed | undefined {
  if (LEFT_OUT_VERIFICATION.has(codeIn(allergy.verificationStatus) ?? '')) return undefined;
  const noKnown = noKnownKind(allergy.code);
  if (noKnown === 'other') return { kind: 'ignored' };
  if (noKnown) {
    // A resolved "no known allergies" statement no longer says anything.
    if (NOT_CURRENT_CLINICAL.has(codeIn(allergy.clinicalStatus) ?? '')) return { kind: 'ignored' };
    const author = referenceName(allergy.recorder ?? allergy.asserter, index);
    return { kind: noKnown, provenance: provenanceOf(source, allergy, { recorded: allergy.recordedDate, author }) };
  }
  return { kind: 'entry', entry: toEntry(allergy, source, index), keys: allergenKeys(allergy, source) };
}

/** Records arrived but none could be read: that is not "not recorded". */
function unreadable(source: SourceRef, count: number, now: Date): AllergyStatus {
  const reason = `${count} allergy record${count === 1 ? '' : 's'} from ${source.organisation} could not be read`;
  return { kind: 'could-not-load', source, problem: { source, kind: 'failed', reason, at: now.toISOString() } };
}

function statusesFor(input: SourceInput, parsed: Parsed[], unreadableCount: number, now: Date): AllergyStatus[] {
  const { source, progress } = input;
  // A source left out for this patient says nothing about their allergies; one that failed could not say.
  if (typeof progress === 'object') return isExcluded(progress) ? [] : [{ kind: 'could-not-load', source, problem: progress }];
  if (progress === 'loading') return [];
  const statuses: AllergyStatus[] = [];
  for (const p of parsed) {
    if (p.kind === 'no-known-drug-allergies' || p.kind === 'no-known-allergies') {
      statuses.push({ kind: p.kind, source, provenance: p.provenance });
    }
  }
  if (parsed.some((p) => p.kind === 'entry')) statuses.push({ kind: 'has-entries', source });
  if (statuses.length) return statuses;
  return [unreadableCount > 0 ? unreadable(source, unreadableCount, now) : { kind: 'not-recorded', source }];
}

/** "Allergy to penicillin", "Penicillin allergy" and "Penicillin" name one substance. */
export function substanceKey(text: string): string {
  return normaliseText(text)
    .replace(/^h\/o /, '')
    .replace(/^(allergy|intolerance|sensitivity) to /, '')
    .replace(/ (allergy|intolerance|sensitivity)$/, '');
}

const organisation = (entry: AllergyEntry) => entry.provenance.source.organisation;
const reactionText = (entry: AllergyEntry) => entry.reactions.flatMap((r) => r.manifestations).join(', ') || undefined;
const reactionKey = (entry: AllergyEntry) =>
  entry.reactions.length
    ? entry.reactions
        .flatMap((r) => r.manifestations.map(normaliseText))
        .sort()
        .join('|')
    : undefined;
const worstSeverity = (entry: AllergyEntry) => [...SEVERITIES].reverse().find((s) => entry.reactions.some((r) => r.severity === s));

const COMPARED: {
  label: string;
  value: (entry: AllergyEntry) => string | undefined;
  text?: (entry: AllergyEntry) => string | undefined;
}[] = [
  { label: 'Reaction differs', value: reactionKey, text: reactionText },
  { label: 'Severity differs', value: worstSeverity },
  { label: 'Criticality differs', value: (e) => e.criticality },
  { label: 'Clinical status differs', value: (e) => e.clinicalStatus },
  { label: 'Verification status differs', value: (e) => e.verificationStatus },
];

function conflictsOf(entries: AllergyEntry[]): string[] {
  return COMPARED.filter((c) => valuesDiffer(entries, c.value)).map((c) => conflictText(c.label, entries, c.text ?? c.value, organisation));
}

function toGroup(parsed: { entry: AllergyEntry; keys: string[] }[]): AllergyGroup {
  const entries = parsed.map((p) => p.entry);
  const first = parsed[0] as { entry: AllergyEntry; keys: string[] };
  const drugClass = entries.map((e) => drugClassOf(e.substance, e.code)).find((c) => c !== undefined);
  return {
    key: first.keys[0] ?? `resource:${first.entry.provenance.source.name}/${first.entry.provenance.resource}`,
    substance: first.entry.substance,
    entries,
    conflicts: conflictsOf(entries),
    ...(drugClass ? { drugClass: { ...drugClass } } : {}),
  };
}

/**
 * Most dangerous first: the highest criticality any source gave (high, then
 * unable to assess or not given, then low), then the worst reaction severity;
 * allergies every source calls resolved or inactive after current ones; then by name.
 */
const CRITICALITY_RANK: Record<string, number> = { high: 0, 'unable-to-assess': 1, low: 3 };
function dangerRank(group: AllergyGroup): number[] {
  const criticality = Math.min(...group.entries.map((e) => CRITICALITY_RANK[e.criticality ?? ''] ?? 2));
  const severity = Math.max(
    ...group.entries.map((e) => {
      const worst = worstSeverity(e);
      return worst ? SEVERITIES.indexOf(worst) : -1;
    }),
  );
  const ended = group.entries.every((e) => NOT_CURRENT_CLINICAL.has(e.clinicalStatus ?? '')) ? 1 : 0;
  return [ended, criticality, -severity];
}

function byDanger(a: AllergyGroup, b: AllergyGroup): number {
  const [ra, rb] = [dangerRank(a), dangerRank(b)];
  const i = ra.findIndex((r, n) => r !== rb[n]);
  return i >= 0 ? (ra[i] as number) - (rb[i] as number) : a.substance.localeCompare(b.substance, 'en-GB');
}

export interface AllergySection {
  items: AllergyGroup[];
  statuses: AllergyStatus[];
}

/** Allergy groups across sources, most dangerous first, and what each source said about allergy status. */
export function buildAllergies(inputs: SourceInput[], context: BuildContext): AllergySection {
  const entries: { entry: AllergyEntry; keys: string[] }[] = [];
  const statuses: AllergyStatus[] = [];
  for (const input of inputs) {
    const index = indexResources(input.resources);
    let thrown = 0;
    const counting: BuildContext = {
      ...context,
      onSkip: (source, resource) => {
        thrown += 1;
        context.onSkip?.(source, resource);
      },
    };
    const parsed = buildEach(input, 'AllergyIntolerance', counting, (a) => parse(a, input.source, index));
    entries.push(...parsed.flatMap((p) => (p.kind === 'entry' ? [p] : [])));
    statuses.push(...statusesFor(input, parsed, thrown + (input.skipped ?? 0), context.now));
  }
  const groups = groupByKeys(entries, (e) => e.keys).map(toGroup);
  return { items: groups.sort(byDanger), statuses };
}
