// The link launch: a host system's signed context link (signed-link.ts) and the
// identity provider's id_token for the same user, pushed to /par (RFC 9126) so
// that neither travels in an address, then checked in the interaction, where a
// refusal can be audited with its user.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Interaction } from 'oidc-provider';
import { SOURCES } from '../config';
import type { AuthContext } from './context';
import { clientIdOf, finishSignedInLaunch, finishWithError } from './launch-context';
import { readFormOr413, sendHtml } from './oidc-common';
import { errorPage } from './pages';
import { LinkRefused, looksLikeSignedLink, type ContextLink } from './signed-link';
import { keepOfflineAccess } from './smart-scopes';
import { userById } from './users';

/** The authorize parameter a link launch's `id_token_hint` is moved to: oidc-provider would check the hint against its own tokens. */
export const IDP_ID_TOKEN_PARAM = 'idp_id_token';

/**
 * `GET /authorize` with a signed link or an identity token in the address: they
 * are secrets, so they come pushed, never in an address. True when refused here.
 */
export function refusedLinkSecretsInAddress(res: ServerResponse, search: URLSearchParams): boolean {
  if (search.has('request_uri') || !carriesLinkSecrets(search)) return false;
  sendHtml(
    res,
    400,
    errorPage(
      'Sign-in could not continue',
      'A signed link or an identity token was sent in the address. The app must push them to the authorisation server (PAR) instead.',
    ),
  );
  return true;
}

/**
 * `POST /par` with a form: readies the pushed request for oidc-provider, which
 * reads an already parsed body from `req.body`. False when it answered the
 * request itself (a body too large).
 */
export async function preparePushedRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const form = await readFormOr413(req, res);
  if (!form) return false;
  keepOfflineAccess(form);
  moveLinkIdTokenHint(form);
  // The pushed request comes back with this issuer as its `aud`: the FHIR base travels on as `resource` (RFC 8707).
  const aud = form.get('aud');
  if (aud !== null && !form.has('resource')) form.set('resource', aud);
  Object.assign(req, { body: form.toString() });
  return true;
}

/**
 * The link (again, after the viewer), then the identity provider's id_token for
 * the same user, then the patient by NHS number and date of birth in every
 * source. Each refusal goes back to the app as `access_denied` with the
 * refusal's code as `error_description`.
 */
export async function completeLinkLaunch(
  context: AuthContext,
  req: IncomingMessage,
  res: ServerResponse,
  details: Interaction,
  jws: string,
): Promise<void> {
  const { options } = context;
  const at = new Date(context.now()).toISOString();
  const clientId = clientIdOf(details);
  const refuse = async (error: LinkRefused, claims?: Partial<ContextLink>) => {
    // The claims of a refused link are unproven; they are recorded as what the link said.
    context.audit({
      kind: 'launch-refused',
      launch: 'link',
      at,
      clientId,
      code: error.code,
      detail: error.message,
      ...(typeof claims?.iss === 'string' ? { linkIssuer: claims.iss } : {}),
      ...(typeof claims?.sub === 'string' ? { userId: claims.sub } : {}),
      ...(typeof claims?.patient?.nhs_number === 'string' ? { patient: { nhsNumber: claims.patient.nhs_number } } : {}),
    });
    return finishWithError(context, req, res, 'access_denied', error.code);
  };
  if (details.prompt.name !== 'login') return refuse(new LinkRefused('replayed', 'the authorisation was already completed'));
  let link;
  try {
    link = await context.links.verify(jws);
  } catch (error) {
    if (error instanceof LinkRefused) return refuse(error, error.link);
    throw error;
  }
  const idToken = details.params[IDP_ID_TOKEN_PARAM];
  const signedIn = typeof idToken === 'string' && options.verifyIdToken ? await options.verifyIdToken(idToken) : undefined;
  if (!signedIn)
    return refuse(new LinkRefused('not-signed-in', 'no valid id_token_hint from the identity provider came with the link'), link);
  const user = userById(signedIn.sub);
  if (!user || signedIn.sub !== link.sub || (link.org !== undefined && link.org !== user.odsCode)) {
    return refuse(
      new LinkRefused(
        'user-mismatch',
        `the link names ${link.sub}${link.org ? ` (${link.org})` : ''}, the signed-in user is ${signedIn.sub}`,
      ),
      link,
    );
  }
  const candidates = ((await options.findPatientsByNhsNumber?.(link.patient.nhs_number)) ?? []).filter(
    (c) => c.patient.birthDate === link.patient.birth_date && c.patient.id,
  );
  const audSource = context.fhirBases.sourceOf(context.fhirBases.requested(details.params));
  const chosen =
    candidates.find((c) => c.source === audSource) ??
    SOURCES.map((s) => candidates.find((c) => c.source === s.name)).find((c) => c !== undefined);
  if (!chosen)
    return refuse(new LinkRefused('patient-not-found', "no source holds a patient with the link's NHS number and date of birth"), link);

  const bound = { source: chosen.source, id: chosen.patient.id!, nhsNumber: link.patient.nhs_number };
  return finishSignedInLaunch(context, req, res, details, {
    user,
    binding: {
      patient: bound,
      contextPatientId: chosen.source === audSource ? bound.id : undefined,
      needPatientBanner: true,
      intent: link.intent,
    },
    record: { kind: 'launch', launch: 'link', at, clientId, userId: user.id, patient: bound, linkIssuer: link.iss, intent: link.intent },
  });
}

function carriesLinkSecrets(search: URLSearchParams): boolean {
  return looksLikeSignedLink(search.get('launch')) || search.has('id_token_hint') || search.has(IDP_ID_TOKEN_PARAM);
}

/**
 * A link launch's `id_token_hint` is the identity provider's token, which
 * oidc-provider would try (and fail) to verify as one of its own: it travels
 * on as `idp_id_token` and is checked with the link.
 */
function moveLinkIdTokenHint(search: URLSearchParams): void {
  const hint = search.get('id_token_hint');
  if (hint === null || !looksLikeSignedLink(search.get('launch'))) return;
  search.delete('id_token_hint');
  search.set(IDP_ID_TOKEN_PARAM, hint);
}
