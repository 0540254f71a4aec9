// OKAFOR, Daniel (Master), 999 000 0026, aged 6: an active child protection
// plan (category neglect) with a safeguarding flag from social care, three A&E
// attendances in eight weeks, a health visitor and up-to-date immunisations.
import type { CarePlan, CareTeam, Flag, Immunization, RelatedPerson } from '@medplum/fhirtypes';
import {
  cc,
  coding,
  condition,
  documentReference,
  encounter,
  episodeOfCare,
  narrative,
  phone,
  textOnly,
  ukCore,
  type Ref,
} from '../builders';
import { isoDate, plusDays, plusMinutes } from '../dates';
import type { Address } from '../directory';
import { scenarioPatient } from '../patients';
import { LOINC, SCT, SYS } from '../terminology';
import { addPatient, addVitalSigns, staff, type World } from '../world';

const P = scenarioPatient('okafor');
const ADDRESS: Address = { lines: ['23 Hollow Lane'], city: 'Chalkbury', postalCode: 'ME15 6QR' };
const MOTHER = { family: 'OKAFOR', given: 'Grace', phone: '07700 900226' };

/** Date of birth: six years and four months before today. */
function birthDate(w: World): string {
  return w.clock.dateMonthsAgo(6 * 12 + 4);
}

export function addOkafor(w: World): void {
  const born = birthDate(w);
  const demographics = { birthDate: born, address: ADDRESS, telecom: [phone(MOTHER.phone, 'home')] };
  gp(w, demographics);
  acute(w, demographics);
  community(w, demographics, born);
  socialCare(w, demographics);
}

type Demographics = { birthDate: string; address: Address; telecom: ReturnType<typeof phone>[] };

function mother(w: World, source: 'social-care' | 'community', patient: Ref): void {
  const person: RelatedPerson = {
    resourceType: 'RelatedPerson',
    meta: ukCore('RelatedPerson'),
    active: true,
    patient,
    relationship: [
      cc(coding(SYS.v3RoleCode, 'MTH', 'mother'), 'Mother (parental responsibility)'),
      cc(coding(SYS.v2RelatedPerson, 'N', 'Next-of-Kin'), 'Next of kin'),
    ],
    name: [{ use: 'official', family: MOTHER.family, given: [MOTHER.given], prefix: ['Ms'] }],
    telecom: [phone(MOTHER.phone, 'mobile')],
    gender: 'female',
    address: [
      { use: 'home', line: [...ADDRESS.lines], city: ADDRESS.city, district: 'Kent', postalCode: ADDRESS.postalCode, country: 'GB' },
    ],
  };
  w.b[source].add('okafor/mother', person, 'Grace OKAFOR (mother)');
}

function gp(w: World, d: Demographics): void {
  w.b.gp.group();
  const patient = addPatient(w, 'gp', P, d);
  const wilson = staff(w, 'gp', 'wilson');
  w.b.gp.add(
    'okafor/consultation',
    encounter({
      patient,
      class: 'AMB',
      status: 'finished',
      type: cc(SCT.consultation),
      start: w.clock.monthsAgo(7, '16:10'),
      end: w.clock.monthsAgo(7, '16:20'),
      participant: [wilson.practitioner],
      serviceProvider: w.dir.gp.org,
      reason: textOnly('Cough and fever'),
    }),
  );
}

