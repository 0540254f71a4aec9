// A generated patient whose record size is a parameter, for cost-against-size
// figures. Seeded, so the same size always gives the same record; spread over
// the five sources as a long real record is; loaded through the sandbox feed as
// transaction Bundles of at most 2,000 entries.
import type { Bundle, Coding, Patient } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM, SOURCES, type SourceName } from '../sandbox/config';
import { nhsCheckDigit } from '../src/format/nhs-number';
import {
  cc,
  condition,
  documentReference,
  encounter,
  medicationRequest,
  observation,
  qty,
  SourceBuilder,
  textOnly,
  allergy,
  type Ref,
} from '../sandbox/data/builders';
import { Clock, instant, plusMinutes } from '../sandbox/data/dates';
import { addDirectory, fhirAddress, RIVERSIDE } from '../sandbox/data/directory';
import { Prng } from '../sandbox/data/prng';
import { LOINC, SCT, SYS, type MedicineKey } from '../sandbox/data/terminology';

const SEED = 0xbe7c4;
const MAX_ENTRIES = 2000;
const DAYS = Math.round(50 * 365.25);

/** Share of the record each source holds (as BENNETT's). */
const SHARE: Record<SourceName, number> = { gp: 0.45, acute: 0.36, community: 0.12, 'mental-health': 0.04, 'social-care': 0.03 };

export interface GeneratedPatient {
  resources: number;
  nhsNumber: string;
  family: string;
  given: string;
  birthDate: string;
}

/** The first valid (Modulus 11) NHS number in the 999 100 xxx x test range for this size; never one the sandbox uses. */
export function nhsNumberFor(resources: number): string {
  for (let stem = 999_100_000 + (resources % 100_000); ; stem++) {
    const digits = String(stem);
    const check = nhsCheckDigit(digits);
    if (check !== undefined) return `${digits}${check}`;
  }
}

export function generatedPatient(resources: number): GeneratedPatient {
  return { resources, nhsNumber: nhsNumberFor(resources), family: 'BENCHMARK', given: `Size${resources}`, birthDate: '1948-03-14' };
}

/** Per source, transaction Bundles holding exactly `resources` new resources in all (Patients included); directory entries are conditional creates. */
export function buildGeneratedRecord(patient: GeneratedPatient, today = new Date()): Record<SourceName, Bundle[]> {
  const clock = new Clock(today);
  const perSource = split(
    patient.resources,
    SOURCES.map((s) => SHARE[s.name]),
  );
  const out = {} as Record<SourceName, Bundle[]>;
  SOURCES.forEach((source, i) => {
    const b = new SourceBuilder(source, clock);
    generateSource(b, patient, perSource[i] ?? 1, new Prng(SEED + patient.resources + i * 7919));
    out[source.name] = b.bundles({ maxEntries: MAX_ENTRIES });
  });
  return out;
}

/** `total` split by weights into whole numbers summing to `total`, each at least 1. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  const parts = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)));
  parts[0] = (parts[0] ?? 1) + total - parts.reduce((a, p) => a + p, 0);
  return parts;
}

interface Mix {
  encounters: number;
  conditions: number;
  medications: number;
  documents: number;
  allergies: number;
  observations: number;
}

/** How `n` resources (the Patient not counted) divide into types at a source. */
function mixFor(source: SourceName, n: number): Mix {
  const social = source === 'social-care';
  const encounters = Math.max(1, Math.round(n * (social ? 0.7 : 0.12)));
  const conditions = Math.round(n * (social ? 0.1 : 0.015));
  const medications = social ? 0 : Math.round(n * 0.04);
  const documents = Math.round(n * (social ? 0.2 : 0.02));
  const allergies = source === 'gp' || source === 'acute' ? Math.min(4, Math.max(1, Math.round(n * 0.002))) : 0;
  const rest = n - encounters - conditions - medications - documents - allergies;
  // Small records: whatever is left over (or short) comes off the observations, then the encounters.
  if (rest >= 0) return { encounters, conditions, medications, documents, allergies, observations: social ? 0 : rest };
  return {
    encounters: Math.max(1, n - allergies),
    conditions: 0,
    medications: 0,
    documents: 0,
    allergies: Math.min(allergies, n - 1),
    observations: 0,
  };
}

