// The sandbox's world: its ports, its five sources, its users. Everything here
// is the contract of docs/architecture.md (the sandbox) and docs/sandbox-patients.md; extend, don't change.

export const SOURCE_NAMES = ['gp', 'acute', 'community', 'mental-health', 'social-care'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export interface SourceOrganisation {
  name: SourceName;
  organisation: string;
  odsCode: string;
  /** Identifier system of the source's own local patient number (e.g. hospital number). */
  localIdSystem: string;
}

export const SOURCES: readonly SourceOrganisation[] = [
  {
    name: 'gp',
    organisation: 'Riverside Medical Practice',
    odsCode: 'ZZ001',
    localIdSystem: 'https://fhir.riverside-medical.example.nhs.uk/Id/patient-number',
  },
  {
    name: 'acute',
    organisation: 'Weald General Hospital NHS Trust',
    odsCode: 'ZZ002',
    localIdSystem: 'https://fhir.weald-general.example.nhs.uk/Id/hospital-number',
  },
  {
    name: 'community',
    organisation: 'Downs Community Health NHS Trust',
    odsCode: 'ZZ003',
    localIdSystem: 'https://fhir.downs-community.example.nhs.uk/Id/patient-number',
  },
  {
    name: 'mental-health',
    organisation: 'North Downs Mental Health NHS Trust',
    odsCode: 'ZZ004',
    localIdSystem: 'https://fhir.north-downs-mh.example.nhs.uk/Id/rio-number',
  },
  {
    name: 'social-care',
    organisation: 'County Council Social Care',
    odsCode: 'ZZ005',
    localIdSystem: 'https://fhir.county-council.example.gov.uk/Id/person-id',
  },
];

/** A launch-only organisation: it hosts a launch but holds no FHIR source. */
export const AMBULANCE_SERVICE = { organisation: 'Coastal Ambulance Service NHS Trust', odsCode: 'ZZ006' } as const;

export { NHS_NUMBER_SYSTEM } from '../src/format/nhs-number';
export const ODS_CODE_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const SDS_USER_SYSTEM = 'https://fhir.nhs.uk/Id/sds-user-id';

export type UserRole = 'gp' | 'ae-doctor' | 'community-nurse' | 'mental-health-nurse' | 'social-worker' | 'paramedic' | 'administrator';

export interface SandboxUser {
  /** Stable login id at the sandbox's identity provider (also the SDS user id value). */
  id: string;
  family: string;
  given: string;
  prefix?: string;
  role: UserRole;
  odsCode: string;
  /** The source holding this user's Practitioner resource (the fhirUser). */
  practitionerSource: SourceName;
  /** May read the audit log (the privacy officer's page and GET /fhir/audit). */
  auditReader?: boolean;
}

export const USERS: readonly SandboxUser[] = [
  { id: 'sarah.ahmed', family: 'AHMED', given: 'Sarah', prefix: 'Dr', role: 'gp', odsCode: 'ZZ001', practitionerSource: 'gp' },
  { id: 'kwame.osei', family: 'OSEI', given: 'Kwame', prefix: 'Dr', role: 'ae-doctor', odsCode: 'ZZ002', practitionerSource: 'acute' },
  {
    id: 'mei.lee',
    family: 'LEE',
    given: 'Mei',
    prefix: 'Nurse',
    role: 'community-nurse',
    odsCode: 'ZZ003',
    practitionerSource: 'community',
  },
  {
    id: 'alan.fraser',
    family: 'FRASER',
    given: 'Alan',
    prefix: 'Nurse',
    role: 'mental-health-nurse',
    odsCode: 'ZZ004',
    practitionerSource: 'mental-health',
  },
  { id: 'priya.khan', family: 'KHAN', given: 'Priya', role: 'social-worker', odsCode: 'ZZ005', practitionerSource: 'social-care' },
  // The ambulance service holds no source; its crews' Practitioner records sit at the acute trust they hand over to.
  { id: 'tom.jones', family: 'JONES', given: 'Tom', role: 'paramedic', odsCode: 'ZZ006', practitionerSource: 'acute' },
  { id: 'gail.price', family: 'PRICE', given: 'Gail', role: 'administrator', odsCode: 'ZZ001', practitionerSource: 'gp' },
  // The shared care record's privacy officer (information governance, hosted by the acute trust): reads the audit log.
  { id: 'jo.ward', family: 'WARD', given: 'Jo', role: 'administrator', odsCode: 'ZZ002', practitionerSource: 'acute', auditReader: true },
];

export interface SandboxPorts {
  sandbox: number;
  viewer: number;
}

export function portsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxPorts {
  return {
    sandbox: Number(env.SANDBOX_PORT ?? 8080),
    viewer: Number(env.VIEWER_PORT ?? 5173),
  };
}

export const HOST = '127.0.0.1';

export function fhirBaseUrl(sandboxOrigin: string, source: SourceName): string {
  return `${sandboxOrigin}/fhir/${source}`;
}

/** The SMART client the viewer is registered as at the sandbox's authorisation server. */
export const VIEWER_CLIENT_ID = 'care-record-viewer';

/** The community nursing app (/hosts/community), a SMART app of its own that embeds the viewer as a component. */
export const COMMUNITY_CLIENT_ID = 'community-nursing-app';

/** The privacy officer's page, a client of the identity provider (it signs its reader in). */
export const PRIVACY_PAGE_CLIENT_ID = 'privacy-officer-page';
