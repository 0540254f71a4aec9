// Who to call, for the first screen: the people a clinician rings in the first
// minutes, each with a phone number to dial. Next of kin and lasting power of
// attorney first, then the registered GP practice, then the care coordinator
// and the crisis line (mental health). Read from the record's sections as they
// are; a person named in several sources is listed once.

import { splitPhoneNumbers } from '../format/phone-text';
import type { CarePlanItem, CareRecord, CareTeamMember, FlagAlert } from './model';

export interface CallContact {
  kind: 'next-of-kin' | 'attorney' | 'gp' | 'care-coordinator' | 'crisis-line';
  /** Who, e.g. "THOMPSON, Helen (Ms)", "Riverside Medical Practice", "Crisis Resolution and Home Treatment Team". */
  name: string;
  /** Why them, as recorded, e.g. "Next of kin, Daughter, Lasting power of attorney for health and welfare". */
  role: string;
  /** Phone numbers as recorded (the view formats and dials them); empty when none is recorded. */
  phones: string[];
  /** The organisations that hold this. */
  sources: string[];
  restricted: boolean;
}

type Parts = Pick<CareRecord, 'relatedPersons' | 'patient' | 'careTeam' | 'mentalHealth' | 'carePlans' | 'flags'>;

const CARE_COORDINATOR = /care[ -]?co-?ordinator/i;
const CRISIS = /crisis/i;
const unique = <T>(values: T[]): T[] => [...new Set(values)];

function phonesOf(member: CareTeamMember): string[] {
  return unique(member.contacts.filter((c) => c.kind === 'phone' || c.kind === 'mobile').map((c) => c.value));
}

function relatives(parts: Partial<Parts>): CallContact[] {
  return (parts.relatedPersons?.items ?? []).flatMap((group): CallContact[] => {
    const attorney = group.entries.some((e) => e.healthAndWelfareAttorney);
    if (!attorney && !group.entries.some((e) => e.nextOfKin)) return [];
    const relationships = unique(group.entries.flatMap((e) => e.relationships));
    if (attorney && !relationships.some((r) => /attorney/i.test(r))) relationships.push('Lasting power of attorney for health and welfare');
    return [
      {
        kind: attorney ? 'attorney' : 'next-of-kin',
        name: group.name,
        role: relationships.join(', '),
        phones: unique(
          group.entries.flatMap((e) => e.contacts.filter((c) => c.kind === 'phone' || c.kind === 'mobile').map((c) => c.value)),
        ),
        sources: unique(group.entries.map((e) => e.provenance.source.organisation)),
        restricted: group.entries.some((e) => e.restricted),
      },
    ];
  });
}

function practice(parts: Partial<Parts>): CallContact[] {
  const summary = (parts.patient?.items ?? []).find((p) => p.registeredPractice);
  const gp = summary?.registeredPractice;
  if (!gp) return [];
  const phone = (parts.patient?.items ?? []).map((p) => p.registeredPractice?.phone).find(Boolean);
  return [
    {
      kind: 'gp',
      name: gp.name,
      role: 'Registered GP practice',
      phones: phone ? [phone] : [],
      sources: [summary.provenance.source.organisation],
      restricted: false,
    },
  ];
}

function coordinators(parts: Partial<Parts>): CallContact[] {
  const members = [
    ...(parts.careTeam?.items ?? []),
    ...(parts.mentalHealth?.items ?? []).flatMap((i) => (i.kind === 'care-coordinator' ? [i.member] : [])),
  ].filter((m) => m.status === 'active' && CARE_COORDINATOR.test(m.role ?? ''));
  const byName = new Map<string, CallContact>();
  for (const m of members) {
    const known = byName.get(m.name);
    if (known) {
      known.phones = unique([...known.phones, ...phonesOf(m)]);
      known.sources = unique([...known.sources, m.provenance.source.organisation]);
      continue;
    }
    byName.set(m.name, {
      kind: 'care-coordinator',
      name: m.name,
      role: [m.role, m.organisation].filter(Boolean).join(', '),
      phones: phonesOf(m),
      sources: [m.provenance.source.organisation],
      restricted: m.restricted,
    });
  }
  return [...byName.values()];
}

/** A clause of a plan or flag that names the crisis line with its number, as written ("Crisis Resolution and Home Treatment Team, 01632 960499 (24 hours)"). */
function crisisClauses(text: string): { name: string; phones: string[] }[] {
  return text.split(/[;\n]|\.\s/).flatMap((clause) => {
    const phones = splitPhoneNumbers(clause)
      .filter((p) => p.kind === 'phone')
      .map((p) => p.text);
    if (!CRISIS.test(clause) || phones.length === 0) return [];
    // The words before the number, without a label ("Who to call:") or the verb ("in a crisis call the").
    const before = clause.slice(0, clause.indexOf(phones[0]!));
    const name = before
      .replace(/^.*?:\s*/, '')
      .replace(/^.*\b(?:call|contact|ring|phone)\b\s*(?:the\s+)?/i, '')
      .replace(/[\s,;:]*(?:\bon\b)?[\s,;:]*$/i, '')
      .trim();
    return [{ name: name ? name[0]!.toUpperCase() + name.slice(1) : 'Crisis line', phones }];
  });
}

function crisisLines(parts: Partial<Parts>): CallContact[] {
  const plans: CarePlanItem[] = [
    ...(parts.carePlans?.items ?? []),
    ...(parts.mentalHealth?.items ?? []).flatMap((i) => (i.kind === 'crisis-plan' ? [i.plan] : [])),
  ].filter((p) => p.kind === 'crisis' && (p.status === 'active' || p.status === 'on-hold'));
  const flags: FlagAlert[] = (parts.flags?.items ?? []).filter((f) => CRISIS.test(f.text));
  const found = [
    ...plans.flatMap((p) =>
      [p.description ?? '', ...p.activities.map((a) => a.description)]
        .flatMap(crisisClauses)
        .map((c) => ({ ...c, source: p.provenance.source.organisation, restricted: p.restricted })),
    ),
    ...flags.flatMap((f) => crisisClauses(f.text).map((c) => ({ ...c, source: f.provenance.source.organisation, restricted: false }))),
  ];
  const byNumber = new Map<string, CallContact>();
  for (const c of found) {
    const key = c.phones.join(' ');
    const known = byNumber.get(key);
    if (known) known.sources = unique([...known.sources, c.source]);
    else
      byNumber.set(key, {
        kind: 'crisis-line',
        name: c.name,
        role: 'Crisis line',
        phones: c.phones,
        sources: [c.source],
        restricted: c.restricted,
      });
  }
  return [...byNumber.values()];
}

/** Lasting power of attorney and next of kin, the registered GP practice, care coordinators, crisis lines. */
export function whoToCall(parts: Partial<Parts>): CallContact[] {
  const people = relatives(parts).sort((a, b) => Number(b.kind === 'attorney') - Number(a.kind === 'attorney'));
  return [...people, ...practice(parts), ...coordinators(parts), ...crisisLines(parts)];
}
