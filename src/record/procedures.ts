// Procedures: operations and other interventions the person has had (UK Core
// Procedure, US Core as Synthea produces it), shown with the problems and on the
// timeline so that they are never "data present but not shown". Newest first;
// entered-in-error is left out; not done stays, said as such. The same
// procedure on the same day from two sources is one entry naming both.

import type { Procedure } from '@medplum/fhirtypes';
import { compareDatesDescending, toInstant } from '../format/dates';
import { lookup } from '../format/lookup';
import { NOT_KNOWN } from '../format/not-known';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { absentStatement, codedIdentity, identityKeys } from './coded-identity';
import { conceptText, indexResources, provenanceOf, referenceName, type ResourceIndex } from './fhir';
import { dayOf, foldAcrossSources } from './grouping';
import type { Provenance, SourceRef } from './model';

export interface ProcedureItem {
  /** The procedure as recorded, e.g. "Total replacement of hip joint". */
  name: string;
  code?: { system?: string; code: string };
  status: 'completed' | 'in-progress' | 'not-done' | 'stopped' | 'on-hold' | 'preparation' | 'unknown';
  /** e.g. "Completed", "Not done: patient declined". */
  statusText: string;
  /** When it was performed (or started), ISO 8601, possibly partial; or the sender's words. Undefined: not known. */
  date?: string;
  /** When it ended, for a procedure performed over a period. */
  end?: string;
  /** Dated after the record was built. */
  futureDated: boolean;
  /** Why it was done, as recorded. */
  reason?: string;
  bodySite?: string;
  outcome?: string;
  performer?: string;
  location?: string;
  /** Other sources holding the same procedure on the same day. */
  alsoFrom: Provenance[];
  provenance: Provenance;
}

const STATUS: Record<string, { status: ProcedureItem['status']; text: string }> = {
  completed: { status: 'completed', text: 'Completed' },
  'in-progress': { status: 'in-progress', text: 'In progress' },
  'not-done': { status: 'not-done', text: 'Not done' },
  stopped: { status: 'stopped', text: 'Stopped before completion' },
  'on-hold': { status: 'on-hold', text: 'On hold' },
  preparation: { status: 'preparation', text: 'Planned' },
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function texts(concepts: { text?: string }[] | undefined): string | undefined {
  const all = (concepts ?? []).map((c) => conceptText(c)).filter((t): t is string => t !== undefined);
  return all.length ? [...new Set(all)].join(', ') : undefined;
}

function performerName(procedure: Procedure, index: ResourceIndex): string | undefined {
  for (const p of procedure.performer ?? []) {
    const name = referenceName(p.actor, index) ?? referenceName(p.onBehalfOf, index);
    if (name) return name;
  }
  return undefined;
}

interface Built {
  item: ProcedureItem;
  /** What it was (coded-identity.ts): undefined when nothing says, so it never joins another. */
  identityKey?: string;
}

function toItem(procedure: Procedure, source: SourceRef, index: ResourceIndex, now: Date): Built | undefined {
  // An IPS "no known procedures" / "no information about procedures" entry is not a procedure.
  if (procedure.status === 'entered-in-error' || absentStatement(procedure.code)) return undefined;
  const identity = codedIdentity(procedure.code);
  const known = lookup(STATUS, procedure.status) ?? { status: 'unknown' as const, text: `Status ${NOT_KNOWN}` };
  const why = conceptText(procedure.statusReason);
  const date = text(procedure.performedDateTime) ?? text(procedure.performedPeriod?.start) ?? text(procedure.performedString);
  const time = toInstant(date)?.getTime();
  const performer = performerName(procedure, index);
  const item: ProcedureItem = {
    name: identity.name ?? NOT_KNOWN,
    code: identity.code,
    status: known.status,
    statusText: why && (known.status === 'not-done' || known.status === 'stopped') ? `${known.text}: ${why}` : known.text,
    date,
    end: text(procedure.performedPeriod?.end),
    futureDated: time !== undefined && time > now.getTime(),
    reason: texts(procedure.reasonCode),
    bodySite: texts(procedure.bodySite),
    outcome: conceptText(procedure.outcome),
    performer,
    location: referenceName(procedure.location, index),
    alsoFrom: [],
    // R4 Procedure has no recorded date of its own (the performed date is shown as the date).
    provenance: provenanceOf(source, procedure, {
      author: referenceName(procedure.recorder, index) ?? referenceName(procedure.asserter, index),
    }),
  };
  return { item, identityKey: identityKeys(identity, source.name)[0] };
}

function sameProcedureKey({ item, identityKey }: Built): string | undefined {
  const day = dayOf(item.date);
  return day && identityKey ? `${identityKey}|${day}|${item.status}` : undefined;
}

function newestFirst(a: ProcedureItem, b: ProcedureItem): number {
  return compareDatesDescending(a.date, b.date) || a.name.localeCompare(b.name, 'en-GB');
}

function builtOf(input: SourceInput, context: BuildContext): Built[] {
  const index = indexResources(input.resources);
  return buildEach(input, 'Procedure', context, (p) => toItem(p, input.source, index, context.now));
}

/** One source's procedures as it holds them (the timeline lists each source's own). */
export function proceduresOf(input: SourceInput, context: BuildContext): ProcedureItem[] {
  return builtOf(input, context).map((b) => b.item);
}

/** Every source's procedures, newest first (undated last); one entry per procedure and day, naming each source. */
export function buildProcedures(inputs: SourceInput[], context: BuildContext): ProcedureItem[] {
  const built = inputs.flatMap((input) => builtOf(input, context));
  return foldAcrossSources(built.map((b) => ({ item: b.item, key: sameProcedureKey(b) }))).sort(newestFirst);
}
