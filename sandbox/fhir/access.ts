// What a user's role lets them read in the shared record, and how a refusal is
// said (docs/access.md sections 1 and 4): the role's profile of resource types,
// restricted (v3-Confidentiality R) data, and the patient's objection to
// sharing; and the checks that refuse a request by them. Grants without a role
// (tests' fake grants) are left as they were.
import type { BundleEntry, Consent, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { UserRole } from '../config';
import { isBreakGlass, type AccessGrant } from '../auth/grant';
import { ROLES, type AccessProfile } from '../idp/roles';
import { ACCESS_OUTCOME_SYSTEM, WITHHELD_COUNT_EXTENSION, type AccessOutcomeCode } from '../../src/access/outcomes';
import { isRestricted } from '../../src/access/confidentiality';
import { FhirError } from './http';

/** Who is who: the directory a record refers to, not the record itself; every role reads it, objection or not. */
export const DIRECTORY_TYPES: ReadonlySet<string> = new Set([
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'HealthcareService',
  'Endpoint',
]);

const PROFILE_TYPES: Readonly<Record<Exclude<AccessProfile, 'clinical' | 'clinical-restricted'>, ReadonlySet<string>>> = {
  // Demographics, alerts, safeguarding, care team, care plans, related persons,
  // social care, and encounters as contacts; not results, documents or medicines.
  'social-care': new Set([
    'Patient',
    'RelatedPerson',
    'Consent',
    'Flag',
    'AllergyIntolerance',
    'CareTeam',
    'CarePlan',
    'EpisodeOfCare',
    'Encounter',
  ]),
  administrative: new Set(['Patient', 'Appointment', 'CareTeam']),
};

/** Whether the role's profile includes this resource type (clinical profiles include every type). */
export function roleMayRead(role: UserRole, type: string): boolean {
  const { profile } = ROLES[role];
  if (profile === 'clinical' || profile === 'clinical-restricted' || DIRECTORY_TYPES.has(type)) return true;
  return PROFILE_TYPES[profile].has(type);
}

/** Whether the grant sees restricted data: a role whose profile includes it, or break-glass. */
export function seesRestricted(grant: AccessGrant, nowMs: number = Date.now()): boolean {
  if (!grant.role) return true;
  return ROLES[grant.role].profile === 'clinical-restricted' || isBreakGlass(grant, nowMs);
}

/** Whether a Consent records an objection to sharing that is in force: active, patient-privacy, deny, and its period not over. */
export function isObjection(consent: Consent, nowMs: number = Date.now()): boolean {
  if (consent.status !== 'active' || consent.provision?.type !== 'deny') return false;
  if (!(consent.scope?.coding ?? []).some((c) => c.code === 'patient-privacy')) return false;
  const period = consent.provision.period;
  if (period?.start && Date.parse(period.start) > nowMs) return false;
  return !(period?.end && Date.parse(period.end) < nowMs);
}

function accessOutcome(code: AccessOutcomeCode, severity: 'error' | 'warning', diagnostics: string): OperationOutcome {
  const display = {
    'role-withheld': 'Not available to this role',
    'restricted-withheld': 'Restricted information withheld',
    objection: 'Patient has objected to sharing',
  }[code];
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity,
        code: severity === 'error' ? 'forbidden' : 'suppressed',
        details: { coding: [{ system: ACCESS_OUTCOME_SYSTEM, code, display }], text: display },
        diagnostics,
      },
    ],
  };
}

/** A 403 whose OperationOutcome names the access rule (and which the source reports for audit). */
export class AccessRefused extends FhirError {
  constructor(
    readonly code: AccessOutcomeCode,
    diagnostics: string,
  ) {
    super(403, accessOutcome(code, 'error', diagnostics));
  }
}

/** The search Bundle entry saying that some resources were left out, and how many. */
export function withheldEntry(code: Exclude<AccessOutcomeCode, 'objection'>, count: number, what: string): BundleEntry {
  const diagnostics =
    code === 'restricted-withheld'
      ? `${count} ${what} with the restricted label ${count === 1 ? 'was' : 'were'} left out for this role`
      : `${count} included ${what} outside this role's access ${count === 1 ? 'was' : 'were'} left out`;
  const outcome = accessOutcome(code, 'warning', diagnostics);
  outcome.issue[0]!.extension = [{ url: WITHHELD_COUNT_EXTENSION, valueInteger: count }];
  return { resource: outcome, search: { mode: 'outcome' } };
}

/** Refuses a type outside the role's access profile (docs/access.md section 1). */
export function requireRole(grant: AccessGrant, type: string): void {
  const role = grant.role;
  if (role && !roleMayRead(role, type)) throw new AccessRefused('role-withheld', `${type} is not available to the ${role} role`);
}

/** What of `resources` the grant's role may read: an _include may reach types outside its profile. */
export function readableByRole<T extends Resource>(grant: AccessGrant, resources: T[]): T[] {
  const role = grant.role;
  return role ? resources.filter((r) => roleMayRead(role, r.resourceType)) : resources;
}

/** Refuses a resource with the restricted label to a grant that does not see restricted data. */
export function requireUnrestricted(grant: AccessGrant, resource: Resource): void {
  if (isRestricted(resource) && !seesRestricted(grant)) {
    throw new AccessRefused(
      'restricted-withheld',
      `This ${resource.resourceType} carries the restricted label, which this role does not see`,
    );
  }
}

/**
 * Refuses everything about a patient who has objected to sharing, except the
 * Patient itself (so the viewer can say who has objected) and the directory;
 * break-glass overrides it. `Resource` asks for any type.
 */
export async function requireNoObjection(
  grant: AccessGrant,
  type: string,
  hasObjection: (patient: NonNullable<AccessGrant['patient']>) => Promise<boolean>,
): Promise<void> {
  if (!grant.role || !grant.patient || type === 'Patient' || DIRECTORY_TYPES.has(type) || isBreakGlass(grant)) return;
  if (await hasObjection(grant.patient)) {
    throw new AccessRefused(
      'objection',
      'The patient has objected to sharing their record through the shared care record; only the Patient is released',
    );
  }
}
