// The audit endpoint (docs/access.md section 6): POST /fhir/audit (or
// /fhir/audit/AuditEvent) stores an AuditEvent without a token, since a refused
// launch has none; GET /fhir/audit?patient=<NHS number> lists them as a
// searchset Bundle; /audit/?patient= is the privacy officer's page. The
// endpoint obeys the `audit` fault, so the viewer's queue can be seen to wait.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AuditEvent, Bundle } from '@medplum/fhirtypes';
import type { Faults } from '../faults';
import { FhirError, answerPreflight, readJsonBody, sendError, sendJson } from '../fhir/http';
import { privacyPage } from './privacy-page';
import { AuditStore, auditEventProblems } from './store';

const BODY_LIMIT = 64 * 1024;

export interface AuditEndpoint {
  store: AuditStore;
  /** Records a server-side event (never subject to faults: the server writes its own log). */
  record(event: AuditEvent): void;
  /** Requests under /fhir/audit. */
  handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** Requests under /audit. */
  handlePage(req: IncomingMessage, res: ServerResponse, url: URL): void;
  /** Ends requests held by a `timeout` fault. */
  close(): void;
}

export function createAuditEndpoint(options: { baseUrl: string; faults: Faults }): AuditEndpoint {
  const store = new AuditStore();
  const held = new Set<ServerResponse>();
  /** Latency being waited out, with the wake-up to call if the server closes first. */
  const timers = new Map<NodeJS.Timeout, () => void>();
  const base = options.baseUrl.replace(/\/+$/, '');

  /** False when the fault swallowed the request. */
  const applyFault = async (res: ServerResponse): Promise<boolean> => {
    const fault = options.faults.get('audit');
    if (fault.latencyMs) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, fault.latencyMs);
        timers.set(timer, resolve);
      });
    }
    if (res.destroyed || !res.socket || res.socket.destroyed) return false;
    if (fault.fail === 500) throw FhirError.of(500, 'transient', 'Injected fault: the audit endpoint is down');
    if (fault.fail === 'timeout') {
      held.add(res);
      res.once('close', () => held.delete(res));
      return false;
    }
    return true;
  };

  const create = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readJsonBody(req, BODY_LIMIT);
    const problems = auditEventProblems(body);
    if (problems.length) throw FhirError.of(400, 'invalid', `Not an AuditEvent: ${problems.join('; ')}`);
    const { stored, created } = store.add(body as AuditEvent);
    sendJson(req, res, created ? 201 : 200, stored, { Location: `${base}/AuditEvent/${stored.id}` });
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
      ...(events.length ? { entry: events.map((e) => ({ fullUrl: `${base}/AuditEvent/${e.id}`, resource: e, search: { mode: 'match' as const } })) } : {}),
    };
    sendJson(req, res, 200, bundle);
  };

  return {
    store,
    record: (event) => void store.add(event),

    async handleApi(req, res, url) {
      try {
        if (req.method === 'OPTIONS') return answerPreflight(req, res);
        const rest = url.pathname.replace(/^\/fhir\/audit/, '').replace(/\/+$/, '');
        const isCollection = rest === '' || rest === '/AuditEvent';
        const one = /^\/AuditEvent\/([A-Za-z0-9-]{1,64})$/.exec(rest)?.[1];
        if (!isCollection && !one) throw FhirError.of(404, 'not-found', 'The audit endpoint has POST and GET on /fhir/audit only');
        if (!(await applyFault(res))) return;
        if (one && req.method === 'GET') {
          const event = store.get(one);
          if (!event) throw FhirError.of(404, 'not-found', `No AuditEvent ${one}`);
          return sendJson(req, res, 200, event);
        }
        if (isCollection && req.method === 'POST') return await create(req, res);
        if (isCollection && (req.method === 'GET' || req.method === 'HEAD')) return search(req, res, url);
        throw FhirError.of(405, 'not-supported', `${req.method} is not allowed here`, { Allow: 'GET, POST, OPTIONS' });
      } catch (error) {
        sendError(req, res, error);
      }
    },

    handlePage(req, res, url) {
      if (url.pathname === '/audit') {
        res.writeHead(301, { Location: `/audit/${url.search}` }).end();
        return;
      }
      const patient = url.searchParams.get('patient');
      const events = patient && /^\d{10}$/.test(patient.replace(/\s/g, '')) ? store.list(patient) : [];
      res.writeHead(url.pathname === '/audit/' ? 200 : 404, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'",
      });
      res.end(privacyPage(patient, events));
    },

    close() {
      for (const [timer, wake] of timers) {
        clearTimeout(timer);
        wake();
      }
      timers.clear();
      for (const res of held) res.destroy();
      held.clear();
    },
  };
}
