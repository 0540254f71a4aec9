// Who is involved: the members of every care team across organisations (with
// their role, job, organisation and how to reach them), and the people close
// to the patient (next of kin, carers, lasting power of attorney).

import type { CareTeam, CareTeamParticipant, HumanName, Practitioner, RelatedPerson } from '@medplum/fhirtypes';
import { formatName } from '../format/names';
import { NOT_KNOWN } from '../format/not-known';
import { formatPhoneNumber, ukNationalDigits } from '../format/phone';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { isRestricted } from '../access/confidentiality';
import { addressLinesOf, contactsOf, hasEnded, listOf, nameOf, periodOf, referenceType, textOf } from './care-common';
import { codingsOf, conceptText, indexResources, normaliseText, provenanceOf, resolve, type ResourceIndex } from './fhir';
import type { CareTeamMember, ContactDetail, RelatedPersonEntry, RelatedPersonGroup, SourceRef } from './model';

const V2_RELATIONSHIP = 'http://terminology.hl7.org/CodeSystem/v2-0131';
const V3_ROLE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

// ---------------------------------------------------------------- care team

interface MemberDetails {
  name?: string;
  job?: string;
  organisation?: string;
  memberType: CareTeamMember['memberType'];
  contacts: ContactDetail[];
}

function practitionerName(practitioner: Practitioner | undefined): string | undefined {
  const name = listOf(practitioner?.name, 'name')[0];
  return name ? formatName(name) : undefined;
}

/** What the participant's reference says about them, richer when the resource was included. */
function memberDetails(participant: CareTeamParticipant, team: CareTeam, index: ResourceIndex, now: Date): MemberDetails {
  const reference = participant.member;
  const target = resolve(reference, index, team);
  const onBehalfOf = nameOf(participant.onBehalfOf, index, team);
  switch (target?.resourceType) {
    case 'PractitionerRole': {
      const practitioner = resolve(target.practitioner, index, target) as Practitioner | undefined;
      return {
        name: practitionerName(practitioner) ?? textOf(target.practitioner?.display) ?? textOf(reference?.display),
        job: listOf(target.code, 'code')
          .map((c) => conceptText(c))
          .find(Boolean),
        organisation: nameOf(target.organization, index, target) ?? onBehalfOf,
        memberType: 'person',
        contacts: [...contactsOf(target.telecom, now), ...contactsOf(practitioner?.telecom, now)],
      };
    }
    case 'Practitioner':
    case 'RelatedPerson':
      return {
        name: practitionerName(target as Practitioner) ?? textOf(reference?.display),
        organisation: onBehalfOf,
        memberType: 'person',
        contacts: contactsOf((target as Practitioner).telecom, now),
      };
    case 'Organization':
      return {
        name: textOf(target.name) ?? textOf(reference?.display),
        memberType: 'organisation',
        contacts: contactsOf(target.telecom, now),
      };
    case 'CareTeam':
      return {
        name: textOf(target.name) ?? textOf(reference?.display),
        memberType: 'team',
        contacts: contactsOf(target.telecom, now),
      };
    default: {
      // Display-only, e.g. someone from another organisation.
      const type = referenceType(reference, index, team);
      const memberType = type === 'Organization' ? 'organisation' : type === 'CareTeam' ? 'team' : type ? 'person' : 'unknown';
      return { name: textOf(reference?.display), organisation: onBehalfOf, memberType, contacts: [] };
    }
  }
}

function toMembers(team: CareTeam, source: SourceRef, index: ResourceIndex, now: Date): CareTeamMember[] | undefined {
  if (team.status === 'entered-in-error') return undefined;
  const teamEnded = team.status === 'inactive' || hasEnded(periodOf(team.period), now);
  const teamContacts = contactsOf(team.telecom, now, 'Team');
  const restricted = isRestricted(team);
  const teamName = textOf(team.name, 'name');
  return listOf(team.participant, 'participant').flatMap((participant): CareTeamMember[] => {
    if (referenceType(participant.member, index, team) === 'Patient') return [];
    const details = memberDetails(participant, team, index, now);
    const period = periodOf(participant.period);
    const role = listOf(participant.role, 'role')
      .map((r) => conceptText(r))
      .find(Boolean);
    if (!details.name && !role) return [];
    return [
      {
        name: details.name ?? NOT_KNOWN,
        role,
        job: details.job && details.job !== role ? details.job : undefined,
        organisation: details.organisation,
        team: teamName,
        memberType: details.memberType,
        contacts: [
          ...details.contacts,
          ...teamContacts.filter((t) => !details.contacts.some((c) => phoneKey(c.value) === phoneKey(t.value))),
        ],
        period,
        status: teamEnded || hasEnded(period, now) ? 'ended' : 'active',
        restricted,
        provenance: provenanceOf(source, team, { recorded: period?.start ?? team.period?.start }),
      },
    ];
  });
}

/** Every care team member one source holds, in its order (for the summaries that pick some). */
export function careTeamMembersOf(input: SourceInput, context: BuildContext): CareTeamMember[] {
  const index = indexResources(input.resources);
  return buildEach(input, 'CareTeam', context, (team) => toMembers(team, input.source, index, context.now)).flat();
}

