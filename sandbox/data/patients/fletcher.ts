// FLETCHER, Joan (Mrs), 999 000 1138: a GP record shaped the UK Core / GP
// Connect way, as real GP systems send it. Each medicine is a Medication of
// its own, an authorisation (MedicationRequest intent plan), its issues
// (intent order, based on the plan) and a MedicationStatement based on the
// plan carrying the last issue date and the prescribing organisation. One
// medicine is prescribed by the hospital (nintedanib, which the hospital
// dispenses); one acute prescription is completed with no end date; one
// repeat was stopped on a recorded date. Three allergies came over GP2GP
// under the transfer-degraded code with the allergen only in code.text; the
// diabetes problem links its medicine and result.
import type { Condition, MedicationRequest } from '@medplum/fhirtypes';
import {
  allergy,
  cc,
  coding,
  condition,
  encounter,
  medicationRequest,
  observation,
  phone,
  qty,
  textOnly,
  type DoseOptions,
  type Ref,
} from '../builders';
import { plusDays } from '../dates';
import type { Address } from '../directory';
import { medicationDispense, medicationStatement, standaloneMedication } from '../medication-records';
import { scenarioPatient } from '../patients';
import { LOINC, MEDICINES, SCT, SYS, type MedicineKey } from '../terminology';
import { addPatient, staff, type World } from '../world';

const P = scenarioPatient('fletcher');
const ADDRESS: Address = { lines: ['14 Orchard Rise'], city: 'Chalkbury', postalCode: 'ME15 7AB' };
const DEMOGRAPHICS = { birthDate: '1946-03-14', address: ADDRESS, telecom: [phone('01632 960938', 'home')] };

/** GP2GP's "Transfer-degraded drug allergy": the original term survives only as text. */
const TRANSFER_DEGRADED_DRUG_ALLERGY = coding(SYS.snomed, '196461000000101', 'Transfer-degraded drug allergy');
/** GP Connect (Care Connect) problem extensions. */
const PROBLEM_SIGNIFICANCE = 'https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-ProblemSignificance-1';
const RELATED_CLINICAL_CONTENT = 'https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-RelatedClinicalContent-1';

interface Authorisation {
  medicine: MedicineKey;
  course: 'continuous' | 'acute';
  status: 'active' | 'completed' | 'stopped';
  /** When authorised. */
  started: string;
  /** effectivePeriod.end and the plan's validity end; absent where the record does not hold it. */
  ended?: string;
  statusReason?: string;
  dose: DoseOptions;
  /** Issue dates, oldest first, as days ago; none for a medicine prescribed elsewhere. */
  issuesDaysAgo: number[];
  supplyDays: number;
  quantity: { value: number; unit: string };
  prescribedBy: 'gp' | 'other';
  /** An issue's validity end (its supply): left out for the completed acute prescription, as some systems do. */
  issuesUndated?: boolean;
}

/** One GP Connect medication: the Medication, the plan, its issues and the statement; returns the statement. */
function addAuthorisation(w: World, patient: Ref, prescriber: Ref, key: string, a: Authorisation): Ref {
  const b = w.b.gp;
  const c = w.clock;
  b.group();
  const med = b.add(`${key}/medication`, standaloneMedication(a.medicine), MEDICINES[a.medicine].name);
  const referenced = (request: MedicationRequest): MedicationRequest => ({ ...request, contained: undefined, medicationReference: med });
  const common = {
    patient,
    medicine: a.medicine,
    requester: prescriber,
    dose: a.dose,
    course: a.course,
    quantity: a.quantity,
    supplyDays: a.supplyDays,
  };
  const plan = b.add(
    `${key}/plan`,
    referenced(
      medicationRequest({
        ...common,
        intent: 'plan',
        status: a.status,
        statusReason: a.statusReason,
        authoredOn: a.started,
        repeats: a.course === 'continuous' ? 6 : undefined,
        validity: { start: a.started.slice(0, 10), end: a.ended?.slice(0, 10) },
      }),
    ),
  );
  const issued = a.issuesDaysAgo.map((days, i) => {
    const at = c.daysAgo(days, '10:30');
    b.add(
      `${key}/issue-${i + 1}`,
      referenced(
        medicationRequest({
          ...common,
          intent: 'order',
          status: 'completed',
          authoredOn: at,
          basedOn: plan,
          validity: { start: at.slice(0, 10), end: a.issuesUndated ? undefined : plusDays(at.slice(0, 10), a.supplyDays) },
        }),
      ),
    );
    return at;
  });
  return b.add(
    `${key}/statement`,
    medicationStatement({
      patient,
      medication: med,
      status: a.status,
      statusReason: a.statusReason,
      started: a.started.slice(0, 10),
      ended: a.ended?.slice(0, 10),
      asserted: a.started,
      basedOn: plan,
      dose: a.dose,
      lastIssued: issued.at(-1),
      prescribedBy: a.prescribedBy,
    }),
  );
}

