// THOMPSON, Margaret (Mrs), 999 000 0018: end of life in a care home, a ReSPECT
// form (Not for CPR), an amlodipine dose conflict between gp (5 mg) and the
// acute inpatient chart (10 mg), currently an inpatient on Ward 7, bed 12.
import type { CarePlan, CareTeam, Consent, RelatedPerson } from '@medplum/fhirtypes';
import {
  allergy,
  cc,
  coding,
  condition,
  documentReference,
  encounter,
  episodeOfCare,
  escapeXml,
  medicationRequest,
  narrative,
  observation,
  phone,
  textOnly,
  ukCore,
  type Ref,
} from '../builders';
import { plusMinutes } from '../dates';
import { OAKVIEW, fhirAddress } from '../directory';
import { scenarioPatient } from '../patients';
import { LOINC, RESPECT_POLICY, RESPECT_SCALE_EXTENSION, SCT, SYS } from '../terminology';
import { medicationAdministration } from '../medication-records';
import { addPatient, addRepeat, addVitalSigns, issueDays, staff, type World } from '../world';

const P = scenarioPatient('thompson');
const HOME = { birthDate: '1938-05-09', address: OAKVIEW.address, telecom: [phone(OAKVIEW.phone, 'home')] };
const HELEN = {
  family: 'THOMPSON',
  given: 'Helen',
  phone: '07700 900123',
  address: { lines: ['7 Elm Grove'], city: 'Chalkbury', postalCode: 'ME15 7HT' },
};

export function addThompson(w: World): void {
  gp(w);
  acute(w);
  community(w);
  socialCare(w);
}

function daughter(w: World, source: 'gp' | 'acute' | 'social-care', patient: Ref, lpa: boolean): void {
  const relationship = [
    cc(coding(SYS.v2RelatedPerson, 'N', 'Next-of-Kin'), 'Next of kin'),
    cc(coding(SYS.v3RoleCode, 'DAU', 'natural daughter'), 'Daughter'),
  ];
  if (lpa)
    relationship.push(
      cc(coding(SYS.v3RoleCode, 'HPOWATT', 'healthcare power of attorney'), 'Lasting power of attorney for health and welfare'),
    );
  const person: RelatedPerson = {
    resourceType: 'RelatedPerson',
    meta: ukCore('RelatedPerson'),
    active: true,
    patient,
    relationship,
    name: [{ use: 'official', family: HELEN.family, given: [HELEN.given], prefix: ['Ms'] }],
    telecom: [phone(HELEN.phone, 'mobile')],
    gender: 'female',
    address: [fhirAddress(HELEN.address)],
  };
  w.b[source].add('thompson/daughter', person, 'Helen THOMPSON (daughter)');
}

