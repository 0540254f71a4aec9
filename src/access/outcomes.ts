// How the FHIR servers say they held something back (docs/access.md section 4),
// and what the viewer says instead. The servers enforce; the viewer explains.

import { isRecord } from '../json/is-record';

/** The code system of the servers' access outcomes. */
export const ACCESS_OUTCOME_SYSTEM = 'https://sandbox.example.nhs.uk/CodeSystem/access-outcome';

export type AccessOutcomeCode = 'role-withheld' | 'restricted-withheld' | 'objection';

const CODES: readonly AccessOutcomeCode[] = ['role-withheld', 'restricted-withheld', 'objection'];

/** What the user reads for each outcome; never "None recorded". */
export const ACCESS_TEXT: Readonly<Record<AccessOutcomeCode, string>> = {
  'role-withheld': 'Not available to your role',
  'restricted-withheld': 'Some restricted information is not shown to your role',
  objection: 'This person has objected to sharing their record',
};

/** The extension on an access outcome issue saying how many resources were left out (`valueInteger`). */
export const WITHHELD_COUNT_EXTENSION = 'https://sandbox.example.nhs.uk/StructureDefinition/withheld-count';

/** How many resources an access outcome issue says were left out, when it says. */
export function withheldCountOfIssue(issue: unknown): number | undefined {
  if (!isRecord(issue) || !Array.isArray(issue.extension)) return undefined;
  const found: unknown = issue.extension.find((e) => isRecord(e) && e.url === WITHHELD_COUNT_EXTENSION);
  const value = isRecord(found) ? found.valueInteger : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** The access outcome an OperationOutcome issue carries (in `details.coding`), if any. */
export function accessCodeOfIssue(issue: unknown): AccessOutcomeCode | undefined {
  if (!isRecord(issue) || !isRecord(issue.details) || !Array.isArray(issue.details.coding)) return undefined;
  for (const coding of issue.details.coding) {
    if (!isRecord(coding) || coding.system !== ACCESS_OUTCOME_SYSTEM) continue;
    const code = CODES.find((c) => c === coding.code);
    if (code) return code;
  }
  return undefined;
}

/** The first access outcome of an OperationOutcome (e.g. the body of a 403), if any. */
export function accessCodeOf(outcome: unknown): AccessOutcomeCode | undefined {
  if (!isRecord(outcome) || outcome.resourceType !== 'OperationOutcome' || !Array.isArray(outcome.issue)) return undefined;
  for (const issue of outcome.issue) {
    const code = accessCodeOfIssue(issue);
    if (code) return code;
  }
  return undefined;
}
