// index.html: the redirect URI. fhirclient completes the sign-in (checks
// `state`, exchanges the code with the PKCE verifier, keeps tokens in
// sessionStorage); the page then builds the LaunchContext, clears the URL and
// shows <care-record>. A reload reuses the stored session.

import FHIR from 'fhirclient';
import type Client from 'fhirclient/lib/Client';
import type { ViewerConfig } from '../src/launch/config';
import { buildSmartLaunchContext, parseLaunchMode, type LaunchContext } from '../src/launch/launch-context';
import { LaunchFailure, launchErrorFromRedirect, mapLaunchError } from '../src/launch/launch-errors';
import '../components/care-record/care-record';
import { showLaunchError } from './error-page';
import { LAUNCH_MODE_KEY, loadConfig } from './page';
import './page.css';

/** Parameters of the authorisation redirect: none may stay in the address bar or history. */
const REDIRECT_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss'];

async function openRecord(): Promise<void> {
  const redirectError = launchErrorFromRedirect(location.search);
  if (redirectError) throw new LaunchFailure(redirectError);
  const config = await loadConfig();
  // A public client identifies itself when refreshing (there is no secret to do it).
  FHIR.oauth2.settings.refreshTokenWithClientId = true;
  const client = await FHIR.oauth2.ready();
  clearRedirectParams();
  const context = buildSmartLaunchContext({
    mode: parseLaunchMode(sessionStorage.getItem(LAUNCH_MODE_KEY)),
    state: client.state,
    getAccessToken: () => currentAccessToken(client),
    config,
  });
  showRecord(context, config);
}

/** The access token, refreshed first when it expires within seconds (fhirclient shares one refresh between callers). */
async function currentAccessToken(client: Client): Promise<string> {
  await client.refreshIfNeeded();
  const token: unknown = client.getState('tokenResponse.access_token');
  if (typeof token !== 'string' || token === '') throw new Error('The session has ended.');
  return token;
}

function showRecord(launchContext: LaunchContext, config: ViewerConfig): void {
  const record = document.createElement('care-record');
  // Properties, not attributes: the context holds a function and the config is structured.
  Object.assign(record, { launchContext, config });
  const root = document.getElementById('app') ?? document.body;
  root.replaceChildren(record);
  root.removeAttribute('aria-busy');
}

function clearRedirectParams(): void {
  const url = new URL(location.href);
  REDIRECT_PARAMS.forEach((name) => url.searchParams.delete(name));
  if (url.href !== location.href) history.replaceState(history.state, '', url.href);
}

const hadStateParam = new URLSearchParams(location.search).has('state');
openRecord().catch((error: unknown) => {
  clearRedirectParams();
  showLaunchError(mapLaunchError(error, { phase: 'ready', hadStateParam }));
});
