// The audit endpoint (docs/access.md section 6). Writes:
//   POST /fhir/audit (or /fhir/audit/AuditEvent) with the user's token (DPoP, as
//   at the FHIR sources): the viewer's events; who and whom are taken from the
//   token, so a forged "Dr OSEI viewed 999 000 0018" cannot be written.
//   POST /fhir/audit/unauthenticated, no token: refused launches only (there is
//   no token yet), marked unauthenticated and rate-limited per address.
// Reads: GET /fhir/audit?patient=<NHS number> (a searchset Bundle) and the
// privacy officer's page /audit/?patient=, both for a signed-in audit reader only.
// The endpoint obeys the `audit` fault, so the viewer's queue can be seen to wait.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AuditEvent, Bundle } from '@medplum/fhirtypes';
import type { Faults } from '../faults';
import { DpopProofs } from '../auth/dpop';
import type { TokenVerifier } from '../auth/grant';
import { errorPage, userDisplayName } from '../auth/pages';
import { verifiedGrant } from '../fhir/authenticate';
import { FhirError, answerPreflight, readJsonBody, sendError, sendJson } from '../fhir/http';
import { InjectedFaults } from '../fhir/injected-faults';
import { attestedViewerEvent, isRefusedLaunch, unauthenticatedViewerEvent } from './audit-event';
import { privacyPage } from './privacy-page';
import { PrivacySignIn, type PrivacySignInOptions } from './privacy-sign-in';
import { AuditStore, auditEventProblems } from './store';

const BODY_LIMIT = 64 * 1024;
/** Unauthenticated events one address may send per minute. */
export const UNAUTHENTICATED_PER_MINUTE = 20;

export interface AuditEndpointOptions {
  baseUrl: string;
  faults: Faults;
  /** The authorisation server's tokens: the viewer's writes carry one. */
  verifyToken: TokenVerifier;
  dpop?: DpopProofs;
  /** Signs the privacy officer in at the identity provider. */
  signIn: Omit<PrivacySignInOptions, 'origin'>;
  now?: () => number;
}

export interface AuditEndpoint {
  store: AuditStore;
  /** Records a server-side event (never subject to faults: the server writes its own log). */
  record(event: AuditEvent): void;
  /** Requests under /fhir/audit. */
  handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** Requests under /audit. */
  handlePage(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** Ends requests held by a `timeout` fault. */
  close(): void;
}

export function createAuditEndpoint(options: AuditEndpointOptions): AuditEndpoint {
  const store = new AuditStore();
  const faults = new InjectedFaults(options.faults, 'audit', 'Injected fault: the audit endpoint is down');
  const base = options.baseUrl.replace(/\/+$/, '');
  const origin = new URL(base).origin;
  const now = options.now ?? Date.now;
  const dpop = options.dpop ?? new DpopProofs({ now });
  const signIn = new PrivacySignIn({ ...options.signIn, origin, now });
  /** Address → times (ms) of its recent unauthenticated events. */
  const unauthenticated = new Map<string, number[]>();

  const readEvent = async (req: IncomingMessage): Promise<AuditEvent> => {
    const body = await readJsonBody(req, BODY_LIMIT);
    const problems = auditEventProblems(body);
    if (problems.length) throw FhirError.of(400, 'invalid', `Not an AuditEvent: ${problems.join('; ')}`);
    return body as AuditEvent;
  };

  const stored = (req: IncomingMessage, res: ServerResponse, event: AuditEvent) => {
    const { stored: kept, created } = store.add(event);
    sendJson(req, res, created ? 201 : 200, kept, { Location: `${base}/AuditEvent/${kept.id}` });
  };

  /** The 401 for a write whose token is missing, unknown or expired. */
  const tokenRequired = () =>
    FhirError.of(
      401,
      'login',
      "Audit events are written with the user's access token (refused launches go to /fhir/audit/unauthenticated)",
      { 'WWW-Authenticate': `DPoP realm="${base}", algs="ES256", error="invalid_token"` },
    );

  /** A write with the user's token: the token (and its DPoP proof) checked as at the FHIR sources. */
  const createAttested = async (req: IncomingMessage, res: ServerResponse) => {
    const grant = await verifiedGrant(req, { baseUrl: base, verifyToken: options.verifyToken, dpop, now, refuse: tokenRequired });
    stored(req, res, attestedViewerEvent(await readEvent(req), grant));
  };

  /** A refused launch, without a token: limited per address, and marked as unproven. */
  const createUnauthenticated = async (req: IncomingMessage, res: ServerResponse) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const since = now() - 60_000;
    const recent = (unauthenticated.get(address) ?? []).filter((t) => t > since);
    if (recent.length >= UNAUTHENTICATED_PER_MINUTE) {
      throw FhirError.of(
        429,
        'throttled',
        `At most ${UNAUTHENTICATED_PER_MINUTE} unauthenticated events a minute are taken from one address`,
        { 'Retry-After': '60' },
      );
    }
    recent.push(now());
    unauthenticated.set(address, recent);
    const event = await readEvent(req);
    if (!isRefusedLaunch(event)) throw FhirError.of(403, 'forbidden', 'Only refused launches may be written without a token');
    stored(req, res, unauthenticatedViewerEvent(event));
  };

