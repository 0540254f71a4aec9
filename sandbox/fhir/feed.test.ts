// The feed over HTTP: transaction and batch Bundles loaded without a token,
// conditional creates across bundles, bundles refused before anything is
// stored, and everything else read-only.
import { describe, expect, it } from 'vitest';
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM } from '../config';
import {
  entry,
  get,
  grant,
  HBA1C,
  ids,
  json,
  NHS_A,
  NHS_B,
  observation,
  patient,
  resources,
  sandbox,
  search,
  urn,
  useSourceSandbox,
} from './source-fixture';

useSourceSandbox();

describe('the feed', () => {
  it('loads a transaction with urn:uuid references resolved, without a token', async () => {
    const pat = urn();
    const response = await fetch(sandbox.base('social-care'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          entry(pat, patient(NHS_B, 'OKAFOR', '2019-05-05')),
          entry(urn(), { resourceType: 'Flag', status: 'active', code: { text: 'Child protection plan' }, subject: { reference: pat } }),
        ],
      }),
    });
    expect(response.status).toBe(200);
    const result = await json<Bundle>(response);
    expect(result.type).toBe('transaction-response');
    expect(result.entry?.map((e) => e.response?.status)).toEqual(['201', '201']);
    const patientId = result.entry?.[0]?.response?.location?.split('/')[1];
    const flags = await search(`${sandbox.base('social-care')}/Flag?patient=${patientId}`, 'b');
    expect(resources(flags)[0]).toMatchObject({ subject: { reference: `Patient/${patientId}` } });
  });

  it('finds shared entries again by ifNoneExist across bundles', async () => {
    const nhs = '9990000042';
    const chunk = (): Bundle => {
      const pat = urn();
      return {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            fullUrl: pat,
            resource: patient(nhs, 'PATEL', '1961-01-01'),
            request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${NHS_NUMBER_SYSTEM}|${nhs}` },
          },
          entry(urn(), observation(pat, HBA1C, '2022-01-01')),
        ],
      };
    };
    const first = await sandbox.source('community').load(chunk());
    const second = await sandbox.source('community').load(chunk());
    expect(first.entry?.map((e) => e.response?.status)).toEqual(['201', '201']);
    expect(second.entry?.[0]?.response?.status).toBe('200');
    expect(second.entry?.[0]?.response?.location).toBe(first.entry?.[0]?.response?.location);
    const patients = await sandbox.source('community').findPatientsByNhsNumber('999 000 0042');
    expect(patients).toHaveLength(1);
    sandbox.tokens.set('patel', grant({ source: 'community', id: patients[0]?.id as string, nhsNumber: nhs }));
    expect((await search(`${sandbox.base('community')}/Observation?patient=${patients[0]?.id}`, 'patel')).total).toBe(2);
  });

  it('refuses bundles it cannot load faithfully', async () => {
    const post = (body: unknown) => fetch(sandbox.base('social-care'), { method: 'POST', body: JSON.stringify(body) });
    const dangling = await post({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [entry(urn(), observation(urn(), HBA1C, '2020-01-01'))],
    });
    expect(dangling.status).toBe(400);
    expect((await json<OperationOutcome>(dangling)).issue?.[0]?.diagnostics).toMatch(/References to no entry/);
    const read = await post({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ request: { method: 'GET', url: `Patient?identifier=${NHS_A}` } }],
    });
    expect(read.status).toBe(400);
    expect((await post({ resourceType: 'Patient' })).status).toBe(400);
    expect((await post({ resourceType: 'Bundle', type: 'collection', entry: [] })).status).toBe(400);
  });

  it('is read-only for everything else (405)', async () => {
    const put = await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, 'a', { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, OPTIONS');
    expect((await json<OperationOutcome>(put)).resourceType).toBe('OperationOutcome');
    expect((await get(`${sandbox.base('gp')}/Patient/${ids.gpA}`, 'a', { method: 'DELETE' })).status).toBe(405);
    expect((await get(`${sandbox.base('gp')}/Patient`, 'a', { method: 'POST', body: '{}' })).status).toBe(405);
  });

  it('keeps meta.lastUpdated as sent by the source', async () => {
    const conditions = await search(`${sandbox.base('gp')}/Condition?patient=${ids.gpA}&_lastUpdated=lt2020-01-01`);
    expect(resources(conditions)).toHaveLength(1);
    expect(resources(conditions)[0]?.meta?.lastUpdated).toBe('2019-06-01T10:00:00.000Z');
  });
});