function acute(w: World, d: Demographics): void {
  const b = w.b.acute;
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'acute', P, d);
  const hall = staff(w, 'acute', 'hall');
  const osei = staff(w, 'acute', 'osei');
  const attendances = [
    {
      key: 'head-injury',
      days: 52,
      time: '19:40',
      code: SCT.headInjury,
      reason: "Head injury: fell from a bunk bed (mother's account)",
      doctor: osei,
      status: 'resolved' as const,
    },
    {
      key: 'burn',
      days: 30,
      time: '21:15',
      code: SCT.burn,
      reason: 'Scald to the left hand and forearm (hot drink)',
      doctor: hall,
      status: 'resolved' as const,
    },
    {
      key: 'forearm-fracture',
      days: 9,
      time: '18:05',
      code: SCT.fractureOfForearm,
      reason: 'Fracture of the right forearm: fall in the park',
      doctor: hall,
      status: 'active' as const,
    },
  ];
  for (const a of attendances) {
    const arrived = c.daysAgo(a.days, a.time);
    const diagnosis = b.add(
      `okafor/${a.key}/diagnosis`,
      condition({
        patient,
        code: a.code,
        clinicalStatus: a.status,
        category: 'encounter-diagnosis',
        onset: arrived,
        abatement: a.status === 'resolved' ? plusDays(arrived, 14) : undefined,
        recorder: a.doctor.practitioner,
      }),
    );
    const ae = b.add(
      `okafor/${a.key}/attendance`,
      encounter({
        patient,
        class: 'EMER',
        status: 'finished',
        type: cc(SCT.emergencyDepartmentVisit),
        start: arrived,
        end: plusMinutes(arrived, 190),
        reason: cc(a.code, a.reason),
        diagnosis: [diagnosis],
        participant: [a.doctor.practitioner],
        serviceProvider: w.dir.acute.org,
        locations: [{ location: w.dir.acute.locations.ae as Ref, status: 'completed', physicalType: 'wi' }],
      }),
    );
    addVitalSigns(
      w,
      'acute',
      `okafor/${a.key}/vitals`,
      patient,
      plusMinutes(arrived, 15),
      { heartRate: 112, respiratoryRate: 24, spo2: 99, temperature: 36.9 },
      { encounter: ae, performer: a.doctor.practitioner },
    );
  }
  b.add(
    'okafor/ed-letter',
    documentReference({
      patient,
      type: [LOINC.dischargeSummary],
      typeText: 'Emergency department discharge letter',
      category: 'Letter',
      date: c.daysAgo(9, '22:00'),
      author: [hall.practitioner],
      custodian: w.dir.acute.org,
      title: 'Emergency department attendance: fracture of the right forearm',
      contentType: 'text/plain',
      content:
        "Daniel attended with his mother after a fall in the park. X-ray: undisplaced fracture of the distal right radius; backslab applied; fracture clinic in one week.\n\nThird attendance in eight weeks (head injury, scald, fracture). Safeguarding: known to children's social care (child protection plan). Paediatric liaison and the allocated social worker informed.\n\nDr Peter HALL, Paediatric registrar",
    }),
  );
}

interface VaccineDose {
  key: string;
  ageDays: number;
  vaccine: string;
  diseases: (typeof SCT)[keyof typeof SCT][];
  dose: number;
  route: 'IM' | 'PO' | 'NASINHLC' | 'SQ';
}

