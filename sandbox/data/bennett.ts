// BENNETT, Susan (Mrs), 999 000 0085: fifty years of history across all five
// sources, generated from a fixed seed, for performance work. About 20,000
// Observations, 3,000 Encounters, 600 MedicationRequests, 150 Conditions and
// 400 DocumentReferences, cut into transaction Bundles of at most 2,000 entries.
import type { Bundle, Coding } from '@medplum/fhirtypes';
import { SOURCES, type SourceName } from '../config';
import {
  cc,
  condition,
  documentReference,
  encounter,
  medicationRequest,
  observation,
  phone,
  qty,
  textOnly,
  type EncounterOptions,
  type Ref,
  SourceBuilder,
} from './builders';
import { Clock, instant, plusMinutes } from './dates';
import { addDirectory, type Address, type Directory } from './directory';
import { scenarioPatient } from './patients';
import { Prng } from './prng';
import { LOINC, SCT, type MedicineKey } from './terminology';
import { addPatient, type World } from './world';

export const BENNETT_SEED = 0x5eed1950;

export interface BennettCounts {
  encounters: number;
  observations: number;
  medicationRequests: number;
  conditions: number;
  documents: number;
}

/** How the record is spread over the sources. */
export const BENNETT_PLAN: Record<SourceName, BennettCounts> = {
  gp: { encounters: 1300, observations: 9000, medicationRequests: 420, conditions: 80, documents: 120 },
  acute: { encounters: 900, observations: 8000, medicationRequests: 150, conditions: 45, documents: 160 },
  community: { encounters: 500, observations: 2500, medicationRequests: 10, conditions: 10, documents: 60 },
  'mental-health': { encounters: 120, observations: 500, medicationRequests: 20, conditions: 10, documents: 30 },
  'social-care': { encounters: 180, observations: 0, medicationRequests: 0, conditions: 5, documents: 30 },
};

const P = scenarioPatient('bennett');
const ADDRESS: Address = { lines: ['14 Orchard Way'], city: 'Chalkbury', postalCode: 'ME14 5NB' };
const YEARS = 50;
const DAYS = Math.round(YEARS * 365.25);

interface Measure {
  codes: Coding[];
  text: string;
  unit: string;
  ucum: string;
  mean: number;
  spread: number;
  decimals: number;
  low?: number;
  high?: number;
  lab: boolean;
}

const m = (
  codes: Coding[],
  text: string,
  unit: string,
  ucum: string,
  mean: number,
  spread: number,
  decimals: number,
  lab: boolean,
  low?: number,
  high?: number,
): Measure => ({ codes, text, unit, ucum, mean, spread, decimals, lab, low, high });

const MEASURES = {
  heartRate: m([LOINC.heartRate, SCT.heartRate], 'Heart rate', 'beats/minute', '/min', 76, 14, 0, false, 50, 100),
  respiratoryRate: m([LOINC.respiratoryRate, SCT.respiratoryRate], 'Respiratory rate', 'breaths/minute', '/min', 16, 3, 0, false, 12, 20),
  spo2: m([LOINC.oxygenSaturation, SCT.oxygenSaturation], 'Oxygen saturation', '%', '%', 96, 2.5, 0, false, 94),
  temperature: m([LOINC.bodyTemperature, SCT.bodyTemperature], 'Temperature', 'degrees C', 'Cel', 36.9, 0.7, 1, false, 36, 38),
  weight: m([LOINC.bodyWeight, SCT.bodyWeight], 'Body weight', 'kg', 'kg', 71, 6, 1, false),
  bmi: m([LOINC.bmi, SCT.bmi], 'Body mass index', 'kg/m2', 'kg/m2', 27, 2.5, 1, false, 18.5, 25),
  hba1c: m([LOINC.hba1cIfcc, SCT.hba1c], 'HbA1c (IFCC)', 'mmol/mol', 'mmol/mol', 44, 5, 0, true, 20, 41),
  creatinine: m([LOINC.creatinine, SCT.serumCreatinine], 'Serum creatinine', 'micromol/L', 'umol/L', 82, 12, 0, true, 45, 84),
  egfr: m([LOINC.egfrCkdEpi, SCT.egfr], 'eGFR (CKD-EPI)', 'mL/min/1.73m2', 'mL/min/{1.73_m2}', 68, 10, 0, true, 90),
  haemoglobin: m([LOINC.haemoglobin], 'Haemoglobin', 'g/L', 'g/L', 128, 10, 0, true, 115, 165),
  whiteCells: m([LOINC.whiteCells], 'White cell count', '10*9/L', '10*9/L', 7.5, 2.5, 1, true, 4, 11),
  platelets: m([LOINC.platelets], 'Platelets', '10*9/L', '10*9/L', 260, 60, 0, true, 150, 400),
  sodium: m([LOINC.sodium], 'Sodium', 'mmol/L', 'mmol/L', 139, 3, 0, true, 133, 146),
  potassium: m([LOINC.potassium], 'Potassium', 'mmol/L', 'mmol/L', 4.3, 0.5, 1, true, 3.5, 5.3),
  cholesterol: m([LOINC.cholesterol], 'Total cholesterol', 'mmol/L', 'mmol/L', 5.2, 0.8, 1, true, undefined, 5),
  tsh: m([LOINC.tsh], 'TSH', 'mU/L', 'm[IU]/L', 2.4, 1.4, 2, true, 0.27, 4.2),
  crp: m([LOINC.crp], 'C-reactive protein', 'mg/L', 'mg/L', 9, 9, 0, true, undefined, 5),
  alt: m([LOINC.alt], 'ALT', 'U/L', 'U/L', 24, 9, 0, true, undefined, 33),
} as const;