function gp(w: World): void {
  const b = w.b.gp;
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'gp', P, HOME);
  const ahmed = staff(w, 'gp', 'ahmed');
  const wilson = staff(w, 'gp', 'wilson');
  daughter(w, 'gp', patient, true);

  // ReSPECT form: the recommendation as recorded, with its date, author and source.
  const respectDate = c.monthsAgo(4, '14:10');
  const form = b.add(
    'thompson/respect-form',
    documentReference({
      patient,
      type: [SCT.respectForm],
      typeText: 'ReSPECT form',
      date: respectDate,
      author: [ahmed.practitioner],
      custodian: w.dir.gp.org,
      title: 'ReSPECT form',
      contentType: 'text/html',
      content: `<h1>ReSPECT form</h1><p>Margaret THOMPSON, NHS number 999 000 0018.</p>
<h2>Clinical recommendations for emergency care and treatment</h2>
<p>Prioritise comfort. Not for CPR. Not for admission to intensive care. Hospital admission only if comfort cannot be achieved at Oakview Care Home.</p>
<h2>CPR attempts recommended</h2><p><strong>No</strong>: CPR attempts are NOT recommended.</p>
<p>Discussed with Margaret and her daughter Helen Thompson (lasting power of attorney for health and welfare), who agree.</p>
<p>Completed and signed by Dr Sarah AHMED, General Practitioner, Riverside Medical Practice.</p>`,
    }),
  );
  const respect: Consent = {
    resourceType: 'Consent',
    meta: ukCore('Consent'),
    text: narrative(
      `<p><b>ReSPECT form</b>: Not for CPR. Prioritise comfort; not for intensive care. Signed by Dr Sarah AHMED (GP) on ${escapeXml(respectDate.slice(0, 10))}.</p>`,
    ),
    status: 'active',
    scope: cc(coding(SYS.consentScope, 'adr', 'Advanced Care Directive')),
    category: [cc([LOINC.advanceDirective, SCT.respectForm], 'ReSPECT form')],
    patient,
    dateTime: respectDate,
    performer: [ahmed.practitioner],
    organization: [w.dir.gp.org],
    sourceReference: form,
    policy: [{ uri: RESPECT_POLICY }],
    provision: { code: [cc(SCT.notForCpr, 'Not for CPR')] },
  };
  const respectRef = b.add('thompson/respect', respect, 'ReSPECT form: Not for CPR');
  // The form's recommendations as the NHS End of Life API sends them: one
  // activity per treatment level (code) and intervention (description), and
  // the person's priority on the ReSPECT scale (0 sustaining life, 100 comfort).
  b.add(
    'thompson/respect-recommendations',
    {
      resourceType: 'CarePlan',
      meta: ukCore('CarePlan'),
      extension: [
        {
          url: RESPECT_SCALE_EXTENSION,
          extension: [
            { url: 'respectPriorityScale', valueInteger: 90 },
            {
              url: 'respectPriorityScaleStatement',
              valueString: 'To be comfortable at Oakview Care Home with Helen, and not to go back into hospital unless she has to.',
            },
          ],
        },
      ],
      status: 'active',
      intent: 'plan',
      category: [cc(SCT.respectForm, 'ReSPECT: clinical recommendations for emergency care and treatment')],
      title: 'ReSPECT: clinical recommendations for emergency care and treatment',
      subject: patient,
      period: { start: respectDate.slice(0, 10) },
      created: respectDate,
      author: ahmed.practitioner,
      supportingInfo: [respectRef, form],
      activity: [
        {
          detail: {
            status: 'in-progress',
            code: textOnly('Prioritise comfort'),
            description: 'Focus on symptom control and comfort rather than treatments to extend life.',
          },
        },
        {
          detail: {
            status: 'in-progress',
            code: textOnly('Not for intensive care'),
            description: 'Not for admission to intensive care, intubation or ventilation.',
          },
        },
        {
          detail: {
            status: 'in-progress',
            code: textOnly('Hospital admission only if comfort cannot be achieved'),
            description: 'Treat at Oakview Care Home; admit to hospital only if her comfort cannot be achieved there.',
          },
        },
        { detail: { status: 'in-progress', code: textOnly('Not for CPR'), description: 'CPR attempts are NOT recommended.' } },
      ],
    } satisfies CarePlan,
    'ReSPECT recommendations',
  );

  b.add(
    'thompson/eol-plan',
    {
      resourceType: 'CarePlan',
      meta: ukCore('CarePlan'),
      text: narrative(
        '<p><b>End of life care plan</b>. Preferred place of care and of death: Oakview Care Home. Anticipatory medicines prescribed and held at the home.</p>',
      ),
      status: 'active',
      intent: 'plan',
      category: [cc(SCT.endOfLifeCarePlan, 'End of life care plan')],
      title: 'End of life care plan',
      description:
        "Margaret is in the last months of life (advanced Alzheimer's disease and heart failure). The aim is comfort at Oakview Care Home, where she and her daughter wish her to stay.",
      subject: patient,
      period: { start: c.dateMonthsAgo(4) },
      created: respectDate,
      author: ahmed.practitioner,
      activity: [
        {
          detail: {
            status: 'in-progress',
            description: 'Preferred place of care: Oakview Care Home. Preferred place of death: Oakview Care Home.',
          },
        },
        {
          detail: {
            status: 'in-progress',
            description:
              'Anticipatory ("just in case") medicines prescribed and kept at the care home: morphine, midazolam, levomepromazine and hyoscine butylbromide injections.',
          },
        },
        {
          detail: {
            status: 'in-progress',
            description:
              'Contact Helen Thompson (daughter, lasting power of attorney for health and welfare) on 07700 900123 at any time if Margaret deteriorates.',
          },
        },
        {
          detail: {
            status: 'in-progress',
            description: 'District nurses visit weekly; out of hours call the GP out-of-hours service and share this plan.',
          },
        },
      ],
      note: [{ text: 'ReSPECT form completed on the same day: Not for CPR.' }],
    } satisfies CarePlan,
    'End of life care plan',
  );

  b.add(
    'thompson/care-home',
    observation({
      patient,
      category: 'social-history',
      code: [SCT.livesInCareHome],
      effective: c.monthsAgo(14),
      performer: [wilson.practitioner],
    }),
  );
  b.add(
    'thompson/allergy-penicillin',
    allergy({
      patient,
      code: SCT.penicillin,
      category: 'medication',
      type: 'allergy',
      criticality: 'high',
      reaction: { manifestation: SCT.anaphylaxis, severity: 'severe', description: 'Anaphylaxis after intramuscular penicillin, 1974' },
      onset: '1974',
      recorded: c.yearsAgo(22),
      recorder: wilson.practitioner,
    }),
  );

  const problems: [string, Parameters<typeof condition>[0]][] = [
    [
      'hypertension',
      { patient, code: SCT.essentialHypertension, clinicalStatus: 'active', onset: c.yearsAgo(28), recorder: wilson.practitioner },
    ],
    ['af', { patient, code: SCT.atrialFibrillation, clinicalStatus: 'active', onset: c.yearsAgo(9), recorder: wilson.practitioner }],
    ['heart-failure', { patient, code: SCT.heartFailure, clinicalStatus: 'active', onset: c.yearsAgo(5), recorder: ahmed.practitioner }],
    ['alzheimers', { patient, code: SCT.alzheimers, clinicalStatus: 'active', onset: c.yearsAgo(6), recorder: ahmed.practitioner }],
    ['ckd', { patient, code: SCT.ckdStage3, clinicalStatus: 'active', onset: c.yearsAgo(7), recorder: wilson.practitioner }],
    ['oa-knee', { patient, code: SCT.osteoarthritisKnee, clinicalStatus: 'active', onset: c.yearsAgo(15), recorder: wilson.practitioner }],
    [
      'nof',
      {
        patient,
        code: SCT.fractureNeckOfFemur,
        clinicalStatus: 'resolved',
        onset: c.yearsAgo(4),
        abatement: c.yearsAgo(3),
        recorder: ahmed.practitioner,
        note: 'Right hemiarthroplasty at Weald General Hospital.',
      },
    ],
    [
      'uti',
      {
        patient,
        code: SCT.urinaryTractInfection,
        clinicalStatus: 'resolved',
        onset: c.monthsAgo(3),
        abatement: c.dateMonthsAgo(2),
        recorder: ahmed.practitioner,
      },
    ],
    [
      'asthma-error',
      {
        patient,
        code: SCT.asthma,
        clinicalStatus: 'inactive',
        verificationStatus: 'entered-in-error',
        onset: c.yearsAgo(2),
        recorder: ahmed.practitioner,
        note: 'Recorded against the wrong patient.',
      },
    ],
  ];
  for (const [key, o] of problems) b.add(`thompson/condition-${key}`, condition(o));

  for (const [i, days] of [41, 20, 6].entries()) {
    b.add(
      `thompson/visit-${i + 1}`,
      encounter({
        patient,
        class: 'HH',
        status: 'finished',
        type: cc(SCT.homeVisit),
        start: c.daysAgo(days, '13:00'),
        end: c.daysAgo(days, '13:40'),
        participant: [ahmed.practitioner],
        serviceProvider: w.dir.gp.org,
        reason: textOnly('Care home review'),
      }),
    );
  }

  // Eight current repeats, one stopped recently, one entered in error.
  const requester = ahmed.practitioner;
  const repeat = { patient, requester, quantity: { value: 28, unit: 'tablet' }, supplyDays: 28, repeats: 6 };
  addRepeat(w, 'gp', 'thompson/amlodipine', {
    ...repeat,
    medicine: 'amlodipine5',
    started: c.yearsAgo(8),
    dose: { text: 'One tablet once daily', value: 1, unit: 'tablet', frequency: 1, route: 'oral' },
    issuesDaysAgo: issueDays(6, 9),
  });
  addRepeat(w, 'gp', 'thompson/furosemide', {
    ...repeat,
    medicine: 'furosemide40',
    started: c.yearsAgo(5),
    dose: { text: 'One tablet each morning', value: 1, unit: 'tablet', frequency: 1, when: ['MORN'], route: 'oral' },
    issuesDaysAgo: issueDays(6, 9),
  });
  addRepeat(w, 'gp', 'thompson/bisoprolol', {
    ...repeat,
    medicine: 'bisoprolol2_5',
    started: c.yearsAgo(5),
    dose: { text: 'One tablet once daily', value: 1, unit: 'tablet', frequency: 1, route: 'oral' },
    issuesDaysAgo: issueDays(6, 9),
  });
  addRepeat(w, 'gp', 'thompson/apixaban', {
    ...repeat,
    medicine: 'apixaban2_5',
    quantity: { value: 56, unit: 'tablet' },
    started: c.yearsAgo(9),
    dose: { text: 'One tablet twice a day', value: 1, unit: 'tablet', frequency: 2, route: 'oral' },
    issuesDaysAgo: issueDays(6, 9),
  });
  addRepeat(w, 'gp', 'thompson/atorvastatin', {
    ...repeat,
    medicine: 'atorvastatin20',
    started: c.yearsAgo(11),
    dose: { text: 'One tablet at night', value: 1, unit: 'tablet', frequency: 1, when: ['NIGHT'], route: 'oral' },
    issuesDaysAgo: issueDays(6, 9),
  });
  addRepeat(w, 'gp', 'thompson/lansoprazole', {
    ...repeat,
    medicine: 'lansoprazole15',
    quantity: { value: 28, unit: 'capsule' },
    started: c.yearsAgo(4),
    dose: { text: 'One capsule once daily', value: 1, unit: 'capsule', frequency: 1, route: 'oral' },
    issuesDaysAgo: issueDays(6, 9),
  });
  addRepeat(w, 'gp', 'thompson/donepezil', {
    ...repeat,
    medicine: 'donepezil5',
    started: c.yearsAgo(5),
    dose: { text: 'One tablet at night', value: 1, unit: 'tablet', frequency: 1, when: ['NIGHT'], route: 'oral' },
    issuesDaysAgo: issueDays(6, 9),
  });
  addRepeat(w, 'gp', 'thompson/paracetamol', {
    ...repeat,
    medicine: 'paracetamol500',
    quantity: { value: 100, unit: 'tablet' },
    started: c.yearsAgo(3),
    dose: {
      text: 'Two tablets up to four times a day when required for pain',
      value: 2,
      unit: 'tablet',
      frequency: 4,
      asNeeded: 'When required for pain',
      route: 'oral',
    },
    issuesDaysAgo: issueDays(4, 16, 42),
  });
  addRepeat(w, 'gp', 'thompson/ramipril', {
    ...repeat,
    medicine: 'ramipril2_5',
    quantity: { value: 28, unit: 'capsule' },
    status: 'stopped',
    statusReason: 'Stopped: symptomatic low blood pressure and falling eGFR',
    started: c.yearsAgo(6),
    ended: c.daysAgo(35),
    dose: { text: 'One capsule once daily', value: 1, unit: 'capsule', frequency: 1, route: 'oral' },
    issuesDaysAgo: issueDays(3, 50),
  });
  addRepeat(w, 'gp', 'thompson/amitriptyline', {
    ...repeat,
    medicine: 'amitriptyline10',
    status: 'entered-in-error',
    started: c.daysAgo(60),
    ended: c.daysAgo(60),
    dose: { text: 'One tablet at night', value: 1, unit: 'tablet', frequency: 1, when: ['NIGHT'], route: 'oral' },
    issuesDaysAgo: [],
  });

  // Anticipatory ("just in case") medicines, prescribed with the end of life care plan.
  b.group();
  const jic = {
    patient,
    requester,
    status: 'active' as const,
    intent: 'order' as const,
    course: 'acute' as const,
    categoryText: 'Anticipatory medicine (just in case)',
    authoredOn: c.monthsAgo(4, '15:00'),
    quantity: { value: 10, unit: 'ampoule' },
  };
  b.add(
    'thompson/jic-morphine',
    medicationRequest({
      ...jic,
      medicine: 'morphineInjection',
      dose: {
        text: '2.5mg to 5mg subcutaneously every 2 to 4 hours when required for pain or breathlessness',
        value: 2.5,
        unit: 'mg',
        frequency: 1,
        period: 2,
        periodUnit: 'h',
        asNeeded: 'When required for pain or breathlessness',
        route: 'subcutaneous',
      },
    }),
  );
  b.add(
    'thompson/jic-midazolam',
    medicationRequest({
      ...jic,
      medicine: 'midazolamInjection',
      dose: {
        text: '2.5mg to 5mg subcutaneously every 2 to 4 hours when required for agitation',
        value: 2.5,
        unit: 'mg',
        frequency: 1,
        period: 2,
        periodUnit: 'h',
        asNeeded: 'When required for agitation or distress',
        route: 'subcutaneous',
      },
    }),
  );
  b.add(
    'thompson/jic-levomepromazine',
    medicationRequest({
      ...jic,
      medicine: 'levomepromazineInjection',
      dose: {
        text: '6.25mg subcutaneously every 8 hours when required for nausea or vomiting',
        value: 6.25,
        unit: 'mg',
        frequency: 1,
        period: 8,
        periodUnit: 'h',
        asNeeded: 'When required for nausea or vomiting',
        route: 'subcutaneous',
      },
    }),
  );
  b.add(
    'thompson/jic-hyoscine',
    medicationRequest({
      ...jic,
      medicine: 'hyoscineButylbromideInjection',
      dose: {
        text: '20mg subcutaneously every 4 hours when required for respiratory secretions',
        value: 20,
        unit: 'mg',
        frequency: 1,
        period: 4,
        periodUnit: 'h',
        asNeeded: 'When required for respiratory secretions',
        route: 'subcutaneous',
      },
    }),
  );
}

