// The sandbox contract of docs/architecture.md, tested through HTTP against the
// whole sandbox (synthetic patients loaded), as the viewer and acceptance checks see it.
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NHS_NUMBER_SYSTEM, SOURCE_NAMES, VIEWER_CLIENT_ID, type SourceName } from './config';
import { launchInPage, linkInPage } from './test-helpers/access-flows';
import { fetchWithToken, newDpopKey, rememberKey, tokenRequestProof } from './test-helpers/dpop-client';
import { Browser, pkcePair } from './test-helpers/smart-flow';
import { useWholeSandbox } from './test-helpers/whole-sandbox';

const VIEWER = 'http://127.0.0.1:5173';

const world = useWholeSandbox(VIEWER);
const { base, patientId } = world;

/** A SMART EHR launch from a host, as the viewer performs it, through to the token response. */
async function ehrLaunch(source: SourceName, nhsNumber: string, userId = 'kwame.osei') {
  const launch = world.sandbox.auth.createLaunch({
    source,
    patientId: await patientId(source, nhsNumber),
    userId,
    needPatientBanner: false,
  });
  const { verifier, challenge } = pkcePair();
  const authorize = new URL(`${world.sandbox.origin}/auth/authorize`);
  for (const [name, value] of Object.entries({
    response_type: 'code',
    client_id: VIEWER_CLIENT_ID,
    redirect_uri: `${VIEWER}/`,
    launch,
    state: 'state-1',
    scope: 'launch openid fhirUser patient/*.rs offline_access',
    aud: base(source),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }))
    authorize.searchParams.set(name, value);
  const step = await new Browser(VIEWER).run(authorize.href);
  if (step.kind !== 'redirect') throw new Error(`Launch did not return to the viewer: ${step.status} ${step.html.slice(0, 300)}`);
  expect(step.url.searchParams.get('state')).toBe('state-1');
  const key = await newDpopKey();
  const response = await fetch(`${world.sandbox.origin}/auth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      dpop: await tokenRequestProof(key, `${world.sandbox.origin}/auth/token`),
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: step.url.searchParams.get('code')!,
      code_verifier: verifier,
      redirect_uri: `${VIEWER}/`,
      client_id: VIEWER_CLIENT_ID,
    }),
  });
  expect(response.status).toBe(200);
  const tokens = (await response.json()) as { access_token: string; patient: string; need_patient_banner: boolean; fhirUser: string };
  rememberKey(tokens.access_token, key);
  return tokens;
}

async function search(
  token: string,
  source: SourceName,
  query: string,
): Promise<{ status: number; resources: Resource[]; bundle: Bundle }> {
  const response = await fetchWithToken(token, `${base(source)}/${query}`, { headers: { accept: 'application/fhir+json' } });
  const bundle = (await response.json()) as Bundle;
  return { status: response.status, bundle, resources: (bundle.entry ?? []).map((e) => e.resource!).filter(Boolean) };
}

const text = (value: unknown) => JSON.stringify(value).toLowerCase();

describe('sandbox contract', () => {
  it.each(SOURCE_NAMES)('%s answers /metadata and SMART discovery without a token', async (source) => {
    const metadata = await fetch(`${base(source)}/metadata`);
    expect(metadata.status).toBe(200);
    expect(await metadata.json()).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
    const smart = await fetch(`${base(source)}/.well-known/smart-configuration`);
    expect(await smart.json()).toMatchObject({
      authorization_endpoint: `${world.sandbox.origin}/auth/authorize`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('refuses reads without a token', async () => {
    const response = await fetch(`${base('gp')}/Patient?identifier=${NHS_NUMBER_SYSTEM}|9990000018`);
    expect(response.status).toBe(401);
  });

  it('issues a token through an EHR launch that carries the launch context', async () => {
    const tokens = await ehrLaunch('acute', '9990000018');
    expect(tokens.patient).toBe(await patientId('acute', '9990000018'));
    expect(tokens.need_patient_banner).toBe(false);
    expect(tokens.fhirUser).toMatch(new RegExp(`^${base('acute')}/Practitioner/`));
  });

  describe('a token for Margaret Thompson (999 000 0018) launched from the hospital', () => {
    let token: string;
    beforeAll(async () => {
      token = (await ehrLaunch('acute', '9990000018')).access_token;
    });

    it('reads her record in every source that holds her, found by NHS number', async () => {
      const holding: SourceName[] = ['gp', 'acute', 'community', 'social-care'];
      for (const source of SOURCE_NAMES) {
        const found = await search(token, source, `Patient?identifier=${NHS_NUMBER_SYSTEM}|9990000018`);
        expect(found.status, source).toBe(200);
        expect(
          found.resources.filter((r) => r.resourceType === 'Patient'),
          source,
        ).toHaveLength(holding.includes(source) ? 1 : 0);
      }
    });

    it('finds the ReSPECT "Not for CPR" decision at the GP and the amlodipine dose conflict', async () => {
      const gpId = await patientId('gp', '9990000018');
      const consents = await search(token, 'gp', `Consent?patient=${gpId}`);
      expect(consents.status).toBe(200);
      expect(text(consents.resources)).toContain('not for cpr');

      const gpMeds = await search(token, 'gp', `MedicationRequest?patient=${gpId}&status=active&_count=100`);
      const acuteMeds = await search(token, 'acute', `MedicationRequest?patient=${await patientId('acute', '9990000018')}&status=active`);
      expect(text(gpMeds.resources)).toMatch(/amlodipine 5\s?mg/);
      expect(text(acuteMeds.resources)).toMatch(/amlodipine 10\s?mg/);
    });

    it("refuses anyone else's record with 403, by id, by search and by identifier", async () => {
      const danielGp = await patientId('gp', '9990000026');
      expect((await fetchWithToken(token, `${base('gp')}/Patient/${danielGp}`)).status).toBe(403);
      expect((await search(token, 'gp', `Condition?patient=${danielGp}`)).status).toBe(403);
      expect((await search(token, 'gp', `Patient?identifier=${NHS_NUMBER_SYSTEM}|9990000026`)).status).toBe(403);
      expect((await search(token, 'acute', 'Encounter?class=EMER')).status).toBe(403);
    });
  });

  it('pages large searches with next links', async () => {
    const token = (await ehrLaunch('gp', '9990000085', 'sarah.ahmed')).access_token;
    const first = await search(token, 'gp', `Observation?patient=${await patientId('gp', '9990000085')}&_count=200`);
    expect(first.status).toBe(200);
    expect(first.resources).toHaveLength(200);
    expect(first.bundle.total).toBeGreaterThan(200);
    const next = first.bundle.link?.find((l) => l.relation === 'next')?.url;
    expect(next).toMatch(new RegExp(`^${base('gp')}/Observation\\?`));
    const second = await fetchWithToken(token, next!);
    const page = (await second.json()) as Bundle;
    const firstIds = new Set(first.resources.map((r) => r.id));
    expect(page.entry?.some((e) => firstIds.has(e.resource?.id))).toBe(false);
  });

  it('loads a transaction Bundle posted to a base without a token, resolving urn:uuid references', async () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:0b7f3c9e-6a39-4c1b-9f65-1d2b8f1e0a01',
          resource: {
            resourceType: 'Patient',
            identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9990001006' }],
            name: [{ family: 'Feed', given: ['Test'] }],
            birthDate: '1990-01-01',
          },
          request: { method: 'POST', url: 'Patient' },
        },
        {
          fullUrl: 'urn:uuid:0b7f3c9e-6a39-4c1b-9f65-1d2b8f1e0a02',
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { text: 'Feed check' },
            subject: { reference: 'urn:uuid:0b7f3c9e-6a39-4c1b-9f65-1d2b8f1e0a01' },
          },
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    };
    const loaded = await fetch(base('community'), {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(bundle),
    });
    expect(loaded.status).toBe(200);
    const id = await patientId('community', '9990001006');
    const token = (await ehrLaunch('community', '9990001006', 'mei.lee')).access_token;
    const observations = await search(token, 'community', `Observation?patient=${id}`);
    expect(observations.resources.map((r) => r.resourceType === 'Observation' && r.code.text)).toEqual(['Feed check']);
  });

  describe('fault injection through the admin endpoint', () => {
    let token: string;
    beforeAll(async () => {
      token = (await ehrLaunch('acute', '9990000018')).access_token;
    });
    afterAll(async () => {
      await fetch(`${world.sandbox.origin}/admin/faults`, { method: 'DELETE' });
    });
    const setFaults = (body: unknown) => fetch(`${world.sandbox.origin}/admin/faults`, { method: 'PUT', body: JSON.stringify(body) });
    const query = () => `Patient?identifier=${NHS_NUMBER_SYSTEM}|9990000018`;

    it('adds latency to one source only', async () => {
      expect((await setFaults({ community: { latencyMs: 300 } })).status).toBe(200);
      const started = performance.now();
      expect((await search(token, 'community', query())).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      // A browser's CORS preflight is a round trip of its own, and pays it too.
      const preflightStarted = performance.now();
      const preflight = await fetch(`${base('community')}/Patient`, {
        method: 'OPTIONS',
        headers: { origin: VIEWER, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      expect(preflight.status).toBeLessThan(300);
      expect(performance.now() - preflightStarted).toBeGreaterThanOrEqual(290);
      const fast = performance.now();
      expect((await search(token, 'gp', query())).status).toBe(200);
      expect(performance.now() - fast).toBeLessThan(290);
    });

    it('fails a source with HTTP 500 and an OperationOutcome', async () => {
      await setFaults({ gp: { fail: 500 } });
      const failed = await search(token, 'gp', query());
      expect(failed.status).toBe(500);
      expect(failed.bundle.resourceType).toBe('OperationOutcome');
      expect((await search(token, 'acute', query())).status).toBe(200);
    });

    it('makes a source never answer, so the client times out', async () => {
      await setFaults({ 'social-care': { fail: 'timeout' } });
      const attempt = fetchWithToken(token, `${base('social-care')}/${query()}`, { signal: AbortSignal.timeout(400) });
      await expect(attempt).rejects.toThrow(/abort|timeout/i);
    });

    it('rejects a malformed fault and clears all faults', async () => {
      expect((await setFaults({ pharmacy: { fail: 500 } })).status).toBe(400);
      const cleared = await fetch(`${world.sandbox.origin}/admin/faults`, { method: 'DELETE' });
      expect(await cleared.json()).toEqual({});
      expect((await search(token, 'gp', query())).status).toBe(200);
    });
  });

  it('host simulators sign their user in with a smartcard, then open a patient by NHS number and launch the viewer', async () => {
    const browser = new Browser(VIEWER);
    const page = async (path: string) => {
      const step = await browser.run(`${world.sandbox.origin}${path}`);
      if (step.kind !== 'page') throw new Error(`${path} sent the browser to the viewer`);
      return step;
    };
    const hospital = await page('/hosts/hospital?patient=999%20000%200018');
    expect(hospital.status).toBe(200);
    // The hospital keeps its SMART EHR launch, with the launching source as iss.
    const launchUrl = launchInPage(hospital.html)!;
    expect(launchUrl.origin + launchUrl.pathname).toBe(`${VIEWER}/launch.html`);
    expect(launchUrl.searchParams.get('iss')).toBe(base('acute'));
    expect(launchUrl.searchParams.get('launch')).toBeTruthy();
    expect(hospital.html).toContain('THOMPSON, Margaret (Mrs)');
    expect(hospital.html).toContain('Remove smartcard');

    // The GP system (EMIS Web classic) opens the viewer with a signed context link in the fragment...
    const gp = await page('/hosts/gp?patient=9990000018');
    const linkUrl = launchInPage(gp.html)!;
    expect(linkUrl.origin + linkUrl.pathname).toBe(`${VIEWER}/link.html`);
    expect(linkInPage(gp.html)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    // ...and still does a SMART EHR launch when asked.
    const smart = launchInPage((await page('/hosts/gp?patient=9990000018&launch=smart')).html)!;
    expect(smart.pathname).toBe('/launch.html');
    expect(smart.searchParams.get('iss')).toBe(base('gp'));

    expect((await page('/hosts/hospital?patient=ACU-7731')).status).toBe(200);
    expect((await page('/hosts/gp?patient=nobody')).status).toBe(404);
    const index = (await page('/hosts/')).html;
    for (const host of ['gp', 'hospital', 'mental-health', 'paramedic']) expect(index).toContain(`/hosts/${host}`);
  });
});