type MeasureKey = keyof typeof MEASURES | 'bloodPressure';

/** What each source measures at a contact. */
const PANELS: Record<SourceName, MeasureKey[]> = {
  gp: [
    'bloodPressure',
    'heartRate',
    'weight',
    'bmi',
    'hba1c',
    'creatinine',
    'egfr',
    'haemoglobin',
    'sodium',
    'potassium',
    'cholesterol',
    'tsh',
    'alt',
  ],
  acute: [
    'bloodPressure',
    'heartRate',
    'respiratoryRate',
    'spo2',
    'temperature',
    'haemoglobin',
    'whiteCells',
    'platelets',
    'crp',
    'sodium',
    'potassium',
    'creatinine',
    'egfr',
  ],
  community: ['bloodPressure', 'heartRate', 'weight', 'spo2', 'temperature'],
  'mental-health': ['weight', 'bloodPressure', 'heartRate', 'haemoglobin', 'whiteCells'],
  'social-care': [],
};

const CONDITIONS: Record<SourceName, Coding[]> = {
  gp: [
    SCT.essentialHypertension,
    SCT.hypothyroidism,
    SCT.osteoarthritisKnee,
    SCT.asthma,
    SCT.lowBackPain,
    SCT.urinaryTractInfection,
    SCT.tonsillitis,
    SCT.migraine,
    SCT.allergicRhinitis,
    SCT.carpalTunnel,
    SCT.gord,
    SCT.hyperlipidaemia,
    SCT.ironDeficiencyAnaemia,
    SCT.anxiety,
  ],
  acute: [
    SCT.appendicitis,
    SCT.cholelithiasis,
    SCT.pneumonia,
    SCT.cellulitis,
    SCT.chestPain,
    SCT.urinaryTractInfection,
    SCT.fall,
    SCT.cataract,
    SCT.fractureOfForearm,
  ],
  community: [SCT.pressureUlcer, SCT.cellulitis, SCT.osteoarthritisKnee],
  'mental-health': [SCT.depression, SCT.anxiety],
  'social-care': [textOnlyCoding('Needs support with personal care'), textOnlyCoding('Carer strain')],
};

function textOnlyCoding(display: string): Coding {
  return { display };
}

/** Long-term GP repeats: [medicine, start (years ago), end (years ago, 0 = current)]. */
const REPEATS: [MedicineKey, number, number, string][] = [
  ['amlodipine5', 18, 0, 'One tablet once daily'],
  ['levothyroxine100', 25, 0, 'One tablet each morning'],
  ['atorvastatin20', 12, 0, 'One tablet at night'],
  ['omeprazole20', 9, 0, 'One capsule once daily'],
  ['ramipril2_5', 22, 18, 'One capsule once daily'],
  ['sertraline50', 31, 29, 'One tablet once daily'],
  ['paracetamol500', 6, 0, 'Two tablets up to four times a day when required'],
  ['alendronicAcid70', 8, 3, 'One tablet once a week'],
];

const ACUTE_MEDICINES: MedicineKey[] = ['amoxicillin500', 'ibuprofen400', 'paracetamol500', 'senna7_5', 'omeprazole20'];