function acute(w: World): void {
  const b = w.b.acute;
  const c = w.clock;
  const loc = w.dir.acute.locations;
  b.group();
  const patient = addPatient(w, 'acute', P, HOME);
  const osei = staff(w, 'acute', 'osei');
  const grant = staff(w, 'acute', 'grant');
  const jones = staff(w, 'acute', 'jones');
  daughter(w, 'acute', patient, false);

  // Earlier stay, three months ago, with its discharge summary.
  const admitted = c.monthsAgo(3, '16:20');
  const discharged = c.daysAgo(Math.round((c.midnight - Date.parse(admitted)) / 86_400_000) - 6, '11:00');
  const delirium = b.add(
    'thompson/earlier-delirium',
    condition({
      patient,
      code: SCT.delirium,
      clinicalStatus: 'resolved',
      category: 'encounter-diagnosis',
      onset: admitted,
      abatement: discharged,
      recorder: grant.practitioner,
    }),
  );
  const uti = b.add(
    'thompson/earlier-uti',
    condition({
      patient,
      code: SCT.urinaryTractInfection,
      clinicalStatus: 'resolved',
      category: 'encounter-diagnosis',
      onset: admitted,
      abatement: discharged,
      recorder: grant.practitioner,
    }),
  );
  const earlier = b.add(
    'thompson/earlier-admission',
    encounter({
      patient,
      class: 'IMP',
      status: 'finished',
      type: cc(SCT.hospitalAdmission),
      start: admitted,
      end: discharged,
      reason: cc(SCT.delirium, 'Acute confusion'),
      diagnosis: [uti, delirium],
      participant: [grant.practitioner],
      serviceProvider: w.dir.acute.org,
      locations: [
        { location: loc['ward-3'] as Ref, status: 'completed', physicalType: 'wa' },
        { location: loc['ward-3-bed-4'] as Ref, status: 'completed', physicalType: 'bd' },
      ],
    }),
  );
  b.add(
    'thompson/discharge-summary',
    documentReference({
      patient,
      type: [SCT.dischargeSummary, LOINC.dischargeSummary],
      typeText: 'Discharge summary',
      category: 'Discharge summary',
      date: discharged,
      author: [grant.practitioner],
      custodian: w.dir.acute.org,
      encounter: earlier,
      title: 'Discharge summary: Ward 3 (Acute Medical Unit)',
      contentType: 'text/html',
      content: `<h1>Discharge summary</h1>
<p><strong>Patient</strong>: Margaret THOMPSON, born 09-May-1938, NHS number 999 000 0018</p>
<p><strong>Admitted</strong>: ${admitted.slice(0, 10)} &nbsp; <strong>Discharged</strong>: ${discharged.slice(0, 10)} to Oakview Care Home</p>
<h2>Diagnoses</h2><ol><li>Urinary tract infection</li><li>Delirium secondary to infection (resolved)</li></ol>
<h2>Medicines on discharge</h2><ul><li>Amlodipine 10mg tablets: one daily (increased from 5mg: blood pressure 172/90 on the ward)</li><li>Other medicines unchanged</li></ul>
<h2>Allergies</h2><p>Penicillin (anaphylaxis). Amoxicillin: rash.</p>
<h2>Actions for the GP</h2><p>Please review blood pressure in two weeks and consider the amlodipine dose.</p>
<p>Dr Fiona GRANT, Consultant Geriatrician</p>`,
    }),
  );
  b.add('thompson/dnacpr-earlier', {
    resourceType: 'Consent',
    meta: ukCore('Consent'),
    status: 'inactive',
    scope: cc(coding(SYS.consentScope, 'adr', 'Advanced Care Directive')),
    category: [cc(LOINC.advanceDirective, 'DNACPR decision')],
    patient,
    dateTime: plusMinutes(admitted, 300),
    performer: [grant.practitioner],
    organization: [w.dir.acute.org],
    policyRule: textOnly('Weald General Hospital DNACPR policy (valid for this admission)'),
    provision: { code: [cc(SCT.notForCpr, 'Do not attempt CPR (this admission)')] },
  } satisfies Consent);
  b.add(
    'thompson/allergy-amoxicillin',
    allergy({
      patient,
      code: SCT.amoxicillin,
      category: 'medication',
      type: 'allergy',
      criticality: 'low',
      reaction: { manifestation: SCT.skinEruption, severity: 'moderate', description: 'Widespread rash' },
      recorded: plusMinutes(admitted, 90),
      recorder: grant.practitioner,
      encounter: earlier,
    }),
  );
  b.add(
    'thompson/allergy-latex-error',
    allergy({
      patient,
      code: SCT.latex,
      category: 'environment',
      verificationStatus: 'entered-in-error',
      recorded: plusMinutes(admitted, 95),
      recorder: grant.practitioner,
      note: 'Entered in error: belongs to another patient.',
    }),
  );

  // Today's stay: A&E two days ago after a fall, then admitted to Ward 7, bed 12.
  const arrived = c.daysAgo(2, '09:40');
  const fall = b.add(
    'thompson/fall',
    condition({
      patient,
      code: SCT.fall,
      clinicalStatus: 'active',
      category: 'encounter-diagnosis',
      onset: c.daysAgo(2, '08:50'),
      recorder: osei.practitioner,
      note: 'Found on the floor of her room at Oakview Care Home; no head injury.',
    }),
  );
  const ae = b.add(
    'thompson/ae',
    encounter({
      patient,
      class: 'EMER',
      status: 'finished',
      type: cc(SCT.emergencyDepartmentVisit),
      start: arrived,
      end: c.daysAgo(2, '13:15'),
      reason: cc(SCT.fall, 'Fall at care home'),
      diagnosis: [fall],
      participant: [osei.practitioner, jones.practitioner],
      serviceProvider: w.dir.acute.org,
      locations: [{ location: loc.ae as Ref, status: 'completed', physicalType: 'wi' }],
    }),
  );
  addVitalSigns(
    w,
    'acute',
    'thompson/ae-vitals',
    patient,
    c.daysAgo(2, '09:55'),
    { heartRate: 88, respiratoryRate: 18, systolic: 168, diastolic: 84, spo2: 95, temperature: 36.8, gcs: 14 },
    { encounter: ae, performer: osei.practitioner },
  );
  const admission = b.add(
    'thompson/admission',
    encounter({
      patient,
      class: 'IMP',
      status: 'in-progress',
      type: cc(SCT.hospitalAdmission),
      start: c.daysAgo(2, '13:20'),
      reason: cc(SCT.fall, 'Fall; unable to weight bear'),
      diagnosis: [fall],
      participant: [grant.practitioner],
      serviceProvider: w.dir.acute.org,
      locations: [
        { location: loc['ward-7'] as Ref, status: 'active', physicalType: 'wa' },
        { location: loc['ward-7-bed-12'] as Ref, status: 'active', physicalType: 'bd' },
      ],
      text: narrative('<p>Inpatient on <b>Ward 7 (Elderly Care), bed 12</b>, since admission from A&amp;E after a fall.</p>'),
    }),
  );

  // The inpatient chart: amlodipine 10 mg (gp says 5 mg).
  const chart = {
    patient,
    requester: grant.practitioner,
    intent: 'order' as const,
    category: 'inpatient' as const,
    course: 'acute' as const,
    encounter: admission,
    authoredOn: c.daysAgo(2, '15:00'),
  };
  const amlodipine = b.add(
    'thompson/chart-amlodipine',
    medicationRequest({
      ...chart,
      status: 'active',
      medicine: 'amlodipine10',
      dose: { text: '10mg once daily', value: 10, unit: 'mg', frequency: 1, when: ['MORN'], route: 'oral' },
    }),
  );
  const furosemide = b.add(
    'thompson/chart-furosemide',
    medicationRequest({
      ...chart,
      status: 'active',
      medicine: 'furosemide40',
      dose: { text: '40mg each morning', value: 40, unit: 'mg', frequency: 1, when: ['MORN'], route: 'oral' },
    }),
  );
  const apixaban = b.add(
    'thompson/chart-apixaban',
    medicationRequest({
      ...chart,
      status: 'active',
      medicine: 'apixaban2_5',
      dose: { text: '2.5mg twice a day', value: 2.5, unit: 'mg', frequency: 2, route: 'oral' },
    }),
  );
  b.add(
    'thompson/chart-paracetamol',
    medicationRequest({
      ...chart,
      status: 'active',
      medicine: 'paracetamol500',
      dose: { text: '1g four times a day', value: 1000, unit: 'mg', frequency: 4, route: 'oral' },
    }),
  );
  const bisoprolol = b.add(
    'thompson/chart-bisoprolol',
    medicationRequest({
      ...chart,
      status: 'on-hold',
      statusReason: 'Withheld: heart rate 48 on the ward',
      medicine: 'bisoprolol2_5',
      dose: { text: '2.5mg once daily', value: 2.5, unit: 'mg', frequency: 1, route: 'oral' },
    }),
  );

  // Doses given on the ward (the last one shows on the chart's line); bisoprolol recorded as not given.
  const adeyemi = staff(w, 'acute', 'adeyemi');
  const round = { patient, encounter: admission, performer: adeyemi.practitioner };
  b.add(
    'thompson/given-amlodipine',
    medicationAdministration({
      ...round,
      medicine: 'amlodipine10',
      request: amlodipine,
      at: c.daysAgo(1, '08:10'),
      dose: { value: 10, unit: 'mg', route: 'oral' },
    }),
  );
  b.add(
    'thompson/given-furosemide',
    medicationAdministration({
      ...round,
      medicine: 'furosemide40',
      request: furosemide,
      at: c.daysAgo(1, '08:10'),
      dose: { value: 40, unit: 'mg', route: 'oral' },
    }),
  );
  b.add(
    'thompson/given-apixaban-1',
    medicationAdministration({
      ...round,
      medicine: 'apixaban2_5',
      request: apixaban,
      at: c.daysAgo(1, '08:10'),
      dose: { value: 2.5, unit: 'mg', route: 'oral' },
    }),
  );
  b.add(
    'thompson/given-apixaban-2',
    medicationAdministration({
      ...round,
      medicine: 'apixaban2_5',
      request: apixaban,
      at: c.daysAgo(1, '20:05'),
      dose: { value: 2.5, unit: 'mg', route: 'oral' },
    }),
  );
  b.add(
    'thompson/not-given-bisoprolol',
    medicationAdministration({
      ...round,
      medicine: 'bisoprolol2_5',
      request: bisoprolol,
      at: c.daysAgo(1, '08:10'),
      notGiven: 'Heart rate 48: withheld',
    }),
  );
}

