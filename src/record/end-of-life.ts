// An active end-of-life or anticipatory care plan, marked beside the ReSPECT
// decision with the instructions a clinician needs in the first minutes:
// preferred place of death, just-in-case medicines, whom to call. Each is the
// plan's own words (an activity, or a sentence of one); nothing is inferred.

import type { CarePlanItem } from './model';

export interface EndOfLifeMarker {
  plan: CarePlanItem;
  /** As written after "Preferred place of death", e.g. "Oakview Care Home". */
  preferredPlaceOfDeath?: string;
  /** The plan's activities about anticipatory ("just in case") medicines, as written. */
  justInCase: string[];
  /** The plan's activities saying whom to contact or call, as written (phone numbers included). */
  whomToCall: string[];
}

const CURRENT = new Set<CarePlanItem['status']>(['active', 'on-hold']);
const PLACE_OF_DEATH = /preferred place of death\s*(?:is|:|-)?\s*([^.;\n]+)/i;
const JUST_IN_CASE = /just[ -]in[ -]case|anticipatory/i;
const CALL = /\b(call|contact|phone|ring|telephone)\b/i;

function texts(plan: CarePlanItem): string[] {
  return [plan.description, ...plan.activities.map((a) => a.description), ...plan.notes].filter((t): t is string => Boolean(t));
}

/** Active (or on-hold) end-of-life and anticipatory care plans, newest first as the section orders them. */
export function endOfLifeMarkers(plans: readonly CarePlanItem[]): EndOfLifeMarker[] {
  return plans
    .filter((p) => (p.kind === 'end-of-life' || p.kind === 'anticipatory') && CURRENT.has(p.status))
    .map((plan) => {
      const activities = plan.activities.map((a) => a.description);
      return {
        plan,
        preferredPlaceOfDeath: texts(plan)
          .map((t) => PLACE_OF_DEATH.exec(t)?.[1]?.trim())
          .find(Boolean),
        justInCase: activities.filter((t) => JUST_IN_CASE.test(t)),
        whomToCall: activities.filter((t) => CALL.test(t) && !JUST_IN_CASE.test(t)),
      };
    });
}
