// Attacks on the shared care record's servers, tried as an attacker would, with
// real tokens from real launches against the whole sandbox (docs/security.md
// lists each with the test that tries it).
import type { AuditEvent, Bundle } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { dpopProof } from '../src/sources/dpop';
import type { SourceName } from './config';
import { VIEWER_CLIENT_ID } from './config';
import { idpSignIn, linkInPage, privacyOfficer, pushAuthorizationRequest, smartLaunch } from './test-helpers/access-flows';
import { UNAUTHENTICATED_PER_MINUTE } from './audit/audit-endpoint';
import { fetchWithToken, keyOf, newDpopKey, tokenHeaders } from './test-helpers/dpop-client';
import { Browser, pkcePair } from './test-helpers/smart-flow';
import { useWholeSandbox } from './test-helpers/whole-sandbox';

const VIEWER = 'http://127.0.0.1:5173';
const THOMPSON = '9990000018';

const world = useWholeSandbox(VIEWER);
const { base, patientId } = world;

/** A real token from a SMART EHR launch at the hospital, bound to a key made for it (as the viewer's is). */
async function launchToken(userId = 'kwame.osei', source: SourceName = 'acute', nhsNumber = THOMPSON): Promise<string> {
  const launch = world.sandbox.auth.createLaunch({
    source,
    patientId: await patientId(source, nhsNumber),
    userId,
    needPatientBanner: true,
  });
  const { tokens } = await smartLaunch(new Browser(VIEWER), world.sandbox.origin, VIEWER, { launch, aud: base(source) });
  return tokens!.access_token;
}

describe('a token taken by one source (or from a log) is useless elsewhere (DPoP, RFC 9449)', () => {
  it("is accepted with a fresh proof by the viewer's key, at every source", async () => {
    const token = await launchToken();
    for (const source of ['gp', 'acute', 'community'] as const) {
      const url = `${base(source)}/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${THOMPSON}`;
      expect((await fetchWithToken(token, url)).status, source).toBe(200);
    }
  });

  it('refuses the token and proof a hostile source received, replayed at another source', async () => {
    const token = await launchToken();
    // What the gp source saw: the token and a proof made for its own URL.
    const atGp = `${base('gp')}/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${THOMPSON}`;
    const captured = await tokenHeaders(token, 'GET', atGp);
    const replayed = await fetch(`${base('acute')}/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${THOMPSON}`, {
      headers: captured,
    });
    expect(replayed.status).toBe(401);
    expect(replayed.headers.get('www-authenticate')).toMatch(/^DPoP .*error="invalid_dpop_proof"/);
    expect(JSON.stringify(await replayed.json())).toContain('another URL');
  });

  it('refuses a proof used a second time, even at the URL it was made for', async () => {
    const token = await launchToken();
    const url = `${base('gp')}/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${THOMPSON}`;
    const headers = await tokenHeaders(token, 'GET', url);
    expect((await fetch(url, { headers })).status).toBe(200);
    const again = await fetch(url, { headers });
    expect(again.status).toBe(401);
    expect(JSON.stringify(await again.json())).toContain('used before');
  });

  it('refuses the token as a bearer token, or with no proof', async () => {
    const token = await launchToken();
    const url = `${base('acute')}/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${THOMPSON}`;
    const bearer = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(bearer.status).toBe(401);
    expect(bearer.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    expect((await fetch(url, { headers: { authorization: `DPoP ${token}` } })).status).toBe(401);
  });

  it("refuses the token with a proof by the attacker's own key", async () => {
    const token = await launchToken();
    const url = `${base('acute')}/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${THOMPSON}`;
    const proof = await dpopProof(await newDpopKey(), 'GET', url, { accessToken: token });
    const response = await fetch(url, { headers: { authorization: `DPoP ${token}`, dpop: proof } });
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).toContain('another key');
  });

  it('refuses a proof made for another method, another token or long ago', async () => {
    const token = await launchToken();
    const other = await launchToken('sarah.ahmed', 'gp');
    const key = keyOf(token)!;
    const url = `${base('acute')}/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${THOMPSON}`;
    const send = async (proof: string) => (await fetch(url, { headers: { authorization: `DPoP ${token}`, dpop: proof } })).status;
    expect(await send(await dpopProof(key, 'POST', url, { accessToken: token }))).toBe(401);
    expect(await send(await dpopProof(key, 'GET', url, { accessToken: other }))).toBe(401);
    expect(await send(await dpopProof(key, 'GET', url, { accessToken: token, now: Date.now() - 5 * 60_000 }))).toBe(401);
    expect(await send(await dpopProof(key, 'GET', url, { accessToken: token }))).toBe(200);
  });

  it('refuses a batch replayed with a proof taken from a GET at the same source', async () => {
    const token = await launchToken();
    const search = `${base('gp')}/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${THOMPSON}`;
    const headers = await tokenHeaders(token, 'GET', search);
    const batch = await fetch(base('gp'), {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'GET', url: `Observation?patient=${await patientId('gp', THOMPSON)}` } }],
      }),
    });
    expect(batch.status).toBe(401);
  });
});

