// Where the person is now: died (any source recording a death), a hospital stay
// or A&E attendance in progress (ward and bed, since when), a care home from a
// social care package; else "Not Known" with the reason, and the address held.
// Never guessed: an address is where someone lives, not where they are now.

import type { CarePlan, Encounter, EncounterLocation, Location, Organization, Patient } from '@medplum/fhirtypes';
import { compareDatesDescending, formatDate, formatDateTime } from '../format/dates';
import { NOT_KNOWN } from '../format/not-known';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { carePlanKind } from './care-plans';
import { isRestricted } from '../access/confidentiality';
import { addressLinesOf, contactsOf, hasEnded, isFuture, listOf, nameOf, periodOf, textOf } from './care-common';
import { codeIn, codingsOf, conceptText, indexResources, provenanceOf, resolve, type ResourceIndex } from './fhir';
import { isFailure } from './section-state';
import type { DeceasedStatus } from './deceased';
import type { LocationItem, Section, SourceRef } from './model';

const CURRENT_STATUSES = new Set(['in-progress', 'arrived', 'triaged']);
const INPATIENT_CLASSES = new Set(['IMP', 'ACUTE', 'NONAC', 'SS', 'PRENC']);
const EMERGENCY_CLASSES = new Set(['EMER']);
const CURRENT_LOCATION_STATUSES = new Set(['active', undefined]);
const CARE_HOME = /residential|nursing home|nursing care|care home/i;

interface Place {
  name?: string;
  type?: string;
  location?: Location;
}

function physicalTypeOf(entry: EncounterLocation, location: Location | undefined): string | undefined {
  return codeIn(entry.physicalType) ?? codeIn(location?.physicalType);
}

function isEmergencyDepartment(place: Place): boolean {
  const types = listOf(place.location?.type, 'type');
  return (
    types.some((t) => codingsOf(t).some((c) => c.code === 'ER') || /emergency|a&e/i.test(conceptText(t) ?? '')) ||
    /a&e|emergency/i.test(place.name ?? '')
  );
}

/** The encounter's current places (status active or not given), each with its physical type. */
function currentPlaces(encounter: Encounter, index: ResourceIndex): Place[] {
  return listOf(encounter.location, 'location')
    .filter((entry) => CURRENT_LOCATION_STATUSES.has(entry.status))
    .map((entry) => {
      const location = resolve(entry.location, index, encounter) as Location | undefined;
      return { name: nameOf(entry.location, index, encounter), type: physicalTypeOf(entry, location), location };
    });
}

/** A bed's ward when only the bed was sent: its `partOf`. */
function wardOfBed(bed: Place | undefined, index: ResourceIndex): string | undefined {
  return bed?.location ? nameOf(bed.location.partOf, index, bed.location) : undefined;
}

function toStay(encounter: Encounter, source: SourceRef, index: ResourceIndex, now: Date): LocationItem | undefined {
  if (!CURRENT_STATUSES.has(textOf(encounter.status, 'status') ?? '')) return undefined;
  const period = periodOf(encounter.period);
  // Ended or not yet started: not where the person is now.
  if (hasEnded(period, now) || isFuture(period?.start, now)) return undefined;
  const classCode = textOf(encounter.class?.code, 'class.code') ?? '';
  const places = currentPlaces(encounter, index);
  const bed = places.findLast((p) => p.type === 'bd');
  const organisation = nameOf(encounter.serviceProvider, index, encounter) ?? source.organisation;
  const common = {
    organisation,
    since: period?.start,
    restricted: isRestricted(encounter),
    provenance: provenanceOf(source, encounter, { recorded: period?.start }),
  };
  if (EMERGENCY_CLASSES.has(classCode)) {
    const department = places.find(isEmergencyDepartment) ?? places.find((p) => p.type !== 'bd');
    return { kind: 'emergency', place: department?.name, bed: bed?.name, basis: 'A&E attendance in progress', ...common };
  }
  if (INPATIENT_CLASSES.has(classCode)) {
    const ward = places.findLast((p) => p.type === 'wa' || p.type === 'ro')?.name ?? wardOfBed(bed, index);
    return { kind: 'inpatient', place: ward, bed: bed?.name, basis: 'Hospital admission in progress', ...common };
  }
  return undefined;
}

/** A care home from an active residential or nursing care package: its place, provider, address and phone. */
function toCareHome(plan: CarePlan, source: SourceRef, index: ResourceIndex, now: Date): LocationItem | undefined {
  if (plan.status !== 'active' || carePlanKind(plan) !== 'care-package') return undefined;
  const period = periodOf(plan.period);
  if (hasEnded(period, now) || isFuture(period?.start, now)) return undefined;
  const activities = listOf(plan.activity, 'activity')
    .map((a) => a.detail)
    .filter((d) => d !== undefined);
  const words = [
    textOf(plan.title, 'title'),
    ...activities.map((d) => conceptText(d.code)),
    ...activities.map((d) => textOf(d.description)),
  ];
  if (!words.some((w) => w && CARE_HOME.test(w))) return undefined;
  const detail = activities.find((d) => d.location) ?? activities[0];
  const location = resolve(detail?.location, index, plan) as Location | undefined;
  const provider = listOf(detail?.performer, 'performer')[0];
  const providerOrg = resolve(provider, index, plan) as Organization | undefined;
  const place = nameOf(detail?.location, index, plan) ?? nameOf(provider, index, plan);
  const phone = [...contactsOf(location?.telecom, now), ...contactsOf(providerOrg?.telecom, now)].find(
    (c) => c.kind === 'phone' || c.kind === 'mobile',
  );
  return {
    kind: 'care-home',
    place,
    organisation: nameOf(provider, index, plan),
    since: period?.start,
    address: addressLinesOf(location?.address, now) ?? addressLinesOf(providerOrg?.address, now),
    phone: phone?.value,
    basis: textOf(plan.title, 'title') ?? 'Care package',
    restricted: isRestricted(plan),
    provenance: provenanceOf(source, plan, { recorded: textOf(plan.created, 'created') ?? period?.start }),
  };
}

