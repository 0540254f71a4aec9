// The tokens: SMART's launch context beside them in the token response, the
// public app's refresh without a client_id, and what a presented access token
// allows (the FHIR servers' and break-glass's introspection).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthContext } from './context';
import type { AccessGrant } from './grant';
import type { LaunchContext } from './launch-context';
import { isFormRequest, isRecord, readFormOr413 } from './oidc-common';
import { splitScope } from './smart-scopes';
import { userById } from './users';

/** SMART puts the launch context beside the tokens in the token response. */
export function tokenResponsesCarryLaunchContext(context: AuthContext): void {
  context.provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route !== 'token' || ctx.status !== 200) return;
    const body = ctx.body;
    if (!isRecord(body) || typeof body.access_token !== 'string') return;
    const grantId = ctx.oidc.entities.Grant?.jti;
    const launch = grantId ? context.launchContexts.get(grantId) : undefined;
    if (launch) ctx.body = { ...body, ...(await launchContextFields(context, launch)) };
  });
}

/**
 * `POST /token`: SMART public apps refresh without a client_id (fhirclient does
 * unless told otherwise), which oidc-provider takes for a missing client
 * authentication; the refresh token itself names its client. oidc-provider reads
 * an already parsed body from `req.body` (and says so once on the console).
 * False when it answered the request itself (a body too large).
 */
export async function prepareTokenRequest(context: AuthContext, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.headers.authorization || !isFormRequest(req)) return true;
  const form = await readFormOr413(req, res);
  if (!form) return false;
  const refreshToken = form.get('refresh_token');
  if (form.get('grant_type') === 'refresh_token' && !form.has('client_id') && refreshToken) {
    const token = await context.provider.RefreshToken.find(refreshToken, { ignoreExpiration: true });
    if (token) form.set('client_id', token.clientId);
  }
  Object.assign(req, { body: form.toString() });
  return true;
}

/** What an access token allows, or undefined when it is unknown, expired or revoked. */
export async function verifyToken(context: AuthContext, accessToken: unknown): Promise<AccessGrant | undefined> {
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  const breakingGlass = context.breakGlass.find(accessToken);
  if (breakingGlass) return breakingGlass;
  const token = await context.provider.AccessToken.find(accessToken);
  if (!token || token.exp * 1000 <= Date.now()) return undefined;
  // A revoked grant (refresh token reuse, revocation) takes its tokens with it.
  if (!(await context.provider.Grant.find(token.grantId))) return undefined;
  const launch = context.launchContexts.get(token.grantId);
  const user = userById(token.accountId);
  return {
    clientId: token.clientId,
    scopes: splitScope(token.scope),
    patient: launch?.patient ? { ...launch.patient } : undefined,
    fhirUser: user ? await context.fhirUserOf(user) : undefined,
    userId: token.accountId,
    role: user?.role,
    expiresAt: token.exp,
    ...(token.jkt ? { jkt: token.jkt } : {}),
  };
}

/** The token response's `patient` for a token: the patient's id at the token's own FHIR server. */
export async function contextPatientIdOf(context: AuthContext, accessToken: string): Promise<string | undefined> {
  if (context.breakGlass.find(accessToken)) return context.breakGlass.contextPatientIdOf(accessToken);
  const token = await context.provider.AccessToken.find(accessToken);
  return token ? context.launchContexts.get(token.grantId)?.contextPatientId : undefined;
}

async function launchContextFields(context: AuthContext, launch: LaunchContext): Promise<Record<string, unknown>> {
  const user = userById(launch.userId);
  const fhirUser = user ? await context.fhirUserOf(user) : undefined;
  return {
    ...(launch.contextPatientId ? { patient: launch.contextPatientId } : {}),
    ...(launch.patient?.nhsNumber ? { patient_nhs_number: launch.patient.nhsNumber } : {}),
    need_patient_banner: launch.needPatientBanner,
    ...(launch.smartStyleUrl ? { smart_style_url: launch.smartStyleUrl } : {}),
    ...(launch.intent ? { intent: launch.intent } : {}),
    ...(fhirUser ? { fhirUser } : {}),
    ...(user ? { role: user.role } : {}),
  };
}
