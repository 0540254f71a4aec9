// EVANS, Gwen (Mrs), 999 000 0050: an ordinary record in every source, and at
// the gp a Consent recording her objection to sharing through the shared care
// record: the viewer must show that she has objected and none of her data.
import type { CarePlan, Consent } from '@medplum/fhirtypes';
import { cc, coding, condition, documentReference, encounter, episodeOfCare, narrative, phone, textOnly, ukCore } from '../builders';
import type { Address } from '../directory';
import { scenarioPatient } from '../patients';
import { LOINC, SCT, SHARED_CARE_RECORD_POLICY, SYS } from '../terminology';
import { addPatient, addRepeat, addVitalSigns, issueDays, location, staff, type World } from '../world';

const P = scenarioPatient('evans');
const ADDRESS: Address = { lines: ['2 Orchard Cottages', 'Pilgrims Way'], city: 'Wealdham', postalCode: 'TN12 8AS' };
const DEMOGRAPHICS = { birthDate: '1952-02-17', address: ADDRESS, telecom: [phone('01632 960850', 'home')] };

export function addEvans(w: World): void {
  gp(w);
  acute(w);
  community(w);
  mentalHealth(w);
  socialCare(w);
}

function gp(w: World): void {
  const b = w.b.gp;
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'gp', P, DEMOGRAPHICS);
  const wilson = staff(w, 'gp', 'wilson');
  const objected = c.monthsAgo(8, '11:40');
  b.add(
    'evans/objection',
    {
      resourceType: 'Consent',
      meta: ukCore('Consent'),
      text: narrative(
        '<p>Mrs Evans has <b>objected to sharing</b> her record through the shared care record. Recorded at Riverside Medical Practice.</p>',
      ),
      status: 'active',
      scope: cc(coding(SYS.consentScope, 'patient-privacy', 'Privacy Consent')),
      category: [cc(LOINC.patientConsent, 'Objection to sharing through the shared care record')],
      patient,
      dateTime: objected,
      performer: [patient],
      organization: [w.dir.gp.org],
      policy: [{ uri: SHARED_CARE_RECORD_POLICY }],
      provision: { type: 'deny', period: { start: objected.slice(0, 10) } },
    } satisfies Consent,
    'Objection to sharing',
  );
  b.add(
    'evans/hypothyroidism',
    condition({ patient, code: SCT.hypothyroidism, clinicalStatus: 'active', onset: c.yearsAgo(19), recorder: wilson.practitioner }),
  );
  b.add(
    'evans/osteoporosis',
    condition({ patient, code: SCT.osteoporosis, clinicalStatus: 'active', onset: c.yearsAgo(6), recorder: wilson.practitioner }),
  );
  const repeat = { patient, requester: wilson.practitioner, quantity: { value: 28, unit: 'tablet' }, supplyDays: 28, repeats: 6 };
  addRepeat(w, 'gp', 'evans/levothyroxine', {
    ...repeat,
    medicine: 'levothyroxine100',
    started: c.yearsAgo(19),
    dose: { text: 'One tablet each morning', value: 1, unit: 'tablet', frequency: 1, when: ['MORN'], route: 'oral' },
    issuesDaysAgo: issueDays(4, 19),
  });
  addRepeat(w, 'gp', 'evans/alendronic', {
    ...repeat,
    medicine: 'alendronicAcid70',
    quantity: { value: 4, unit: 'tablet' },
    started: c.yearsAgo(6),
    dose: {
      text: 'One tablet once a week, before breakfast',
      value: 1,
      unit: 'tablet',
      frequency: 1,
      period: 1,
      periodUnit: 'wk',
      route: 'oral',
    },
    issuesDaysAgo: issueDays(4, 19),
  });
}

function acute(w: World): void {
  const b = w.b.acute;
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'acute', P, DEMOGRAPHICS);
  const grant = staff(w, 'acute', 'grant');
  const cataract = b.add(
    'evans/cataract',
    condition({
      patient,
      code: SCT.cataract,
      clinicalStatus: 'resolved',
      category: 'encounter-diagnosis',
      onset: c.yearsAgo(3),
      abatement: c.yearsAgo(2),
      recorder: grant.practitioner,
    }),
  );
  const visit = b.add(
    'evans/outpatients',
    encounter({
      patient,
      class: 'AMB',
      status: 'finished',
      type: cc(SCT.consultation, 'Ophthalmology outpatient appointment'),
      start: c.yearsAgo(2, '10:00'),
      end: c.yearsAgo(2, '10:20'),
      serviceProvider: w.dir.acute.org,
      diagnosis: [cataract],
      locations: [{ location: location(w, 'acute', 'outpatients'), status: 'completed' }],
    }),
  );
  addVitalSigns(
    w,
    'acute',
    'evans/vitals',
    patient,
    c.yearsAgo(2, '10:05'),
    { heartRate: 72, systolic: 138, diastolic: 82 },
    { encounter: visit },
  );
}

function community(w: World): void {
  const b = w.b.community;
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'community', P, DEMOGRAPHICS);
  b.add(
    'evans/podiatry',
    encounter({
      patient,
      class: 'AMB',
      status: 'finished',
      type: cc(SCT.consultation, 'Podiatry appointment'),
      start: c.monthsAgo(5, '13:30'),
      end: c.monthsAgo(5, '14:00'),
      serviceProvider: w.dir.community.org,
      reason: textOnly('Nail care'),
    }),
  );
}

function mentalHealth(w: World): void {
  const b = w.b['mental-health'];
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'mental-health', P, DEMOGRAPHICS);
  const morris = staff(w, 'mental-health', 'morris');
  b.add(
    'evans/depression',
    condition({
      patient,
      code: SCT.depression,
      clinicalStatus: 'resolved',
      onset: c.yearsAgo(4),
      abatement: c.yearsAgo(3),
      recorder: morris.practitioner,
      restricted: true,
    }),
  );
  b.add(
    'evans/discharge-letter',
    documentReference({
      patient,
      type: [LOINC.dischargeSummary],
      typeText: 'Discharge letter',
      category: 'Letter',
      date: c.yearsAgo(3, '15:00'),
      author: [morris.practitioner],
      custodian: w.dir['mental-health'].org,
      title: 'Discharge from the community mental health team',
      contentType: 'text/plain',
      content: 'Mrs Evans has recovered from a depressive episode and is discharged to the care of her GP.',
      restricted: true,
    }),
  );
}

function socialCare(w: World): void {
  const b = w.b['social-care'];
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'social-care', P, DEMOGRAPHICS);
  const khan = staff(w, 'social-care', 'khan');
  b.add(
    'evans/assessment',
    episodeOfCare({
      patient,
      status: 'finished',
      type: 'Adult social care: needs assessment',
      managingOrganization: w.dir['social-care'].org,
      start: c.dateMonthsAgo(20),
      end: c.dateMonthsAgo(19),
      careManager: khan.practitioner,
    }),
  );
  b.add('evans/advice', {
    resourceType: 'CarePlan',
    meta: ukCore('CarePlan'),
    status: 'completed',
    intent: 'plan',
    category: [cc(SCT.personalisedCareAndSupportPlan, 'Social care package')],
    title: 'Information and advice (no eligible needs)',
    subject: patient,
    period: { start: c.dateMonthsAgo(20), end: c.dateMonthsAgo(19) },
    author: khan.practitioner,
    activity: [{ detail: { status: 'completed', description: 'Signposted to the community handyperson scheme for grab rails.' } }],
  } satisfies CarePlan);
}