// The UK routine childhood schedule up to the pre-school booster, plus this autumn's flu vaccine.
const SCHEDULE: VaccineDose[] = [
  {
    key: '6in1-1',
    ageDays: 56,
    vaccine: 'DTaP/IPV/Hib/HepB vaccine (6-in-1)',
    diseases: [SCT.diphtheria, SCT.tetanus, SCT.pertussis, SCT.poliomyelitis, SCT.hib, SCT.hepatitisB],
    dose: 1,
    route: 'IM',
  },
  { key: 'menb-1', ageDays: 56, vaccine: 'MenB vaccine', diseases: [SCT.meningococcal], dose: 1, route: 'IM' },
  { key: 'rota-1', ageDays: 56, vaccine: 'Rotavirus vaccine', diseases: [SCT.rotavirus], dose: 1, route: 'PO' },
  {
    key: '6in1-2',
    ageDays: 84,
    vaccine: 'DTaP/IPV/Hib/HepB vaccine (6-in-1)',
    diseases: [SCT.diphtheria, SCT.tetanus, SCT.pertussis, SCT.poliomyelitis, SCT.hib, SCT.hepatitisB],
    dose: 2,
    route: 'IM',
  },
  { key: 'pcv-1', ageDays: 84, vaccine: 'Pneumococcal conjugate vaccine (PCV)', diseases: [SCT.pneumococcal], dose: 1, route: 'IM' },
  { key: 'rota-2', ageDays: 84, vaccine: 'Rotavirus vaccine', diseases: [SCT.rotavirus], dose: 2, route: 'PO' },
  {
    key: '6in1-3',
    ageDays: 112,
    vaccine: 'DTaP/IPV/Hib/HepB vaccine (6-in-1)',
    diseases: [SCT.diphtheria, SCT.tetanus, SCT.pertussis, SCT.poliomyelitis, SCT.hib, SCT.hepatitisB],
    dose: 3,
    route: 'IM',
  },
  { key: 'menb-2', ageDays: 112, vaccine: 'MenB vaccine', diseases: [SCT.meningococcal], dose: 2, route: 'IM' },
  { key: 'hibmenc', ageDays: 366, vaccine: 'Hib/MenC vaccine', diseases: [SCT.hib, SCT.meningococcal], dose: 1, route: 'IM' },
  { key: 'mmr-1', ageDays: 366, vaccine: 'MMR vaccine', diseases: [SCT.measles, SCT.mumps, SCT.rubella], dose: 1, route: 'SQ' },
  {
    key: 'pcv-2',
    ageDays: 366,
    vaccine: 'Pneumococcal conjugate vaccine (PCV) booster',
    diseases: [SCT.pneumococcal],
    dose: 2,
    route: 'IM',
  },
  { key: 'menb-3', ageDays: 366, vaccine: 'MenB vaccine booster', diseases: [SCT.meningococcal], dose: 3, route: 'IM' },
  { key: 'mmr-2', ageDays: 1218, vaccine: 'MMR vaccine', diseases: [SCT.measles, SCT.mumps, SCT.rubella], dose: 2, route: 'SQ' },
  {
    key: 'preschool',
    ageDays: 1218,
    vaccine: 'DTaP/IPV vaccine (4-in-1 pre-school booster)',
    diseases: [SCT.diphtheria, SCT.tetanus, SCT.pertussis, SCT.poliomyelitis],
    dose: 4,
    route: 'IM',
  },
];

const ROUTE: Record<VaccineDose['route'], string> = {
  IM: 'Injection, intramuscular',
  PO: 'Swallow, oral',
  NASINHLC: 'Inhalation, nasal',
  SQ: 'Injection, subcutaneous',
};

function community(w: World, d: Demographics, born: string): void {
  const b = w.b.community;
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'community', P, d);
  const dawson = staff(w, 'community', 'dawson');
  mother(w, 'community', patient);
  b.add(
    'okafor/care-team',
    {
      resourceType: 'CareTeam',
      meta: ukCore('CareTeam'),
      status: 'active',
      name: 'Health visiting team',
      subject: patient,
      participant: [{ role: [cc(SCT.registeredNurse, 'Health visitor')], member: dawson.role, period: { start: born } }],
      managingOrganization: [w.dir.community.org],
    } satisfies CareTeam,
    'Health visiting team',
  );
  const bornMs = Date.parse(`${born}T00:00:00Z`);
  const doses = [...SCHEDULE.map((v) => ({ ...v, date: isoDate(bornMs + v.ageDays * 86_400_000) }))];
  doses.push({
    key: 'flu',
    ageDays: 0,
    vaccine: 'Live attenuated influenza vaccine (nasal spray)',
    diseases: [SCT.influenza],
    dose: 1,
    route: 'NASINHLC',
    date: c.dateMonthsAgo(4),
  });
  for (const v of doses) {
    b.add(`okafor/immunisation-${v.key}`, {
      resourceType: 'Immunization',
      meta: ukCore('Immunization'),
      status: 'completed',
      vaccineCode: textOnly(v.vaccine),
      patient,
      occurrenceDateTime: `${v.date}T10:00:00Z`,
      recorded: `${v.date}T10:30:00Z`,
      primarySource: true,
      route: cc(coding('http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration', v.route, ROUTE[v.route])),
      performer: [{ actor: dawson.practitioner }],
      protocolApplied: [
        {
          series: 'UK routine immunisation schedule',
          targetDisease: v.diseases.map((disease) => cc(disease)),
          doseNumberPositiveInt: v.dose,
        },
      ],
    } satisfies Immunization);
  }
  for (const [i, months] of [14, 8, 3].entries()) {
    b.add(
      `okafor/hv-visit-${i + 1}`,
      encounter({
        patient,
        class: 'HH',
        status: 'finished',
        type: cc(SCT.homeVisit, 'Health visitor home visit'),
        start: c.monthsAgo(months, '11:00'),
        end: c.monthsAgo(months, '11:50'),
        participant: [dawson.practitioner],
        serviceProvider: w.dir.community.org,
        reason: textOnly(i === 2 ? 'Child protection plan: home conditions and growth' : 'Health and development review'),
      }),
    );
  }
}

