// The access rules of one FHIR source, with fake grants: restricted data left
// out before paging, objection recorded in this source, _include beyond the
// role's profile, and the refusals reported for audit; the same in a batch.
import type { Bundle, BundleEntry, Consent, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NHS_NUMBER_SYSTEM, type UserRole } from '../config';
import type { AccessGrant } from '../auth/grant';
import { ACCESS_OUTCOME_SYSTEM } from '../../src/access/outcomes';
import { isObjection, roleMayRead } from './access';
import { startTestSandbox, type TestSandbox } from './testing';

/** A search Bundle, or the OperationOutcome of a refusal. */
type Body = Bundle & Pick<OperationOutcome, 'issue'>;

const NHS = '9990000034';
const OBJECTOR = '9990000050';
const RESTRICTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' };
const ids = { patient: '', objector: '', restrictedCondition: '' };
let sandbox: TestSandbox;

const urn = (n: number) => `urn:uuid:00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const entry = (n: number, resource: Resource): BundleEntry => ({
  fullUrl: urn(n),
  resource,
  request: { method: 'POST', url: resource.resourceType },
});
const condition = (subject: string, text: string, restricted = false): Resource => ({
  resourceType: 'Condition',
  subject: { reference: subject },
  code: { text },
  ...(restricted ? { meta: { security: [RESTRICTED] } } : {}),
});
const objection = (subject: string, overrides: Partial<Consent> = {}): Consent => ({
  resourceType: 'Consent',
  status: 'active',
  patient: { reference: subject },
  scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
  category: [{ text: 'Objection to sharing' }],
  policy: [{ uri: 'https://sandbox.example.nhs.uk/policy/shared-care-record' }],
  provision: { type: 'deny', period: { start: '2024-01-01' } },
  ...overrides,
});

function grant(role: UserRole | undefined, nhsNumber: string, id: string, extra: Partial<AccessGrant> = {}): AccessGrant {
  return {
    clientId: 'care-record-viewer',
    scopes: ['patient/*.rs'],
    patient: { source: 'gp', id, nhsNumber },
    userId: 'someone',
    ...(role ? { role } : {}),
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    ...extra,
  };
}

async function get(path: string, token: string): Promise<{ status: number; body: Body }> {
  const response = await fetch(`${sandbox.base('gp')}/${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Body };
}

/** The same paths as one batch: each entry's status line and body. */
async function batch(paths: string[], token: string): Promise<{ status: string; body: Body }[]> {
  const response = await fetch(sandbox.base('gp'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
    body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: paths.map((url) => ({ request: { method: 'GET', url } })) }),
  });
  expect(response.status).toBe(200);
  const bundle = (await response.json()) as Bundle;
  return (bundle.entry ?? []).map((e) => ({ status: e.response?.status ?? '', body: e.resource as Body }));
}

const codeOf = (outcome: Pick<OperationOutcome, 'issue'> | undefined) =>
  outcome?.issue?.[0]?.details?.coding?.find((c) => c.system === ACCESS_OUTCOME_SYSTEM)?.code;
const outcomes = (bundle: Bundle) =>
  (bundle.entry ?? []).filter((e) => e.search?.mode === 'outcome').map((e) => e.resource as OperationOutcome);
const matches = (bundle: Bundle) => (bundle.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource!);

beforeAll(async () => {
  sandbox = await startTestSandbox(['gp']);
  const loaded = await sandbox.source('gp').load({
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      entry(1, { resourceType: 'Patient', identifier: [{ system: NHS_NUMBER_SYSTEM, value: NHS }], birthDate: '1979-11-02' }),
      entry(2, condition(urn(1), 'Asthma')),
      entry(3, condition(urn(1), 'Schizophrenia', true)),
      entry(4, condition(urn(1), 'Depression', true)),
      entry(5, condition(urn(1), 'Eczema')),
      entry(6, { resourceType: 'Patient', identifier: [{ system: NHS_NUMBER_SYSTEM, value: OBJECTOR }], birthDate: '1952-02-17' }),
      entry(7, objection(urn(6))),
      entry(8, condition(urn(6), 'Hypothyroidism')),
      entry(9, { resourceType: 'Practitioner', name: [{ family: 'MORRIS' }] }),
      entry(10, {
        resourceType: 'Encounter',
        status: 'finished',
        class: { code: 'AMB' },
        subject: { reference: urn(1) },
        participant: [{ individual: { reference: urn(9) } }],
        diagnosis: [{ condition: { reference: urn(2) } }],
      }),
      entry(11, { resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: { reference: urn(1) }, title: 'Care package' }),
      entry(12, {
        resourceType: 'CarePlan',
        status: 'active',
        intent: 'plan',
        subject: { reference: urn(1) },
        title: 'Crisis plan',
        meta: { security: [RESTRICTED] },
      }),
    ],
  });
  const id = (n: number) => loaded.entry?.[n]?.response?.location?.split('/')[1] ?? '';
  ids.patient = id(0);
  ids.restrictedCondition = id(2);
  ids.objector = id(5);
  const now = Math.floor(Date.now() / 1000);
  sandbox.tokens.set('gp', grant('gp', NHS, ids.patient));
  sandbox.tokens.set('nurse', grant('mental-health-nurse', NHS, ids.patient));
  sandbox.tokens.set('no-role', grant(undefined, NHS, ids.patient));
  sandbox.tokens.set('social', grant('social-worker', NHS, ids.patient));
  sandbox.tokens.set('objector-gp', grant('gp', OBJECTOR, ids.objector));
  sandbox.tokens.set(
    'objector-btg',
    grant('gp', OBJECTOR, ids.objector, {
      purposeOfUse: 'BTG',
      breakGlass: { reason: 'emergency-care', startedAt: now, expiresAt: now + 600 },
    }),
  );
  sandbox.tokens.set(
    'objector-btg-over',
    grant('gp', OBJECTOR, ids.objector, {
      purposeOfUse: 'BTG',
      breakGlass: { reason: 'emergency-care', startedAt: now - 600, expiresAt: now - 1 },
    }),
  );
});
afterAll(async () => {
  await sandbox?.close();
});