const PANEL: { codes: Coding[]; text: string; unit: string; ucum: string; mean: number; spread: number; lab: boolean }[] = [
  { codes: [LOINC.heartRate, SCT.heartRate], text: 'Heart rate', unit: 'beats/minute', ucum: '/min', mean: 76, spread: 14, lab: false },
  { codes: [LOINC.bodyWeight, SCT.bodyWeight], text: 'Body weight', unit: 'kg', ucum: 'kg', mean: 71, spread: 6, lab: false },
  { codes: [LOINC.hba1cIfcc, SCT.hba1c], text: 'HbA1c (IFCC)', unit: 'mmol/mol', ucum: 'mmol/mol', mean: 44, spread: 5, lab: true },
  {
    codes: [LOINC.creatinine, SCT.serumCreatinine],
    text: 'Serum creatinine',
    unit: 'micromol/L',
    ucum: 'umol/L',
    mean: 82,
    spread: 12,
    lab: true,
  },
  { codes: [LOINC.haemoglobin], text: 'Haemoglobin', unit: 'g/L', ucum: 'g/L', mean: 128, spread: 10, lab: true },
  { codes: [LOINC.sodium], text: 'Sodium', unit: 'mmol/L', ucum: 'mmol/L', mean: 139, spread: 3, lab: true },
];

const CONDITIONS: Coding[] = [
  SCT.essentialHypertension,
  SCT.osteoarthritisKnee,
  SCT.asthma,
  SCT.lowBackPain,
  SCT.urinaryTractInfection,
  SCT.pneumonia,
  SCT.cellulitis,
  SCT.anxiety,
];
const MEDICINES: MedicineKey[] = ['amlodipine5', 'levothyroxine100', 'atorvastatin20', 'omeprazole20', 'amoxicillin500', 'paracetamol500'];
const ALLERGENS: Coding[] = [SCT.penicillin, SCT.latex];

function generateSource(b: SourceBuilder, p: GeneratedPatient, total: number, rng: Prng): void {
  const dir = addDirectory(b);
  const patient = b.shared(
    `patient/benchmark-${p.resources}`,
    patientResource(b, p, dir.org, dir.practice),
    `identifier=${NHS_NUMBER_SYSTEM}|${p.nhsNumber}`,
    `${p.family}, ${p.given}`,
  );
  const mix = mixFor(b.name, total - 1);
  const staff = Object.values(dir.staff);
  const clock = b.clock;
  // Contacts over fifty years, denser towards today, oldest first; every other resource hangs off one.
  const contacts = Array.from({ length: mix.encounters }, () => Math.max(1, Math.floor(DAYS * (1 - Math.sqrt(rng.next()))))).sort(
    (x, y) => y - x,
  );
  const share = (count: number, i: number) => Math.floor(((i + 1) * count) / contacts.length) - Math.floor((i * count) / contacts.length);

  contacts.forEach((daysAgo, i) => {
    b.group();
    const who = rng.pick(staff).practitioner;
    const start = instant(clock.msDaysAgo(daysAgo) + rng.int(8 * 60, 17 * 60) * 60_000);
    const key = `benchmark-${p.resources}/contact-${i + 1}`;
    const contact = b.add(
      key,
      encounter({
        patient,
        class: b.name === 'acute' ? 'EMER' : b.name === 'social-care' ? 'HH' : 'AMB',
        status: 'finished',
        start,
        end: plusMinutes(start, 30),
        participant: [who],
        serviceProvider: dir.org,
        type: cc(SCT.consultation),
        reason: textOnly('Review'),
      }),
    );
    for (let j = 0; j < share(mix.observations, i); j++) {
      const m = rng.pick(PANEL);
      b.add(
        `${key}/obs-${j + 1}`,
        observation({
          patient,
          category: m.lab ? 'laboratory' : 'vital-signs',
          code: m.codes,
          text: m.text,
          effective: start,
          value: qty(Math.round(rng.around(m.mean, m.spread, 0) * 10) / 10, m.unit, m.ucum),
          encounter: contact,
          performer: [who],
        }),
      );
    }
    for (let j = 0; j < share(mix.conditions, i); j++) {
      b.add(
        `${key}/condition-${j + 1}`,
        condition({
          patient,
          code: rng.pick(CONDITIONS),
          clinicalStatus: daysAgo < 400 && rng.chance(0.5) ? 'active' : 'resolved',
          category: b.name === 'gp' ? 'problem-list-item' : 'encounter-diagnosis',
          onset: start,
          recorder: who,
          encounter: contact,
        }),
      );
    }
    for (let j = 0; j < share(mix.medications, i); j++) {
      const ongoing = daysAgo < 365 && rng.chance(0.3);
      b.add(
        `${key}/medication-${j + 1}`,
        medicationRequest({
          patient,
          medicine: rng.pick(MEDICINES),
          status: ongoing ? 'active' : 'completed',
          intent: 'order',
          course: ongoing ? 'continuous' : 'acute',
          authoredOn: start,
          requester: who,
          encounter: contact,
          dose: { text: 'One tablet once daily', route: 'oral' },
          validity: { start: start.slice(0, 10), end: plusMinutes(start, 28 * 1440).slice(0, 10) },
        }),
      );
    }
    for (let j = 0; j < share(mix.documents, i); j++) {
      const title = `Letter: ${start.slice(0, 10)}`;
      b.add(
        `${key}/document-${j + 1}`,
        documentReference({
          patient,
          type: [LOINC.consultNote],
          category: 'Letter',
          date: start,
          author: [who],
          custodian: dir.org,
          encounter: contact,
          title,
          contentType: 'text/plain',
          content: `${title}\n\n${p.family}, ${p.given}. Seen today; no change to treatment.`,
        }),
      );
    }
    for (let j = 0; j < share(mix.allergies, i); j++) {
      b.add(
        `${key}/allergy-${j + 1}`,
        allergy({
          patient,
          code: ALLERGENS[(i + j) % ALLERGENS.length] as Coding,
          category: 'medication',
          criticality: 'high',
          recorded: start,
          recorder: who,
          reaction: { manifestation: SCT.urticaria, severity: 'moderate' },
        }),
      );
    }
  });
}

