import { describe, expect, it } from 'vitest';
import { assembleRecord } from '../record/assemble';
import type { QueryResult, SourceRef } from '../record/model';
import { ACCESS_OUTCOME_SYSTEM, accessCodeOf } from './outcomes';
import { ROLE_MATRIX, canBreakGlass, roleExplanation, roleMaySee, type UserRole } from './roles';
import { checkBreakGlassRequest, grantOf, launchUnderGrant, requestBreakGlass, timeLeftText } from './break-glass';
import type { LaunchContext } from '../launch-context/launch-context';
import { objectionOf } from './objection';
import { fetchAnswering } from '../sources/test-helpers/fake-fetch';

const outcome = (code: string, system = ACCESS_OUTCOME_SYSTEM) => ({
  resourceType: 'OperationOutcome',
  issue: [
    {
      severity: 'error',
      code: 'forbidden',
      details: {
        coding: [
          { system: 'http://other', code: 'x' },
          { system, code },
        ],
      },
    },
  ],
});

describe('role matrix (docs/access.md section 1)', () => {
  const CLINICAL: UserRole[] = ['gp', 'ae-doctor', 'community-nurse', 'paramedic', 'mental-health-nurse'];

  it('clinical roles see the whole clinical record; only the mental health nurse sees restricted data', () => {
    for (const role of CLINICAL) {
      for (const type of ['Condition', 'MedicationRequest', 'Observation', 'DocumentReference', 'Flag', 'Encounter']) {
        expect(roleMaySee(role, type), `${role} ${type}`).toBe(true);
      }
      expect(ROLE_MATRIX[role].restricted).toBe(role === 'mental-health-nurse');
      expect(canBreakGlass(role)).toBe(true);
    }
  });

  it('a social worker sees alerts, safeguarding, care and social care, but not results, documents or medicines', () => {
    for (const type of [
      'Patient',
      'Consent',
      'Flag',
      'AllergyIntolerance',
      'CareTeam',
      'CarePlan',
      'RelatedPerson',
      'EpisodeOfCare',
      'Encounter',
    ]) {
      expect(roleMaySee('social-worker', type), type).toBe(true);
    }
    for (const type of ['Observation', 'DiagnosticReport', 'DocumentReference', 'Composition', 'MedicationRequest']) {
      expect(roleMaySee('social-worker', type), type).toBe(false);
    }
    expect(canBreakGlass('social-worker')).toBe(false);
  });

  it('an administrator sees demographics, appointments and the care team only', () => {
    const seen = ['Patient', 'Appointment', 'CareTeam', 'Flag', 'AllergyIntolerance', 'Condition', 'MedicationRequest', 'Encounter'].filter(
      (t) => roleMaySee('administrator', t),
    );
    expect(seen).toEqual(['Patient', 'Appointment', 'CareTeam']);
    expect(canBreakGlass('administrator')).toBe(false);
  });

  it('knows nothing of roles it was not told about', () => {
    expect(roleMaySee('surgeon', 'Condition')).toBeUndefined();
    expect(roleMaySee('toString', 'Condition')).toBeUndefined();
    expect(canBreakGlass(undefined)).toBe(false);
  });

  it('explains what a role does not see, and says nothing for a clinician', () => {
    expect(roleExplanation('administrator')).toMatch(/^Viewing as an administrator: alerts .* are not available to your role\.$/);
    expect(roleExplanation('social-worker')).toContain('medicines');
    expect(roleExplanation('social-worker')).not.toContain('safeguarding');
    expect(roleExplanation('gp')).toBeUndefined();
  });
});

describe('access outcomes', () => {
  it('reads the code from details.coding in the access-outcome system only', () => {
    expect(accessCodeOf(outcome('role-withheld'))).toBe('role-withheld');
    expect(accessCodeOf(outcome('objection'))).toBe('objection');
    expect(accessCodeOf(outcome('objection', 'http://elsewhere'))).toBeUndefined();
    expect(accessCodeOf(outcome('made-up'))).toBeUndefined();
    expect(accessCodeOf({ resourceType: 'Bundle' })).toBeUndefined();
  });
});