export function buildBennett(today: Date, maxEntries = 2000): Record<SourceName, Bundle[]> {
  const clock = new Clock(today);
  const b = Object.fromEntries(SOURCES.map((s) => [s.name, new SourceBuilder(s, clock)])) as Record<SourceName, SourceBuilder>;
  const dir = Object.fromEntries(SOURCES.map((s) => [s.name, addDirectory(b[s.name])])) as Record<SourceName, Directory>;
  const w: World = { clock, b, dir };
  SOURCES.forEach((s, i) => generate(w, s.name, new Prng(BENNETT_SEED + i * 7919)));
  return Object.fromEntries(SOURCES.map((s) => [s.name, b[s.name].bundles({ maxEntries })])) as Record<SourceName, Bundle[]>;
}

function generate(w: World, source: SourceName, rng: Prng): void {
  const b = w.b[source];
  const c = w.clock;
  const plan = BENNETT_PLAN[source];
  const restricted = source === 'mental-health';
  const patient = addPatient(w, source, P, {
    birthDate: P.birthDate ?? '1950-06-21',
    address: ADDRESS,
    telecom: [phone('01632 960885', 'home')],
  });
  const people = Object.values(w.dir[source].staff).filter((s) => !s.name.includes('PRICE'));
  const org = w.dir[source].org;

  // Contacts over fifty years, denser towards today; oldest first.
  const contacts = Array.from({ length: plan.encounters }, () => Math.max(1, Math.floor(DAYS * (1 - Math.sqrt(rng.next()))))).sort(
    (x, y) => y - x,
  );
  const obsPerContact = spread(plan.observations, contacts.length, rng);
  const conditionAt = new Set(pickIndexes(plan.conditions, contacts.length, rng));
  const documentAt = new Set(pickIndexes(plan.documents, contacts.length, rng));
  const acuteOrders = plan.medicationRequests - (source === 'gp' ? repeatsSize() : 0);
  const orderAt = new Set(pickIndexes(Math.max(0, acuteOrders), contacts.length, rng));

  contacts.forEach((daysAgo, i) => {
    b.group();
    const who = rng.pick(people);
    const cls = contactClass(source, rng);
    const start = instant(c.msDaysAgo(daysAgo) + (cls === 'EMER' ? rng.int(0, 23 * 60) : rng.int(8 * 60, 17 * 60)) * 60_000);
    const minutes = cls === 'IMP' ? rng.int(1, 10) * 1440 : cls === 'EMER' ? rng.int(120, 300) : rng.int(10, 45);
    const end = plusMinutes(start, minutes);
    const key = `bennett/contact-${i + 1}`;
    const diagnosis = conditionAt.has(i)
      ? b.add(
          `${key}/condition`,
          condition({
            patient,
            code: conditionCode(rng.pick(CONDITIONS[source])),
            clinicalStatus: daysAgo < 400 && rng.chance(0.5) ? 'active' : 'resolved',
            abatement: daysAgo >= 400 ? plusMinutes(end, 60 * 24 * rng.int(7, 120)) : undefined,
            category: source === 'gp' || source === 'social-care' ? 'problem-list-item' : 'encounter-diagnosis',
            onset: start,
            recorder: who.practitioner,
            restricted,
          }),
        )
      : undefined;
    const contact = b.add(
      key,
      encounter({
        patient,
        class: cls,
        status: 'finished',
        start,
        end,
        participant: [who.practitioner],
        serviceProvider: org,
        type: contactType(source, cls),
        reason: diagnosis ? undefined : textOnly(rng.pick(REASONS[source])),
        diagnosis: diagnosis ? [diagnosis] : undefined,
        restricted,
      } satisfies EncounterOptions),
    );
    addObservations(w, source, key, patient, contact, who.practitioner, start, obsPerContact[i] ?? 0, rng, restricted);
    if (orderAt.has(i)) {
      const medicine = rng.pick(ACUTE_MEDICINES);
      b.add(
        `${key}/order`,
        medicationRequest({
          patient,
          medicine,
          status: 'completed',
          intent: 'order',
          course: 'acute',
          category: source === 'acute' ? (cls === 'IMP' ? 'inpatient' : 'discharge') : undefined,
          authoredOn: start,
          requester: who.practitioner,
          encounter: contact,
          restricted,
          dose: { text: 'As directed', route: 'oral' },
          validity: { start: start.slice(0, 10), end: plusMinutes(start, 7 * 1440).slice(0, 10) },
        }),
      );
    }
    if (documentAt.has(i)) {
      const title = `${DOCUMENT_TITLES[source]}: ${start.slice(0, 10)}`;
      b.add(
        `${key}/document`,
        documentReference({
          patient,
          type: [source === 'acute' && cls === 'IMP' ? LOINC.dischargeSummary : LOINC.consultNote],
          category: 'Letter',
          date: end,
          author: [who.practitioner],
          custodian: org,
          encounter: contact,
          title,
          restricted,
          contentType: i % 2 === 0 ? 'text/html' : 'text/plain',
          content:
            i % 2 === 0
              ? `<h1>${title}</h1><p>Susan BENNETT, NHS number 999 000 0085.</p><p>${rng.pick(SENTENCES)}</p><p>${who.name}</p>`
              : `${title}\n\nSusan BENNETT, NHS number 999 000 0085.\n${rng.pick(SENTENCES)}\n\n${who.name}`,
        }),
      );
    }
  });

  if (source === 'gp') addRepeats(w, patient, rng);
}

