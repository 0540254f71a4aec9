// One Observation read into a value of its test, before grouping: status,
// category, dates (fast for the common zoned instant), performer and note.

import type { CodeableConcept, Observation, Reference } from '@medplum/fhirtypes';
import { toInstant } from '../../format/dates';
import { lookup } from '../../format/lookup';
import { NOT_KNOWN } from '../../format/not-known';
import { formatNumber } from '../../format/quantity';
import type { BuildContext } from '../build';
import { codedIdentity } from '../coded-identity';
import { conceptText, provenanceOf, referenceName, type ResourceIndex } from '../fhir';
import type { SourceRef } from '../model';
import type { ResultCategory, ResultStatus, ResultValue } from './types';
import { componentsDisplay, readComponents, readValue, testKeys, type Memo } from './values';

const STATUSES: Record<string, ResultStatus> = {
  final: 'final',
  preliminary: 'preliminary',
  amended: 'amended',
  corrected: 'corrected',
  registered: 'registered',
};
export const LEFT_OUT = new Set(['entered-in-error', 'cancelled']);

export function statusOf(status: string | undefined): ResultStatus {
  return lookup(STATUSES, status) ?? 'unknown';
}

function asCategory(code: string | undefined): ResultCategory | undefined {
  return code === 'laboratory' || code === 'vital-signs' || code === 'imaging' ? code : undefined;
}

function observationCategory(categories: CodeableConcept[] | undefined): ResultCategory {
  for (const concept of categories ?? []) {
    for (const coding of concept?.coding ?? []) {
      const found = asCategory(coding?.code);
      if (found) return found;
    }
    const found = asCategory(conceptText(concept)?.toLowerCase().replace(/\s+/g, '-'));
    if (found) return found;
  }
  return 'other';
}

export function performerName(references: Reference[] | undefined, index: ResourceIndex): string | undefined {
  for (const r of references ?? []) {
    const name = referenceName(r, index);
    if (name) return name;
  }
  return undefined;
}

function noteText(notes: { text?: string }[] | undefined): string | undefined {
  const texts = (notes ?? []).map((n) => (typeof n?.text === 'string' ? n.text.trim() : '')).filter(Boolean);
  return texts.length ? texts.join(' ') : undefined;
}

// ---------------------------------------------------------------- observations

/** One Observation read, before grouping. */
export interface Draft {
  keys: string[];
  /** Normalised name, for an uncoded test to find its coded namesake. */
  nameKey: string;
  name: string;
  code?: { system?: string; code: string };
  /** False for a panel that is only a list of its members (`hasMember`). */
  hasOwnValue: boolean;
  value: ResultValue;
}

function dateOf(o: Observation): string | undefined {
  return o.effectiveDateTime ?? o.effectiveInstant ?? o.effectivePeriod?.start ?? o.effectivePeriod?.end ?? o.issued;
}

/** An instant with Z or an offset parses natively (the common case, and fast); anything else as FHIR says. */
function instantOf(date: string | undefined): number | undefined {
  if (date === undefined) return undefined;
  const n = date.length;
  const zoned = n > 16 && (date[n - 1] === 'Z' || date[n - 6] === '+' || date[n - 6] === '-');
  const fast = zoned ? Date.parse(date) : NaN;
  return Number.isNaN(fast) ? toInstant(date)?.getTime() : fast;
}

export function timed(date: string | undefined, now: Date): { date?: string; time?: number; futureDated: boolean } {
  const time = instantOf(date);
  return { date, time, futureDated: time !== undefined && time > now.getTime() };
}

function panelNotLoaded(count: number): string {
  return count === 1 ? 'The result in this panel was not loaded' : `${formatNumber(count)} results in this panel were not loaded`;
}

export function toDraft(o: Observation, source: SourceRef, index: ResourceIndex, context: BuildContext, memo: Memo): Draft | undefined {
  if (LEFT_OUT.has(o.status)) return undefined;
  const identity = codedIdentity(o.code);
  const name = identity.name ?? NOT_KNOWN;
  const own = readValue(o, memo);
  const components = readComponents(o.component, source, memo);
  const status = statusOf(o.status);
  const missingMembers = (o.hasMember ?? []).length;
  const display =
    own.display ??
    (components.length ? componentsDisplay(components) : undefined) ??
    (status === 'registered' ? 'Awaiting result' : missingMembers ? panelNotLoaded(missingMembers) : NOT_KNOWN);
  const date = dateOf(o);
  const time = instantOf(date);
  const value: ResultValue = {
    display,
    numeric: own.numeric,
    unit: own.unit,
    range: own.range,
    ...(own.target ? { target: own.target } : {}),
    flag: own.flag ?? components.find((c) => c.flag)?.flag,
    interpretation: own.interpretation,
    components,
    date,
    time,
    futureDated: time !== undefined && time > context.now.getTime(),
    status,
    category: observationCategory(o.category),
    note: noteText(o.note),
    alsoFrom: [],
    // Recorded is when the result was issued; the sample date is shown as its date, never as "recorded".
    provenance: provenanceOf(source, o, { recorded: o.issued, author: performerName(o.performer, index) }),
  };
  const hasOwnValue = own.display !== undefined || components.length > 0;
  return { keys: testKeys(identity, source), nameKey: memo.normalised(name), name, code: identity.code, hasOwnValue, value };
}
