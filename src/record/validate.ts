// Structural checks on what a source sends, before anything reads it: required
// parts present and every part the builders read of the right JSON type. A
// resource that fails is skipped and counted, never shown half-understood.

import type { Resource } from '@medplum/fhirtypes';
import { lookup } from '../format/lookup';
import { clinicalRules } from './validate-clinical';
import { CONTACT_AND_CARE_RULES } from './validate-care';
import { arrayOf, coding, isObject, isString, shape, type Rule } from './validate-shapes';

// The rules by resource type (the data types they use are in validate-shapes.ts).
const RULES: Record<string, Rule> = {
  ...clinicalRules((v) => malformedReason(v) === undefined),
  ...CONTACT_AND_CARE_RULES,
};

const meta = shape({ lastUpdated: isString, security: arrayOf(coding) });

/** Why a resource cannot be used, or undefined when it can. */
export function malformedReason(value: unknown): string | undefined {
  if (!isObject(value)) return 'not an object';
  if (typeof value.resourceType !== 'string') return 'missing resourceType';
  if (typeof value.id !== 'string' || value.id.trim() === '') return 'missing id';
  if (value.meta !== undefined && !meta(value.meta)) return 'meta has the wrong type';
  const rule = lookup(RULES, value.resourceType);
  if (!rule) return undefined;
  const missing = (rule.required ?? []).find((name) => value[name] === undefined || value[name] === null);
  if (missing) return `missing ${missing}`;
  const wrong = Object.entries(rule.fields).find(([name, check]) => value[name] !== undefined && !check(value[name]));
  if (wrong) return `${wrong[0]} has the wrong type`;
  return rule.extra?.(value);
}

export function isWellFormed(value: unknown): value is Resource {
  return malformedReason(value) === undefined;
}