describe('no secrets in addresses: a signed link and an id_token are pushed (PAR, RFC 9126)', () => {
  /** The GP host's signed link and the viewer's silent sign-in, as the viewer has them before the SMART step. */
  async function linkAndIdToken() {
    const browser = new Browser(VIEWER);
    const page = await browser.run(`${world.sandbox.origin}/hosts/gp?patient=${THOMPSON}`);
    const link = page.kind === 'page' ? linkInPage(page.html) : undefined;
    const { idToken } = await idpSignIn(browser, world.sandbox.origin, VIEWER, { silent: true });
    return { browser, link: link!, idToken: idToken! };
  }

  function request(link: string, idToken?: string) {
    return {
      response_type: 'code',
      client_id: VIEWER_CLIENT_ID,
      redirect_uri: `${VIEWER}/index.html`,
      state: 'par-state',
      scope: 'launch openid fhirUser patient/*.rs',
      aud: base('gp'),
      launch: link,
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
      ...(idToken ? { id_token_hint: idToken } : {}),
    };
  }

  it('refuses a signed link, or an id_token, in the authorize address', async () => {
    const { browser, link, idToken } = await linkAndIdToken();
    for (const query of [request(link, idToken), request(link), { ...request('launch-id', idToken) }]) {
      const step = await browser.run(`${world.sandbox.origin}/auth/authorize?${new URLSearchParams(query).toString()}`);
      expect(step.kind).toBe('page');
      expect(step.kind === 'page' && [step.status, step.html.includes('push them')]).toEqual([400, true]);
    }
  });

  it('opens the record from a pushed request whose address carries only client_id and request_uri, once', async () => {
    const { browser, link, idToken } = await linkAndIdToken();
    const requestUri = await pushAuthorizationRequest(world.sandbox.origin, VIEWER, request(link, idToken));
    expect(requestUri).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    const address = `${world.sandbox.origin}/auth/authorize?${new URLSearchParams({ client_id: VIEWER_CLIENT_ID, request_uri: requestUri }).toString()}`;
    expect(address).not.toContain(link);
    expect(address).not.toContain(idToken);
    const step = await browser.run(address);
    expect(step.kind === 'redirect' && step.url.searchParams.get('code')).toBeTruthy();
    const again = await browser.run(address);
    expect(again.kind === 'redirect' ? again.url.searchParams.get('error') : again.status).not.toBe(null);
    expect(again.kind === 'redirect' && again.url.searchParams.get('code')).toBeFalsy();
  });
});

