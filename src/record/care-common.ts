// Readers shared by the care plan, care team, location, social care and
// mental health builders. A part of the wrong JSON type throws, so buildEach
// leaves the resource out and counts it rather than showing it half-read.

import type { Address, ContactPoint, Period, Reference, Resource } from '@medplum/fhirtypes';
import { formatName } from '../format/names';
import { toInstant } from '../format/dates';
import { resolve, resourceName, type ResourceIndex } from './fhir';
import type { ContactDetail, SourceRef } from './model';

/** The value as trimmed text, undefined when absent or blank; throws when it is not text. */
export function textOf(value: unknown, field = 'value'): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TypeError(`${field} is not text`);
  return value.trim() || undefined;
}

/** The array, `[]` when absent; throws when it is not an array. */
export function listOf<T>(value: T[] | undefined, field = 'value'): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new TypeError(`${field} is not a list`);
  return value.filter((v) => v !== null && v !== undefined);
}

export function periodOf(period: Period | undefined): { start?: string; end?: string } | undefined {
  if (period === undefined) return undefined;
  const start = textOf(period.start, 'period.start');
  const end = textOf(period.end, 'period.end');
  return start || end ? { start, end } : undefined;
}

/** True when the period ended before `now` (an unreadable end date counts as not ended). */
export function hasEnded(period: { end?: string } | undefined, now: Date): boolean {
  const end = toInstant(period?.end);
  return end !== undefined && end.getTime() < now.getTime();
}

/** True when the date is after `now` (a partial date counts from the start of its period). */
export function isFuture(date: string | undefined, now: Date): boolean {
  const at = toInstant(date);
  return at !== undefined && at.getTime() > now.getTime();
}

/** Phone numbers, emails and other telecom in use, as recorded; `label` says whose they are when not the person's own. */
export function contactsOf(telecom: ContactPoint[] | undefined, now: Date, label?: string): ContactDetail[] {
  return listOf(telecom, 'telecom').flatMap((t): ContactDetail[] => {
    const value = textOf(t.value, 'telecom.value');
    if (!value || t.use === 'old' || hasEnded(periodOf(t.period), now)) return [];
    const kind: ContactDetail['kind'] =
      t.system === 'phone' || t.system === 'sms' ? (t.use === 'mobile' ? 'mobile' : 'phone') : t.system === 'email' ? 'email' : 'other';
    return [label ? { kind, value, label } : { kind, value }];
  });
}

/** The address in use (home first), as lines with the postcode last. */
export function addressLinesOf(addresses: Address[] | Address | undefined, now: Date): string[] | undefined {
  const all = Array.isArray(addresses) ? addresses : addresses ? [addresses] : [];
  const inUse = all.filter((a) => a && a.use !== 'old' && !hasEnded(periodOf(a.period), now));
  const chosen = inUse.find((a) => a.use === 'home') ?? inUse[0];
  if (!chosen) return undefined;
  const lines = [...listOf(chosen.line, 'address.line'), chosen.city, chosen.district, chosen.postalCode]
    .map((l) => textOf(l, 'address'))
    .filter((l): l is string => l !== undefined);
  return lines.length ? lines : undefined;
}

/**
 * A readable name for whatever a reference points at: its display, else the
 * resolved resource's name (people as `FAMILY, Given (Title)`, places and teams
 * by their name).
 */
export function nameOf(reference: Reference | undefined, index: ResourceIndex, container?: Resource): string | undefined {
  const display = textOf(reference?.display, 'reference.display');
  if (display) return display;
  const target = resolve(reference, index, container);
  if (target?.resourceType === 'Location' || target?.resourceType === 'CareTeam' || target?.resourceType === 'HealthcareService') {
    return textOf(target.name, 'name');
  }
  if (target?.resourceType === 'Practitioner' || target?.resourceType === 'RelatedPerson') {
    const name = listOf(target.name, 'name')[0];
    return name ? formatName(name) : undefined;
  }
  return resourceName(target);
}

/** The resource type a reference names, from the resolved resource, `type`, or the literal reference. */
export function referenceType(reference: Reference | undefined, index: ResourceIndex, container?: Resource): string | undefined {
  const target = resolve(reference, index, container);
  if (target) return target.resourceType;
  if (typeof reference?.type === 'string') return reference.type;
  return /(?:^|\/)([A-Z][A-Za-z]+)\/[^/]+$/.exec(reference?.reference ?? '')?.[1];
}

// Which sources are social care or mental health services, by their configured
// name and organisation: FHIR has no field saying so.
const SOCIAL_CARE_SOURCE = /social[ -]?(care|services|work)|council|children'?s services|adult services/i;
const MENTAL_HEALTH_SOURCE = /mental[ -]?health|psychiatr/i;

export function isSocialCareSource(source: SourceRef): boolean {
  return SOCIAL_CARE_SOURCE.test(`${source.name} ${source.organisation}`);
}

export function isMentalHealthSource(source: SourceRef): boolean {
  return MENTAL_HEALTH_SOURCE.test(`${source.name} ${source.organisation}`);
}
