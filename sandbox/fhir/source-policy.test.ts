// The token's limits as a FHIR source enforces them over HTTP: SMART scopes
// (v1, v2 and granular) and the patient compartment, across sources, and the
// audit of what was released. The role rules are in access.test.ts.
import { describe, expect, it } from 'vitest';
import type { OperationOutcome, Patient } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM } from '../config';
import { get, HBA1C, ids, json, NHS_A, NHS_B, resources, sandbox, search, useSourceSandbox } from './source-fixture';

useSourceSandbox();

describe('tokens and scopes', () => {
  it('refuses reads without a valid token with 401 and WWW-Authenticate', async () => {
    for (const token of [undefined, 'nonsense', 'expired']) {
      const response = await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await json<OperationOutcome>(response)).resourceType).toBe('OperationOutcome');
    }
  });

  it('refuses a type the scopes do not cover with 403', async () => {
    const patientRead = await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, 'a-observations-only');
    expect(patientRead.status).toBe(403);
    expect((await json<OperationOutcome>(patientRead)).issue?.[0]?.code).toBe('forbidden');
    await search(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}`, 'a-observations-only');
    const include = await get(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}&_include=Observation:encounter`, 'a-observations-only');
    expect(include.status).toBe(403);
  });

  it('accepts SMART v1 and user-level scopes', async () => {
    expect((await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, 'a-v1')).status).toBe(200);
    expect((await search(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}`, 'a-user')).total).toBe(6);
  });

  it('enforces granular v2 scopes by refusing, not filtering', async () => {
    const labs = await search(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}&category=laboratory`, 'a-labs');
    expect(labs.total).toBe(5);
    expect((await get(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}`, 'a-labs')).status).toBe(403);
  });
});

describe('patient compartment', () => {
  it("refuses another patient's data by id, by search and by identifier", async () => {
    const base = sandbox.base('gp');
    expect((await get(`${base}/Patient/${ids.gpB}`, 'a')).status).toBe(403);
    expect((await get(`${base}/Observation?patient=${ids.gpB}`, 'a')).status).toBe(403);
    expect((await get(`${base}/Patient?identifier=${NHS_NUMBER_SYSTEM}|${NHS_B}`, 'a')).status).toBe(403);
    // Not filtered silently: a search spanning both patients is refused as a whole.
    const mixed = await get(`${base}/Observation?code=${HBA1C}`, 'a');
    expect(mixed.status).toBe(403);
    expect((await json<OperationOutcome>(mixed)).issue?.[0]?.code).toBe('forbidden');
    // Resources about no patient are readable.
    expect((await search(`${base}/Practitioner`, 'a')).total).toBe(1);
  });

  it('follows the NHS number into another source', async () => {
    const base = sandbox.base('acute');
    const found = await search(`${base}/Patient?identifier=${NHS_NUMBER_SYSTEM}|${NHS_A}`);
    expect(resources(found).map((p) => p.id)).toEqual([ids.acuteA]);
    expect((await search(`${base}/Observation?patient=${ids.acuteA}`)).total).toBe(1);
    expect((await get(`${base}/Patient/${ids.acuteUnknown}`, 'a')).status).toBe(403);
  });

  it('returns a Patient matching by NHS number even when its date of birth differs', async () => {
    const found = await search(`${sandbox.base('social-care')}/Patient?identifier=${NHS_NUMBER_SYSTEM}|${NHS_A}`);
    expect(resources<Patient>(found).map((p) => p.birthDate)).toEqual(['1954-01-01']);
  });

  it('limits a grant without an NHS number to its own patient in its own source', async () => {
    expect((await get(`${sandbox.base('acute')}/Patient/${ids.acuteUnknown}`, 'unknown')).status).toBe(200);
    expect((await search(`${sandbox.base('acute')}/Observation?patient=${ids.acuteUnknown}`, 'unknown')).total).toBe(1);
    expect((await get(`${sandbox.base('acute')}/Patient/${ids.acuteA}`, 'unknown')).status).toBe(403);
    expect((await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, 'unknown')).status).toBe(403);
    expect((await get(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}`, 'unknown')).status).toBe(403);
  });

  it('reports what was released to whom', async () => {
    sandbox.releases.length = 0;
    await search(`${sandbox.base('gp')}/Observation?patient=${ids.gpA}&code=${HBA1C}&_include=Observation:encounter`);
    await get(`${sandbox.base('gp')}/Patient/${ids.gpB}`, 'a'); // refused: nothing released
    expect(sandbox.releases).toHaveLength(1);
    expect(sandbox.releases[0]).toMatchObject({
      source: 'gp',
      userId: 'sarah.ahmed',
      clientId: 'care-record-viewer',
      patient: { source: 'gp', id: ids.gpA, nhsNumber: NHS_A },
      interaction: 'search',
      resourceTypes: { Observation: 5, Encounter: 2 },
      count: 7,
    });
  });
});