  const search = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const patient = url.searchParams.get('patient');
    const events = store.list(patient ?? undefined);
    const bundle: Bundle<AuditEvent> = {
      resourceType: 'Bundle',
      id: randomUUID(),
      type: 'searchset',
      total: events.length,
      link: [{ relation: 'self', url: `${base}${url.search}` }],
      ...(events.length
        ? { entry: events.map((e) => ({ fullUrl: `${base}/AuditEvent/${e.id}`, resource: e, search: { mode: 'match' as const } })) }
        : {}),
    };
    sendJson(req, res, 200, bundle);
  };

  /** Reads are for a signed-in audit reader: who looked at whose record is itself personal data. */
  const requireReader = (req: IncomingMessage) => {
    if (!signIn.reader(req)) throw FhirError.of(401, 'login', 'Reading the audit log needs a privacy officer signed in at /audit/');
  };

  const pageHeaders = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'",
    'Referrer-Policy': 'no-referrer',
  };

  return {
    store,
    record: (event) => void store.add(event),

    async handleApi(req, res, url) {
      try {
        if (req.method === 'OPTIONS') return answerPreflight(req, res);
        const rest = url.pathname.replace(/^\/fhir\/audit/, '').replace(/\/+$/, '');
        const isCollection = rest === '' || rest === '/AuditEvent';
        const isUnauthenticated = rest === '/unauthenticated';
        const one = /^\/AuditEvent\/([A-Za-z0-9-]{1,64})$/.exec(rest)?.[1];
        if (!isCollection && !one && !isUnauthenticated)
          throw FhirError.of(
            404,
            'not-found',
            'The audit endpoint has POST and GET on /fhir/audit, and POST on /fhir/audit/unauthenticated',
          );
        if (!(await faults.apply(res))) return;
        if (isUnauthenticated && req.method === 'POST') return await createUnauthenticated(req, res);
        if (isCollection && req.method === 'POST') return await createAttested(req, res);
        if (req.method === 'GET' || req.method === 'HEAD') {
          requireReader(req);
          if (one) {
            const event = store.get(one);
            if (!event) throw FhirError.of(404, 'not-found', `No AuditEvent ${one}`);
            return sendJson(req, res, 200, event);
          }
          if (isCollection) return search(req, res, url);
        }
        throw FhirError.of(405, 'not-supported', `${req.method} is not allowed here`, {
          Allow: isUnauthenticated ? 'POST, OPTIONS' : 'GET, POST, OPTIONS',
        });
      } catch (error) {
        sendError(req, res, error);
      }
    },

    async handlePage(req, res, url) {
      if (url.pathname === '/audit') {
        res.writeHead(301, { Location: `/audit/${url.search}` }).end();
        return;
      }
      if (url.pathname === '/audit/callback') {
        const result = await signIn.finish(req, res, url);
        if (result.kind === 'signed-in') {
          res.writeHead(303, { Location: result.next, 'Cache-Control': 'no-store' }).end();
          return;
        }
        const who = result.user ? ` You are signed in as ${userDisplayName(result.user)}.` : '';
        res.writeHead(403, pageHeaders).end(errorPage('The audit log could not be opened', `${result.why}${who}`));
        return;
      }
      if (url.pathname === '/audit/sign-out' && req.method === 'POST') {
        signIn.signOut(req, res);
        res.writeHead(303, { Location: '/', 'Cache-Control': 'no-store' }).end();
        return;
      }
      if (url.pathname !== '/audit/') {
        res.writeHead(404, pageHeaders).end(errorPage('Page not found', 'There is nothing at this address.'));
        return;
      }
      const reader = signIn.reader(req);
      if (!reader) return signIn.start(res, `${url.pathname}${url.search}`);
      const patient = url.searchParams.get('patient');
      const events = patient && /^\d{10}$/.test(patient.replace(/\s/g, '')) ? store.list(patient) : [];
      res.writeHead(200, pageHeaders);
      res.end(privacyPage(patient, events, userDisplayName(reader)));
    },

    close: () => faults.close(),
  };
}