describe('record-level objection and restricted notices', () => {
  const GP: SourceRef = { name: 'gp', organisation: 'Riverside Medical Practice' };
  const MH: SourceRef = { name: 'mental-health', organisation: 'North Downs Mental Health NHS Trust' };
  const at = '2025-01-02T10:30:00Z';
  const patient = (source: SourceRef, id: string): QueryResult => ({
    source,
    resourceType: 'Patient',
    outcome: {
      kind: 'loaded',
      truncated: false,
      warnings: [],
      resources: [{ resourceType: 'Patient', id, identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000050' }] }],
    },
  });

  it('an objection from any source marks the whole record', () => {
    const results: QueryResult[] = [
      patient(GP, 'g'),
      {
        source: GP,
        resourceType: 'Flag',
        outcome: { kind: 'problem', problem: { source: GP, kind: 'objection', reason: 'objected', at } },
      },
    ];
    const record = assembleRecord([GP, MH], results, new Date(at));
    expect(objectionOf(record)).toEqual({ objected: true, sources: [GP] });
    expect(objectionOf(assembleRecord([GP], [patient(GP, 'g')], new Date(at)))).toEqual({ objected: false, sources: [] });
  });

  it('a restricted-withheld search becomes a "withheld" notice in the viewer\'s words', () => {
    const results: QueryResult[] = [
      patient(MH, 'm'),
      {
        source: MH,
        resourceType: 'Condition',
        outcome: { kind: 'loaded', truncated: false, warnings: [], restrictedWithheld: true, resources: [] },
      },
    ];
    const record = assembleRecord([MH], results, new Date(at));
    expect(record.problems.notices).toEqual([
      {
        kind: 'withheld',
        source: MH,
        text: 'North Downs Mental Health NHS Trust: some restricted information is not shown to your role.',
        withheld: [{ resourceType: 'Condition', count: undefined }],
      },
    ]);
  });

  it('says how many were withheld, by what they are, once per section, when the source gives the count', () => {
    const loaded = (resourceType: string, restrictedWithheldCount: number): QueryResult => ({
      source: MH,
      resourceType,
      outcome: { kind: 'loaded', truncated: false, warnings: [], restrictedWithheld: true, restrictedWithheldCount, resources: [] },
    });
    const record = assembleRecord(
      [MH],
      [
        patient(MH, 'm'),
        loaded('CareTeam', 1),
        loaded('Condition', 1),
        loaded('CarePlan', 1),
        loaded('EpisodeOfCare', 0),
        loaded('Flag', 0),
        loaded('MedicationRequest', 1),
      ],
      new Date(at),
    );
    expect(record.mentalHealth.notices.map((n) => n.text)).toEqual([
      '3 mental health entries withheld by North Downs Mental Health NHS Trust: restricted, not shown to your role.',
    ]);
    expect(record.medications.notices.map((n) => n.text)).toEqual([
      '1 medicine withheld by North Downs Mental Health NHS Trust: restricted, not shown to your role.',
    ]);
    expect(record.location.notices.map((n) => n.text)).toEqual([
      '1 care plan withheld by North Downs Mental Health NHS Trust: restricted, not shown to your role.',
    ]);
  });
});

describe('break-glass', () => {
  const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('checks the reason and the text before asking', () => {
    expect(checkBreakGlassRequest({})).toBe('Choose a reason.');
    expect(checkBreakGlassRequest({ reason: 'other', text: '  ' })).toBe('Say why you need emergency access.');
    expect(checkBreakGlassRequest({ reason: 'emergency-care', text: '' })).toBeUndefined();
    expect(checkBreakGlassRequest({ reason: 'safeguarding', text: 'x'.repeat(501) })).toMatch(/under 500/);
  });

  it('POSTs the form with the current token and reads the grant', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchFn = fetchAnswering((url, init) => {
      calls.push({ url, init: init! });
      return Response.json({
        access_token: 'btg',
        token_type: 'Bearer',
        expires_in: 1800,
        scope: 'patient/*.rs',
        break_glass: { reason: 'other', text: 'Unconscious', expires_at: new Date(NOW + 1_800_000).toISOString() },
      });
    });
    const result = await requestBreakGlass({
      endpoint: 'http://127.0.0.1:8080/auth/break-glass',
      accessToken: 'tok',
      request: { reason: 'other', text: ' Unconscious ' },
      fetch: fetchFn,
      now: () => NOW,
    });
    expect(result).toEqual({
      ok: true,
      grant: { accessToken: 'btg', expiresAt: NOW + 1_800_000, reason: 'other', text: 'Unconscious', scope: 'patient/*.rs' },
    });
    expect(calls[0]!.init.method).toBe('POST');
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(calls[0]!.init.body).toBe('reason=other&text=Unconscious');
  });

  it('words refusals and failures', async () => {
    const answer =
      (status: number): typeof fetch =>
      () =>
        Promise.resolve(new Response('{}', { status }));
    const ask = (fetchFn: typeof fetch) =>
      requestBreakGlass({
        endpoint: 'http://x/auth/break-glass',
        accessToken: 't',
        request: { reason: 'emergency-care', text: '' },
        fetch: fetchFn,
      });
    expect(await ask(answer(403))).toMatchObject({ ok: false, error: 'refused' });
    expect(await ask(answer(500))).toMatchObject({ ok: false, error: 'failed' });
    expect(await ask(() => Promise.reject(new TypeError('offline')))).toMatchObject({ ok: false, error: 'unreachable' });
    expect(await ask(answer(200))).toMatchObject({ ok: false, error: 'failed' });
  });

  it('reads expiry from expires_at (ISO or epoch seconds), else expires_in', () => {
    const request = { reason: 'emergency-care' as const, text: '' };
    expect(grantOf({ access_token: 'a', expires_in: 60 }, request, NOW)?.expiresAt).toBe(NOW + 60_000);
    expect(grantOf({ access_token: 'a', break_glass: { expires_at: NOW / 1000 + 90 } }, request, NOW)?.expiresAt).toBe(NOW + 90_000);
    expect(grantOf({ access_token: 'a', expires_in: -5 }, request, NOW)).toBeUndefined();
  });

  it('says the time left in whole minutes, calmly', () => {
    expect(timeLeftText(NOW + 29 * 60_000 + 59_000, NOW)).toBe('29 minutes left');
    expect(timeLeftText(NOW + 61_000, NOW)).toBe('1 minute left');
    expect(timeLeftText(NOW + 30_000, NOW)).toBe('less than a minute left');
  });
});

describe('the launch under a break-glass grant', () => {
  it("loads with the grant's token and reason until it expires, leaving the base launch as it was", async () => {
    const base = {
      issuer: 'https://gp.example/fhir',
      patientId: 'p1',
      getAccessToken: () => Promise.resolve('user-token'),
    } as unknown as LaunchContext;
    let now = 1_000;
    const grant = { accessToken: 'glass-token', expiresAt: 2_000, reason: 'emergency-care' as const, text: 'collapsed' };
    const launch = launchUnderGrant(base, grant, () => now);
    expect(launch.patientId).toBe('p1');
    expect(launch.breakGlass).toEqual({ reason: 'emergency-care', text: 'collapsed', expiresAt: 2_000 });
    expect(launch.tokenExpiresAt).toBe(2_000);
    await expect(launch.getAccessToken()).resolves.toBe('glass-token');
    await expect(base.getAccessToken()).resolves.toBe('user-token');
    expect(base.breakGlass).toBeUndefined();
    now = 2_000;
    await expect(launch.getAccessToken()).rejects.toThrow('Emergency access has ended.');
  });
});
