// Each source's own directory: its organisation, its clinicians (the sandbox
// users among them, so the auth server can resolve fhirUser), and its places.
import type { CodeableConcept, Location, Organization, Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import { AMBULANCE_SERVICE, SOURCES, USERS, type SourceName } from '../config';
import { cc, coding, email, PHYSICAL_TYPE, phone, textOnly, ukCore, type Ref, type SourceBuilder } from './builders';
import { SCT, SYS } from './terminology';

export interface Address {
  lines: readonly string[];
  city: string;
  postalCode: string;
}

export interface StaffDef {
  key: string;
  prefix?: string;
  given: string;
  family: string;
  gender: 'male' | 'female';
  /** SDS user id: the login id for sandbox users, a 12-digit number for the others. */
  sdsUserId: string;
  roleProfileId: string;
  role: CodeableConcept;
  /** ODS code of the organisation the role is held at, when not the source's own. */
  odsCode?: string;
  phone?: string;
  mobile?: string;
}

interface OrganisationDef {
  address: Address;
  phone: string;
  type: 'prov' | 'govt';
  domain: string;
}

const ORGANISATIONS: Record<SourceName, OrganisationDef> = {
  gp: {
    address: { lines: ['Riverside Health Centre', '1 River Walk'], city: 'Chalkbury', postalCode: 'ME14 1RW' },
    phone: '01632 960100',
    type: 'prov',
    domain: 'riverside-medical.example.nhs.uk',
  },
  acute: {
    address: { lines: ['Weald General Hospital', 'Hospital Road'], city: 'Chalkbury', postalCode: 'ME16 9QQ' },
    phone: '01632 960200',
    type: 'prov',
    domain: 'weald-general.example.nhs.uk',
  },
  community: {
    address: { lines: ['Downs House', '40 London Road'], city: 'Chalkbury', postalCode: 'ME15 6YZ' },
    phone: '01632 960300',
    type: 'prov',
    domain: 'downs-community.example.nhs.uk',
  },
  'mental-health': {
    address: { lines: ['Priory Lodge', '12 Priory Road'], city: 'Chalkbury', postalCode: 'ME15 6NL' },
    phone: '01632 960400',
    type: 'prov',
    domain: 'north-downs-mh.example.nhs.uk',
  },
  'social-care': {
    address: { lines: ['County Hall', 'Sessions Way'], city: 'Chalkbury', postalCode: 'ME14 1XQ' },
    phone: '01632 960500',
    type: 'govt',
    domain: 'county-council.example.gov.uk',
  },
};

const role = (occupation: (typeof SCT)[keyof typeof SCT] | undefined, text: string): CodeableConcept =>
  occupation ? cc(occupation, text) : textOnly(text);

/** Clinicians and staff who are not sandbox users. */
const OTHER_STAFF: Record<SourceName, StaffDef[]> = {
  gp: [
    {
      key: 'wilson',
      prefix: 'Dr',
      given: 'James',
      family: 'WILSON',
      gender: 'male',
      sdsUserId: '555000100012',
      roleProfileId: '555000200012',
      role: role(SCT.generalPractitioner, 'General practitioner'),
      phone: '01632 960102',
    },
    {
      key: 'mills',
      given: 'Karen',
      family: 'MILLS',
      gender: 'female',
      sdsUserId: '555000100013',
      roleProfileId: '555000200013',
      role: role(SCT.registeredNurse, 'Practice nurse'),
      phone: '01632 960103',
    },
  ],
  acute: [
    {
      key: 'grant',
      prefix: 'Dr',
      given: 'Fiona',
      family: 'GRANT',
      gender: 'female',
      sdsUserId: '555000100021',
      roleProfileId: '555000200021',
      role: role(SCT.medicalDoctor, 'Consultant geriatrician'),
      phone: '01632 960207',
    },
    {
      key: 'adeyemi',
      given: 'Ruth',
      family: 'ADEYEMI',
      gender: 'female',
      sdsUserId: '555000100022',
      roleProfileId: '555000200022',
      role: role(SCT.registeredNurse, 'Ward sister, Ward 7 (Elderly Care)'),
      phone: '01632 960207',
    },
    {
      key: 'hall',
      prefix: 'Dr',
      given: 'Peter',
      family: 'HALL',
      gender: 'male',
      sdsUserId: '555000100023',
      roleProfileId: '555000200023',
      role: role(SCT.medicalDoctor, 'Paediatric registrar'),
      phone: '01632 960215',
    },
    {
      key: 'chowdhury',
      prefix: 'Dr',
      given: 'Anil',
      family: 'CHOWDHURY',
      gender: 'male',
      sdsUserId: '555000100024',
      roleProfileId: '555000200024',
      role: role(SCT.medicalDoctor, 'Consultant respiratory physician'),
      phone: '01632 960216',
    },
  ],
  community: [
    {
      key: 'dawson',
      given: 'Claire',
      family: 'DAWSON',
      gender: 'female',
      sdsUserId: '555000100031',
      roleProfileId: '555000200031',
      role: role(SCT.registeredNurse, 'Health visitor'),
      phone: '01632 960312',
      mobile: '07700 900312',
    },
    {
      key: 'rao',
      given: 'Sunita',
      family: 'RAO',
      gender: 'female',
      sdsUserId: '555000100032',
      roleProfileId: '555000200032',
      role: role(SCT.clinicalNurseSpecialist, 'Diabetes specialist nurse'),
      phone: '01632 960313',
    },
  ],
  'mental-health': [
    {
      key: 'morris',
      prefix: 'Dr',
      given: 'Helen',
      family: 'MORRIS',
      gender: 'female',
      sdsUserId: '555000100041',
      roleProfileId: '555000200041',
      role: role(SCT.medicalDoctor, 'Consultant psychiatrist'),
      phone: '01632 960412',
    },
  ],
  'social-care': [
    {
      key: 'reid',
      given: 'Joanne',
      family: 'REID',
      gender: 'female',
      sdsUserId: '555000100051',
      roleProfileId: '555000200051',
      role: role(SCT.socialWorker, "Social worker (children's services)"),
      phone: '01632 960521',
      mobile: '07700 900521',
    },
  ],
};

/** How the sandbox users appear in their source's directory. */
const USER_DETAILS: Record<string, Omit<StaffDef, 'prefix' | 'given' | 'family' | 'sdsUserId'>> = {
  'sarah.ahmed': {
    key: 'ahmed',
    gender: 'female',
    roleProfileId: '555000200011',
    role: role(SCT.generalPractitioner, 'General practitioner'),
    phone: '01632 960101',
  },
  'gail.price': {
    key: 'price',
    gender: 'female',
    roleProfileId: '555000200014',
    role: role(undefined, 'Practice administrator'),
    phone: '01632 960100',
  },
  'kwame.osei': {
    key: 'osei',
    gender: 'male',
    roleProfileId: '555000200025',
    role: role(SCT.medicalDoctor, 'Emergency medicine doctor'),
    phone: '01632 960210',
  },
  'tom.jones': {
    key: 'jones',
    gender: 'male',
    roleProfileId: '555000200061',
    role: role(SCT.paramedic, 'Paramedic'),
    odsCode: AMBULANCE_SERVICE.odsCode,
    phone: '01632 960600',
  },
  'mei.lee': {
    key: 'lee',
    gender: 'female',
    roleProfileId: '555000200033',
    role: role(SCT.registeredNurse, 'District nurse'),
    phone: '01632 960311',
    mobile: '07700 900311',
  },
  'alan.fraser': {
    key: 'fraser',
    gender: 'male',
    roleProfileId: '555000200042',
    role: role(SCT.registeredNurse, 'Community mental health nurse'),
    phone: '01632 960411',
    mobile: '07700 900411',
  },
  'jo.ward': {
    key: 'ward',
    gender: 'female',
    roleProfileId: '555000200026',
    role: role(undefined, 'Privacy officer (information governance)'),
    phone: '01632 960230',
  },
  'priya.khan': {
    key: 'khan',
    gender: 'female',
    roleProfileId: '555000200052',
    role: role(SCT.socialWorker, 'Social worker (adult social care)'),
    phone: '01632 960511',
    mobile: '07700 900511',
  },
};

export function staffOf(source: SourceName): StaffDef[] {
  const users = USERS.filter((u) => u.practitionerSource === source).map((u): StaffDef => {
    const details = USER_DETAILS[u.id];
    if (!details) throw new Error(`No directory details for sandbox user ${u.id}`);
    return { ...details, prefix: u.prefix, given: u.given, family: u.family, sdsUserId: u.id };
  });
  return [...users, ...OTHER_STAFF[source]];
}

export interface StaffRefs {
  practitioner: Ref;
  role: Ref;
  /** "Dr Sarah AHMED". */
  name: string;
}

export interface Directory {
  /** The source's own organisation. */
  org: Ref;
  /** Riverside Medical Practice as this source holds it (its own organisation in gp). */
  practice: Ref;
  staff: Record<string, StaffRefs>;
  locations: Record<string, Ref>;
  /** Other organisations this source holds, by key. */
  orgs: Record<string, Ref>;
}

export const RIVERSIDE = { name: 'Riverside Medical Practice', odsCode: 'ZZ001' } as const;
export const OAKVIEW = {
  name: 'Oakview Care Home',
  odsCode: 'ZZ101',
  address: { lines: ['Oakview Care Home', '12 Station Road'], city: 'Wealdham', postalCode: 'TN12 7QZ' },
  phone: '01632 960700',
} as const;

export function fhirAddress(a: Address, use: 'home' | 'work' = 'home') {
  return { use, line: [...a.lines], city: a.city, district: 'Kent', postalCode: a.postalCode, country: 'GB' };
}

function organisation(name: string, odsCode: string, type: 'prov' | 'govt' | 'other', address: Address, tel: string): Organization {
  return {
    resourceType: 'Organization',
    meta: ukCore('Organization'),
    identifier: [{ system: SYS.ods, value: odsCode }],
    active: true,
    type: [cc(coding(SYS.organizationType, type, type === 'prov' ? 'Healthcare Provider' : type === 'govt' ? 'Government' : 'Other'))],
    name,
    telecom: [phone(tel)],
    address: [fhirAddress(address, 'work')],
  };
}

function addOrganisation(b: SourceBuilder, key: string, org: Organization): Ref {
  const ods = org.identifier?.[0]?.value ?? '';
  return b.shared(key, org, `identifier=${SYS.ods}|${ods}`, org.name);
}

export function addDirectory(b: SourceBuilder): Directory {
  const source = b.source;
  const def = ORGANISATIONS[source.name];
  const org = addOrganisation(b, 'org', organisation(source.organisation, source.odsCode, def.type, def.address, def.phone));
  const gpDef = ORGANISATIONS.gp;
  const practice =
    source.name === 'gp'
      ? org
      : addOrganisation(b, `org/${RIVERSIDE.odsCode}`, organisation(RIVERSIDE.name, RIVERSIDE.odsCode, 'prov', gpDef.address, gpDef.phone));
  const orgs: Record<string, Ref> = {};
  if (source.name === 'acute') {
    orgs.ambulance = addOrganisation(
      b,
      `org/${AMBULANCE_SERVICE.odsCode}`,
      organisation(
        AMBULANCE_SERVICE.organisation,
        AMBULANCE_SERVICE.odsCode,
        'prov',
        { lines: ['Ambulance Headquarters', 'Marine Parade'], city: 'Coastway', postalCode: 'CT20 1ZZ' },
        '01632 960600',
      ),
    );
  }
  if (source.name === 'social-care') {
    orgs.oakview = addOrganisation(
      b,
      `org/${OAKVIEW.odsCode}`,
      organisation(OAKVIEW.name, OAKVIEW.odsCode, 'other', OAKVIEW.address, OAKVIEW.phone),
    );
  }

  const staff: Record<string, StaffRefs> = {};
  for (const person of staffOf(source.name)) {
    const name = [person.prefix, person.given, person.family].filter(Boolean).join(' ');
    const practitioner: Practitioner = {
      resourceType: 'Practitioner',
      meta: ukCore('Practitioner'),
      identifier: [{ system: SYS.sdsUser, value: person.sdsUserId }],
      active: true,
      name: [{ use: 'official', family: person.family, given: [person.given], prefix: person.prefix ? [person.prefix] : undefined }],
      gender: person.gender,
    };
    const practitionerRef = b.shared(`practitioner/${person.key}`, practitioner, `identifier=${SYS.sdsUser}|${person.sdsUserId}`, name);
    const employer = person.odsCode === AMBULANCE_SERVICE.odsCode ? orgs.ambulance : org;
    const telecom = [
      person.phone ? phone(person.phone) : undefined,
      person.mobile ? phone(person.mobile, 'mobile') : undefined,
      email(`${person.given}.${person.family}@${ORGANISATIONS[source.name].domain}`.toLowerCase()),
    ].filter((t) => t !== undefined);
    const practitionerRole: PractitionerRole = {
      resourceType: 'PractitionerRole',
      meta: ukCore('PractitionerRole'),
      identifier: [{ system: SYS.sdsRoleProfile, value: person.roleProfileId }],
      active: true,
      practitioner: practitionerRef,
      organization: employer,
      code: [person.role],
      telecom,
    };
    const roleRef = b.shared(
      `role/${person.key}`,
      practitionerRole,
      `identifier=${SYS.sdsRoleProfile}|${person.roleProfileId}`,
      `${name}, ${person.role.text}`,
    );
    staff[person.key] = { practitioner: practitionerRef, role: roleRef, name };
  }

  return { org, practice, staff, locations: addLocations(b, org, orgs), orgs };
}

interface LocationDef {
  key: string;
  id: string;
  name: string;
  physicalType: keyof typeof PHYSICAL_TYPE;
  partOf?: string;
  /** Key of the managing organisation in `orgs`, when not the source's own. */
  managedBy?: string;
  type?: CodeableConcept;
  phone?: string;
  address?: Address;
}

const LOCATIONS: Partial<Record<SourceName, LocationDef[]>> = {
  acute: [
    {
      key: 'site',
      id: 'ZZ00201',
      name: 'Weald General Hospital',
      physicalType: 'si',
      address: ORGANISATIONS.acute.address,
      phone: '01632 960200',
    },
    {
      key: 'ae',
      id: 'ED',
      name: 'Emergency Department (A&E)',
      physicalType: 'wi',
      partOf: 'site',
      type: cc(coding(SYS.v3RoleCode, 'ER', 'Emergency room'), 'Emergency department'),
      phone: '01632 960210',
    },
    { key: 'ward-7', id: 'W7', name: 'Ward 7 (Elderly Care)', physicalType: 'wa', partOf: 'site', phone: '01632 960207' },
    { key: 'ward-7-bed-12', id: 'W7-B12', name: 'Bed 12', physicalType: 'bd', partOf: 'ward-7' },
    { key: 'ward-3', id: 'W3', name: 'Ward 3 (Acute Medical Unit)', physicalType: 'wa', partOf: 'site', phone: '01632 960203' },
    { key: 'ward-3-bed-4', id: 'W3-B4', name: 'Bed 4', physicalType: 'bd', partOf: 'ward-3' },
    { key: 'outpatients', id: 'OPD', name: 'Outpatients Department', physicalType: 'wi', partOf: 'site', phone: '01632 960220' },
  ],
  community: [
    {
      key: 'diabetes-clinic',
      id: 'DC1',
      name: 'Diabetes clinic, Chalkbury Health Centre',
      physicalType: 'bu',
      address: { lines: ['Chalkbury Health Centre', '2 Market Street'], city: 'Chalkbury', postalCode: 'ME14 1QA' },
      phone: '01632 960313',
    },
  ],
  'mental-health': [
    {
      key: 'cmht',
      id: 'CMHT1',
      name: 'Chalkbury Community Mental Health Team',
      physicalType: 'bu',
      address: ORGANISATIONS['mental-health'].address,
      phone: '01632 960411',
    },
  ],
  'social-care': [
    {
      key: 'oakview',
      id: 'OAK1',
      name: OAKVIEW.name,
      physicalType: 'bu',
      managedBy: 'oakview',
      address: OAKVIEW.address,
      phone: OAKVIEW.phone,
    },
  ],
};

function addLocations(b: SourceBuilder, org: Ref, orgs: Record<string, Ref>): Record<string, Ref> {
  const refs: Record<string, Ref> = {};
  const system = `${b.source.localIdSystem.replace(/\/Id\/.*$/, '')}/Id/location`;
  for (const def of LOCATIONS[b.source.name] ?? []) {
    const location: Location = {
      resourceType: 'Location',
      meta: ukCore('Location'),
      identifier: [{ system, value: def.id }],
      status: 'active',
      name: def.name,
      mode: 'instance',
      type: def.type ? [def.type] : undefined,
      telecom: def.phone ? [phone(def.phone)] : undefined,
      address: def.address ? fhirAddress(def.address, 'work') : undefined,
      physicalType: cc(coding(SYS.locationPhysicalType, def.physicalType, PHYSICAL_TYPE[def.physicalType])),
      managingOrganization: def.managedBy ? orgs[def.managedBy] : org,
      partOf: def.partOf ? refs[def.partOf] : undefined,
    };
    refs[def.key] = b.shared(`location/${def.key}`, location, `identifier=${system}|${def.id}`, def.name);
  }
  return refs;
}

export function sourceOf(name: SourceName) {
  const source = SOURCES.find((s) => s.name === name);
  if (!source) throw new Error(`Unknown source ${name}`);
  return source;
}