export function addFletcher(w: World): void {
  gp(w);
  acute(w);
}

function gp(w: World): void {
  const b = w.b.gp;
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'gp', P, DEMOGRAPHICS);
  const ahmed = staff(w, 'gp', 'ahmed');
  const wilson = staff(w, 'gp', 'wilson');
  const repeat = { course: 'continuous' as const, status: 'active' as const, supplyDays: 28, prescribedBy: 'gp' as const };

  const metformin = addAuthorisation(w, patient, wilson.practitioner, 'fletcher/metformin', {
    ...repeat,
    medicine: 'metformin500',
    started: c.yearsAgo(9),
    quantity: { value: 56, unit: 'tablet' },
    dose: { text: 'One tablet twice a day with meals', route: 'oral' },
    issuesDaysAgo: [67, 39, 11],
  });
  addAuthorisation(w, patient, wilson.practitioner, 'fletcher/lisinopril', {
    ...repeat,
    medicine: 'lisinopril10',
    started: c.yearsAgo(6),
    quantity: { value: 28, unit: 'tablet' },
    dose: { text: 'One tablet once a day', value: 1, unit: 'tablet', frequency: 1, route: 'oral' },
    issuesDaysAgo: [67, 39, 11],
  });
  addAuthorisation(w, patient, ahmed.practitioner, 'fletcher/atorvastatin', {
    ...repeat,
    medicine: 'atorvastatin20',
    started: c.daysAgo(95, '11:00'),
    quantity: { value: 28, unit: 'tablet' },
    dose: { text: 'One tablet at night', route: 'oral' },
    issuesDaysAgo: [95, 67, 39, 11],
  });
  addAuthorisation(w, patient, ahmed.practitioner, 'fletcher/simvastatin', {
    ...repeat,
    medicine: 'simvastatin20',
    status: 'stopped',
    started: c.yearsAgo(6),
    ended: c.daysAgo(95, '11:00'),
    statusReason: 'Muscle aches: changed to atorvastatin',
    quantity: { value: 28, unit: 'tablet' },
    dose: { text: 'One tablet at night', value: 1, unit: 'tablet', frequency: 1, when: ['NIGHT'], route: 'oral' },
    issuesDaysAgo: [179, 151, 123],
  });
  // Prescribed and supplied by the hospital's respiratory clinic: recorded at the practice, never issued there.
  addAuthorisation(w, patient, ahmed.practitioner, 'fletcher/nintedanib', {
    ...repeat,
    medicine: 'nintedanib150',
    prescribedBy: 'other',
    started: c.daysAgo(120, '12:00'),
    quantity: { value: 60, unit: 'capsule' },
    supplyDays: 30,
    dose: { text: 'One capsule twice a day, about 12 hours apart, with food', value: 1, unit: 'capsule', frequency: 2, route: 'oral' },
    issuesDaysAgo: [],
  });
  // An acute course issued six weeks ago: completed, and no end date anywhere in the record.
  addAuthorisation(w, patient, ahmed.practitioner, 'fletcher/amoxicillin', {
    medicine: 'amoxicillin500',
    course: 'acute',
    status: 'completed',
    prescribedBy: 'gp',
    started: c.daysAgo(42, '10:20'),
    supplyDays: 5,
    issuesUndated: true,
    quantity: { value: 15, unit: 'capsule' },
    dose: { text: 'One capsule three times a day for 5 days', route: 'oral' },
    issuesDaysAgo: [42],
  });

  // Three allergies transferred from her previous practice, each degraded to one code: three different allergens.
  const degraded: [string, number][] = [
    ['Flucloxacillin', 15],
    ['9339101000001105 | Septrin', 12],
    ['Codeine phosphate', 8],
  ];
  degraded.forEach(([allergen, years], i) => {
    b.add(`fletcher/degraded-allergy-${i + 1}`, {
      ...allergy({
        patient,
        code: TRANSFER_DEGRADED_DRUG_ALLERGY,
        category: 'medication',
        recorded: c.yearsAgo(years, '10:00'),
        recorder: wilson.practitioner,
        note: 'Received by GP2GP record transfer from the previous practice; the original code could not be kept.',
      }),
      code: cc(TRANSFER_DEGRADED_DRUG_ALLERGY, allergen),
    });
  });

  // The diabetes problem, major, linked to its medicine and its latest HbA1c.
  b.group();
  const taken = c.monthsAgo(2, '09:20');
  const hba1c = b.add(
    'fletcher/hba1c',
    observation({
      patient,
      category: 'laboratory',
      code: [LOINC.hba1cIfcc, SCT.hba1c],
      text: 'HbA1c (IFCC)',
      effective: taken,
      issued: plusDays(taken, 1),
      value: qty(58, 'mmol/mol', 'mmol/mol'),
      interpretation: 'H',
      performer: [wilson.practitioner],
      referenceRange: {
        low: qty(20, 'mmol/mol', 'mmol/mol'),
        high: qty(41, 'mmol/mol', 'mmol/mol'),
        text: '20-41 mmol/mol (non-diabetic)',
      },
    }),
  );
  b.add('fletcher/diabetes', {
    ...condition({ patient, code: SCT.type2Diabetes, clinicalStatus: 'active', onset: c.yearsAgo(9), recorder: wilson.practitioner }),
    extension: [
      { url: PROBLEM_SIGNIFICANCE, valueCode: 'major' },
      { url: RELATED_CLINICAL_CONTENT, valueReference: metformin },
      { url: RELATED_CLINICAL_CONTENT, valueReference: hba1c },
    ],
  } satisfies Condition);
}