/** Members of every care team, current ones first, in source order. */
export function buildCareTeam(inputs: SourceInput[], context: BuildContext): CareTeamMember[] {
  const members = inputs.flatMap((input) => careTeamMembersOf(input, context));
  return [...members.filter((m) => m.status === 'active'), ...members.filter((m) => m.status === 'ended')];
}

// ---------------------------------------------------------------- related persons

function hasRelationshipCode(person: RelatedPerson, system: string, codes: string[]): boolean {
  return listOf(person.relationship, 'relationship').some((r) =>
    codingsOf(r).some((c) => c.system === system && codes.includes(c.code ?? '')),
  );
}

function relationshipWords(person: RelatedPerson): string[] {
  return listOf(person.relationship, 'relationship')
    .flatMap((r) => [r.text, ...codingsOf(r).map((c) => c.display)])
    .filter((w): w is string => typeof w === 'string');
}

function isHealthAndWelfareAttorney(person: RelatedPerson): boolean {
  return (
    hasRelationshipCode(person, V3_ROLE, ['HPOWATT']) ||
    relationshipWords(person).some((w) => /power of attorney/i.test(w) && /health|welfare/i.test(w))
  );
}

function isNextOfKin(person: RelatedPerson): boolean {
  return (
    hasRelationshipCode(person, V2_RELATIONSHIP, ['N']) ||
    hasRelationshipCode(person, V3_ROLE, ['NOK']) ||
    relationshipWords(person).some((w) => /next[ -]of[ -]kin/i.test(w))
  );
}

function chosenName(person: RelatedPerson): HumanName | undefined {
  const names = listOf(person.name, 'name').filter((n) => n.use !== 'old');
  return names.find((n) => n.use === 'official') ?? names.find((n) => n.use === 'usual') ?? names[0];
}

function toRelatedPerson(person: RelatedPerson, source: SourceRef, now: Date): (RelatedPersonEntry & { key: string }) | undefined {
  if (person.active === false || hasEnded(periodOf(person.period), now)) return undefined;
  const name = chosenName(person);
  const formatted = name ? formatName(name) : NOT_KNOWN;
  const relationships = listOf(person.relationship, 'relationship')
    .map((r) => conceptText(r))
    .filter((r): r is string => !!r);
  const keyName = name?.family || name?.given?.length ? `${name.family ?? ''} ${(name.given ?? []).join(' ')}` : formatted;
  return {
    key: normaliseText(keyName),
    name: formatted,
    relationships,
    nextOfKin: isNextOfKin(person),
    healthAndWelfareAttorney: isHealthAndWelfareAttorney(person),
    contacts: contactsOf(person.telecom, now),
    address: addressLinesOf(person.address, now),
    restricted: isRestricted(person),
    provenance: provenanceOf(source, person),
  };
}

function phoneKey(value: string): string {
  return ukNationalDigits(value) ?? value.replace(/\s+/g, '');
}

/** "Phone differs: 07700 900123 (Riverside Medical Practice), 07700 900999 (Weald General Hospital NHS Trust)". */
function phoneConflict(entries: RelatedPersonEntry[]): string[] {
  const withPhones = entries.filter((e) => e.contacts.some((c) => c.kind === 'phone' || c.kind === 'mobile'));
  const phones = withPhones.map((e) => e.contacts.filter((c) => c.kind === 'phone' || c.kind === 'mobile'));
  const keys = new Set(
    phones.map((list) =>
      list
        .map((c) => phoneKey(c.value))
        .sort()
        .join(','),
    ),
  );
  if (keys.size <= 1) return [];
  const parts = withPhones.map(
    (e, i) => `${phones[i]!.map((c) => formatPhoneNumber(c.value)).join(', ')} (${e.provenance.source.organisation})`,
  );
  return [`Phone differs: ${parts.join('; ')}`];
}

function rank(group: RelatedPersonGroup): number {
  const any = (test: (e: RelatedPersonEntry) => boolean) => group.entries.some(test);
  if (any((e) => e.healthAndWelfareAttorney)) return 0;
  if (any((e) => e.nextOfKin)) return 1;
  return 2;
}

/**
 * People close to the patient, the same person from several sources grouped by
 * name (never hidden: every source's entry is kept). Attorneys first, then next
 * of kin, then others. Inactive and ended entries are left out.
 */
export function buildRelatedPersons(inputs: SourceInput[], context: BuildContext): RelatedPersonGroup[] {
  const groups = new Map<string, RelatedPersonGroup>();
  for (const input of inputs) {
    for (const { key, ...entry } of buildEach(input, 'RelatedPerson', context, (p) => toRelatedPerson(p, input.source, context.now))) {
      const group = groups.get(key) ?? { key, name: entry.name, entries: [], conflicts: [] };
      group.entries.push(entry);
      groups.set(key, group);
    }
  }
  const all = [...groups.values()].map((g) => ({ ...g, conflicts: phoneConflict(g.entries) }));
  return all.sort((a, b) => rank(a) - rank(b));
}
