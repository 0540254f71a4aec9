// index.html: the redirect URI. fhirclient completes the sign-in (checks
// `state`, keeps tokens in sessionStorage); when the server binds tokens to a
// key (DPoP) the code is exchanged here first, with a proof (token-binding.ts).
// The page then builds the LaunchContext, clears the URL and shows <care-record>. A reload reuses the stored session. A signed-link
// launch finishes in its own module (loaded only then: it brings oidc-client-ts).
//
// The page's own code is only the sign-in (fhirclient is the chunk the launch
// page has just loaded, so it comes from the cache). The record's code is a
// chunk asked for first of all: it downloads while the code is exchanged for
// a token, instead of the exchange waiting for it.

import FHIR from 'fhirclient';
import { buildSmartLaunchContext, parseLaunchMode, storedLinkMode } from '../src/launch-context/launch-context';
import { LaunchFailure, launchErrorFromRedirect, mapLaunchError } from '../src/launch-context/launch-errors';
import { showLaunchError } from './error-page';
import { boundKey, currentAccessToken, exchangeCodeWithProof, proofMakerOf } from './token-binding';
import { LAUNCH_MODE_KEY, clearRedirectParams, loadConfig } from './page';
import './page.css';

const recordPage = import('./record-page');
// Awaited once the sign-in is done; a failure to fetch it is reported then, not as an unhandled rejection now.
recordPage.catch(() => undefined);

async function openRecord(): Promise<void> {
  const linkMode = storedLinkMode(sessionStorage.getItem(LAUNCH_MODE_KEY));
  if (linkMode) {
    const { openLinkRecord } = await import('./link-record');
    return openLinkRecord(linkMode);
  }
  const redirectError = launchErrorFromRedirect(location.search);
  if (redirectError) throw new LaunchFailure(redirectError);
  // A public client identifies itself when refreshing (there is no secret to do it).
  FHIR.oauth2.settings.refreshTokenWithClientId = true;
  // The exchange needs only what the launch page stored, so it does not wait for the
  // configuration; a configuration error is still the one reported.
  const configLoad = loadConfig();
  configLoad.catch(() => undefined);
  const key = await boundKey();
  const ready = (key ? exchangeCodeWithProof(key) : Promise.resolve()).then(() => FHIR.oauth2.ready());
  ready.catch(() => undefined);
  const config = await configLoad;
  const client = await ready;
  clearRedirectParams();
  const context = buildSmartLaunchContext({
    mode: parseLaunchMode(sessionStorage.getItem(LAUNCH_MODE_KEY)),
    state: client.state,
    getAccessToken: () => currentAccessToken(client, key),
    ...(key ? { proveToken: proofMakerOf(key) } : {}),
    config,
  });
  const { showRecord } = await recordPage;
  showRecord(context, config);
}

const hadStateParam = new URLSearchParams(location.search).has('state');
openRecord().catch((error: unknown) => {
  clearRedirectParams();
  showLaunchError(mapLaunchError(error, { phase: 'ready', hadStateParam }));
});
