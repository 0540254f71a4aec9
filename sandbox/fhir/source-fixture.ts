// The data and helpers the FHIR source's end-to-end tests share
// (source-server, source-policy, feed and batch tests): four sources on a
// real HTTP server, a gp and an acute record for two patients, and tokens
// for them. useSourceSandbox() starts it around one test file; `sandbox` and
// `ids` are set before the file's first test.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { Bundle, BundleEntry, Encounter, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM } from '../config';
import type { AccessGrant } from '../auth/grant';
import { startTestSandbox, type TestSandbox } from './testing';

export const NHS_A = '9990000018';
export const NHS_B = '9990000026';
export const LOINC = 'http://loinc.org';
export const HBA1C = '4548-4';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

let uuidCounter = 0;
/** A fresh lowercase urn:uuid for a bundle entry. */
export function urn(): string {
  uuidCounter++;
  return `urn:uuid:00000000-0000-4000-8000-${uuidCounter.toString(16).padStart(12, '0')}`;
}

export function entry(fullUrl: string, resource: Resource): BundleEntry {
  return { fullUrl, resource, request: { method: 'POST', url: resource.resourceType } };
}

export function patient(
  nhsNumber: string | undefined,
  family: string,
  birthDate: string,
  local?: { system: string; value: string },
): Patient {
  return {
    resourceType: 'Patient',
    identifier: [...(nhsNumber ? [{ system: NHS_NUMBER_SYSTEM, value: nhsNumber }] : []), ...(local ? [local] : [])],
    name: [{ family, given: ['Test'] }],
    birthDate,
  };
}

export function observation(subject: string, code: string, date: string, category = 'laboratory', encounter?: string): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [{ coding: [{ system: CATEGORY, code: category }] }],
    code: { coding: [{ system: LOINC, code }] },
    subject: { reference: subject },
    ...(encounter ? { encounter: { reference: encounter } } : {}),
    effectiveDateTime: date,
    valueQuantity: { value: 50, unit: 'mmol/mol' },
  };
}

function encounter(subject: string, start: string): Encounter {
  return {
    resourceType: 'Encounter',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    subject: { reference: subject },
    period: { start },
  };
}

/** gp: patient A (5 HbA1c, 1 vital sign, 2 encounters, a condition), patient B (2 HbA1c). */
function gpBundle(): Bundle {
  const a = urn();
  const b = urn();
  const encA1 = urn();
  const encA2 = urn();
  const dates = ['2020-01-15', '2020-04-15', '2020-07-15', '2020-10-15', '2021-01-15'];
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      entry(a, patient(NHS_A, 'THOMPSON', '1938-03-02', { system: 'https://gp.example/Id/patient-number', value: 'GP-1' })),
      entry(b, patient(NHS_B, 'OKAFOR', '2019-05-05')),
      entry(encA1, encounter(a, '2020-01-15T09:00:00Z')),
      entry(encA2, encounter(a, '2020-07-15T09:00:00Z')),
      ...dates.map((d, i) => entry(urn(), observation(a, HBA1C, d, 'laboratory', i % 2 === 0 ? encA1 : encA2))),
      entry(urn(), observation(a, '8867-4', '2020-02-01', 'vital-signs')),
      entry(urn(), {
        resourceType: 'Condition',
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
        code: { coding: [{ system: 'http://snomed.info/sct', code: '46635009' }] },
        subject: { reference: a },
        meta: { lastUpdated: '2019-06-01T10:00:00.000Z' },
      }),
      entry(urn(), observation(b, HBA1C, '2020-03-01')),
      entry(urn(), observation(b, HBA1C, '2020-06-01')),
      entry(urn(), { resourceType: 'Practitioner', name: [{ family: 'AHMED', given: ['Sarah'] }] }),
    ],
  };
}

/** acute: patient A again (another id), and an unknown patient with no NHS number. */
function acuteBundle(): Bundle {
  const a = urn();
  const unknown = urn();
  return {
    resourceType: 'Bundle',
    type: 'batch',
    entry: [
      entry(a, patient(NHS_A, 'THOMPSON', '1938-03-02')),
      entry(
        unknown,
        patient(undefined, 'UNKNOWN', '1985-01-01', { system: 'https://acute.example/Id/hospital-number', value: 'ACU-7731' }),
      ),
      entry(urn(), observation(a, HBA1C, '2021-02-01')),
      entry(urn(), observation(unknown, '8867-4', '2024-01-01', 'vital-signs')),
    ],
  };
}

/** social-care: a Patient with A's NHS number but another date of birth (the identity-conflict scenario). */
function socialCareBundle(): Bundle {
  return { resourceType: 'Bundle', type: 'transaction', entry: [entry(urn(), patient(NHS_A, 'THOMPSON', '1954-01-01'))] };
}

export let sandbox: TestSandbox;
export const ids = { gpA: '', gpB: '', acuteA: '', acuteUnknown: '' };

export function grant(patient: AccessGrant['patient'], scopes = ['launch', 'openid', 'patient/*.rs']): AccessGrant {
  return {
    clientId: 'care-record-viewer',
    scopes,
    patient,
    userId: 'sarah.ahmed',
    role: 'gp',
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
  };
}

export async function get(url: string, token?: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return fetch(url, { ...init, headers });
}

export async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export async function search(url: string, token = 'a'): Promise<Bundle> {
  const response = await get(url, token);
  expect(response.status, await response.clone().text()).toBe(200);
  return json<Bundle>(response);
}

export function resources<T extends Resource>(bundle: Bundle, mode = 'match'): T[] {
  return (bundle.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => e.resource as T);
}

/** Starts the sources and loads their data before the calling file's tests; closes them after. */
export function useSourceSandbox(): void {
  beforeAll(async () => {
    sandbox = await startTestSandbox(['gp', 'acute', 'community', 'social-care']);
    const gp = await sandbox.source('gp').load(gpBundle());
    ids.gpA = gp.entry?.[0]?.response?.location?.split('/')[1] ?? '';
    ids.gpB = gp.entry?.[1]?.response?.location?.split('/')[1] ?? '';
    const acute = await sandbox.source('acute').load(acuteBundle());
    ids.acuteA = acute.entry?.[0]?.response?.location?.split('/')[1] ?? '';
    ids.acuteUnknown = acute.entry?.[1]?.response?.location?.split('/')[1] ?? '';
    await sandbox.source('social-care').load(socialCareBundle());

    sandbox.tokens.set('a', grant({ source: 'gp', id: ids.gpA, nhsNumber: NHS_A }));
    sandbox.tokens.set('b', grant({ source: 'gp', id: ids.gpB, nhsNumber: NHS_B }));
    sandbox.tokens.set('unknown', grant({ source: 'acute', id: ids.acuteUnknown }));
    sandbox.tokens.set('a-observations-only', grant({ source: 'gp', id: ids.gpA, nhsNumber: NHS_A }, ['patient/Observation.rs']));
    sandbox.tokens.set('a-v1', grant({ source: 'gp', id: ids.gpA, nhsNumber: NHS_A }, ['patient/*.read']));
    sandbox.tokens.set('a-user', grant({ source: 'gp', id: ids.gpA, nhsNumber: NHS_A }, ['user/*.rs']));
    sandbox.tokens.set('a-labs', grant({ source: 'gp', id: ids.gpA, nhsNumber: NHS_A }, ['patient/Observation.rs?category=laboratory']));
    sandbox.tokens.set('expired', { ...grant({ source: 'gp', id: ids.gpA, nhsNumber: NHS_A }), expiresAt: 1000 });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  beforeEach(() => {
    sandbox.faults.clear();
  });
}
