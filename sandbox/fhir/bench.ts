// Benchmark (not a test): one patient with 20,000 Observations and 3,000
// Encounters in one source, loaded as one transaction, then searched over HTTP.
// Run: node --experimental-websocket --import tsx sandbox/fhir/bench.ts
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM } from '../config';
import { startTestSandbox } from './testing';

const OBSERVATIONS = Number(process.env.BENCH_OBSERVATIONS ?? 20_000);
const ENCOUNTERS = Number(process.env.BENCH_ENCOUNTERS ?? 3_000);
const CODES = ['4548-4', '2345-7', '14682-9', '33914-3', '8867-4', '8480-6', '8462-4', '29463-7'];
const DAY = 86_400_000;
const FIFTY_YEARS_AGO = Date.now() - 50 * 365 * DAY;

let n = 0;
const urn = (): string => `urn:uuid:00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;

function bigBundle(): Bundle {
  const patient = urn();
  const entry: BundleEntry[] = [
    {
      fullUrl: patient,
      resource: {
        resourceType: 'Patient',
        identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9990000085' }],
        name: [{ family: 'BENNETT', given: ['Susan'] }],
        birthDate: '1950-05-01',
      },
      request: { method: 'POST', url: 'Patient' },
    },
  ];
  const encounters: string[] = [];
  for (let i = 0; i < ENCOUNTERS; i++) {
    const fullUrl = urn();
    encounters.push(fullUrl);
    entry.push({
      fullUrl,
      resource: {
        resourceType: 'Encounter',
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: i % 10 === 0 ? 'EMER' : 'AMB' },
        subject: { reference: patient },
        period: { start: new Date(FIFTY_YEARS_AGO + (i * 50 * 365 * DAY) / ENCOUNTERS).toISOString() },
      },
      request: { method: 'POST', url: 'Encounter' },
    });
  }
  for (let i = 0; i < OBSERVATIONS; i++) {
    entry.push({
      fullUrl: urn(),
      resource: {
        resourceType: 'Observation',
        status: 'final',
        category: [
          {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: i % 4 === 0 ? 'vital-signs' : 'laboratory' },
            ],
          },
        ],
        code: { coding: [{ system: 'http://loinc.org', code: CODES[i % CODES.length] }], text: 'Test' },
        subject: { reference: patient },
        encounter: { reference: encounters[i % encounters.length] as string },
        effectiveDateTime: new Date(FIFTY_YEARS_AGO + (i * 50 * 365 * DAY) / OBSERVATIONS).toISOString(),
        valueQuantity: { value: 40 + (i % 50), unit: 'mmol/mol', system: 'http://unitsofmeasure.org', code: 'mmol/mol' },
      },
      request: { method: 'POST', url: 'Observation' },
    });
  }
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  console.log(`${label.padEnd(72)} ${(performance.now() - started).toFixed(0).padStart(6)} ms`);
  return result;
}

/** The same data as transactions of at most 2,000 entries, each repeating the Patient as a conditional create. */
function chunked(bundle: Bundle, size = 2000): Bundle[] {
  const [patient, ...rest] = bundle.entry ?? [];
  if (!patient?.request) return [];
  const shared: BundleEntry = { ...patient, request: { ...patient.request, ifNoneExist: `identifier=${NHS_NUMBER_SYSTEM}|9990000085` } };
  const chunks: Bundle[] = [];
  // Encounters come first, so an Observation's encounter is in an earlier chunk only if chunks are
  // cut by encounter group; here each chunk holds whole encounter-observation groups instead.
  const groups = new Map<string, BundleEntry[]>();
  for (const e of rest) {
    const key =
      e.resource?.resourceType === 'Encounter'
        ? (e.fullUrl as string)
        : ((e.resource as { encounter?: { reference?: string } }).encounter?.reference as string);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  let current: BundleEntry[] = [];
  for (const group of groups.values()) {
    if (current.length + group.length > size - 1) {
      chunks.push({ resourceType: 'Bundle', type: 'transaction', entry: [shared, ...current] });
      current = [];
    }
    current.push(...group);
  }
  if (current.length) chunks.push({ resourceType: 'Bundle', type: 'transaction', entry: [shared, ...current] });
  return chunks;
}

const sandbox = await startTestSandbox(['gp', 'acute']);
try {
  const bundle = bigBundle();
  const chunks = chunked(bundle);
  await time(`load the same as ${chunks.length} transactions of <= 2,000 (conditional Patient)`, async () => {
    for (const chunk of chunks) await sandbox.source('acute').load(chunk);
  });
  const response = await time(`load one transaction of ${bundle.entry?.length} entries`, () => sandbox.source('gp').load(bundle));
  const patientId = response.entry?.[0]?.response?.location?.split('/')[1] as string;
  sandbox.tokens.set('t', {
    clientId: 'bench',
    scopes: ['patient/*.rs'],
    patient: { source: 'gp', id: patientId, nhsNumber: '9990000085' },
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
  });
  const base = sandbox.base('gp');
  const get = async (url: string): Promise<Bundle> => {
    const res = await fetch(url, { headers: { Authorization: 'Bearer t' } });
    if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
    return (await res.json()) as Bundle;
  };

  const first = await time('Observation?patient=X&_sort=-date&_count=1000 (first time)', () =>
    get(`${base}/Observation?patient=${patientId}&_sort=-date&_count=1000`),
  );
  await time('the same again (matches cached)', () => get(`${base}/Observation?patient=${patientId}&_sort=-date&_count=1000`));
  await time(`following all next links (${Math.ceil((first.total ?? 0) / 1000) - 1} pages of 1000)`, async () => {
    let next = first.link?.find((l) => l.relation === 'next')?.url;
    while (next) next = (await get(next)).link?.find((l) => l.relation === 'next')?.url;
  });
  await time('Observation?patient=X&code=4548-4&_sort=-date&_count=50', () =>
    get(`${base}/Observation?patient=${patientId}&code=http://loinc.org|4548-4&_sort=-date&_count=50`),
  );
  await time('Observation?patient=X&category=laboratory&date=ge2015&_count=100', () =>
    get(`${base}/Observation?patient=${patientId}&category=laboratory&date=ge2015-01-01&_count=100`),
  );
  await time('Encounter?patient=X&_sort=-date&_count=50', () => get(`${base}/Encounter?patient=${patientId}&_sort=-date&_count=50`));
  await time('Encounter?patient=X&_sort=-date&_count=50&_revinclude=Observation:encounter', () =>
    get(`${base}/Encounter?patient=${patientId}&_sort=-date&_count=50&_revinclude=Observation:encounter`),
  );
  await time('Observation?patient=X&_sort=-date&_count=100&_include=Observation:encounter', () =>
    get(`${base}/Observation?patient=${patientId}&_sort=-date&_count=100&_include=Observation:encounter`),
  );
  await time('Patient?identifier=nhs|9990000085', () => get(`${base}/Patient?identifier=${NHS_NUMBER_SYSTEM}|9990000085`));
  console.log(`heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
} finally {
  await sandbox.close();
}