function patientResource(b: SourceBuilder, p: GeneratedPatient, org: Ref, practice: Ref): Patient {
  return {
    resourceType: 'Patient',
    identifier: [
      { system: SYS.nhsNumber, value: p.nhsNumber },
      { system: b.source.localIdSystem, value: `BENCH-${p.resources}` },
    ],
    active: true,
    name: [{ use: 'official', family: p.family, given: [p.given] }],
    gender: 'female',
    birthDate: p.birthDate,
    address: [fhirAddress({ lines: ['1 Test Street'], city: 'Chalkbury', postalCode: 'ME14 9ZZ' })],
    generalPractitioner: [{ ...practice, identifier: { system: SYS.ods, value: RIVERSIDE.odsCode }, display: RIVERSIDE.name }],
    managingOrganization: org,
  };
}

/** Loads the record through each source's feed (a transaction Bundle POSTed to its base, no token). */
export async function loadGeneratedRecord(sandboxOrigin: string, patient: GeneratedPatient): Promise<{ bundles: number; ms: number }> {
  const started = performance.now();
  const record = buildGeneratedRecord(patient);
  let bundles = 0;
  await Promise.all(
    SOURCES.map(async ({ name }) => {
      for (const bundle of record[name]) {
        bundles++;
        const response = await fetch(`${sandboxOrigin}/fhir/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/fhir+json' },
          body: JSON.stringify(bundle),
        });
        if (!response.ok)
          throw new Error(
            `Loading the ${patient.resources}-resource record into ${name} failed: HTTP ${response.status} ${(await response.text()).slice(0, 500)}`,
          );
      }
    }),
  );
  return { bundles, ms: performance.now() - started };
}

/** New resources in a generated record: every entry but the conditional creates, plus each source's Patient once. */
export function countResources(record: Record<SourceName, Bundle[]>): number {
  return SOURCES.reduce(
    (n, { name }) => n + 1 + record[name].flatMap((b) => b.entry ?? []).filter((e) => !e.request?.ifNoneExist).length,
    0,
  );
}
