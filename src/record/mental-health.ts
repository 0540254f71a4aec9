// Mental health at a glance: Mental Health Act status when recorded, the care
// coordinator, crisis plans, diagnoses held by mental health services, open
// episodes and the rest of the team. Restricted data is marked, not hidden
// (access rules come later).

import type { EpisodeOfCare, Flag, Resource } from '@medplum/fhirtypes';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { carePlansOf, compareCarePlans } from './care-plans';
import { careTeamMembersOf } from './care-team';
import { isRestricted } from '../access/confidentiality';
import { hasEnded, isMentalHealthSource, listOf, periodOf, textOf } from './care-common';
import { conceptText, indexResources, keyOf, provenanceOf } from './fhir';
import type { MentalHealthItem, SourceRef } from './model';
import { buildProblems } from './problems';
import { toEpisode } from './social-care';

const CARE_COORDINATOR = /care[ -]?co-?ordinator/i;
const MENTAL_HEALTH_ACT =
  /mental health act|\bMHA\b|\bsection\s*(?:2|3|4|5\s*\(\s*[24]\s*\)|7|35|36|37(?:\s*\/\s*41)?|38|45a|47|48|135|136)\b|community treatment order|\bCTO\b|guardianship/i;
const MENTAL_HEALTH_EPISODE = /mental health|care programme approach|\bCPA\b|psychiatr/i;
const OPEN_EPISODE = new Set(['planned', 'waitlist', 'active', 'onhold']);

type ActItem = Extract<MentalHealthItem, { kind: 'mental-health-act' }>;

function flagAct(flag: Flag, source: SourceRef, now: Date): ActItem | undefined {
  const text = conceptText(flag.code);
  const period = periodOf(flag.period);
  if (flag.status !== 'active' || hasEnded(period, now) || !text || !MENTAL_HEALTH_ACT.test(text)) return undefined;
  return {
    kind: 'mental-health-act',
    text,
    since: period?.start,
    restricted: isRestricted(flag),
    provenance: provenanceOf(source, flag, { recorded: period?.start }),
  };
}

function episodeTypes(episode: EpisodeOfCare): string {
  return listOf(episode.type, 'type')
    .map((t) => conceptText(t))
    .filter(Boolean)
    .join(', ');
}

function episodeAct(episode: EpisodeOfCare, source: SourceRef, now: Date): ActItem | undefined {
  const text = episodeTypes(episode);
  const period = periodOf(episode.period);
  if (!OPEN_EPISODE.has(textOf(episode.status, 'status') ?? '') || hasEnded(period, now) || !MENTAL_HEALTH_ACT.test(text)) return undefined;
  return {
    kind: 'mental-health-act',
    text,
    since: period?.start,
    restricted: isRestricted(episode),
    provenance: provenanceOf(source, episode, { recorded: period?.start }),
  };
}

/** Diagnoses from mental health services' Conditions, each marked restricted when its resource is. */
function diagnoses(inputs: SourceInput[], context: BuildContext): MentalHealthItem[] {
  const mentalHealth = inputs.filter((i) => isMentalHealthSource(i.source));
  const byKey = new Map<string, Resource>();
  for (const input of mentalHealth) for (const r of input.resources) if (r?.id) byKey.set(`${input.source.name}|${keyOf(r)}`, r);
  return buildProblems(mentalHealth, context).map((problem) => {
    const resource = byKey.get(`${problem.provenance.source.name}|${problem.provenance.resource}`);
    return { kind: 'diagnosis', problem, restricted: resource ? isRestricted(resource) : false };
  });
}

/**
 * MHA status, care coordinators (any source), crisis plans (any source),
 * diagnoses from mental health services, their open episodes, then the rest
 * of their care teams. MHA status is read from active Flags and open
 * EpisodeOfCare whose text names the Act, a section or a CTO.
 */
export function buildMentalHealth(inputs: SourceInput[], context: BuildContext): MentalHealthItem[] {
  const act: MentalHealthItem[] = [];
  const episodes: MentalHealthItem[] = [];
  const coordinators: MentalHealthItem[] = [];
  const team: MentalHealthItem[] = [];
  const plans: MentalHealthItem[] = [];
  for (const input of inputs) {
    const { source } = input;
    const index = indexResources(input.resources);
    act.push(...buildEach(input, 'Flag', context, (f) => flagAct(f, source, context.now)));
    for (const episode of buildEach(input, 'EpisodeOfCare', context, (e) => {
      const item = episodeAct(e, source, context.now);
      if (item) return item;
      const mentalHealth = isMentalHealthSource(source) || MENTAL_HEALTH_EPISODE.test(episodeTypes(e));
      const built = mentalHealth ? toEpisode(e, source, index, context.now) : undefined;
      return built && built.status === 'open' ? ({ kind: 'episode', episode: built } satisfies MentalHealthItem) : undefined;
    })) {
      (episode.kind === 'mental-health-act' ? act : episodes).push(episode);
    }
    for (const member of careTeamMembersOf(input, context)) {
      if (member.status !== 'active') continue;
      if (CARE_COORDINATOR.test(`${member.role ?? ''} ${member.job ?? ''}`)) coordinators.push({ kind: 'care-coordinator', member });
      else if (isMentalHealthSource(source)) team.push({ kind: 'team-member', member });
    }
    plans.push(
      ...carePlansOf(input, context)
        .filter((p) => p.kind === 'crisis')
        .map((plan): MentalHealthItem => ({ kind: 'crisis-plan', plan })),
    );
  }
  plans.sort((a, b) => (a.kind === 'crisis-plan' && b.kind === 'crisis-plan' ? compareCarePlans(a.plan, b.plan) : 0));
  return [...act, ...coordinators, ...plans, ...diagnoses(inputs, context), ...episodes, ...team];
}