function acute(w: World): void {
  const b = w.b.acute;
  const c = w.clock;
  b.group();
  const patient = addPatient(w, 'acute', P, DEMOGRAPHICS);
  const chowdhury = staff(w, 'acute', 'chowdhury');
  b.add(
    'fletcher/respiratory-clinic',
    encounter({
      patient,
      class: 'AMB',
      status: 'finished',
      type: cc(SCT.consultation, 'Respiratory clinic'),
      start: c.daysAgo(120, '11:00'),
      end: c.daysAgo(120, '11:40'),
      reason: textOnly('Idiopathic pulmonary fibrosis: starting antifibrotic treatment'),
      participant: [chowdhury.practitioner],
      serviceProvider: w.dir.acute.org,
    }),
  );
  const nintedanib = b.add(
    'fletcher/nintedanib',
    medicationRequest({
      patient,
      medicine: 'nintedanib150',
      status: 'active',
      intent: 'order',
      course: 'continuous',
      category: 'outpatient',
      authoredOn: c.daysAgo(120, '11:30'),
      requester: chowdhury.practitioner,
      quantity: { value: 60, unit: 'capsule' },
      supplyDays: 30,
      dose: { text: '150mg twice a day with food', value: 150, unit: 'mg', frequency: 2, route: 'oral' },
    }),
  );
  b.add(
    'fletcher/nintedanib-supply',
    medicationDispense({
      patient,
      medicine: 'nintedanib150',
      authorizingPrescription: nintedanib,
      handedOver: c.daysAgo(20, '14:00'),
      daysSupply: 30,
      quantity: { value: 60, unit: 'capsule' },
      performer: w.dir.acute.org,
      dose: { text: '150mg twice a day with food', value: 150, unit: 'mg', frequency: 2, route: 'oral' },
    }),
  );
}
