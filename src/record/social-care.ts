// Social care at a glance: safeguarding flags, child protection plans, open
// cases (EpisodeOfCare) with the allocated worker, care packages with their
// provider, and the social care people involved with how to reach them.

import type { EpisodeOfCare } from '@medplum/fhirtypes';
import { compareDatesDescending } from '../format/dates';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { carePlansOf, compareCarePlans } from './care-plans';
import { careTeamMembersOf } from './care-team';
import { isRestricted } from '../access/confidentiality';
import { isSocialCareSource, listOf, nameOf, periodOf, textOf } from './care-common';
import { conceptText, indexResources, provenanceOf, type ResourceIndex } from './fhir';
import { buildFlags } from './flags';
import type { EpisodeItem, SocialCareItem, SourceRef } from './model';

const OPEN = new Set(['planned', 'waitlist', 'active', 'onhold']);
const CLOSED = new Set(['finished', 'cancelled']);
/** A case closed within this many days is still shown (as closed). */
const RECENTLY_CLOSED_DAYS = 365;
const SOCIAL_CARE_TEXT = /social (care|work)|child protection|children'?s services|safeguard|care package/i;
const SOCIAL_WORKER = /social worker|care manager|care provider/i;

function episodeWords(episode: EpisodeOfCare): string[] {
  return listOf(episode.type, 'type')
    .map((t) => conceptText(t))
    .filter((t): t is string => !!t);
}

/** One open (or recently closed) case; undefined when entered in error, long closed, or of unknown status. */
export function toEpisode(episode: EpisodeOfCare, source: SourceRef, index: ResourceIndex, now: Date): EpisodeItem | undefined {
  const status = textOf(episode.status, 'status') ?? '';
  const period = periodOf(episode.period);
  if (!OPEN.has(status) && !CLOSED.has(status)) return undefined;
  if (CLOSED.has(status)) {
    const ended = Date.parse(period?.end ?? '');
    if (Number.isNaN(ended) || now.getTime() - ended > RECENTLY_CLOSED_DAYS * 86_400_000) return undefined;
  }
  const careManager = nameOf(episode.careManager, index, episode);
  return {
    title: episodeWords(episode).join(', ') || 'Case',
    status: OPEN.has(status) ? 'open' : 'closed',
    period,
    careManager,
    organisation: nameOf(episode.managingOrganization, index, episode),
    restricted: isRestricted(episode),
    provenance: provenanceOf(source, episode, { recorded: period?.start, author: careManager }),
  };
}

function isSocialCareEpisode(episode: EpisodeOfCare, source: SourceRef): boolean {
  return isSocialCareSource(source) || episodeWords(episode).some((w) => SOCIAL_CARE_TEXT.test(w));
}

function episodesOf(input: SourceInput, context: BuildContext): EpisodeItem[] {
  const index = indexResources(input.resources);
  return buildEach(input, 'EpisodeOfCare', context, (e) =>
    isSocialCareEpisode(e, input.source) ? toEpisode(e, input.source, index, context.now) : undefined,
  );
}

/**
 * Safeguarding flags first, then child protection plans, open cases, care
 * packages and other social care plans, then the social care people involved
 * (from social care sources, or anyone whose role is social work).
 */
export function buildSocialCare(inputs: SourceInput[], context: BuildContext): SocialCareItem[] {
  const safeguarding = buildFlags(inputs, context).filter((f) => f.category === 'safeguarding');
  const plans = inputs
    .flatMap((input) =>
      carePlansOf(input, context).filter(
        (p) => p.kind === 'child-protection' || p.kind === 'care-package' || (isSocialCareSource(input.source) && p.kind !== 'crisis'),
      ),
    )
    .sort(compareCarePlans);
  const episodes = inputs
    .flatMap((input) => episodesOf(input, context))
    .sort(
      (a, b) => Number(a.status === 'closed') - Number(b.status === 'closed') || compareDatesDescending(a.period?.start, b.period?.start),
    );
  const workers = inputs.flatMap((input) =>
    careTeamMembersOf(input, context).filter(
      (m) => m.status === 'active' && (isSocialCareSource(input.source) || SOCIAL_WORKER.test(`${m.role ?? ''} ${m.job ?? ''}`)),
    ),
  );
  return [
    ...safeguarding.map((flag): SocialCareItem => ({ kind: 'safeguarding', flag })),
    ...plans.map((plan): SocialCareItem => ({ kind: 'plan', plan })),
    ...episodes.map((episode): SocialCareItem => ({ kind: 'episode', episode })),
    ...workers.map((member): SocialCareItem => ({ kind: 'worker', member })),
  ];
}
