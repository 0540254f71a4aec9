// Wording for allergies shared by <cr-allergy-list> and <cr-alerts-strip>.
// The allergy-status answers are kept apart, per source, in a fixed order, so
// "No known drug allergies", "not recorded" and "could not be loaded" can
// never be merged into one reassuring phrase.

import type { AllergyEntry, AllergyGroup, AllergyReaction, AllergyStatus } from '../../src/record/model';

const STATUS_ORDER: { kind: AllergyStatus['kind']; text: string }[] = [
  { kind: 'has-entries', text: 'Allergies recorded' },
  { kind: 'no-known-drug-allergies', text: 'No known drug allergies' },
  { kind: 'no-known-allergies', text: 'No known allergies' },
  { kind: 'not-recorded', text: 'Not recorded' },
  { kind: 'could-not-load', text: 'Could not be loaded' },
];

/**
 * "No known drug allergies (Riverside Medical Practice); not recorded (Weald
 * General Hospital NHS Trust)". Empty when no source said anything.
 */
export function allergyStatusText(statuses: readonly AllergyStatus[]): string {
  const parts: string[] = [];
  for (const { kind, text } of STATUS_ORDER) {
    const orgs = statuses.filter((s) => s.kind === kind).map((s) => s.source.organisation);
    if (orgs.length === 0) continue;
    const phrase = parts.length === 0 ? text : text.charAt(0).toLowerCase() + text.slice(1);
    parts.push(`${phrase} (${[...new Set(orgs)].join(', ')})`);
  }
  return parts.join('; ');
}

/** "Anaphylaxis (severe)". */
export function reactionText(r: AllergyReaction): string {
  const what = r.manifestations.length ? r.manifestations.join(', ') : 'Reaction not described';
  return r.severity ? `${what} (${r.severity})` : what;
}

/** Every distinct reaction recorded across a group's entries. */
export function groupReactions(group: AllergyGroup): string[] {
  return [...new Set(group.entries.flatMap((e) => e.reactions.map(reactionText)))];
}

const CRITICALITY: Record<NonNullable<AllergyEntry['criticality']>, string> = {
  high: 'High',
  low: 'Low',
  'unable-to-assess': 'Unable to assess',
};

/** The criticality value alone, for a labelled field: "High". */
export function criticalityValue(c: AllergyEntry['criticality']): string | undefined {
  return c ? CRITICALITY[c] : undefined;
}

/** Criticality in running text: "High criticality", "Criticality unable to assess". */
export function criticalityText(c: AllergyEntry['criticality']): string | undefined {
  if (!c) return undefined;
  return c === 'unable-to-assess' ? 'Criticality unable to assess' : `${CRITICALITY[c]} criticality`;
}

/** The highest criticality any source recorded: the safe one to show at a glance. */
export function groupCriticality(group: AllergyGroup): AllergyEntry['criticality'] {
  const all = group.entries.map((e) => e.criticality);
  return all.includes('high') ? 'high' : all.includes('unable-to-assess') ? 'unable-to-assess' : all.find(Boolean);
}

/** "(a penicillin)" after the allergen's name, when its code or name says which class it is in. */
export function drugClassText(group: AllergyGroup): string | undefined {
  return group.drugClass ? `(${group.drugClass.member})` : undefined;
}
