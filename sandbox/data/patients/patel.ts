// PATEL, Asha (Ms), 999 000 0042: type 1 diabetes with five years of quarterly
// HbA1c (48 to 86 mmol/mol, the latest the highest), eGFR and creatinine; an
// A&E attendance for hypoglycaemia six weeks ago (capillary glucose 2.1 mmol/L);
// "no known drug allergies" at the gp, nothing recorded at acute; diabetes
// specialist nurse appointments, one in the future.
import type { Appointment, CareTeam, DiagnosticReport } from '@medplum/fhirtypes';
import {
  allergy,
  cc,
  coding,
  condition,
  documentReference,
  encounter,
  observation,
  phone,
  qty,
  textOnly,
  ukCore,
  type Ref,
} from '../builders';
import { plusDays, plusMinutes } from '../dates';
import type { Address } from '../directory';
import { scenarioPatient } from '../patients';
import { LOINC, SCT, SYS } from '../terminology';
import { addPatient, addRepeat, addVitalSigns, issueDays, staff, type World } from '../world';

const P = scenarioPatient('patel');
const ADDRESS: Address = { lines: ['8 Beech Close'], city: 'Chalkbury', postalCode: 'ME14 2LP' };
const DEMOGRAPHICS = { birthDate: '1961-07-23', address: ADDRESS, telecom: [phone('07700 900442', 'mobile')] };

/** Quarterly HbA1c, oldest first: 21 results over five years, 48 to 86 mmol/mol, the latest the highest. */
export const PATEL_HBA1C = [62, 58, 55, 52, 48, 51, 57, 60, 64, 59, 56, 61, 66, 70, 67, 63, 68, 72, 77, 81, 86] as const;

export function addPatel(w: World): void {
  gp(w);
  acute(w);
  community(w);
}

function gp(w: World): void {
  const b = w.b.gp;
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'gp', P, DEMOGRAPHICS);
  const ahmed = staff(w, 'gp', 'ahmed');
  const mills = staff(w, 'gp', 'mills');
  b.add(
    'patel/diabetes',
    condition({
      patient,
      code: SCT.type1Diabetes,
      clinicalStatus: 'active',
      onset: '1975',
      recorded: c.yearsAgo(25),
      recorder: ahmed.practitioner,
    }),
  );
  b.add(
    'patel/nkda',
    allergy({
      patient,
      code: SCT.noKnownDrugAllergy,
      clinicalStatus: 'active',
      recorded: c.yearsAgo(3, '11:20'),
      recorder: ahmed.practitioner,
    }),
  );
  const repeat = { patient, requester: ahmed.practitioner, supplyDays: 28, repeats: 6 };
  addRepeat(w, 'gp', 'patel/glargine', {
    ...repeat,
    medicine: 'insulinGlargine',
    quantity: { value: 5, unit: 'pre-filled disposable injection' },
    started: c.yearsAgo(14),
    dose: { text: '22 units at bedtime', value: 22, unit: 'unit', frequency: 1, when: ['HS'], route: 'subcutaneous' },
    issuesDaysAgo: issueDays(6, 14),
  });
  addRepeat(w, 'gp', 'patel/aspart', {
    ...repeat,
    medicine: 'insulinAspart',
    quantity: { value: 10, unit: 'pre-filled disposable injection' },
    started: c.yearsAgo(14),
    dose: {
      text: 'With meals, according to carbohydrate counting (usually 4 to 10 units)',
      frequency: 3,
      when: ['C'],
      route: 'subcutaneous',
    },
    issuesDaysAgo: issueDays(6, 14),
  });

  // Quarterly HbA1c; yearly eGFR and creatinine with the annual review.
  PATEL_HBA1C.forEach((value, i) => {
    const monthsAgo = (PATEL_HBA1C.length - 1 - i) * 3;
    const taken = c.monthsAgo(monthsAgo, '09:10');
    const reported = plusMinutes(taken, 26 * 60);
    b.group();
    const results: Ref[] = [
      b.add(
        `patel/hba1c-${i + 1}`,
        observation({
          patient,
          category: 'laboratory',
          code: [LOINC.hba1cIfcc, SCT.hba1c],
          text: 'HbA1c (IFCC)',
          effective: taken,
          issued: reported,
          value: qty(value, 'mmol/mol', 'mmol/mol'),
          interpretation: 'H',
          performer: [mills.practitioner],
          referenceRange: [
            {
              low: qty(20, 'mmol/mol', 'mmol/mol'),
              high: qty(41, 'mmol/mol', 'mmol/mol'),
              text: '20-41 mmol/mol (non-diabetic). Target in type 1 diabetes: 48 mmol/mol or lower',
            },
            // The treatment target as its own range (FHIR referencerange-meaning `treatment`): drawn as a line on the trend.
            {
              high: qty(48, 'mmol/mol', 'mmol/mol'),
              type: cc(coding('http://terminology.hl7.org/CodeSystem/referencerange-meaning', 'treatment', 'Treatment Range')),
              text: 'Target in type 1 diabetes: 48 mmol/mol or lower (NICE NG17)',
            },
          ],
        }),
      ),
    ];
    if (i % 4 === 0) {
      const year = i / 4;
      const creatinine = [74, 76, 79, 83, 88, 92][year] ?? 90;
      const egfr = [78, 76, 73, 69, 64, 60][year] ?? 60;
      results.push(
        b.add(
          `patel/creatinine-${year + 1}`,
          observation({
            patient,
            category: 'laboratory',
            code: [LOINC.creatinine, SCT.serumCreatinine],
            text: 'Serum creatinine',
            effective: taken,
            issued: reported,
            value: qty(creatinine, 'micromol/L', 'umol/L'),
            referenceRange: { low: qty(45, 'micromol/L', 'umol/L'), high: qty(84, 'micromol/L', 'umol/L') },
            interpretation: creatinine > 84 ? 'H' : 'N',
          }),
        ),
      );
      results.push(
        b.add(
          `patel/egfr-${year + 1}`,
          observation({
            patient,
            category: 'laboratory',
            code: [LOINC.egfrCkdEpi, SCT.egfr],
            text: 'eGFR (CKD-EPI)',
            effective: taken,
            issued: reported,
            value: qty(egfr, 'mL/min/1.73m2', 'mL/min/{1.73_m2}'),
            referenceRange: {
              low: qty(90, 'mL/min/1.73m2', 'mL/min/{1.73_m2}'),
              text: '90 or more; 60 to 89 is normal unless there are other signs of kidney disease',
            },
            interpretation: egfr < 60 ? 'L' : undefined,
          }),
        ),
      );
    }
    b.add(`patel/report-${i + 1}`, {
      resourceType: 'DiagnosticReport',
      meta: ukCore('DiagnosticReport'),
      status: 'final',
      category: [cc(coding(SYS.v2ServiceSection, 'LAB', 'Laboratory'))],
      code: textOnly(results.length > 1 ? 'HbA1c, urea and electrolytes' : 'HbA1c'),
      subject: patient,
      effectiveDateTime: taken,
      issued: reported,
      performer: [{ display: 'Weald General Hospital Pathology' }],
      result: results,
    } satisfies DiagnosticReport);
  });
  b.group();
  for (const [i, months] of [24, 12, 0].entries()) {
    b.add(
      `patel/annual-review-${i + 1}`,
      encounter({
        patient,
        class: 'AMB',
        status: 'finished',
        type: cc(SCT.consultation, 'Diabetes annual review'),
        start: c.monthsAgo(months, '09:30'),
        end: c.monthsAgo(months, '09:50'),
        participant: [mills.practitioner],
        serviceProvider: w.dir.gp.org,
        reason: cc(SCT.type1Diabetes),
      }),
    );
  }
}