function community(w: World): void {
  const b = w.b.community;
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'community', P, HOME);
  const lee = staff(w, 'community', 'lee');
  b.add(
    'thompson/district-nursing-team',
    {
      resourceType: 'CareTeam',
      meta: ukCore('CareTeam'),
      status: 'active',
      name: 'District nursing team (Chalkbury North)',
      subject: patient,
      period: { start: c.dateMonthsAgo(14) },
      participant: [
        { role: [cc(SCT.registeredNurse, 'District nurse (named nurse)')], member: lee.role, period: { start: c.dateMonthsAgo(14) } },
      ],
      managingOrganization: [w.dir.community.org],
      telecom: [phone('01632 960311')],
    } satisfies CareTeam,
    'District nursing team',
  );
  // Weekly visits for twelve weeks: pressure area care and a leg ulcer dressing.
  for (let week = 12; week >= 1; week--) {
    const days = week * 7 - 2;
    b.add(
      `thompson/dn-visit-${week}`,
      encounter({
        patient,
        class: 'HH',
        status: 'finished',
        type: cc(SCT.homeVisit, 'District nursing visit'),
        start: c.daysAgo(days, '10:15'),
        end: c.daysAgo(days, '10:45'),
        participant: [lee.practitioner],
        serviceProvider: w.dir.community.org,
        reason: textOnly('Leg ulcer dressing and pressure area care'),
      }),
    );
  }
  b.add(
    'thompson/condition-pressure',
    condition({
      patient,
      code: SCT.pressureUlcer,
      clinicalStatus: 'active',
      onset: c.monthsAgo(2),
      recorder: lee.practitioner,
      note: 'Category 2, sacrum. Repositioning four-hourly; pressure-relieving mattress in place.',
    }),
  );
}

