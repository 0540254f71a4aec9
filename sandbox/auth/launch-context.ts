// How every launch ends (EHR, link or standalone): in an oidc-provider grant for
// the scopes it may have, bound to its SMART launch context (user, patient,
// banner, style, intent), or in an OAuth error sent back to the app.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Interaction } from 'oidc-provider';
import type { SandboxUser } from '../config';
import type { AuthContext } from './context';
import type { AuthAuditRecord } from './events';
import type { AccessGrant } from './grant';
import { isContextScope, isGrantableScope, splitScope } from './smart-scopes';

/** Seconds a launch's grant lives; its refresh tokens live no longer. */
export const GRANT_TTL = 24 * 60 * 60;

/** The SMART launch context of one oidc-provider grant; refreshed tokens share the grant, so they share this. */
export interface LaunchContext {
  userId: string;
  patient?: NonNullable<AccessGrant['patient']>;
  /** The `patient` of the token response: the patient's id at the token's FHIR server, when it holds them. */
  contextPatientId?: string;
  needPatientBanner: boolean;
  smartStyleUrl?: string;
  intent?: string;
  /** Epoch ms, when the grant itself expires. */
  expiresAt: number;
}

type Binding = Omit<LaunchContext, 'userId' | 'expiresAt'>;

export function clientIdOf(details: Interaction): string {
  return String(details.params.client_id);
}

/** A grant for the scopes this launch may have, bound to its context. */
export async function createGrant(context: AuthContext, details: Interaction, user: SandboxUser, binding: Binding): Promise<string> {
  const resource = details.params.resource;
  if (typeof resource !== 'string') throw new Error('An authorisation request reached consent without a FHIR audience');
  const scopes = splitScope(details.params.scope).filter(isGrantableScope);
  const grant = new context.provider.Grant({ accountId: user.id, clientId: clientIdOf(details) });
  const contextScopes = scopes.filter(isContextScope);
  if (contextScopes.length > 0) grant.addOIDCScope(contextScopes.join(' '));
  // Context scopes are granted on the FHIR audience too, so that the access token's
  // `scope` (and so the token response's) lists everything that was granted.
  grant.addResourceScope(resource, scopes.join(' '));
  const grantId = await grant.save();
  const time = context.now();
  for (const [id, launch] of context.launchContexts) if (launch.expiresAt <= time) context.launchContexts.delete(id);
  context.launchContexts.set(grantId, {
    contextPatientId: binding.patient?.id,
    ...binding,
    userId: user.id,
    expiresAt: time + GRANT_TTL * 1000,
  });
  return grantId;
}

/**
 * A launch whose user the host has signed in already (EHR, link): no page, the
 * user signed in, the grant bound and audited, and straight back to the app.
 */
export async function finishSignedInLaunch(
  context: AuthContext,
  req: IncomingMessage,
  res: ServerResponse,
  details: Interaction,
  launch: { user: SandboxUser; binding: Binding; record: AuthAuditRecord },
): Promise<void> {
  await forgetEarlierSignIn(context, details);
  const grantId = await createGrant(context, details, launch.user, launch.binding);
  context.audit(launch.record);
  await context.provider.interactionFinished(
    req,
    res,
    { login: { accountId: launch.user.id, remember: false }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

/** Ends the browser's earlier sign-in, so that resuming as a different user is not taken for a session change. */
export async function forgetEarlierSignIn(context: AuthContext, details: Interaction): Promise<void> {
  const uid = details.session?.uid;
  if (!uid) return;
  details.session = undefined;
  await details.persist();
  await (await context.provider.Session.findByUid(uid))?.destroy();
}

export function finishWithError(context: AuthContext, req: IncomingMessage, res: ServerResponse, error: string, description: string) {
  return context.provider.interactionFinished(req, res, { error, error_description: description }, { mergeWithLastSubmission: false });
}