function acute(w: World): void {
  const b = w.b.acute;
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'acute', P, DEMOGRAPHICS);
  const osei = staff(w, 'acute', 'osei');
  const jones = staff(w, 'acute', 'jones');
  // No AllergyIntolerance here: allergy status not recorded at the hospital.
  const arrived = c.daysAgo(42, '07:35');
  const hypo = b.add(
    'patel/hypo',
    condition({
      patient,
      code: SCT.hypoglycaemia,
      clinicalStatus: 'resolved',
      category: 'encounter-diagnosis',
      onset: plusMinutes(arrived, -30),
      abatement: plusMinutes(arrived, 60),
      recorder: osei.practitioner,
    }),
  );
  const ae = b.add(
    'patel/ae',
    encounter({
      patient,
      class: 'EMER',
      status: 'finished',
      type: cc(SCT.emergencyDepartmentVisit),
      start: arrived,
      end: plusMinutes(arrived, 235),
      reason: cc(SCT.hypoglycaemia, 'Hypoglycaemia: found drowsy and confused at home by her partner'),
      diagnosis: [hypo],
      participant: [osei.practitioner, jones.practitioner],
      serviceProvider: w.dir.acute.org,
      locations: [{ location: w.dir.acute.locations.ae as Ref, status: 'completed', physicalType: 'wi' }],
    }),
  );
  const glucose = (key: string, minutes: number, value: number) =>
    b.add(
      `patel/glucose-${key}`,
      observation({
        patient,
        category: 'laboratory',
        code: [LOINC.glucoseCapillary],
        text: 'Capillary blood glucose',
        effective: plusMinutes(arrived, minutes),
        issued: plusMinutes(arrived, minutes),
        value: qty(value, 'mmol/L', 'mmol/L'),
        referenceRange: { low: qty(4, 'mmol/L', 'mmol/L'), high: qty(7, 'mmol/L', 'mmol/L') },
        interpretation: value < 3 ? 'LL' : value < 4 ? 'L' : 'N',
        performer: [osei.practitioner],
        encounter: ae,
      }),
    );
  glucose('arrival', 5, 2.1);
  glucose('after-treatment', 40, 6.8);
  addVitalSigns(
    w,
    'acute',
    'patel/ae-vitals',
    patient,
    plusMinutes(arrived, 8),
    { heartRate: 104, respiratoryRate: 18, systolic: 134, diastolic: 78, spo2: 98, temperature: 36.4, gcs: 13 },
    { encounter: ae, performer: osei.practitioner },
  );
  b.add(
    'patel/ae-letter',
    documentReference({
      patient,
      type: [LOINC.dischargeSummary],
      typeText: 'Emergency department discharge letter',
      category: 'Letter',
      date: plusMinutes(arrived, 250),
      author: [osei.practitioner],
      custodian: w.dir.acute.org,
      encounter: ae,
      title: 'Emergency department discharge letter: hypoglycaemia',
      contentType: 'text/html',
      content: patelLetter(arrived.slice(0, 10)),
    }),
  );
}

