// `/auth/break-glass` and `/auth/break-glass/end` (docs/access.md section 5): the
// viewer, holding a token for a patient, asks for a break-glass token over the
// same grant, and may end it before its time. Called from the viewer's origins
// only, with the token's DPoP proof; each start and end is audited.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROLES } from '../idp/roles';
import type { AuthorizationServerOptions } from './authorization-server';
import { BreakGlassTokens, DEFAULT_BREAK_GLASS_MINUTES, readBreakGlassForm } from './break-glass';
import type { AuthContext } from './context';
import { checkPresentedToken } from './dpop';
import type { AuthAuditRecord } from './events';
import type { AccessGrant, BreakGlass } from './grant';
import { readFormOr413, sendJson } from './oidc-common';
import { contextPatientIdOf, verifyToken } from './token';

type BreakGlassGrant = AccessGrant & { breakGlass: BreakGlass };

/** The break-glass tokens, whose end (by expiry or by the viewer) is audited. */
export function auditedBreakGlassTokens(
  options: AuthorizationServerOptions,
  now: () => number,
  audit: (record: AuthAuditRecord) => void,
): BreakGlassTokens {
  return new BreakGlassTokens({
    minutes: options.breakGlassMinutes ?? DEFAULT_BREAK_GLASS_MINUTES,
    now,
    onEnd: (grant, ended) => audit({ kind: 'break-glass-end', ...auditFields(grant, now), ended }),
  });
}

export async function handleBreakGlass(context: AuthContext, req: IncomingMessage, res: ServerResponse, subPath: string): Promise<void> {
  if (req.method === 'OPTIONS') return answerPreflight(req, res, context.viewerOrigins);
  if (req.method !== 'POST')
    return sendJson(res, 405, { error: 'invalid_request', error_description: 'use POST' }, { Allow: 'POST, OPTIONS' });
  return subPath === '/break-glass' ? startBreakGlass(context, req, res) : endBreakGlass(context, req, res);
}

/** `POST /auth/break-glass`: a break-glass token over the bearer token's grant. */
async function startBreakGlass(context: AuthContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const cors = corsHeadersFor(req, context.viewerOrigins);
  const checked = await checkPresentedToken(req, (token) => verifyToken(context, token), context.dpop, issuerOrigin(context));
  if (checked.outcome === 'unknown')
    return sendJson(
      res,
      401,
      { error: 'invalid_token', error_description: 'a valid access token is required' },
      { ...cors, 'WWW-Authenticate': 'DPoP error="invalid_token"' },
    );
  if (checked.outcome === 'refused')
    return sendJson(
      res,
      401,
      { error: checked.refused.error, error_description: checked.refused.message },
      { ...cors, 'WWW-Authenticate': checked.refused.challenge(context.issuer) },
    );
  const { presented, grant: base } = checked;
  const role = base.role ? ROLES[base.role] : undefined;
  if (!role?.mayBreakGlass)
    return sendJson(res, 403, { error: 'insufficient_scope', error_description: 'break-glass is for clinical roles only' }, cors);
  if (!base.patient)
    return sendJson(res, 400, { error: 'invalid_request', error_description: 'break-glass needs a token with a patient in context' }, cors);
  const form = await readFormOr413(req, res);
  if (!form) return;
  const request = readBreakGlassForm(form);
  if (!request.ok) return sendJson(res, 400, { error: 'invalid_request', error_description: request.message }, cors);
  const contextPatientId = await contextPatientIdOf(context, presented.token);
  const { token, grant } = context.breakGlass.start(base, request.reason, request.text, contextPatientId);
  context.audit({ kind: 'break-glass-start', ...auditFields(grant, context.now) });
  return sendJson(
    res,
    200,
    {
      access_token: token,
      token_type: grant.jkt ? 'DPoP' : 'Bearer',
      expires_in: grant.expiresAt - Math.floor(context.now() / 1000),
      scope: grant.scopes.join(' '),
      ...(contextPatientId ? { patient: contextPatientId } : {}),
      ...(grant.patient?.nhsNumber ? { patient_nhs_number: grant.patient.nhsNumber } : {}),
      ...(grant.role ? { role: grant.role } : {}),
      purpose_of_use: 'BTG',
      break_glass: {
        reason: grant.breakGlass.reason,
        ...(grant.breakGlass.text ? { text: grant.breakGlass.text } : {}),
        expires_at: new Date(grant.breakGlass.expiresAt * 1000).toISOString(),
      },
    },
    cors,
  );
}

/** `POST /auth/break-glass/end` with the break-glass token: ends it before its time. */
async function endBreakGlass(context: AuthContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const cors = corsHeadersFor(req, context.viewerOrigins);
  const checked = await checkPresentedToken(req, (token) => context.breakGlass.find(token), context.dpop, issuerOrigin(context));
  if (checked.outcome !== 'accepted')
    return sendJson(res, 401, { error: 'invalid_token', error_description: 'no live break-glass token was given' }, cors);
  context.breakGlass.end(checked.presented.token);
  res.writeHead(204, { ...cors, 'Cache-Control': 'no-store' }).end();
}

/** The origin the endpoints' DPoP proofs name: the authorisation server's. */
function issuerOrigin(context: AuthContext): string {
  return new URL(context.issuer).origin;
}

function auditFields(grant: BreakGlassGrant, now: () => number) {
  return {
    at: new Date(now()).toISOString(),
    clientId: grant.clientId,
    userId: grant.userId,
    patient: grant.patient,
    breakGlass: grant.breakGlass,
  };
}

function corsHeadersFor(req: IncomingMessage, origins: ReadonlySet<string>): Record<string, string> {
  const origin = req.headers.origin;
  return origin && origins.has(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
}

function answerPreflight(req: IncomingMessage, res: ServerResponse, origins: ReadonlySet<string>): void {
  const cors = corsHeadersFor(req, origins);
  res
    .writeHead(204, {
      ...cors,
      ...(cors['Access-Control-Allow-Origin']
        ? {
            'Access-Control-Allow-Methods': 'POST, OPTIONS',
            'Access-Control-Allow-Headers': 'Authorization, DPoP, Content-Type',
            'Access-Control-Max-Age': '600',
          }
        : {}),
    })
    .end();
}