describe('access rules at a FHIR source', () => {
  it('leaves restricted resources out before paging, so totals and pages agree, and says how many', async () => {
    const first = await get(`Condition?patient=${ids.patient}&_count=1`, 'gp');
    expect(first.body.total).toBe(2);
    expect(matches(first.body).map((r) => r.resourceType === 'Condition' && r.code?.text)).toEqual(['Asthma']);
    expect(codeOf(outcomes(first.body)[0])).toBe('restricted-withheld');
    expect(outcomes(first.body)[0]!.issue?.[0]?.diagnostics).toBe('2 resources with the restricted label were left out for this role');
    // The count a viewer reads, beside the words: the same on every page (counted before paging).
    expect(outcomes(first.body)[0]!.issue?.[0]?.extension).toEqual([
      { url: 'https://sandbox.example.nhs.uk/StructureDefinition/withheld-count', valueInteger: 2 },
    ]);
    const next = first.body.link?.find((l) => l.relation === 'next')?.url ?? '';
    const second = await fetch(next, { headers: { authorization: 'Bearer gp' } }).then((r) => r.json() as Promise<Bundle>);
    expect(matches(second).map((r) => r.resourceType === 'Condition' && r.code?.text)).toEqual(['Eczema']);
    expect(second.link?.some((l) => l.relation === 'next')).toBe(false);

    expect((await get(`Condition?patient=${ids.patient}`, 'nurse')).body.total).toBe(4);
    expect((await get(`Condition?patient=${ids.patient}`, 'no-role')).body.total).toBe(4);
  });

  it('refuses a direct read of a restricted resource, and reports the refusal', async () => {
    sandbox.refusals.length = 0;
    const read = await get(`Condition/${ids.restrictedCondition}`, 'gp');
    expect(read.status).toBe(403);
    expect(codeOf(read.body)).toBe('restricted-withheld');
    expect((await get(`Condition/${ids.restrictedCondition}`, 'nurse')).status).toBe(200);
    expect(sandbox.refusals).toEqual([
      expect.objectContaining({ code: 'restricted-withheld', interaction: 'read', role: 'gp', source: 'gp' }),
    ]);
  });

  it('refuses all but the Patient and the directory under an objection recorded here, unless break-glass is live', async () => {
    const refused = await get(`Condition?patient=${ids.objector}`, 'objector-gp');
    expect([refused.status, codeOf(refused.body)]).toEqual([403, 'objection']);
    expect((await get(`Consent?patient=${ids.objector}`, 'objector-gp')).status).toBe(403);
    expect((await get(`Patient/${ids.objector}`, 'objector-gp')).status).toBe(200);
    expect((await get('Practitioner?name=MORRIS', 'objector-gp')).status).toBe(200);
    expect((await get(`Patient?_id=${ids.objector}&_revinclude=Condition:patient`, 'objector-gp')).status).toBe(403);
    expect((await get(`Condition?patient=${ids.objector}`, 'objector-btg')).status).toBe(200);
    expect((await get(`Condition?patient=${ids.objector}`, 'objector-btg-over')).status).toBe(403);
  });

  it("leaves out included resources outside the role's profile, and says so", async () => {
    const found = await get(`Encounter?patient=${ids.patient}&_include=Encounter:diagnosis&_include=Encounter:participant`, 'social');
    expect(found.status).toBe(200);
    const included = (found.body.entry ?? []).filter((e) => e.search?.mode === 'include').map((e) => e.resource!.resourceType);
    expect(included).toEqual(['Practitioner']);
    expect(outcomes(found.body).map(codeOf)).toEqual(['role-withheld']);
    expect([(await get(`Condition?patient=${ids.patient}`, 'social')).status]).toEqual([403]);
  });

  it('maps roles to profiles, and reads an objection only when it is in force', () => {
    expect(roleMayRead('administrator', 'Appointment')).toBe(true);
    expect(roleMayRead('administrator', 'RelatedPerson')).toBe(false);
    expect(roleMayRead('administrator', 'Organization')).toBe(true);
    expect(roleMayRead('social-worker', 'EpisodeOfCare')).toBe(true);
    expect(roleMayRead('social-worker', 'Immunization')).toBe(false);
    expect(roleMayRead('paramedic', 'Immunization')).toBe(true);
    // Medicines, however recorded: clinical roles only.
    for (const type of ['MedicationRequest', 'MedicationStatement', 'MedicationDispense', 'MedicationAdministration', 'Medication']) {
      expect(roleMayRead('paramedic', type), type).toBe(true);
      expect(roleMayRead('social-worker', type), type).toBe(false);
      expect(roleMayRead('administrator', type), type).toBe(false);
    }
    const now = Date.parse('2025-11-22T10:00:00Z');
    expect(isObjection(objection('Patient/1'), now)).toBe(true);
    expect(isObjection(objection('Patient/1', { status: 'inactive' }), now)).toBe(false);
    expect(isObjection(objection('Patient/1', { provision: { type: 'permit' } }), now)).toBe(false);
    expect(
      isObjection(objection('Patient/1', { provision: { type: 'deny', period: { start: '2024-01-01', end: '2025-01-01' } } }), now),
    ).toBe(false);
    expect(isObjection(objection('Patient/1', { scope: { coding: [{ code: 'adr' }] } }), now)).toBe(false);
  });

  it('applies every rule to each entry of a batch as to its GET: a role refusal and a restricted warning beside released data, each audited', async () => {
    const urls = [
      `CarePlan?patient=${ids.patient}`,
      `Condition?patient=${ids.patient}`,
      `Patient/${ids.patient}`,
      `Encounter?patient=${ids.patient}&_include=Encounter:diagnosis&_include=Encounter:participant`,
    ];
    const events = () => [...sandbox.releases, ...sandbox.refusals].map(({ at: _at, ...rest }) => rest);
    sandbox.releases.length = 0;
    sandbox.refusals.length = 0;
    const answered = await batch(urls, 'social');
    const fromBatch = events();
    sandbox.releases.length = 0;
    sandbox.refusals.length = 0;
    const alone: Awaited<ReturnType<typeof get>>[] = [];
    for (const url of urls) alone.push(await get(url, 'social'));
    expect(fromBatch).toEqual(events());

    expect(answered.map((e) => e.status)).toEqual(['200 OK', '403 Forbidden', '200 OK', '200 OK']);
    expect(answered.map((e) => Number.parseInt(e.status, 10))).toEqual(alone.map((a) => a.status));
    const carePlans = answered[0]!.body as Bundle;
    expect(matches(carePlans).map((r) => r.resourceType === 'CarePlan' && r.title)).toEqual(['Care package']);
    expect(outcomes(carePlans).map(codeOf)).toEqual(['restricted-withheld']);
    expect(codeOf(answered[1]!.body)).toBe('role-withheld');
    expect(answered[1]!.body).toEqual(alone[1]!.body);
    expect(outcomes(answered[3]!.body as Bundle).map(codeOf)).toEqual(['role-withheld']);
    expect(fromBatch).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ interaction: 'search', request: `GET /CarePlan?patient=${ids.patient}`, count: 1, withheld: 1 }),
        expect.objectContaining({
          interaction: 'search',
          request: `GET /Condition?patient=${ids.patient}`,
          code: 'role-withheld',
          role: 'social-worker',
        }),
      ]),
    );
  });

  it("refuses an objector's data entry by entry in a batch, and releases it to a live break-glass grant", async () => {
    const urls = [`Patient/${ids.objector}`, `Condition?patient=${ids.objector}`, 'Practitioner?name=MORRIS'];
    expect((await batch(urls, 'objector-gp')).map((e) => [e.status, codeOf(e.body)])).toEqual([
      ['200 OK', undefined],
      ['403 Forbidden', 'objection'],
      ['200 OK', undefined],
    ]);
    const glass = await batch(urls, 'objector-btg');
    expect(glass.map((e) => e.status)).toEqual(['200 OK', '200 OK', '200 OK']);
    expect((glass[1]!.body as Bundle).total).toBe(1);
  });
});
