// Decides, from the launch URL and the configuration, whether and how to start
// a SMART authorisation. Everything is checked here, before any redirect: an
// issuer not on the allow-list never receives the user.

import { isAllowedIssuer, type ViewerConfig } from './config';
import { launchError, type LaunchError } from './launch-errors';

/** The options handed to fhirclient's `FHIR.oauth2.authorize`. */
export interface SmartAuthorizeOptions {
  clientId: string;
  scope: string;
  redirectUri: string;
  /** Sent as `aud` by fhirclient, exactly as given. */
  iss: string;
  launch?: string;
  pkceMode: 'required';
  /** Finish the sign-in inside the frame the host opened us in, never in its parent window. */
  completeInTarget: true;
}

export type SmartLaunchPlan =
  { ok: true; mode: 'smart-ehr' | 'smart-standalone'; options: SmartAuthorizeOptions } | { ok: false; error: LaunchError };

/**
 * fhirclient reads these from the page URL and lets them override our options
 * or skip authorisation (`fhirServiceUrl`, `patientId`): a launch link carrying
 * them is refused.
 */
const REFUSED_PARAMS = ['fhirServiceUrl', 'patientId', 'clientId', 'encounterId'];

export function planSmartLaunch(search: string, config: ViewerConfig, pageUrl: string): SmartLaunchPlan {
  const params = new URLSearchParams(search);
  const refused = REFUSED_PARAMS.filter((p) => params.has(p));
  if (refused.length > 0 || params.getAll('iss').length > 1 || params.getAll('launch').length > 1) {
    return fail(launchError('bad-launch-link'));
  }
  const launch = params.get('launch') ?? undefined;
  const givenIss = params.get('iss') ?? undefined;
  if (launch !== undefined && givenIss === undefined) return fail(launchError('missing-issuer'));
  const iss = givenIss ?? config.standaloneIssuer ?? config.issuers[0];
  if (!iss) return fail(launchError('missing-issuer'));
  if (!isAllowedIssuer(config, iss)) {
    return fail(launchError('unknown-issuer', [`System address: ${iss}`]));
  }
  const mode = launch === undefined ? 'smart-standalone' : 'smart-ehr';
  const options: SmartAuthorizeOptions = {
    clientId: config.clientId,
    scope: scopeForMode(config.scope, mode),
    redirectUri: new URL(config.redirectUri, pageUrl).href,
    iss,
    pkceMode: 'required',
    completeInTarget: true,
  };
  if (launch !== undefined) options.launch = launch;
  return { ok: true, mode, options };
}

/**
 * An EHR launch needs the `launch` scope; a standalone launch must not ask for
 * it (there is no launch to bind) and needs `launch/patient` so that the
 * server lets the user pick the patient.
 */
export function scopeForMode(scope: string, mode: 'smart-ehr' | 'smart-standalone'): string {
  const scopes = scope.split(/\s+/).filter(Boolean);
  const wanted = mode === 'smart-ehr' ? ['launch'] : ['launch/patient'];
  const kept = mode === 'smart-ehr' ? scopes : scopes.filter((s) => s !== 'launch');
  return [...new Set([...kept, ...wanted])].join(' ');
}

function fail(error: LaunchError): SmartLaunchPlan {
  return { ok: false, error };
}
