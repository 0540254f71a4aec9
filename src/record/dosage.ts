// The dose part of a medicine line (NHS order: dose, route, frequency), from
// FHIR Dosage instructions. The dose is never lost: the structured dose when
// there is one, else the prescriber's text (which may say "as directed"),
// else "dose not recorded"; the route is always said; several instructions
// are kept in order.

import type { Dosage, Quantity } from '@medplum/fhirtypes';
import { formatDosageFrequency } from '../format/frequency';
import { lookup } from '../format/lookup';
import { formatNumber, formatQuantity, formatRange } from '../format/quantity';
import { conceptText } from './fhir';

export const DOSE_NOT_RECORDED = 'dose not recorded';

export interface DosageParts {
  /** The structured dose of a single instruction. */
  dose?: string;
  /** The route of the first instruction that gives one. */
  route?: string;
  /** The frequency of a single instruction. */
  frequency?: string;
  /** Every instruction's own words, in order. */
  instructions?: string;
  /** Never empty. */
  directions: string;
}

const trimmed = (text: string | undefined): string | undefined => (typeof text === 'string' && text.trim() ? text.trim() : undefined);

const DURATION_UNITS: Readonly<Record<string, [string, string]>> = {
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  wk: ['week', 'weeks'],
  mo: ['month', 'months'],
  a: ['year', 'years'],
};

/** "for 5 days" (timing.repeat.boundsDuration): a course's length is part of the dose. */
function courseLength(dosage: Dosage): string | undefined {
  const bounds = dosage.timing?.repeat?.boundsDuration;
  const words = lookup(DURATION_UNITS, bounds?.code) ?? (bounds?.unit ? [bounds.unit, bounds.unit] : undefined);
  if (typeof bounds?.value !== 'number' || !words) return undefined;
  return `for ${formatNumber(bounds.value)} ${bounds.value === 1 ? words[0] : words[1]}`;
}

/** A dose with a number but no unit is shown as such, never as if its unit were known. */
function quantityText(q: Quantity | undefined): string | undefined {
  const text = formatQuantity(q);
  return text !== undefined && !q?.unit && !q?.code ? `${text} (unit not recorded)` : text;
}

export function structuredDose(dosage: Dosage | undefined): string | undefined {
  const rate = dosage?.doseAndRate?.[0];
  return quantityText(rate?.doseQuantity) ?? formatRange(rate?.doseRange);
}

/** "Oral route" (the SNOMED CT display) reads "oral" inside a line; an abbreviation ("IV") keeps its case. */
export function routeInLine(route: string | undefined): string | undefined {
  const bare = route?.replace(/\s+route$/i, '').trim();
  if (!bare) return undefined;
  return /^[A-Z][a-z]/.test(bare) ? bare.charAt(0).toLowerCase() + bare.slice(1) : bare;
}

/** Whether the prescriber's text already says the route ("subcutaneously", "by mouth" for oral). */
function textSaysRoute(text: string, route: string): boolean {
  const word = route
    .toLowerCase()
    .replace(/\s*route$/, '')
    .trim();
  const stem = word.slice(0, Math.max(4, word.length - 3));
  const said = text.toLowerCase();
  return said.includes(stem) || (word === 'oral' && /\bby mouth\b/.test(said));
}

/** The words of one instruction: what the prescriber wrote, else the patient instruction, else additional instructions. */
function writtenText(dosage: Dosage): string | undefined {
  const additional = (dosage.additionalInstruction ?? []).map(conceptText).filter((t): t is string => !!t);
  return trimmed(dosage.text) ?? trimmed(dosage.patientInstruction) ?? (additional.length ? additional.join('; ') : undefined);
}

/** One instruction as shown; `withRoute` false when an earlier instruction already said the same route. */
function oneDirection(dosage: Dosage, withRoute: boolean): string {
  const dose = structuredDose(dosage);
  const frequency = formatDosageFrequency(dosage);
  const route = withRoute ? routeInLine(conceptText(dosage.route)) : undefined;
  const text = writtenText(dosage);
  // A structured dose with no timing loses what the prescriber's text says about when: show the text then.
  if (dose && (frequency || !text))
    return [dose, route, [frequency, courseLength(dosage)].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  if (text) return route && !textSaysRoute(text, route) ? `${text}, ${route}` : text;
  return [DOSE_NOT_RECORDED, route, frequency].filter(Boolean).join(', ');
}

/** In `sequence` order when every instruction has one (a stable sort keeps the sent order otherwise). */
export function orderedDosages(dosages: Dosage[] | undefined): Dosage[] {
  const list = (dosages ?? []).filter((d) => d && typeof d === 'object');
  if (!list.every((d) => typeof d.sequence === 'number')) return list;
  return [...list].sort((a, b) => (a.sequence as number) - (b.sequence as number));
}

/** Instructions with one sequence number apply together ("and"); others follow one another ("then"). */
function joiner(previous: Dosage, next: Dosage): string {
  return typeof previous.sequence === 'number' && previous.sequence === next.sequence ? ' and ' : '; then ';
}

function joinInOrder(dosages: Dosage[], textOf: (d: Dosage, i: number) => string | undefined): string | undefined {
  let out = '';
  dosages.forEach((d, i) => {
    const text = textOf(d, i);
    if (!text) return;
    out += out ? `${joiner(dosages[i - 1] as Dosage, d)}${text}` : text;
  });
  return out || undefined;
}

/** The dose part of the medicine line and its pieces, from a request's or statement's instructions. */
export function describeDosage(dosages: Dosage[] | undefined): DosageParts {
  const ordered = orderedDosages(dosages);
  const single = ordered.length === 1 ? ordered[0] : undefined;
  const routes = ordered.map((d) => conceptText(d.route));
  const directions =
    joinInOrder(ordered, (d, i) => oneDirection(d, routes[i] !== undefined && routes.slice(0, i).every((r) => r !== routes[i]))) ??
    DOSE_NOT_RECORDED;
  return {
    dose: single && structuredDose(single),
    route: routes.find(Boolean),
    frequency: single && formatDosageFrequency(single),
    instructions: joinInOrder(ordered, (d) => writtenText(d)),
    directions,
  };
}
