// The record page's end of a signed-link launch (index.html, loaded only in
// that mode): a refusal from the authorisation server is named and audited;
// otherwise fhirclient completes the token exchange and the record opens for
// the link's patient, matched in every source by NHS number and date of birth.
// The smartcard session is then watched, and the viewer locks when it ends.

import FHIR from 'fhirclient';
import { buildLinkLaunchContext } from '../src/launch-context/launch-context';
import { LaunchFailure, launchError, linkErrorFromRedirect } from '../src/launch-context/launch-errors';
import { LINK_SESSION_KEY, parseLinkSession } from '../src/launch-context/link-session';
import { refreshWithClientId } from './fhirclient-settings';
import { auditRefusedLaunch } from './launch-audit';
import { boundKey, currentAccessToken, exchangeCodeWithProof, proofMakerOf } from './token-binding';
import { clearRedirectParams, launchConfig } from './page';
import { showRecord } from './record-page';
import { watchSmartcardSession } from './session-lock';

export async function openLinkRecord(mode: 'signed-link' | 'launch-link'): Promise<void> {
  const config = await launchConfig();
  const session = parseLinkSession(sessionStorage.getItem(LINK_SESSION_KEY));
  const refused = linkErrorFromRedirect(location.search);
  if (refused) {
    clearRedirectParams();
    const claimed = session
      ? { sub: session.user?.sub ?? session.sub, org: session.org, nhsNumber: session.patient.nhsNumber, iss: session.issuer }
      : {};
    auditRefusedLaunch(config, { error: refused, claimed, mode });
    throw new LaunchFailure(refused);
  }
  if (!session?.user) throw new LaunchFailure(launchError('no-session'));
  refreshWithClientId();
  const key = await boundKey();
  if (key) await exchangeCodeWithProof(key);
  const client = await FHIR.oauth2.ready();
  clearRedirectParams();
  const context = buildLinkLaunchContext({
    mode,
    state: client.state,
    link: { patient: session.patient, ...(session.intent ? { intent: session.intent } : {}) },
    user: session.user,
    getAccessToken: () => currentAccessToken(client, key),
    ...(key ? { proveToken: proofMakerOf(key) } : {}),
    config,
  });
  showRecord(context, config);
  if (config.identityProvider) {
    watchSmartcardSession(config.identityProvider, { sub: session.user.sub, ...(session.user.org ? { org: session.user.org } : {}) });
  }
}