function socialCare(w: World, d: Demographics): void {
  const b = w.b['social-care'];
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'social-care', P, d);
  const reid = staff(w, 'social-care', 'reid');
  mother(w, 'social-care', patient);
  const started = c.dateMonthsAgo(5);
  b.add(
    'okafor/episode',
    episodeOfCare({
      patient,
      status: 'active',
      type: "Children's social care: child protection",
      managingOrganization: w.dir['social-care'].org,
      start: started,
      careManager: reid.practitioner,
    }),
  );
  const plan = b.add(
    'okafor/child-protection-plan',
    {
      resourceType: 'CarePlan',
      meta: ukCore('CarePlan'),
      text: narrative(
        '<p><b>Child protection plan</b> (category: <b>neglect</b>) since ' +
          started +
          '. Allocated social worker: Joanne REID, 01632 960521.</p>',
      ),
      status: 'active',
      intent: 'plan',
      category: [
        textOnly('Child protection plan'),
        cc(coding(SYS.childProtectionCategory, 'neglect', 'Neglect'), 'Category of abuse: Neglect'),
      ],
      title: 'Child protection plan',
      description:
        'Daniel is the subject of a child protection plan under the category of neglect, agreed at the initial child protection conference.',
      subject: patient,
      period: { start: started },
      created: `${started}T15:00:00Z`,
      author: reid.practitioner,
      activity: [
        {
          detail: {
            status: 'in-progress',
            description:
              'Allocated social worker visits at least every 10 working days, including unannounced visits. Social worker: Joanne REID, 01632 960521 (out of hours: 01632 960599).',
          },
        },
        {
          detail: {
            status: 'in-progress',
            description: "Core group meets every 6 weeks: social worker, health visitor, school, and Daniel's mother.",
          },
        },
        {
          detail: {
            status: 'in-progress',
            description: 'Health visitor monitors growth, home conditions and attendance at health appointments.',
          },
        },
        { detail: { status: 'scheduled', description: `Review child protection conference due ${plusDays(started, 182)}.` } },
        {
          detail: {
            status: 'in-progress',
            description: 'Any injury or A&E attendance is reported to the allocated social worker the same day.',
          },
        },
      ],
    } satisfies CarePlan,
    'Child protection plan (neglect)',
  );
  b.add(
    'okafor/flag',
    {
      resourceType: 'Flag',
      meta: ukCore('Flag'),
      status: 'active',
      category: [cc(coding(SYS.flagCategory, 'safety', 'Safety'), 'Safeguarding')],
      code: textOnly('Subject of a child protection plan (category: neglect). Allocated social worker: Joanne REID, 01632 960521.'),
      subject: patient,
      period: { start: started },
      author: reid.practitioner,
      // The plan behind the flag: what to do and whom to call, out of hours included.
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/flag-detail', valueReference: plan }],
    } satisfies Flag,
    'Safeguarding: child protection plan',
  );
  b.add(
    'okafor/core-group',
    {
      resourceType: 'CareTeam',
      meta: ukCore('CareTeam'),
      status: 'active',
      name: 'Child protection core group',
      subject: patient,
      period: { start: started },
      participant: [
        { role: [cc(SCT.socialWorker, 'Allocated social worker')], member: reid.role },
        { role: [textOnly('Health visitor')], member: { display: 'Claire DAWSON, Health visitor, Downs Community Health NHS Trust' } },
      ],
      managingOrganization: [w.dir['social-care'].org],
    } satisfies CareTeam,
    'Child protection core group',
  );
}
