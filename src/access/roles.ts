// What each role sees (docs/access.md section 1), as data: the servers enforce
// it; the viewer uses it to explain gaps ("Not available to your role") and
// tests use it to check both sides agree.

/** The roles the shared care record knows (the sandbox's `UserRole`). */
export type UserRole = 'gp' | 'ae-doctor' | 'community-nurse' | 'mental-health-nurse' | 'social-worker' | 'paramedic' | 'administrator';

/** Parts of the record, as the access rules speak of them. */
export type RecordArea =
  | 'demographics'
  | 'alerts'
  | 'safeguarding'
  | 'care-team'
  | 'care-plans'
  | 'related-persons'
  | 'social-care'
  | 'contacts'
  | 'appointments'
  | 'problems'
  | 'medicines'
  | 'results'
  | 'documents'
  | 'immunisations'
  | 'referrals';

export const AREA_LABELS: Readonly<Record<RecordArea, string>> = {
  demographics: 'personal details',
  alerts: 'alerts (ReSPECT and consent, flags, allergies)',
  safeguarding: 'safeguarding',
  'care-team': 'care team',
  'care-plans': 'care plans',
  'related-persons': 'related people',
  'social-care': 'social care',
  contacts: 'contacts',
  appointments: 'appointments',
  problems: 'problems, diagnoses and procedures',
  medicines: 'medicines',
  results: 'results',
  documents: 'documents',
  immunisations: 'immunisations',
  referrals: 'referrals',
};

/** The FHIR resource types each area is read from. */
export const AREA_RESOURCES: Readonly<Record<RecordArea, readonly string[]>> = {
  demographics: ['Patient'],
  alerts: ['Consent', 'Flag', 'AllergyIntolerance'],
  safeguarding: ['Flag'],
  'care-team': ['CareTeam'],
  'care-plans': ['CarePlan'],
  'related-persons': ['RelatedPerson'],
  'social-care': ['EpisodeOfCare', 'CarePlan'],
  contacts: ['Encounter'],
  appointments: ['Appointment'],
  problems: ['Condition', 'Procedure'],
  medicines: ['MedicationRequest', 'MedicationStatement', 'MedicationDispense', 'MedicationAdministration', 'Medication'],
  results: ['Observation', 'DiagnosticReport'],
  documents: ['DocumentReference', 'Composition'],
  immunisations: ['Immunization'],
  referrals: ['ServiceRequest'],
};

const ALL_AREAS = Object.keys(AREA_RESOURCES) as RecordArea[];

export interface RoleProfile {
  role: UserRole;
  /** As users say it, e.g. "Social worker". */
  label: string;
  /** Clinical roles see the clinical record and may use break-glass. */
  clinical: boolean;
  /** Sees data carrying the restricted label without break-glass. */
  restricted: boolean;
  areas: readonly RecordArea[];
}

export const ROLE_MATRIX: Readonly<Record<UserRole, RoleProfile>> = {
  gp: { role: 'gp', label: 'GP', clinical: true, restricted: false, areas: ALL_AREAS },
  'ae-doctor': { role: 'ae-doctor', label: 'A&E doctor', clinical: true, restricted: false, areas: ALL_AREAS },
  'community-nurse': { role: 'community-nurse', label: 'Community nurse', clinical: true, restricted: false, areas: ALL_AREAS },
  paramedic: { role: 'paramedic', label: 'Paramedic', clinical: true, restricted: false, areas: ALL_AREAS },
  'mental-health-nurse': { role: 'mental-health-nurse', label: 'Mental health nurse', clinical: true, restricted: true, areas: ALL_AREAS },
  'social-worker': {
    role: 'social-worker',
    label: 'Social worker',
    clinical: false,
    restricted: false,
    areas: ['demographics', 'alerts', 'safeguarding', 'care-team', 'care-plans', 'related-persons', 'social-care', 'contacts'],
  },
  administrator: {
    role: 'administrator',
    label: 'Administrator',
    clinical: false,
    restricted: false,
    areas: ['demographics', 'appointments', 'care-team'],
  },
};

/** The profile of a role name from a token, or undefined for a role the viewer does not know. */
export function roleProfile(role: string | undefined): RoleProfile | undefined {
  return role !== undefined && Object.hasOwn(ROLE_MATRIX, role) ? ROLE_MATRIX[role as UserRole] : undefined;
}

/** Whether the role's profile includes a resource type; undefined when the role is unknown (the server decides). */
export function roleMaySee(role: string | undefined, resourceType: string): boolean | undefined {
  const profile = roleProfile(role);
  if (!profile) return undefined;
  return profile.areas.some((area) => AREA_RESOURCES[area].includes(resourceType));
}

/** Break-glass is for clinical roles only; an unknown role is not offered it. */
export function canBreakGlass(role: string | undefined): boolean {
  return roleProfile(role)?.clinical === true;
}

/** The areas a role does not see, for "not available to your role" explanations. */
export function areasNotShown(role: string | undefined): RecordArea[] {
  const profile = roleProfile(role);
  return profile ? ALL_AREAS.filter((a) => !profile.areas.includes(a)) : [];
}

/** e.g. "Viewing as a social worker: problems and diagnoses, medicines, … are not available to your role." Undefined when the role sees every area. */
export function roleExplanation(role: string | undefined): string | undefined {
  const profile = roleProfile(role);
  const missing = areasNotShown(role);
  if (!profile || missing.length === 0) return undefined;
  const who = /^[A-Z][a-z]/.test(profile.label) ? profile.label[0]!.toLowerCase() + profile.label.slice(1) : profile.label;
  const list = missing.map((a) => AREA_LABELS[a]);
  const text = list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} and ${list.at(-1)!}`;
  return `Viewing as ${/^[aeiou]/i.test(who) ? 'an' : 'a'} ${who}: ${text} are not available to your role.`;
}
