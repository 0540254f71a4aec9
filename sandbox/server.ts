// The sandbox in one node:http server on 127.0.0.1: five FHIR sources, the
// shared SMART authorisation server, the identity provider (CIS2's stand-in),
// host-system simulators, the audit endpoint and privacy officer's page, and an
// admin endpoint for fault injection. Tests start it on port 0 and stop it after.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Bundle } from '@medplum/fhirtypes';
import {
  COMMUNITY_CLIENT_ID,
  HOST,
  NHS_NUMBER_SYSTEM,
  SDS_USER_SYSTEM,
  SOURCES,
  USERS,
  fhirBaseUrl,
  type SandboxUser,
  type SourceName,
} from './config';
import { Faults, type FaultTable } from './faults';
import { FhirSource } from './fhir/source-server';
import { createAuthorizationServer, type AuthorizationServer } from './auth/authorization-server';
import type { AccessGrant } from './auth/grant';
import { DpopProofs } from './auth/dpop';
import { userDisplayName } from './auth/pages';
import { authAuditEvent, refusalAuditEvent, releaseAuditEvent } from './audit/audit-event';
import { createAuditEndpoint, type AuditEndpoint } from './audit/audit-endpoint';
import { createHostsHandler } from './hosts/hosts';
import { createCommunityHost } from './hosts/community';
import { LINK_HOSTS, hostIssuer, hostJwks } from './hosts/keys';
import { createIdentityProvider, type IdentityProvider } from './idp/identity-provider';
import { ROLES } from './idp/roles';
import { buildSeed } from './data/seed';
import { escapeHtml, page } from './html';

export interface SandboxOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Where the viewer runs, for the host simulators' launch links and the registered redirect URIs. */
  viewerOrigin?: string;
  faults?: FaultTable;
  /** "Today" for the synthetic records' relative dates. */
  today?: Date;
  /** Load the synthetic patients (default true). */
  seed?: boolean;
  accessTokenTtlSeconds?: number;
  /** Minutes a break-glass token lasts (default: BREAK_GLASS_MINUTES, else 30). */
  breakGlassMinutes?: number;
}