describe("the audit log: written with the user's token, read by a signed-in privacy officer only", () => {
  /** An event claiming Dr OSEI viewed Margaret Thompson's record. */
  const forged = (id: string): AuditEvent => ({
    resourceType: 'AuditEvent',
    id,
    type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110110' },
    subtype: [{ system: 'https://sandbox.example.nhs.uk/CodeSystem/care-record-viewer-event', code: 'record-opened' }],
    action: 'R',
    recorded: new Date().toISOString(),
    outcome: '0',
    agent: [
      {
        who: { identifier: { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: 'kwame.osei' }, display: 'Dr Kwame OSEI' },
        requestor: true,
      },
    ],
    source: { observer: { display: 'Shared care record viewer' } },
    entity: [{ what: { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: THOMPSON } }, role: { code: '1' } }],
  });
  const audit = () => `${world.sandbox.origin}/fhir/audit`;

  it('refuses an unauthenticated read of the log, and of one event', async () => {
    const all = await fetch(`${audit()}?patient=${THOMPSON}`);
    expect(all.status).toBe(401);
    expect(JSON.stringify(await all.json())).not.toContain(THOMPSON);
    expect((await fetch(`${audit()}/AuditEvent/anything`)).status).toBe(401);
  });

  it("sends the privacy officer's page to sign in first, and refuses it to a clinician", async () => {
    const anonymous = await fetch(`${world.sandbox.origin}/audit/?patient=${THOMPSON}`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(new RegExp(`^${world.sandbox.origin}/idp/authorize\\?`));
    const clinician = await privacyOfficer(world.sandbox.origin, VIEWER, 'kwame.osei');
    expect(clinician.page).toMatchObject({ kind: 'page', status: 403 });
    expect(clinician.page.kind === 'page' && clinician.page.html).toContain('for privacy officers only');
    expect((await clinician.browser.fetch(`${audit()}?patient=${THOMPSON}`)).status).toBe(401);
    const officer = await privacyOfficer(world.sandbox.origin, VIEWER);
    expect(officer.page).toMatchObject({ kind: 'page', status: 200 });
    expect((await officer.browser.fetch(`${audit()}?patient=${THOMPSON}`)).status).toBe(200);
  });

  it("refuses a forged write without a token, and names the token's user and patient whatever an event claims", async () => {
    const refused = await fetch(audit(), {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(forged('forged-1')),
    });
    expect(refused.status).toBe(401);
    const token = await launchToken('mei.lee', 'community', '9990000042');
    const written = await fetchWithToken(token, audit(), {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(forged('forged-2')),
    });
    expect(written.status).toBe(201);
    const stored = (await written.json()) as AuditEvent;
    expect(stored.agent[0]?.who).toMatchObject({ identifier: { value: 'mei.lee' }, display: 'Nurse Mei LEE' });
    expect(stored.entity?.[0]?.what?.identifier?.value).toBe('9990000042');
    expect(JSON.stringify(stored)).not.toMatch(/kwame\.osei|OSEI|9990000018/);
    const officer = await privacyOfficer(world.sandbox.origin, VIEWER);
    const log = (await (await officer.browser.fetch(`${audit()}?patient=${THOMPSON}`)).json()) as Bundle<AuditEvent>;
    expect((log.entry ?? []).some((e) => e.resource?.id?.startsWith('forged'))).toBe(false);
  });

  it('takes refused launches only on the unauthenticated channel, marked so, and rate-limits it', async () => {
    const refusedLaunch = {
      ...forged('refused-1'),
      subtype: [{ system: 'https://sandbox.example.nhs.uk/CodeSystem/care-record-viewer-event', code: 'launch-refused' }],
      outcome: '8',
    };
    const post = (body: unknown) =>
      fetch(`${audit()}/unauthenticated`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify(body),
      });
    expect((await post(forged('not-a-refusal'))).status).toBe(403);
    const accepted = await post(refusedLaunch);
    expect(accepted.status).toBe(201);
    expect(((await accepted.json()) as AuditEvent).meta?.tag?.[0]?.code).toBe('unauthenticated');
    const statuses: number[] = [];
    for (let i = 0; i < UNAUTHENTICATED_PER_MINUTE; i++) statuses.push((await post({ ...refusedLaunch, id: `refused-burst-${i}` })).status);
    expect(statuses.slice(0, UNAUTHENTICATED_PER_MINUTE - 2).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('one answer for "another patient\'s" and "no such patient" (nothing says who exists)', () => {
  const NOWAK = '9990000034';
  const answer = async (token: string, url: string) => {
    const response = await fetchWithToken(token, url);
    return { status: response.status, body: JSON.stringify(await response.json()) };
  };

  it("answers a read of another patient's record exactly as a read of one that does not exist", async () => {
    const token = await launchToken();
    const theirs = await answer(token, `${base('gp')}/Patient/${await patientId('gp', NOWAK)}`);
    const nobody = await answer(token, `${base('gp')}/Patient/no-such-patient`);
    expect(theirs.status).toBe(403);
    expect(nobody).toEqual(theirs);
  });

  it('answers a search for another patient exactly as one for a patient who does not exist', async () => {
    const token = await launchToken();
    const nowakId = await patientId('gp', NOWAK);
    const theirs = await answer(token, `${base('gp')}/Condition?patient=${nowakId}`);
    const nobody = await answer(token, `${base('gp')}/Condition?patient=no-such-patient`);
    expect(theirs.status).toBe(403);
    expect(nobody).toEqual(theirs);
    const byTheirNhs = await answer(token, `${base('gp')}/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${NOWAK}`);
    const byNoNhs = await answer(token, `${base('gp')}/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9990000999`);
    expect(byTheirNhs.status).toBe(403);
    expect(byNoNhs).toEqual(byTheirNhs);
  });

  it("refuses a search not pinned to the token's patient before running it, found or not", async () => {
    const token = await launchToken();
    const releasedBefore = world.sandbox.audit.store.list().length;
    // Run, this would match many patients' conditions; the next would match none.
    const found = await answer(token, `${base('gp')}/Condition?clinical-status=active`);
    const notFound = await answer(token, `${base('gp')}/Condition?code=http://snomed.info/sct|0`);
    const byName = await answer(token, `${base('gp')}/Patient?name=NOWAK`);
    expect([found.status, notFound.status, byName.status]).toEqual([403, 403, 403]);
    expect(notFound).toEqual(found);
    expect(byName.body).toEqual(found.body);
    // Nothing was released (so no release was audited) for any of them.
    expect(world.sandbox.audit.store.list().length).toBe(releasedBefore);
    // The directory is no one's record: searched freely.
    expect(
      (await fetchWithToken(token, `${base('gp')}/Practitioner?identifier=https://fhir.nhs.uk/Id/sds-user-id|sarah.ahmed`)).status,
    ).toBe(200);
  });
});

describe('the identity provider down (the idp fault)', () => {
  it('answers 500, then comes back', async () => {
    world.sandbox.faults.set({ idp: { fail: 500 } });
    try {
      const down = await fetch(`${world.sandbox.origin}/idp/.well-known/openid-configuration`);
      expect(down.status).toBe(500);
      expect(await down.text()).toContain('The identity provider is unavailable (injected fault)');
    } finally {
      world.sandbox.faults.clear();
    }
    expect((await fetch(`${world.sandbox.origin}/idp/.well-known/openid-configuration`)).status).toBe(200);
  });
});
