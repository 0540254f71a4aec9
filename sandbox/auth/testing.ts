// Test support for the authorisation server: the server on a real node:http
// server (port 0) with a few patients, and the browser's and the app's side of
// its flows over HTTP (redirects followed by hand, cookies kept, forms
// submitted, every token request proved with the viewer's DPoP key).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, expect } from 'vitest';
import { NHS_NUMBER_SYSTEM, SOURCE_NAMES, VIEWER_CLIENT_ID, type SourceName } from '../config';
import { createAuthorizationServer, type AuthorizationServer, type AuthorizationServerOptions } from './authorization-server';
import { Browser as ScriptedBrowser, pkcePair, type Step } from '../test-helpers/smart-flow';
import { newDpopKey, tokenRequestProof } from '../test-helpers/dpop-client';
import type { DpopKey } from '../../src/sources/dpop';

/** A browser that stops when it is sent back to the viewer. */
export class Browser extends ScriptedBrowser {
  constructor() {
    super(VIEWER);
  }
}

export const VIEWER = 'http://127.0.0.1:5173';
const REDIRECT_URI = `${VIEWER}/`;

const PATIENTS: Array<{ source: SourceName; patient: Patient }> = [
  {
    source: 'gp',
    patient: {
      resourceType: 'Patient',
      id: 'gp-thompson',
      identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9990000018' }],
      name: [{ use: 'official', family: 'Thompson', given: ['Margaret'], prefix: ['Mrs'] }],
      birthDate: '1938-03-02',
    },
  },
  {
    source: 'acute',
    patient: {
      resourceType: 'Patient',
      id: 'acute-unknown',
      identifier: [{ system: 'https://fhir.weald-general.example.nhs.uk/Id/hospital-number', value: 'ACU-7731' }],
      name: [{ family: 'Unknown', given: ['Male'] }],
    },
  },
  {
    source: 'gp',
    patient: {
      resourceType: 'Patient',
      id: 'gp-mallory',
      name: [{ family: '<script>alert(1)</script>', given: ['Eve'] }],
      birthDate: '1970',
    },
  },
];

interface Sandbox {
  origin: string;
  issuer: string;
  auth: AuthorizationServer;
  fhirBase(source: SourceName): string;
  /** Moves the launch clock on. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startSandbox(overrides: Partial<AuthorizationServerOptions> = {}): Promise<Sandbox> {
  // The issuer needs the port, so the server listens before the authorisation server exists.
  const mounted: { auth?: AuthorizationServer } = {};
  const server = createServer((req, res) => {
    if (mounted.auth && req.url?.startsWith('/auth')) {
      mounted.auth.handle(req, res).catch((error: unknown) => {
        console.error(error);
        res.writeHead(500).end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fhirBase = (source: SourceName) => `${origin}/fhir/${source}`;
  let offset = 0;
  const auth = await createAuthorizationServer({
    issuer: `${origin}/auth`,
    fhirBaseUrls: Object.fromEntries(SOURCE_NAMES.map((s) => [s, fhirBase(s)])) as Record<SourceName, string>,
    viewerRedirectUris: [REDIRECT_URI, `${VIEWER}/index.html`],
    lookupPatient: (source, id) => Promise.resolve(PATIENTS.find((p) => p.source === source && p.patient.id === id)?.patient),
    listPatients: () => Promise.resolve(PATIENTS),
    resolveFhirUser: (user) => Promise.resolve(`${fhirBase(user.practitionerSource)}/Practitioner/prac-${user.id}`),
    now: () => Date.now() + offset,
    ...overrides,
  });
  mounted.auth = auth;
  return {
    origin,
    issuer: `${origin}/auth`,
    auth,
    fhirBase,
    advance: (ms) => {
      offset += ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The server for one file's tests: started before the first, closed after the last. */
export function useSandbox(): Sandbox {
  let started: Sandbox | undefined;
  beforeAll(async () => {
    started = await startSandbox();
  });
  afterAll(async () => {
    await started?.close();
  });
  const current = (): Sandbox => {
    if (!started) throw new Error('The authorisation server is not running yet: use it inside a test or hook');
    return started;
  };
  return {
    get origin() {
      return current().origin;
    },
    get issuer() {
      return current().issuer;
    },
    get auth() {
      return current().auth;
    },
    fhirBase: (source) => current().fhirBase(source),
    advance: (ms) => current().advance(ms),
    close: () => current().close(),
  };
}

export function authorizeRequest(sandbox: Sandbox, overrides: Record<string, string | undefined> = {}) {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(16).toString('base64url');
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: VIEWER_CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'launch openid fhirUser profile patient/*.rs offline_access',
    aud: sandbox.fhirBase('gp'),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  const url = new URL(`${sandbox.issuer}/authorize`);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return { url: url.href, verifier, state };
}

/** The viewer's key in these tests: every token request proves it (DPoP), unless told to use another or none. */
export const KEY: DpopKey = await newDpopKey();

export async function tokenRequest(sandbox: Sandbox, fields: Record<string, string>, origin?: string, key: DpopKey | null = KEY) {
  const endpoint = `${sandbox.issuer}/token`;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(origin ? { origin } : {}),
      ...(key ? { dpop: await tokenRequestProof(key, endpoint) } : {}),
    },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

export function exchangeCode(sandbox: Sandbox, code: string, verifier: string, origin?: string, key: DpopKey | null = KEY) {
  return tokenRequest(
    sandbox,
    {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
      client_id: VIEWER_CLIENT_ID,
    },
    origin,
    key,
  );
}

/** As fhirclient refreshes by default: a public app, no client_id. */
export function refresh(sandbox: Sandbox, refreshToken: unknown, key: DpopKey | null = KEY) {
  return tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: String(refreshToken) }, undefined, key);
}

export function redirected(step: Step): URLSearchParams {
  if (step.kind !== 'redirect') throw new Error(`Expected a redirect to the viewer, got a ${step.status} page:\n${step.html}`);
  return step.url.searchParams;
}

export function gpLaunch(sandbox: Sandbox) {
  return sandbox.auth.createLaunch({
    source: 'gp',
    patientId: 'gp-thompson',
    userId: 'sarah.ahmed',
    needPatientBanner: false,
    smartStyleUrl: `${sandbox.origin}/hosts/gp/smart-style.json`,
    intent: 'summary',
  });
}

/** An EHR launch from the GP system, through to the token response. */
export async function ehrTokens(sandbox: Sandbox) {
  const request = authorizeRequest(sandbox, { launch: gpLaunch(sandbox) });
  const returned = redirected(await new Browser().run(request.url));
  const tokens = await exchangeCode(sandbox, returned.get('code')!, request.verifier);
  expect(tokens.status).toBe(200);
  return tokens.body;
}

/** An authorization request the server refuses: the error it sends back to the app. */
export async function authorizationError(sandbox: Sandbox, overrides: Record<string, string | undefined>) {
  const request = authorizeRequest(sandbox, overrides);
  const returned = redirected(await new Browser().run(request.url));
  expect(returned.get('state')).toBe(request.state);
  expect(returned.has('code')).toBe(false);
  return { error: returned.get('error'), description: returned.get('error_description') ?? '' };
}