export interface RunningSandbox {
  origin: string;
  viewerOrigin: string;
  sources: ReadonlyMap<SourceName, FhirSource>;
  auth: AuthorizationServer;
  idp: IdentityProvider;
  audit: AuditEndpoint;
  faults: Faults;
  /** Milliseconds spent loading the synthetic patients. */
  seedMs: number;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  let route: (req: IncomingMessage, res: ServerResponse) => Promise<void> = (_req, res) => {
    res.writeHead(503).end('Sandbox starting');
    return Promise.resolve();
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => internalError(res, error));
  });
  // Clients keep idle connections for a few seconds (browsers, Node's fetch): closing
  // ours after 5 s (Node's default) races a request just sent on one, which then fails
  // with "other side closed". Idle connections are kept well beyond any client's.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, HOST, resolve);
  });
  const origin = `http://${HOST}:${(server.address() as AddressInfo).port}`;
  const viewerOrigin = options.viewerOrigin ?? 'http://127.0.0.1:5173';
  const faults = new Faults(options.faults);
  // One record of DPoP proofs seen, for every resource server: a proof is used once, anywhere.
  const dpop = new DpopProofs();

  const sources = new Map<SourceName, FhirSource>();

  const resolveFhirUser = async (user: SandboxUser) => {
    const practitioner = await sources.get(user.practitionerSource)?.findPractitioner(`${SDS_USER_SYSTEM}|${user.id}`);
    return practitioner ? `${fhirBaseUrl(origin, user.practitionerSource)}/Practitioner/${practitioner.id}` : undefined;
  };
  const idp = await createIdentityProvider({
    issuer: `${origin}/idp`,
    redirectUris: [`${viewerOrigin}/link.html`, `${viewerOrigin}/silent.html`],
    returnOrigins: [origin, viewerOrigin],
    privacyPageRedirectUri: `${origin}/audit/callback`,
    resolveFhirUser,
    faults,
  });
  // Tokens are checked against the authorisation server, made below; the audit endpoint is needed by it first.
  const tokens: { auth?: AuthorizationServer } = {};
  const audit = createAuditEndpoint({
    baseUrl: `${origin}/fhir/audit`,
    faults,
    verifyToken: (token) => tokens.auth?.verifyToken(token) ?? Promise.resolve(undefined),
    dpop,
    signIn: { idpIssuer: idp.issuer, verifyIdToken: (token, audience) => idp.verifyIdToken(token, audience) },
  });
  const auth = await createAuthorizationServer({
    issuer: `${origin}/auth`,
    fhirBaseUrls: Object.fromEntries(SOURCES.map((s) => [s.name, fhirBaseUrl(origin, s.name)])) as Record<SourceName, string>,
    viewerRedirectUris: [`${viewerOrigin}/`, `${viewerOrigin}/index.html`, `${viewerOrigin}/link.html`],
    lookupPatient: (source, id) => sources.get(source)!.getPatient(id),
    listPatients: () => listAllPatients(sources),
    resolveFhirUser,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    linkIssuers: LINK_HOSTS.map((host) => ({ issuer: hostIssuer(origin, host), jwks: hostJwks(host) })),
    linkAudience: new URL(viewerOrigin).origin,
    verifyIdToken: (token) => idp.verifyIdToken(token),
    findPatientsByNhsNumber: async (nhsNumber) =>
      (
        await Promise.all(
          SOURCES.map(async ({ name }) =>
            (await sources.get(name)!.findPatientsByNhsNumber(nhsNumber)).map((patient) => ({ source: name, patient })),
          ),
        )
      ).flat(),
    breakGlassMinutes: options.breakGlassMinutes ?? breakGlassMinutesFromEnv(),
    onAudit: (record) => audit.record(authAuditEvent(record)),
    dpop,
    apps: [{ clientId: COMMUNITY_CLIENT_ID, name: 'Community nursing app', redirectUris: [`${origin}/hosts/community/callback`] }],
  });
  tokens.auth = auth;
  // The shared record is one record: an objection recorded in any source covers every source.
  const hasObjection = async (patient: NonNullable<AccessGrant['patient']>) => {
    const answers = await Promise.all(
      [...sources.values()].map((source) =>
        source.recordsObjection({ nhsNumber: patient.nhsNumber, ...(patient.source === source.name ? { localId: patient.id } : {}) }),
      ),
    );
    return answers.includes(true);
  };
  for (const source of SOURCES) {
    sources.set(
      source.name,
      new FhirSource({
        source,
        baseUrl: fhirBaseUrl(origin, source.name),
        smartConfiguration: () => auth.smartConfiguration(),
        verifyToken: (token: string): Promise<AccessGrant | undefined> => auth.verifyToken(token),
        dpop,
        faults,
        hasObjection,
        onRelease: (event) => audit.record(releaseAuditEvent(event)),
        onRefusal: (event) => audit.record(refusalAuditEvent(event)),
      }),
    );
  }

  const seedStarted = performance.now();
  if (options.seed !== false) await loadSeed(sources, options.today ?? new Date());
  const seedMs = performance.now() - seedStarted;

  const hosts = createHostsHandler({
    sandboxOrigin: origin,
    viewerOrigin,
    listPatients: () => listAllPatients(sources),
    createLaunch: (request) => auth.createLaunch(request),
    markLinkUsed: (issuer, jti, exp) => auth.markLinkUsed(issuer, jti, exp),
  });

  const community = createCommunityHost({
    sandboxOrigin: origin,
    viewerOrigin,
    listPatients: () => listAllPatients(sources),
    createLaunch: (request) => auth.createLaunch(request),
  });

  route = async (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const [, first, second] = url.pathname.split('/');
    if (first === 'fhir' && second === 'audit') return audit.handleApi(req, res, url);
    if (first === 'fhir' && second) {
      const source = sources.get(second as SourceName);
      if (!source) return notFound(res, `No FHIR source called "${second}"`);
      const subPath = req.url!.slice(`/fhir/${second}`.length);
      return source.handle(req, res, subPath);
    }
    if (first === 'auth') return auth.handle(req, res);
    if (first === 'idp') return idp.handle(req, res);
    if (first === 'audit') return audit.handlePage(req, res, url);
    if (first === 'hosts' && second === 'community') return community(req, res, url);
    if (first === 'hosts') return hosts(req, res, url);
    if (first === 'admin' && second === 'faults') return adminFaults(req, res, faults);
    if (url.pathname === '/') return sendHtml(res, 200, indexPage(origin, viewerOrigin));
    return notFound(res, 'Not found');
  };

  return {
    origin,
    viewerOrigin,
    sources,
    auth,
    idp,
    audit,
    faults,
    seedMs,
    close: () =>
      new Promise<void>((resolve) => {
        for (const source of sources.values()) source.close();
        audit.close();
        auth.close();
        idp.close();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function breakGlassMinutesFromEnv(): number | undefined {
  const value = process.env.BREAK_GLASS_MINUTES;
  if (value === undefined || value === '') return undefined;
  const minutes = Number(value);
  if (!(minutes > 0)) throw new Error(`BREAK_GLASS_MINUTES must be a positive number of minutes, not "${value}"`);
  return minutes;
}

async function loadSeed(sources: ReadonlyMap<SourceName, FhirSource>, today: Date): Promise<void> {
  const seed = buildSeed(today);
  await Promise.all(
    SOURCES.map(async ({ name }) => {
      for (const bundle of seed[name] ?? []) {
        const response: Bundle = await sources.get(name)!.load(bundle);
        const failed = (response.entry ?? []).filter((e) => e.response && !e.response.status?.startsWith('2'));
        if (failed.length > 0)
          throw new Error(`Seeding ${name} failed for ${failed.length} entries: ${JSON.stringify(failed[0]?.response)}`);
      }
    }),
  );
}

async function listAllPatients(sources: ReadonlyMap<SourceName, FhirSource>) {
  const lists = await Promise.all(
    SOURCES.map(async ({ name }) => {
      const patients = await sources.get(name)!.listPatients();
      return patients.map((patient) => ({ source: name, patient }));
    }),
  );
  return lists.flat();
}

async function adminFaults(req: IncomingMessage, res: ServerResponse, faults: Faults): Promise<void> {
  try {
    if (req.method === 'PUT' || req.method === 'POST') faults.set(JSON.parse(await readBody(req)) as FaultTable);
    else if (req.method === 'DELETE') faults.clear();
    else if (req.method !== 'GET') throw new Error('Use GET, PUT or DELETE');
    sendJson(res, 200, faults.all());
  } catch (error) {
    sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function indexPage(origin: string, viewerOrigin: string): string {
  const sourceRows = SOURCES.map(
    (s) =>
      `<tr><td><code>${s.name}</code></td><td>${escapeHtml(s.organisation)} (${s.odsCode})</td><td><a href="${fhirBaseUrl(origin, s.name)}/metadata">${fhirBaseUrl(origin, s.name)}</a></td></tr>`,
  ).join('');
  const userRows = USERS.map((u) => {
    const role = ROLES[u.role];
    const label = u.auditReader ? `${role.label}; privacy officer (reads the audit log)` : role.label;
    return `<tr><td><code>${escapeHtml(u.id)}</code></td><td>${escapeHtml(userDisplayName(u))}</td><td>${escapeHtml(label)}</td><td><code>${escapeHtml(role.jobRole.roleCode)}</code> ${escapeHtml(role.jobRole.display)}</td><td>${escapeHtml(u.odsCode)}</td></tr>`;
  }).join('');
  return page(
    'Shared care record sandbox',
    `<main>
    <h1>Shared care record sandbox</h1>
    <h2>Host system simulators</h2>
    <p><a href="/hosts/">All host simulators</a>: <a href="/hosts/gp">GP system</a>, <a href="/hosts/hospital">hospital system</a>,
      <a href="/hosts/mental-health">mental health system</a>, <a href="/hosts/paramedic">paramedic tablet</a>,
      <a href="/hosts/community">community nursing app</a> (the viewer as a component in its page, no iframe).</p>
    <h2>FHIR R4 sources</h2>
    <table><thead><tr><th scope="col">Source</th><th scope="col">Organisation</th><th scope="col">Base URL</th></tr></thead><tbody>${sourceRows}</tbody></table>
    <h2>Users</h2>
    <table><thead><tr><th scope="col">Id</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">National RBAC job role</th><th scope="col">ODS code</th></tr></thead><tbody>${userRows}</tbody></table>
    <h2>Other endpoints</h2>
    <ul>
      <li>SMART authorisation server: <a href="/auth/.well-known/openid-configuration">${origin}/auth</a> (break-glass: <code>POST ${origin}/auth/break-glass</code>)</li>
      <li>Identity provider (stands in for NHS CIS2): <a href="/idp/.well-known/openid-configuration">${origin}/idp</a>; smartcard: <code>${origin}/idp/smartcard?user=&amp;return=</code></li>
      <li>Audit endpoint: <code>POST ${origin}/fhir/audit</code> with the user's token (refused launches: <code>POST ${origin}/fhir/audit/unauthenticated</code>); <code>GET ${origin}/fhir/audit</code> and the privacy officer's page <a href="/audit/">${origin}/audit/?patient=&lt;NHS number&gt;</a> after signing in as the privacy officer</li>
      <li>Viewer: <a href="${viewerOrigin}/">${viewerOrigin}/</a> (SMART launch entry <code>${viewerOrigin}/launch.html</code>, signed links <code>${viewerOrigin}/link.html</code>)</li>
      <li>Fault injection: <a href="/admin/faults"><code>GET/PUT/DELETE ${origin}/admin/faults</code></a> (sources by name, <code>audit</code> for the audit endpoint, <code>idp</code> for the identity provider)</li>
    </ul>
    <p>Patients are matched across sources by NHS number (<code>${NHS_NUMBER_SYSTEM}</code>).</p></main>`,
  );
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(html);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body, null, 2));
}

function notFound(res: ServerResponse, text: string): void {
  sendHtml(res, 404, page('Not found', `<main><h1>${escapeHtml(text)}</h1><p><a href="/">Sandbox index</a></p></main>`));
}

function internalError(res: ServerResponse, error: unknown): void {
  console.error('[sandbox]', error);
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, 500, {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'exception', diagnostics: 'Internal sandbox error' }],
  });
}