/** `total` split over `n` slots with some variation, summing exactly to `total`. */
function spread(total: number, n: number, rng: Prng): number[] {
  const weights = Array.from({ length: n }, () => 0.2 + rng.next());
  const sum = weights.reduce((a, x) => a + x, 0);
  let acc = 0;
  return weights.map((weight) => {
    const before = Math.floor((acc / sum) * total);
    acc += weight;
    return Math.floor((acc / sum) * total) - before;
  });
}

/** `count` distinct indexes in [0, n), one in each of `count` equal slices. */
function pickIndexes(count: number, n: number, rng: Prng): number[] {
  const step = n / Math.max(count, 1);
  const width = Math.max(1, Math.floor(step));
  return Array.from({ length: Math.min(count, n) }, (_, k) => Math.floor(k * step) + Math.floor(rng.next() * width));
}

function contactClass(source: SourceName, rng: Prng): EncounterOptions['class'] {
  const r = rng.next();
  switch (source) {
    case 'gp':
      return r < 0.85 ? 'AMB' : r < 0.95 ? 'HH' : 'VR';
    case 'acute':
      return r < 0.6 ? 'AMB' : r < 0.9 ? 'EMER' : 'IMP';
    case 'community':
      return r < 0.7 ? 'HH' : 'AMB';
    case 'mental-health':
      return r < 0.8 ? 'AMB' : 'HH';
    case 'social-care':
      return 'HH';
  }
}

function contactType(source: SourceName, cls: EncounterOptions['class']) {
  if (cls === 'EMER') return cc(SCT.emergencyDepartmentVisit);
  if (cls === 'IMP') return cc(SCT.hospitalAdmission);
  if (cls === 'HH') return source === 'social-care' ? textOnly('Social care review visit') : cc(SCT.homeVisit);
  return cc(SCT.consultation);
}

function conditionCode(coding: Coding) {
  return coding.code ? cc(coding) : textOnly(coding.display ?? 'Problem');
}

const REASONS: Record<SourceName, string[]> = {
  gp: [
    'Medication review',
    'Blood pressure check',
    'Chest infection',
    'Knee pain',
    'Annual review',
    'Blood test results',
    'Dizziness',
    'Sore throat',
  ],
  acute: [
    'Fracture clinic',
    'Cardiology clinic',
    'Shortness of breath',
    'Abdominal pain',
    'Pre-operative assessment',
    'Ophthalmology clinic',
  ],
  community: ['Leg ulcer dressing', 'Blood pressure check', 'Falls assessment', 'Continence assessment', 'Wound review'],
  'mental-health': ['Outpatient review', 'Psychological therapy session', 'Medication review'],
  'social-care': ['Care needs review', 'Carer assessment', 'Equipment assessment'],
};

const DOCUMENT_TITLES: Record<SourceName, string> = {
  gp: 'Consultation summary',
  acute: 'Clinic letter',
  community: 'Visit record',
  'mental-health': 'Clinic letter',
  'social-care': 'Review record',
};

const SENTENCES = [
  'Seen today; observations within normal limits. No change to treatment.',
  'Blood pressure reviewed; continue current medicines and recheck in six months.',
  'Symptoms improving. Advised to return if not settled within a week.',
  'Discussed results with the patient; no further action needed.',
  'Referred on for further assessment; patient agrees with the plan.',
];

