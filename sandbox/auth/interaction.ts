// The interaction oidc-provider sends the browser to when an authorization
// request needs the user (`/auth/interaction/<uid>`): the launch it carries
// decides what happens, a signed link, an EHR launch id, or neither (standalone).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, type Interaction } from 'oidc-provider';
import type { AuthContext } from './context';
import { completeEhrLaunch } from './ehr-launch';
import { finishWithError } from './launch-context';
import { completeLinkLaunch } from './link-launch';
import { readForm, sendHtml, sendInteractionFailure } from './oidc-common';
import { errorPage } from './pages';
import { looksLikeSignedLink } from './signed-link';
import { showStandaloneStep, submitLogin, submitPatient } from './standalone-launch';

/** A request to one of the interaction's pages; `base` is the interaction's address. */
export interface InteractionPage {
  req: IncomingMessage;
  res: ServerResponse;
  details: Interaction;
  base: string;
}

export async function handleInteraction(context: AuthContext, req: IncomingMessage, res: ServerResponse, subPath: string): Promise<void> {
  const match = /^\/interaction\/([\w-]+)(?:\/(login|patient|cancel))?$/.exec(subPath);
  if (!match) return sendHtml(res, 404, errorPage('Page not found', 'There is no sign-in page at this address.'));
  const [, uid, action] = match;
  const base = `${context.mountPath}/interaction/${uid}`;
  try {
    const details = await context.provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new errors.SessionNotFound('interaction and cookie do not match');
    const page: InteractionPage = { req, res, details, base };
    if (action === undefined && req.method === 'GET') return await showInteraction(context, page);
    if (action !== undefined && req.method === 'POST') {
      const form = await readForm(req);
      if (action === 'cancel') return await finishWithError(context, req, res, 'access_denied', 'the user cancelled the sign-in');
      if (action === 'login' && details.prompt.name === 'login') return await submitLogin(context, page, form);
      if (action === 'patient' && details.prompt.name === 'consent') return await submitPatient(context, page, form);
    }
    return sendHtml(res, 400, errorPage('Sign-in could not continue', 'This page was asked for something it does not do.'));
  } catch (error) {
    sendInteractionFailure(res, error, 'auth');
  }
}

function showInteraction(context: AuthContext, page: InteractionPage): Promise<void> {
  const { req, res, details } = page;
  const launchId = details.params.launch;
  if (looksLikeSignedLink(launchId)) return completeLinkLaunch(context, req, res, details, launchId);
  if (typeof launchId === 'string') return completeEhrLaunch(context, req, res, details, launchId);
  return showStandaloneStep(context, page);
}