/**
 * The A&E letter, as a hospital system might send it: mostly ordinary HTML, with
 * hostile markup (a script, an image with an onerror handler, a javascript: link)
 * that the viewer must render inert.
 */
function patelLetter(date: string): string {
  return `<h1>Emergency department discharge letter</h1>
<p>Dear Dr Ahmed,</p>
<p>Asha PATEL (NHS number 999 000 0042) attended on ${date} with hypoglycaemia. Capillary glucose on arrival was <strong>2.1 mmol/L</strong>. She was treated with intravenous glucose 10% and recovered fully; glucose 6.8 mmol/L after 40 minutes.</p>
<script>alert(1)</script>
<p>She had missed her evening meal after her usual insulin aspart dose. <img src=x onerror=alert(1)> We advised a review of her insulin regimen with the diabetes specialist nurse.</p>
<p>Allergies: not recorded at this attendance. <a href="javascript:alert(1)">Click here for the full record</a></p>
<p>Yours sincerely,<br>Dr Kwame OSEI, Emergency Department</p>`;
}

function community(w: World): void {
  const b = w.b.community;
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'community', P, DEMOGRAPHICS);
  const rao = staff(w, 'community', 'rao');
  const clinic = w.dir.community.locations['diabetes-clinic'] as Ref;
  b.add(
    'patel/care-team',
    {
      resourceType: 'CareTeam',
      meta: ukCore('CareTeam'),
      status: 'active',
      name: 'Community diabetes team',
      subject: patient,
      participant: [{ role: [cc(SCT.clinicalNurseSpecialist, 'Diabetes specialist nurse')], member: rao.role }],
      managingOrganization: [w.dir.community.org],
    } satisfies CareTeam,
    'Community diabetes team',
  );
  const appointments: { key: string; days: number; status: Appointment['status']; description: string }[] = [
    { key: 'past-1', days: 98, status: 'fulfilled', description: 'Diabetes specialist nurse review: insulin dose adjustment' },
    {
      key: 'past-2',
      days: 35,
      status: 'fulfilled',
      description: 'Diabetes specialist nurse review after the A&E attendance for hypoglycaemia',
    },
    { key: 'missed', days: 14, status: 'noshow', description: 'Diabetes specialist nurse review: continuous glucose monitoring' },
    { key: 'next', days: -21, status: 'booked', description: 'Diabetes specialist nurse review: continuous glucose monitoring and HbA1c' },
  ];
  for (const a of appointments) {
    const start = c.daysAgo(a.days, '14:00');
    b.add(`patel/appointment-${a.key}`, {
      resourceType: 'Appointment',
      meta: ukCore('Appointment'),
      status: a.status,
      serviceType: [textOnly('Diabetes specialist nursing')],
      reasonCode: [cc(SCT.type1Diabetes)],
      description: a.description,
      start,
      end: plusMinutes(start, 30),
      minutesDuration: 30,
      created: plusDays(start, -28),
      participant: [
        { actor: patient, status: 'accepted', required: 'required' },
        { actor: rao.role, status: 'accepted', required: 'required' },
        { actor: clinic, status: 'accepted', required: 'required' },
      ],
    } satisfies Appointment);
    if (a.status === 'fulfilled') {
      b.add(
        `patel/dsn-visit-${a.key}`,
        encounter({
          patient,
          class: 'AMB',
          status: 'finished',
          type: cc(SCT.consultation, 'Diabetes specialist nurse review'),
          start,
          end: plusMinutes(start, 30),
          participant: [rao.practitioner],
          serviceProvider: w.dir.community.org,
          reason: cc(SCT.type1Diabetes),
          locations: [{ location: clinic, status: 'completed' }],
        }),
      );
    }
  }
}