function addObservations(
  w: World,
  source: SourceName,
  key: string,
  patient: Ref,
  contact: Ref,
  performer: Ref,
  at: string,
  count: number,
  rng: Prng,
  restricted: boolean,
): void {
  const b = w.b[source];
  const panel = PANELS[source];
  for (let j = 0; j < count; j++) {
    const kind = panel[(j + rng.int(0, panel.length - 1)) % panel.length] ?? 'heartRate';
    const obsKey = `${key}/obs-${j + 1}`;
    if (kind === 'bloodPressure') {
      const systolic = Math.round(rng.around(134, 18, 95, 200));
      const diastolic = Math.round(rng.around(80, 10, 50, 120));
      b.add(
        obsKey,
        observation({
          patient,
          category: 'vital-signs',
          code: [LOINC.bloodPressurePanel, SCT.bloodPressure],
          text: 'Blood pressure',
          effective: at,
          encounter: contact,
          performer: [performer],
          restricted,
          components: [
            { code: cc([LOINC.systolic, SCT.systolic]), valueQuantity: qty(systolic, 'mmHg', 'mm[Hg]') },
            { code: cc([LOINC.diastolic, SCT.diastolic]), valueQuantity: qty(diastolic, 'mmHg', 'mm[Hg]') },
          ],
        }),
      );
      continue;
    }
    const def = MEASURES[kind];
    const value = round(rng.around(def.mean, def.spread, def.mean / 3), def.decimals);
    const interpretation = def.high !== undefined && value > def.high ? 'H' : def.low !== undefined && value < def.low ? 'L' : undefined;
    b.add(
      obsKey,
      observation({
        patient,
        category: def.lab ? 'laboratory' : 'vital-signs',
        code: [...def.codes],
        text: def.text,
        effective: at,
        issued: def.lab ? plusMinutes(at, 1440) : at,
        value: qty(value, def.unit, def.ucum),
        encounter: contact,
        performer: [performer],
        interpretation,
        restricted,
        referenceRange:
          def.lab && (def.low !== undefined || def.high !== undefined)
            ? {
                low: def.low !== undefined ? qty(def.low, def.unit, def.ucum) : undefined,
                high: def.high !== undefined ? qty(def.high, def.unit, def.ucum) : undefined,
              }
            : undefined,
      }),
    );
  }
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** The MedicationRequests the GP repeats make: one plan and its issues each. */
function repeatsSize(): number {
  return REPEATS.reduce((n, [, from, to]) => n + 1 + issuesOf(from, to).length, 0);
}

/** Issues every 28 days over the repeat's life, at most 40 (older issues are archived). */
function issuesOf(fromYears: number, toYears: number): number[] {
  const last = toYears === 0 ? 12 : Math.round(toYears * 365.25);
  const first = Math.round(fromYears * 365.25);
  const days: number[] = [];
  for (let d = last; d <= first && days.length < 40; d += 28) days.push(d);
  return days.reverse();
}

function addRepeats(w: World, patient: Ref, rng: Prng): void {
  const b = w.b.gp;
  const c = w.clock;
  const gp = w.dir.gp.staff.ahmed?.practitioner;
  REPEATS.forEach(([medicine, from, to, text], i) => {
    b.group();
    const started = c.yearsAgo(from, '10:00');
    const ended = to === 0 ? undefined : c.yearsAgo(to, '10:00');
    const planKey = `bennett/repeat-${i + 1}`;
    const common = {
      patient,
      medicine,
      requester: gp,
      course: 'continuous' as const,
      dose: { text, route: 'oral' as const },
      quantity: { value: 28, unit: 'tablet' },
      supplyDays: 28,
    };
    const plan = b.add(
      planKey,
      medicationRequest({
        ...common,
        intent: 'plan',
        status: ended ? 'stopped' : 'active',
        authoredOn: started,
        repeats: 6,
        statusReason: ended ? 'Stopped by GP' : undefined,
        validity: { start: started.slice(0, 10), end: ended?.slice(0, 10) },
      }),
    );
    issuesOf(from, to).forEach((days, j) => {
      const issued = c.daysAgo(days, `${String(rng.int(9, 16)).padStart(2, '0')}:00`);
      b.add(
        `${planKey}/issue-${j + 1}`,
        medicationRequest({
          ...common,
          intent: 'order',
          status: 'completed',
          authoredOn: issued,
          basedOn: plan,
          validity: { start: issued.slice(0, 10) },
        }),
      );
    });
  });
}
