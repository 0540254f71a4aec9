// Immunisations: given and not given (a not-done record is a fact worth
// seeing: declined, contraindicated), newest first. Entered-in-error is left
// out. The same dose recorded by two sources (the health visitor and the GP)
// is one entry naming both: grouped, never hidden.

import type { Immunization } from '@medplum/fhirtypes';
import { toInstant } from '../format/dates';
import { NOT_KNOWN } from '../format/not-known';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { absentStatement, codedIdentity, identityKeys } from './coded-identity';
import { conceptText, indexResources, provenanceOf, referenceName, type ResourceIndex } from './fhir';
import { dayOf, foldAcrossSources } from './grouping';
import type { Provenance, SourceRef } from './model';

export interface ImmunisationItem {
  /** The vaccine as recorded, e.g. "DTaP/IPV/Hib/HepB vaccine (6-in-1)". */
  vaccine: string;
  code?: { system?: string; code: string };
  /** `completed` is given; `not-done` was recorded as not given. */
  status: 'completed' | 'not-done';
  /** Why it was not given, as recorded. */
  reason?: string;
  /** When given (or due, for not-done), ISO 8601, possibly partial; or the sender's words. */
  date?: string;
  /** Dated after the record was built. */
  futureDated: boolean;
  /** "1", "2 of 3", or the sender's words ("Booster"). */
  dose?: string;
  /** e.g. "UK routine immunisation schedule". */
  series?: string;
  /** What it protects against, e.g. "Diphtheria", "Tetanus". */
  targetDiseases: string[];
  route?: string;
  site?: string;
  /** Batch number, for recalls. */
  lotNumber?: string;
  /** Recorded from another's report (e.g. the parent's red book) rather than by whoever gave it. */
  reported: boolean;
  /** Other sources holding the same dose on the same day. */
  alsoFrom: Provenance[];
  provenance: Provenance;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function doseOf(i: Immunization): { dose?: string; series?: string; targetDiseases: string[] } {
  const p = i.protocolApplied?.[0];
  if (!p) return { targetDiseases: [] };
  const number = p.doseNumberPositiveInt ?? text(p.doseNumberString);
  const of = p.seriesDosesPositiveInt ?? text(p.seriesDosesString);
  const dose = number === undefined ? undefined : of === undefined ? String(number) : `${number} of ${of}`;
  const targetDiseases = (i.protocolApplied ?? [])
    .flatMap((a) => (a.targetDisease ?? []).map(conceptText))
    .filter((t): t is string => t !== undefined);
  return { dose, series: text(p.series), targetDiseases: [...new Set(targetDiseases)] };
}

function performer(i: Immunization, index: ResourceIndex): string | undefined {
  for (const p of i.performer ?? []) {
    const name = referenceName(p.actor, index);
    if (name) return name;
  }
  return undefined;
}

interface Built {
  item: ImmunisationItem;
  /** The vaccine's identity (coded-identity.ts): undefined when nothing says which vaccine it was. */
  vaccineKey?: string;
}

function toItem(i: Immunization, source: SourceRef, index: ResourceIndex, now: Date): Built | undefined {
  // An IPS "no information about immunisations" entry is not a vaccine.
  if (i.status === 'entered-in-error' || absentStatement(i.vaccineCode)) return undefined;
  const date = i.occurrenceDateTime ?? text(i.occurrenceString);
  const time = toInstant(date)?.getTime();
  const identity = codedIdentity(i.vaccineCode);
  const item: ImmunisationItem = {
    vaccine: identity.name ?? NOT_KNOWN,
    code: identity.code,
    status: i.status === 'not-done' ? 'not-done' : 'completed',
    reason: i.status === 'not-done' ? conceptText(i.statusReason) : undefined,
    date,
    futureDated: time !== undefined && time > now.getTime(),
    ...doseOf(i),
    route: conceptText(i.route),
    site: conceptText(i.site),
    lotNumber: text(i.lotNumber),
    reported: i.primarySource === false,
    alsoFrom: [],
    // When it was recorded is `recorded`; the day it was given is shown as the date, never as "recorded".
    provenance: provenanceOf(source, i, { recorded: i.recorded, author: performer(i, index) }),
  };
  return { item, vaccineKey: identityKeys(identity, source.name)[0] };
}

/** Vaccine (its identifying code, else its name), day and status: the same dose wherever it was recorded. */
function sameDoseKey({ item, vaccineKey }: Built): string | undefined {
  const day = dayOf(item.date);
  return day && vaccineKey ? `${vaccineKey}|${day}|${item.status}` : undefined;
}

function newestFirst(a: ImmunisationItem, b: ImmunisationItem): number {
  const ta = toInstant(a.date)?.getTime();
  const tb = toInstant(b.date)?.getTime();
  if (ta !== tb) return ta === undefined ? 1 : tb === undefined ? -1 : tb - ta;
  return a.vaccine.localeCompare(b.vaccine);
}

/** Every source's immunisations, newest first; one entry per dose, naming each source that holds it. */
export function buildImmunisations(inputs: SourceInput[], context: BuildContext): ImmunisationItem[] {
  const built = inputs.flatMap((input) => {
    const index = indexResources(input.resources);
    return buildEach(input, 'Immunization', context, (i) => toItem(i, input.source, index, context.now));
  });
  // Two records of one dose at one source stay apart: that source says it was given twice.
  return foldAcrossSources(built.map((b) => ({ item: b.item, key: sameDoseKey(b) }))).sort(newestFirst);
}
