// The audit endpoint's writes on their own: what a write without a usable token
// is told, and how the `audit` fault makes the endpoint slow, down or silent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent, OperationOutcome } from '@medplum/fhirtypes';
import type { AccessGrant } from '../auth/grant';
import { Faults } from '../faults';
import { createAuditEndpoint, type AuditEndpoint } from './audit-endpoint';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const live: AccessGrant = { clientId: 'viewer', scopes: ['patient/*.rs'], userId: 'mei.lee', expiresAt: NOW / 1000 + 600 };
const tokens = new Map<string, AccessGrant>([
  ['live', live],
  ['expired', { ...live, expiresAt: NOW / 1000 - 1 }],
  ['bound', { ...live, jkt: 'thumbprint-of-the-viewers-key' }],
]);

const event: AuditEvent = {
  resourceType: 'AuditEvent',
  type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110110' },
  subtype: [{ system: 'https://sandbox.example.nhs.uk/CodeSystem/care-record-viewer-event', code: 'record-opened' }],
  action: 'R',
  recorded: new Date(NOW).toISOString(),
  outcome: '0',
  agent: [{ who: { display: 'Whoever the event claims' }, requestor: true }],
  source: { observer: { display: 'Shared care record viewer' } },
};

const faults = new Faults();
let server: Server;
let endpoint: AuditEndpoint;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => void endpoint.handleApi(req, res, new URL(req.url ?? '/', base)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `${origin}/fhir/audit`;
  endpoint = createAuditEndpoint({
    baseUrl: base,
    faults,
    verifyToken: (token) => Promise.resolve(tokens.get(token)),
    signIn: { idpIssuer: `${origin}/idp`, verifyIdToken: () => Promise.resolve(undefined) },
    now: () => NOW,
  });
});

afterAll(async () => {
  endpoint.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => faults.clear());

const write = (authorization?: string, init: RequestInit = {}) =>
  fetch(base, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(event),
    ...init,
  });

const diagnostics = async (response: Response) => ((await response.json()) as OperationOutcome).issue?.[0]?.diagnostics;

describe("the audit endpoint's writes", () => {
  it('refuses a write without a token, or with one unknown or expired, sending it to the unauthenticated channel', async () => {
    for (const authorization of [undefined, 'Bearer unknown', 'DPoP expired']) {
      const response = await write(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(`DPoP realm="${base}", algs="ES256", error="invalid_token"`);
      expect(await diagnostics(response)).toBe(
        "Audit events are written with the user's access token (refused launches go to /fhir/audit/unauthenticated)",
      );
    }
  });

  it('refuses a token bound to a key when it comes without its proof', async () => {
    const response = await write('Bearer bound');
    expect(response.status).toBe(401);
    expect(await diagnostics(response)).toBe(
      'The access token was refused: the token is bound to a key (DPoP): a bearer token alone is not accepted',
    );
    expect(response.headers.get('www-authenticate')).toMatch(new RegExp(`^DPoP realm="${base}", algs="ES256", error="invalid_token"`));
  });

  it("stores a write under the token's user, whoever the event names", async () => {
    const response = await write('Bearer live');
    expect(response.status).toBe(201);
    const stored = (await response.json()) as AuditEvent;
    expect(response.headers.get('location')).toBe(`${base}/AuditEvent/${stored.id}`);
    expect(stored.agent[0]?.who?.identifier?.value).toBe('mei.lee');
  });
});

describe('the audit fault', () => {
  it('answers 500 while the endpoint is down', async () => {
    faults.set({ audit: { fail: 500 } });
    const response = await write('Bearer live');
    expect(response.status).toBe(500);
    expect(await diagnostics(response)).toBe('Injected fault: the audit endpoint is down');
  });

  it('waits the latency before answering', async () => {
    faults.set({ audit: { latencyMs: 200 } });
    const started = performance.now();
    expect((await write('Bearer live')).status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('never answers on timeout, until the endpoint is closed', async () => {
    faults.set({ audit: { fail: 'timeout' } });
    await expect(write('Bearer live', { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    const held = write('Bearer live');
    await new Promise((resolve) => setTimeout(resolve, 100));
    endpoint.close();
    await expect(held).rejects.toThrow();
  });
});