function socialCare(w: World): void {
  const b = w.b['social-care'];
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'social-care', P, HOME);
  const khan = staff(w, 'social-care', 'khan');
  const oakview = w.dir['social-care'].orgs.oakview as Ref;
  daughter(w, 'social-care', patient, true);
  const since = c.dateMonthsAgo(14);
  b.add(
    'thompson/episode',
    episodeOfCare({
      patient,
      status: 'active',
      type: 'Adult social care: long-term support',
      managingOrganization: w.dir['social-care'].org,
      start: since,
      careManager: khan.practitioner,
    }),
  );
  b.add(
    'thompson/care-package',
    {
      resourceType: 'CarePlan',
      meta: ukCore('CarePlan'),
      text: narrative(
        '<p><b>Residential care package</b> at Oakview Care Home since ' +
          escapeXml(since) +
          '. Social worker: Priya KHAN, 01632 960511.</p>',
      ),
      status: 'active',
      intent: 'plan',
      category: [cc(SCT.personalisedCareAndSupportPlan, 'Social care package')],
      title: 'Residential care package: Oakview Care Home',
      description:
        'Long-term residential care (24-hour care) at Oakview Care Home, arranged and funded by County Council Social Care after a needs assessment.',
      subject: patient,
      period: { start: since },
      author: khan.practitioner,
      activity: [
        {
          detail: {
            kind: 'ServiceRequest',
            code: textOnly('Long-term residential care'),
            status: 'in-progress',
            scheduledString: '24-hour residential care, long term',
            location: w.dir['social-care'].locations.oakview,
            performer: [oakview],
            description: 'Residential care at Oakview Care Home, 12 Station Road, Wealdham TN12 7QZ (01632 960700). Annual review due.',
          },
        },
      ],
    } satisfies CarePlan,
    'Residential care package',
  );
  b.add(
    'thompson/social-care-team',
    {
      resourceType: 'CareTeam',
      meta: ukCore('CareTeam'),
      status: 'active',
      name: 'Adult social care',
      subject: patient,
      participant: [
        { role: [cc(SCT.socialWorker, 'Named social worker')], member: khan.role },
        { role: [textOnly('Care provider')], member: oakview },
      ],
      managingOrganization: [w.dir['social-care'].org],
    } satisfies CareTeam,
    'Adult social care',
  );
}
