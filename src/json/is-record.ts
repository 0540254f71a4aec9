// Untrusted JSON (config.json, a token endpoint's answer, a FHIR server's,
// session storage) is `unknown` until checked: this is the check that a value
// is a plain object whose fields may then be read and checked one by one.

/** Whether `value` is a JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
