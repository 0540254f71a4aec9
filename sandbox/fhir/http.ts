// Small node:http helpers for the FHIR endpoints: errors as OperationOutcomes,
// JSON responses, CORS for the viewer's origin, request bodies.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { getStatus, normalizeErrorString, OperationOutcomeError } from '@medplum/core';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

type IssueCode = OperationOutcomeIssue['code'];

/** An error that is answered as an HTTP status with an OperationOutcome. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly outcome: OperationOutcome,
    readonly headers: OutgoingHttpHeaders = {},
  ) {
    super(outcome.issue?.[0]?.diagnostics ?? `HTTP ${status}`);
  }

  static of(status: number, code: IssueCode, diagnostics: string, headers?: OutgoingHttpHeaders): FhirError {
    return new FhirError(status, operationOutcome(code, diagnostics), headers);
  }
}

export function operationOutcome(
  code: IssueCode,
  diagnostics: string,
  severity: OperationOutcomeIssue['severity'] = 'error',
): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

/** Turns anything thrown (ours, medplum's OperationOutcomeError, a bug) into a status and outcome. */
export function toFhirError(err: unknown): FhirError {
  if (err instanceof FhirError) return err;
  if (err instanceof OperationOutcomeError) return new FhirError(getStatus(err.outcome), err.outcome);
  // Anything else is our bug or a dependency's, not the client's (medplum would call it a 400).
  return FhirError.of(500, 'exception', normalizeErrorString(err));
}

/** Reflects loopback origins only: the viewer and host simulators run on other local ports. */
export function allowedOrigin(origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  return /^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?$/.test(origin) ? origin : undefined;
}

export function corsHeaders(req: IncomingMessage): OutgoingHttpHeaders {
  const origin = allowedOrigin(req.headers.origin);
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'Location, Content-Location, ETag, Last-Modified, WWW-Authenticate, DPoP-Nonce',
    Vary: 'Origin',
  };
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const cors = corsHeaders(req);
  res.writeHead(204, {
    ...cors,
    ...(cors['Access-Control-Allow-Origin']
      ? {
          'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
          'Access-Control-Allow-Headers': 'Authorization, DPoP, Content-Type, Accept, Prefer',
          'Access-Control-Max-Age': '600',
        }
      : {}),
  });
  res.end();
}

export function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...corsHeaders(req),
    'Content-Type': FHIR_JSON,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}

export function sendError(req: IncomingMessage, res: ServerResponse, err: unknown): void {
  const error = toFhirError(err);
  sendJson(req, res, error.status, error.outcome, error.headers);
}

/** Reads the request body, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw FhirError.of(413, 'too-costly', `Request body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const text = await readBody(req, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw FhirError.of(400, 'structure', 'Request body is not valid JSON');
  }
}

/** A path below the base (`/Observation?patient=1`, `Patient/1`) as a URL, as requests and batch entries are both read. */
export function localUrl(subPath: string): URL {
  return new URL(subPath.startsWith('/') ? subPath : `/${subPath}`, 'http://base');
}

/** A path's segments, decoded; a malformed one is the client's error (400). */
export function decodeSegments(pathname: string): string[] {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw FhirError.of(400, 'invalid', 'Malformed URL');
  }
}
