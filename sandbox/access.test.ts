// Access control across the whole sandbox (docs/access.md), with real tokens:
// the identity provider's smartcard session, signed context links and their
// refusals, each role's profile, restricted data, objection, break-glass, and
// the audit endpoint and privacy officer's page.
import type { AuditEvent, Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { NHS_NUMBER_SYSTEM, VIEWER_CLIENT_ID, type SourceName } from './config';
import { ACCESS_OUTCOME_SYSTEM } from '../src/access/outcomes';
import { idpSignIn, linkInPage, privacyOfficer, smartLaunch } from './test-helpers/access-flows';
import { fetchWithToken, keyOf, rememberKey, tokenHeaders } from './test-helpers/dpop-client';
import { anyString, arrayContaining, objectContaining, stringContaining, stringMatching } from './test-helpers/matchers';
import { Browser, pkcePair } from './test-helpers/smart-flow';
import { useWholeSandbox } from './test-helpers/whole-sandbox';

/** A search Bundle, or the OperationOutcome of a refusal. */
type Body = Bundle & Pick<OperationOutcome, 'issue'>;

const VIEWER = 'http://127.0.0.1:5173';
const THOMPSON = '9990000018';
const NOWAK = '9990000034';
const EVANS = '9990000050';
const PATEL = '9990000042';

const world = useWholeSandbox(VIEWER);
const { base, patientId } = world;

/** A real token from a SMART EHR launch for this user and patient. */
async function tokenFor(userId: string, source: SourceName, nhsNumber: string): Promise<string> {
  const launch = world.sandbox.auth.createLaunch({
    source,
    patientId: await patientId(source, nhsNumber),
    userId,
    needPatientBanner: true,
  });
  const { tokens } = await smartLaunch(new Browser(VIEWER), world.sandbox.origin, VIEWER, { launch, aud: base(source) });
  return tokens!.access_token;
}

interface Answer {
  status: number;
  body: Body;
  resources: Resource[];
  outcomes: OperationOutcome[];
}

async function get(token: string, url: string): Promise<Answer> {
  const response = await fetchWithToken(token, url);
  const body = (await response.json()) as Body;
  const entries = body.resourceType === 'Bundle' ? (body.entry ?? []) : [];
  return {
    status: response.status,
    body,
    resources: entries.filter((e) => e.search?.mode !== 'outcome').map((e) => e.resource!),
    outcomes: entries.filter((e) => e.search?.mode === 'outcome').map((e) => e.resource as OperationOutcome),
  };
}

const accessCode = (outcome: Pick<OperationOutcome, 'issue'> | undefined) =>
  outcome?.issue?.[0]?.details?.coding?.find((c) => c.system === ACCESS_OUTCOME_SYSTEM)?.code;

async function search(token: string, source: SourceName, type: string, nhsNumber: string): Promise<Answer> {
  return get(token, `${base(source)}/${type}?patient=${await patientId(source, nhsNumber)}&_count=500`);
}

async function breakGlass(token: string, fields: Record<string, string>, origin?: string) {
  const response = await fetch(`${world.sandbox.origin}/auth/break-glass`, {
    method: 'POST',
    headers: {
      ...(await tokenHeaders(token, 'POST', `${world.sandbox.origin}/auth/break-glass`)),
      'content-type': 'application/x-www-form-urlencoded',
      ...(origin ? { origin } : {}),
    },
    body: new URLSearchParams(fields),
  });
  const body = (await response.json()) as Record<string, unknown> & { access_token: string; break_glass: Record<string, string> };
  // The break-glass token is bound to the same key as the token it was asked with.
  const key = keyOf(token);
  if (key && body.access_token) rememberKey(body.access_token, key);
  return { status: response.status, headers: response.headers, body };
}

/** The audit log for a patient, as the privacy officer reads it (GET /fhir/audit needs her signed in). */
async function auditFor(nhsNumber?: string): Promise<AuditEvent[]> {
  const bundle = (await (
    await officer().fetch(`${world.sandbox.origin}/fhir/audit${nhsNumber ? `?patient=${nhsNumber}` : ''}`)
  ).json()) as Bundle<AuditEvent>;
  return (bundle.entry ?? []).map((e) => e.resource!);
}

let signedInOfficer: Browser | undefined;
function officer(): Browser {
  if (!signedInOfficer) throw new Error('The privacy officer signs in before the tests');
  return signedInOfficer;
}
beforeAll(async () => {
  signedInOfficer = (await privacyOfficer(world.sandbox.origin, VIEWER)).browser;
});

const subtype = (event: AuditEvent) => event.subtype?.[0]?.code;

describe('identity provider (CIS2 stand-in)', () => {
  it('publishes discovery for the viewer to sign in with PKCE', async () => {
    const config = (await (await fetch(`${world.sandbox.origin}/idp/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      issuer: `${world.sandbox.origin}/idp`,
      authorization_endpoint: `${world.sandbox.origin}/idp/authorize`,
      token_endpoint: `${world.sandbox.origin}/idp/token`,
      userinfo_endpoint: `${world.sandbox.origin}/idp/userinfo`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('signs in silently while the smartcard is in, with CIS2 claims, and answers login_required once it is pulled', async () => {
    const browser = new Browser(VIEWER);
    expect((await idpSignIn(browser, world.sandbox.origin, VIEWER, { silent: true })).returned.error).toBe('login_required');

    const inserted = await browser.run(`${world.sandbox.origin}/idp/smartcard?user=mei.lee`);
    expect(inserted).toMatchObject({ kind: 'page', status: 200 });
    const signedIn = await idpSignIn(browser, world.sandbox.origin, VIEWER, { silent: true });
    expect(signedIn.returned.url.pathname).toBe('/silent.html');
    const jwks = createRemoteJWKSet(new URL(`${world.sandbox.origin}/idp/jwks`));
    const { payload } = await jwtVerify(signedIn.idToken!, jwks, { issuer: `${world.sandbox.origin}/idp`, audience: VIEWER_CLIENT_ID });
    expect(payload).toMatchObject({
      sub: 'mei.lee',
      nhsid_useruid: 'mei.lee',
      name: 'Nurse Mei LEE',
      given_name: 'Mei',
      family_name: 'LEE',
      role: 'community-nurse',
      org: 'ZZ003',
      nhsid_nrbac_roles: [
        {
          org_code: 'ZZ003',
          role_code: 'S8000:G8000:R8001',
          role_name: '"Clinical":"Clinical Provision":"Nurse Access Role"',
          person_roleid: anyString(),
        },
      ],
      fhirUser: stringMatching(new RegExp(`^${base('community')}/Practitioner/`)),
    });
    const userinfo = (await (
      await fetch(`${world.sandbox.origin}/idp/userinfo`, { headers: { authorization: `Bearer ${signedIn.accessToken}`, origin: VIEWER } })
    ).json()) as Record<string, unknown>;
    expect(userinfo).toMatchObject({ sub: 'mei.lee', role: 'community-nurse' });

    const removed = await browser.run(`${world.sandbox.origin}/idp/smartcard/remove`, { method: 'POST' });
    expect(removed).toMatchObject({ kind: 'page', status: 200 });
    expect((await idpSignIn(browser, world.sandbox.origin, VIEWER, { silent: true })).returned.error).toBe('login_required');
  });

  it('asks who is signing in when there is no card, and signs in without a consent page', async () => {
    const browser = new Browser(VIEWER);
    const login = await browser.run(
      `${world.sandbox.origin}/idp/authorize?${new URLSearchParams({
        response_type: 'code',
        client_id: VIEWER_CLIENT_ID,
        redirect_uri: `${VIEWER}/link.html`,
        scope: 'openid',
        state: 's',
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      }).toString()}`,
    );
    expect(login.kind === 'page' && login.html).toContain('Sign in as');
    const back = await browser.submit(login, '/login', { user: 'tom.jones' });
    expect(back.kind === 'redirect' && back.url.searchParams.get('code')).toBeTruthy();
    // The sign-in opened a session, so the next sign-in is silent.
    expect((await idpSignIn(browser, world.sandbox.origin, VIEWER, { silent: true })).idToken).toBeDefined();
  });

  it('ends the session when a host\'s "Remove smartcard" is pressed, leaving the viewer to lock', async () => {
    const browser = new Browser(VIEWER);
    const host = await browser.run(`${world.sandbox.origin}/hosts/mental-health`);
    expect(host.kind === 'page' && host.html).toContain('<button type="submit">Remove smartcard</button>');
    expect((await idpSignIn(browser, world.sandbox.origin, VIEWER, { silent: true })).idToken).toBeDefined();
    const reader = await browser.run(`${world.sandbox.origin}/hosts/mental-health/remove-card`, { method: 'POST' });
    expect(reader.kind === 'page' && reader.html).toContain('Smartcard removed.');
    expect((await idpSignIn(browser, world.sandbox.origin, VIEWER, { silent: true })).returned.error).toBe('login_required');
    // The host asks for the card again before it shows anything.
    const again = await browser.run(`${world.sandbox.origin}/hosts/mental-health`);
    expect(again.kind === 'page' && again.status).toBe(200);
    expect((await idpSignIn(browser, world.sandbox.origin, VIEWER, { silent: true })).idToken).toBeDefined();
  });

  it('only sends the browser back to this server or the viewer after a card is inserted', async () => {
    const browser = new Browser(VIEWER);
    const step = await browser.run(
      `${world.sandbox.origin}/idp/smartcard?user=sarah.ahmed&return=${encodeURIComponent('https://evil.example/')}`,
    );
    expect(step).toMatchObject({ kind: 'page', status: 200 });
    expect(await browser.run(`${world.sandbox.origin}/idp/smartcard?user=nobody`)).toMatchObject({ kind: 'page', status: 400 });
    // Card removal: a path the browser would read as another host (the tab is stripped: `//evil.example/`).
    const removed = await browser.run(`${world.sandbox.origin}/idp/smartcard/remove?return=${encodeURIComponent('/\t/evil.example/')}`);
    expect(removed).toMatchObject({ kind: 'page', status: 200 });
    const home = await browser.run(`${world.sandbox.origin}/idp/smartcard/remove?return=${encodeURIComponent('/hosts/')}`);
    expect(home).toMatchObject({ kind: 'page', status: 200, url: `${world.sandbox.origin}/hosts/` });
  });
});

describe('signed context links', () => {
  /** A host page (card inserted on the way), the link in its frame, the viewer's silent sign-in, and the SMART authorization. */
  async function openFromHost(path: string, options: { browser?: Browser; signIn?: boolean } = {}) {
    const browser = options.browser ?? new Browser(VIEWER);
    const page = await browser.run(`${world.sandbox.origin}${path}`);
    if (page.kind !== 'page' || page.status !== 200) throw new Error(`${path}: ${page.kind === 'page' ? page.status : 'redirect'}`);
    const link = linkInPage(page.html);
    if (!link) throw new Error(`${path} opened no signed link`);
    const signedIn = options.signIn === false ? undefined : await idpSignIn(browser, world.sandbox.origin, VIEWER, { silent: true });
    const launched = await smartLaunch(browser, world.sandbox.origin, VIEWER, {
      launch: link,
      aud: base('gp'),
      redirectPath: '/link.html',
      ...(signedIn?.idToken ? { idTokenHint: signedIn.idToken } : {}),
    });
    return { ...launched, link, browser };
  }

  it('launches from the GP system for the patient by NHS number and date of birth, bound to the signed-in user', async () => {
    const { tokens, returned } = await openFromHost(`/hosts/gp?patient=${THOMPSON}`);
    expect(returned.url.searchParams.get('state')).toBe('state-1');
    expect(tokens).toMatchObject({
      patient: await patientId('gp', THOMPSON),
      patient_nhs_number: THOMPSON,
      need_patient_banner: true,
      role: 'gp',
      fhirUser: stringMatching(new RegExp(`^${base('gp')}/Practitioner/`)),
    });
    expect(await world.sandbox.auth.verifyToken(tokens!.access_token)).toMatchObject({
      userId: 'sarah.ahmed',
      role: 'gp',
      patient: { source: 'gp', nhsNumber: THOMPSON },
    });
    const launches = (await auditFor(THOMPSON)).filter((e) => subtype(e) === 'launch');
    expect(launches.some((e) => JSON.stringify(e).includes(`${world.sandbox.origin}/hosts/gp`))).toBe(true);
  });

  it("carries the paramedic's emergency intent, and names no patient id where the token's server does not hold them", async () => {
    const paramedic = await openFromHost(`/hosts/paramedic?patient=${THOMPSON}`);
    expect(paramedic.tokens).toMatchObject({ intent: 'emergency', role: 'paramedic', patient_nhs_number: THOMPSON });
    // NOWAK is at gp and mental-health; the token's server is gp, so `patient` is his gp id.
    const nurse = await openFromHost(`/hosts/mental-health?patient=${NOWAK}`);
    expect(nurse.tokens).toMatchObject({ role: 'mental-health-nurse', patient: await patientId('gp', NOWAK) });
    expect(await world.sandbox.auth.verifyToken(nurse.tokens!.access_token)).toMatchObject({ patient: { source: 'gp' } });
  });

  it.each([
    ['expired'],
    ['replayed'],
    ['tampered'],
    ['wrong-audience'],
    ['unknown-issuer'],
    ['user-mismatch'],
    ['too-long-lived'],
    ['patient-not-found'],
  ])('refuses a %s link with access_denied naming the refusal, and audits it', async (demo) => {
    const { returned, tokens } = await openFromHost(`/hosts/gp?patient=${THOMPSON}&demo=${demo}`);
    expect(tokens).toBeUndefined();
    expect(returned).toMatchObject({ error: 'access_denied', description: demo });
    expect(returned.url.searchParams.get('state')).toBe('state-1');
    const refusals = (await auditFor()).filter((e) => subtype(e) === 'launch-refused' && e.outcomeDesc === demo);
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals[0]).toMatchObject({ outcome: '8', action: 'E' });
  });

  it.each([
    ['mental-health', NOWAK],
    ['paramedic', THOMPSON],
    ['hospital', THOMPSON],
  ])('makes refused links from the %s system too', async (host, nhsNumber) => {
    expect((await openFromHost(`/hosts/${host}?patient=${nhsNumber}&demo=unknown-issuer`)).returned.description).toBe('unknown-issuer');
    expect((await openFromHost(`/hosts/${host}?patient=${nhsNumber}&demo=tampered`)).returned.description).toBe('tampered');
  });

  it('refuses a link used twice (the real replay check), and one without an id_token', async () => {
    const first = await openFromHost(`/hosts/gp?patient=${THOMPSON}`);
    expect(first.tokens).toBeDefined();
    const { idToken } = await idpSignIn(first.browser, world.sandbox.origin, VIEWER, { silent: true });
    const again = await smartLaunch(first.browser, world.sandbox.origin, VIEWER, {
      launch: first.link,
      aud: base('gp'),
      redirectPath: '/link.html',
      idTokenHint: idToken!,
    });
    expect(again.returned).toMatchObject({ error: 'access_denied', description: 'replayed' });

    const unsigned = await openFromHost(`/hosts/gp?patient=${THOMPSON}`, { signIn: false });
    expect(unsigned.returned).toMatchObject({ error: 'access_denied', description: 'not-signed-in' });
  });

  it("refuses the link when the identity provider's user is not the link's (the card was swapped)", async () => {
    const browser = new Browser(VIEWER);
    const page = await browser.run(`${world.sandbox.origin}/hosts/gp?patient=${THOMPSON}`);
    const link = page.kind === 'page' ? linkInPage(page.html)! : '';
    await browser.run(`${world.sandbox.origin}/idp/smartcard?user=gail.price`);
    const { idToken } = await idpSignIn(browser, world.sandbox.origin, VIEWER, { silent: true });
    const launched = await smartLaunch(browser, world.sandbox.origin, VIEWER, {
      launch: link,
      aud: base('gp'),
      redirectPath: '/link.html',
      idTokenHint: idToken!,
    });
    expect(launched.returned).toMatchObject({ error: 'access_denied', description: 'user-mismatch' });
  });

  it("publishes each host's public key, without its private part", async () => {
    const jwks = (await (await fetch(`${world.sandbox.origin}/hosts/mental-health/jwks.json`)).json()) as {
      keys: Array<Record<string, unknown>>;
    };
    expect(jwks.keys).toEqual([objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: anyString() })]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});

describe('role profiles, enforced by the FHIR servers', () => {
  it('gives an administrator demographics, appointments and the care team only', async () => {
    const token = await tokenFor('gail.price', 'gp', THOMPSON);
    for (const type of ['Observation', 'MedicationRequest', 'Condition', 'Consent', 'DocumentReference']) {
      const refused = await search(token, 'gp', type, THOMPSON);
      expect(refused.status, type).toBe(403);
      expect(accessCode(refused.body), type).toBe('role-withheld');
      expect(refused.body.issue?.[0]?.code).toBe('forbidden');
    }
    for (const type of ['Patient', 'Appointment', 'CareTeam']) {
      const url =
        type === 'Patient'
          ? `${base('gp')}/Patient?identifier=${NHS_NUMBER_SYSTEM}|${THOMPSON}`
          : `${base('gp')}/${type}?patient=${await patientId('gp', THOMPSON)}`;
      expect((await get(token, url)).status, type).toBe(200);
    }
    const observation = (await search(await tokenFor('sarah.ahmed', 'gp', THOMPSON), 'gp', 'Observation', THOMPSON)).resources[0]!;
    expect((await get(token, `${base('gp')}/Observation/${observation.id}`)).status).toBe(403);
  });

  it('gives a social worker alerts, care and contacts, but not results, documents or medicines', async () => {
    const token = await tokenFor('priya.khan', 'social-care', THOMPSON);
    for (const type of ['Observation', 'DocumentReference', 'MedicationRequest', 'Condition']) {
      const refused = await search(token, 'gp', type, THOMPSON);
      expect([refused.status, accessCode(refused.body)], type).toEqual([403, 'role-withheld']);
    }
    for (const type of ['Consent', 'Flag', 'AllergyIntolerance', 'CarePlan', 'CareTeam', 'RelatedPerson', 'Encounter', 'EpisodeOfCare']) {
      expect((await search(token, 'gp', type, THOMPSON)).status, type).toBe(200);
    }
    const respect = await search(token, 'gp', 'Consent', THOMPSON);
    expect(JSON.stringify(respect.resources).toLowerCase()).toContain('not for cpr');
  });

  it("withholds NOWAK's restricted mental health data from a GP, and says so", async () => {
    const token = await tokenFor('sarah.ahmed', 'gp', NOWAK);
    const conditions = await search(token, 'mental-health', 'Condition', NOWAK);
    expect(conditions.status).toBe(200);
    expect(JSON.stringify(conditions.resources)).not.toMatch(/schizophrenia/i);
    expect(conditions.outcomes).toHaveLength(1);
    expect(accessCode(conditions.outcomes[0])).toBe('restricted-withheld');
    expect(conditions.outcomes[0]!.issue?.[0]).toMatchObject({
      severity: 'warning',
      diagnostics: stringMatching(/^1 resources? with the restricted label/),
    });
    const medicines = await search(token, 'mental-health', 'MedicationRequest', NOWAK);
    expect(JSON.stringify(medicines.resources)).not.toMatch(/clozapine/i);
    expect(medicines.body.total).toBe(0);
    // The Patient is not restricted, so the source is still seen to hold him.
    expect((await get(token, `${base('mental-health')}/Patient?identifier=${NHS_NUMBER_SYSTEM}|${NOWAK}`)).resources).toHaveLength(1);

    const nurse = await tokenFor('alan.fraser', 'mental-health', NOWAK);
    const clozapine = (await search(nurse, 'mental-health', 'MedicationRequest', NOWAK)).resources.find((r) =>
      /clozapine/i.test(JSON.stringify(r)),
    )!;
    expect(clozapine).toBeDefined();
    const read = await get(token, `${base('mental-health')}/MedicationRequest/${clozapine.id}`);
    expect([read.status, accessCode(read.body)]).toEqual([403, 'restricted-withheld']);
  });

  it('shows the mental health nurse the restricted data, with no warning', async () => {
    const token = await tokenFor('alan.fraser', 'mental-health', NOWAK);
    const conditions = await search(token, 'mental-health', 'Condition', NOWAK);
    expect(JSON.stringify(conditions.resources)).toMatch(/schizophrenia/i);
    expect(conditions.outcomes).toHaveLength(0);
    expect(JSON.stringify((await search(token, 'mental-health', 'MedicationRequest', NOWAK)).resources)).toMatch(/clozapine/i);
  });

  it('lets a GP break the glass for restricted data, and refuses break-glass to a social worker', async () => {
    const token = await tokenFor('sarah.ahmed', 'gp', NOWAK);
    const glass = await breakGlass(token, { reason: 'clinical-safety', text: 'Possible clozapine toxicity' }, VIEWER);
    expect(glass.status).toBe(200);
    expect(glass.headers.get('access-control-allow-origin')).toBe(VIEWER);
    expect(glass.body).toMatchObject({
      token_type: 'DPoP',
      patient: await patientId('gp', NOWAK),
      purpose_of_use: 'BTG',
      break_glass: { reason: 'clinical-safety', text: 'Possible clozapine toxicity', expires_at: anyString() },
    });
    const minutes = (Date.parse(glass.body.break_glass.expires_at!) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    const medicines = await search(glass.body.access_token, 'mental-health', 'MedicationRequest', NOWAK);
    expect(JSON.stringify(medicines.resources)).toMatch(/clozapine/i);
    expect(medicines.outcomes).toHaveLength(0);

    const social = await breakGlass(await tokenFor('priya.khan', 'gp', NOWAK), { reason: 'safeguarding' });
    expect(social.status).toBe(403);
    expect((await breakGlass(token, { reason: 'other' })).status).toBe(400);
    expect((await breakGlass('not-a-token', { reason: 'safeguarding' })).status).toBe(401);
  });
});

describe('objection to sharing (EVANS, 999 000 0050)', () => {
  it('refuses everything but the Patient, in every source, until the glass is broken; and audits it all', async () => {
    const token = await tokenFor('kwame.osei', 'acute', EVANS);
    for (const [source, type] of [
      ['gp', 'Condition'],
      ['gp', 'Consent'],
      ['acute', 'Observation'],
      ['mental-health', 'Condition'],
      ['social-care', 'CarePlan'],
    ] as const) {
      const refused = await search(token, source, type, EVANS);
      expect([refused.status, accessCode(refused.body)], `${source} ${type}`).toEqual([403, 'objection']);
    }
    const patient = await get(token, `${base('gp')}/Patient?identifier=${NHS_NUMBER_SYSTEM}|${EVANS}`);
    expect(patient.status).toBe(200);
    expect(patient.resources).toHaveLength(1);

    const glass = await breakGlass(token, { reason: 'emergency-care' });
    expect(glass.status).toBe(200);
    const conditions = await search(glass.body.access_token, 'gp', 'Condition', EVANS);
    expect(conditions.status).toBe(200);
    expect(JSON.stringify(conditions.resources)).toMatch(/hypothyroidism/i);
    // Break-glass also opens restricted data (her mental health record).
    expect((await search(glass.body.access_token, 'mental-health', 'Condition', EVANS)).resources).toHaveLength(1);

    const ended = await fetchWithToken(glass.body.access_token, `${world.sandbox.origin}/auth/break-glass/end`, { method: 'POST' });
    expect(ended.status).toBe(204);
    expect((await search(glass.body.access_token, 'gp', 'Condition', EVANS)).status).toBe(401);

    const events = await auditFor(EVANS);
    expect(events.some((e) => e.outcome === '4' && e.outcomeDesc === 'objection')).toBe(true);
    expect(events.some((e) => subtype(e) === 'break-glass-start' && e.purposeOfEvent?.[0]?.coding?.[0]?.code === 'BTG')).toBe(true);
    expect(events.some((e) => subtype(e) === 'break-glass-end')).toBe(true);
    const released = events.find((e) => subtype(e) === 'search' && e.purposeOfEvent?.[0]?.coding?.[0]?.code === 'BTG' && e.outcome === '0');
    expect(released?.entity?.[0]?.detail).toEqual([{ type: 'break-glass-reason', valueString: 'emergency-care' }]);

    const page = await (await officer().fetch(`${world.sandbox.origin}/audit/?patient=999%20000%200050`)).text();
    expect(page).toContain('<caption>Accesses to the record of NHS number 999 000 0050');
    expect(page).toContain('<span class="tag">Break-glass</span>');
    expect(page).toContain('Emergency care: the patient cannot be asked');
    expect(page).toContain('Dr Kwame OSEI');
    expect(page).toContain('Weald General Hospital NHS Trust (ZZ002)');
    expect(page).toContain('objection');
  });
});

describe('audit endpoint', () => {
  /** As the viewer sends them (src/audit/minimal-event.ts): ids and codes, no names, no patient identifier. */
  const viewerEvent = (id?: string): AuditEvent => ({
    resourceType: 'AuditEvent',
    ...(id ? { id } : {}),
    type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110110' },
    subtype: [
      { system: 'http://hl7.org/fhir/restful-interaction', code: 'search' },
      { system: 'https://sandbox.example.nhs.uk/CodeSystem/care-record-viewer-event', code: 'record-opened' },
    ],
    action: 'R',
    recorded: new Date().toISOString(),
    outcome: '0',
    purposeOfEvent: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT' }] }],
    agent: [
      {
        who: { identifier: { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: 'mei.lee' } },
        requestor: true,
        role: [{ coding: [{ code: 'community-nurse' }] }],
      },
    ],
    source: { observer: { identifier: { value: VIEWER } } },
    entity: [
      { type: { code: '1' }, role: { code: '1' } },
      { name: 'gp', role: { code: '24' } },
      { name: 'acute', role: { code: '24' }, detail: [{ type: 'load', valueString: 'failed' }] },
    ],
  });

  const post = async (token: string, body: unknown, origin?: string) =>
    fetchWithToken(token, `${world.sandbox.origin}/fhir/audit`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', ...(origin ? { origin } : {}) },
      body: JSON.stringify(body),
    });

  it("takes a viewer's AuditEvent with the user's token, once per id, naming who and whom from the token", async () => {
    const token = await tokenFor('mei.lee', 'community', PATEL);
    const created = await post(token, viewerEvent('viewer-event-1'), VIEWER);
    expect(created.status).toBe(201);
    // The viewer's queue may send an event again: it is kept once.
    expect((await post(token, viewerEvent('viewer-event-1'))).status).toBe(200);
    expect((await auditFor(PATEL)).filter((e) => e.id === 'viewer-event-1')).toHaveLength(1);
    expect(created.headers.get('access-control-allow-origin')).toBe(VIEWER);
    expect(created.headers.get('location')).toMatch(new RegExp(`^${world.sandbox.origin}/fhir/audit/AuditEvent/`));
    const [stored] = (await auditFor(PATEL)).filter((e) => e.id === 'viewer-event-1');
    expect(stored?.agent[0]).toMatchObject({ requestor: true, who: { identifier: { value: 'mei.lee' }, display: 'Nurse Mei LEE' } });
    expect(stored?.entity?.[0]?.what?.identifier).toEqual({ system: NHS_NUMBER_SYSTEM, value: PATEL });
    expect((await post(token, { resourceType: 'AuditEvent', recorded: 'yesterday' })).status).toBe(400);
    expect((await post(token, { resourceType: 'Patient' })).status).toBe(400);

    const preflight = await fetch(`${world.sandbox.origin}/fhir/audit`, {
      method: 'OPTIONS',
      headers: {
        origin: VIEWER,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, dpop, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(VIEWER);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/DPoP/);

    const page = await (await officer().fetch(`${world.sandbox.origin}/audit/?patient=${PATEL}`)).text();
    expect(page).toContain('Nurse Mei LEE');
    expect(page).toContain('Downs Community Health NHS Trust (ZZ003)');
    expect(page).toContain('Community nurse (S8000:G8000:R8001)');
    expect(page).toContain('Weald General Hospital NHS Trust (acute): did not load in full');
    expect(page).toContain('Record opened');
    expect(page).toContain('<th scope="col">Why</th>');
    expect(page).toContain('Signed in as <strong>Jo WARD</strong>');
  });

  it('goes down and comes back under the `audit` fault', async () => {
    const token = await tokenFor('mei.lee', 'community', THOMPSON);
    try {
      expect(
        (await fetch(`${world.sandbox.origin}/admin/faults`, { method: 'PUT', body: JSON.stringify({ audit: { fail: 500 } }) })).status,
      ).toBe(200);
      expect((await post(token, viewerEvent())).status).toBe(500);
      await fetch(`${world.sandbox.origin}/admin/faults`, { method: 'PUT', body: JSON.stringify({ audit: { fail: 'timeout' } }) });
      await expect(
        fetch(`${world.sandbox.origin}/fhir/audit`, {
          method: 'POST',
          body: JSON.stringify(viewerEvent()),
          signal: AbortSignal.timeout(300),
        }),
      ).rejects.toThrow(/abort|timeout/i);
    } finally {
      await fetch(`${world.sandbox.origin}/admin/faults`, { method: 'DELETE' });
    }
    expect((await post(token, viewerEvent())).status).toBe(201);
  });

  it('records what each FHIR request released, one event per request', async () => {
    const token = await tokenFor('mei.lee', 'community', THOMPSON);
    const before = (await auditFor(THOMPSON)).length;
    await search(token, 'community', 'Encounter', THOMPSON);
    const events = await auditFor(THOMPSON);
    expect(events.length).toBe(before + 1);
    expect(events[0]).toMatchObject({
      type: { code: 'rest' },
      subtype: [{ code: 'search' }],
      action: 'R',
      outcome: '0',
      source: { observer: { display: stringContaining('FHIR server community') } },
      agent: arrayContaining([objectContaining({ requestor: true, who: objectContaining({ display: 'Nurse Mei LEE' }) })]),
    });
  });
});
