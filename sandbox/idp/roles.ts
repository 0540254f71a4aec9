// The sandbox users' national RBAC job roles, as NHS Care Identity Service 2
// reports them in the `nhsid_nrbac_roles` claim, and the access profile each
// internal role (`UserRole`) maps to. docs/access.md section 1 repeats this table.
//
// A CIS2 `role_code` is `S<staff group>:G<sub group>:R<job role>`, and its
// `role_name` quotes the three names. The R codes are the National RBAC
// Database's "access roles"; the S/G prefixes are as live CIS2 tokens carry
// them for R8000, R8001, R8003 and R8008. For R8014 the prefix is the
// sandbox's assumption (the clinical group), flagged `prefixAssumed`.
import type { SandboxUser, UserRole } from '../config';

/** What a role may read in the shared record (enforced by the FHIR servers, sandbox/fhir/access.ts). */
export type AccessProfile = 'clinical' | 'clinical-restricted' | 'social-care' | 'administrative';

export interface JobRole {
  /** The National RBAC Database job role, e.g. `R8000`. */
  jobRoleCode: string;
  /** As CIS2 puts it in `role_code`. */
  roleCode: string;
  /** As CIS2 puts it in `role_name`. */
  roleName: string;
  /** The job role's own name, e.g. "Clinical Practitioner Access Role". */
  display: string;
  prefixAssumed?: boolean;
}

const CLINICAL_PRACTITIONER: JobRole = {
  jobRoleCode: 'R8000',
  roleCode: 'S8000:G8000:R8000',
  roleName: '"Clinical":"Clinical Provision":"Clinical Practitioner Access Role"',
  display: 'Clinical Practitioner Access Role',
};
const NURSE: JobRole = {
  jobRoleCode: 'R8001',
  roleCode: 'S8000:G8000:R8001',
  roleName: '"Clinical":"Clinical Provision":"Nurse Access Role"',
  display: 'Nurse Access Role',
};
const HEALTH_PROFESSIONAL: JobRole = {
  jobRoleCode: 'R8003',
  roleCode: 'S8000:G8000:R8003',
  roleName: '"Clinical":"Clinical Provision":"Health Professional Access Role"',
  display: 'Health Professional Access Role',
};
const SOCIAL_WORKER: JobRole = {
  jobRoleCode: 'R8014',
  roleCode: 'S8000:G8000:R8014',
  roleName: '"Clinical":"Clinical Provision":"Social Worker Access Role"',
  display: 'Social Worker Access Role',
  prefixAssumed: true,
};
const ADMIN_CLINICAL_SUPPORT: JobRole = {
  jobRoleCode: 'R8008',
  roleCode: 'S8001:G8002:R8008',
  roleName: '"Support":"Support":"Admin/Clinical Support Access Role"',
  display: 'Admin/Clinical Support Access Role',
};

export interface RoleDefinition {
  jobRole: JobRole;
  profile: AccessProfile;
  /** May break the glass (clinical roles only). */
  mayBreakGlass: boolean;
  /** How the sandbox's own pages name the role. */
  label: string;
}

export const ROLES: Readonly<Record<UserRole, RoleDefinition>> = {
  gp: { jobRole: CLINICAL_PRACTITIONER, profile: 'clinical', mayBreakGlass: true, label: 'GP' },
  'ae-doctor': { jobRole: CLINICAL_PRACTITIONER, profile: 'clinical', mayBreakGlass: true, label: 'A&E doctor' },
  'community-nurse': { jobRole: NURSE, profile: 'clinical', mayBreakGlass: true, label: 'Community nurse' },
  'mental-health-nurse': { jobRole: NURSE, profile: 'clinical-restricted', mayBreakGlass: true, label: 'Mental health nurse' },
  paramedic: { jobRole: HEALTH_PROFESSIONAL, profile: 'clinical', mayBreakGlass: true, label: 'Paramedic' },
  'social-worker': { jobRole: SOCIAL_WORKER, profile: 'social-care', mayBreakGlass: false, label: 'Social worker' },
  administrator: { jobRole: ADMIN_CLINICAL_SUPPORT, profile: 'administrative', mayBreakGlass: false, label: 'Practice administrator' },
};

/** One entry of CIS2's `nhsid_nrbac_roles` claim. */
export interface NrbacRole {
  person_orgid: string;
  person_roleid: string;
  org_code: string;
  role_code: string;
  role_name: string;
}

/**
 * The user's one role in the claim's shape. CIS2's person ids are opaque
 * 12-digit numbers; the sandbox derives stable ones from the user's position.
 */
export function nrbacRole(user: SandboxUser, index: number): NrbacRole {
  const { jobRole } = ROLES[user.role];
  const serial = String(index + 1).padStart(3, '0');
  return {
    person_orgid: `555000${serial}107`,
    person_roleid: `555000${serial}101`,
    org_code: user.odsCode,
    role_code: jobRole.roleCode,
    role_name: jobRole.roleName,
  };
}