function toHome(patient: Patient, source: SourceRef, now: Date): LocationItem | undefined {
  const address = addressLinesOf(patient.address, now);
  if (!address) return undefined;
  return {
    kind: 'home',
    address,
    basis: `Address held by ${source.organisation}`,
    restricted: isRestricted(patient),
    provenance: provenanceOf(source, patient),
  };
}

/**
 * Stays in progress (newest first), then a care home from an active care
 * package, else the first source's address (sources in configured order).
 */
export function buildLocation(inputs: SourceInput[], context: BuildContext): LocationItem[] {
  const stays: LocationItem[] = [];
  const homes: LocationItem[] = [];
  const addresses: LocationItem[] = [];
  for (const input of inputs) {
    const index = indexResources(input.resources);
    stays.push(...buildEach(input, 'Encounter', context, (e) => toStay(e, input.source, index, context.now)));
    homes.push(...buildEach(input, 'CarePlan', context, (p) => toCareHome(p, input.source, index, context.now)));
    addresses.push(...buildEach(input, 'Patient', context, (p) => toHome(p, input.source, context.now)));
  }
  stays.sort((a, b) => compareDatesDescending(a.since, b.since));
  homes.sort((a, b) => compareDatesDescending(a.since, b.since));
  // A resident's address is the home's: use it when the package did not carry one.
  for (const home of homes) {
    const place = home.place?.toLowerCase();
    home.address ??= place ? addresses.find((a) => a.address?.some((line) => line.toLowerCase() === place))?.address : undefined;
  }
  return [...stays, ...(homes.length ? homes : addresses.slice(0, 1))];
}

export function isStay(item: LocationItem): boolean {
  return item.kind === 'inpatient' || item.kind === 'emergency';
}

/** "bed 12" from "Bed 12"; other names (e.g. "Side room 3") as recorded. */
function bedText(bed: string | undefined): string {
  if (!bed) return `bed ${NOT_KNOWN}`;
  const number = /^bed\s+(.+)$/i.exec(bed)?.[1];
  return number ? `bed ${number}` : bed;
}

/**
 * One line saying where: "Inpatient, Ward 7 (Elderly Care), bed 12, since
 * 20-Nov-2026"; "In A&E, Emergency Department (A&E), since 22-Nov-2026 09:40";
 * "In a care home, Oakview Care Home"; "Address 4 Station Road, Ashford". Unknown
 * parts read "Not Known". Never "At home": no source here records that.
 */
export function describeLocation(item: LocationItem): string {
  switch (item.kind) {
    case 'inpatient':
      return `Inpatient, ${item.place ?? `ward ${NOT_KNOWN}`}, ${bedText(item.bed)}, since ${formatDate(item.since)}`;
    case 'emergency':
      return `In A&E, ${item.place ?? `department ${NOT_KNOWN}`}${item.bed ? `, ${item.bed}` : ''}, since ${formatDateTime(item.since)}`;
    case 'care-home':
      return `In a care home, ${item.place ?? NOT_KNOWN}`;
    default:
      // An address says where someone lives, not that they are there now.
      return `Address ${item.address?.join(', ') ?? NOT_KNOWN}`;
  }
}

/** What can be said about where the person is now, from the location section. */
export type WhereNow =
  /** A source records the death; `others` are stays still recorded as in progress (a conflict to show). */
  | { kind: 'died'; deceased: DeceasedStatus; others: LocationItem[]; lives?: LocationItem }
  /** A stay in progress; `others` are further stays recorded as in progress (a conflict to show). */
  | { kind: 'stay'; stay: LocationItem; others: LocationItem[]; lives?: LocationItem }
  /** No stay in progress in any source, every source answered, and a care home is recorded. */
  | { kind: 'lives'; lives: LocationItem }
  /**
   * `no-stay`: every source answered, no stay or care home recorded (an address
   * alone does not say the person is at home now).
   */
  | { kind: 'not-known'; reason: 'loading' | 'not-loaded' | 'not-recorded' | 'no-stay'; lives?: LocationItem };

export function whereNow(section: Pick<Section<LocationItem>, 'items' | 'progress'> | undefined, deceased?: DeceasedStatus): WhereNow {
  const items = section?.items ?? [];
  const [stay, ...others] = items.filter(isStay);
  const lives = items.find((i) => !isStay(i));
  if (deceased) return { kind: 'died', deceased, others: items.filter(isStay), lives };
  if (stay) return { kind: 'stay', stay, others, lives };
  const progress = Object.values(section?.progress ?? {});
  if (!section || progress.includes('loading')) return { kind: 'not-known', reason: 'loading', lives };
  if (progress.some(isFailure)) return { kind: 'not-known', reason: 'not-loaded', lives };
  if (lives?.kind === 'care-home') return { kind: 'lives', lives };
  return lives ? { kind: 'not-known', reason: 'no-stay', lives } : { kind: 'not-known', reason: 'not-recorded' };
}
