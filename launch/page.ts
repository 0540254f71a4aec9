// What the entry pages share: reading the configuration, remembering the
// launch mode (and whether tokens are bound) across the redirect to the
// authorisation server, and clearing that redirect's parameters from the address bar.

import { loadViewerConfig, type ViewerConfig } from '../src/launch-context/config';
import { LaunchFailure, launchError } from '../src/launch-context/launch-errors';

/** sessionStorage key: the launch page records which SMART launch it started. */
export const LAUNCH_MODE_KEY = 'care-record-viewer:launch-mode';

/** sessionStorage key: set by the launch pages when the authorisation server binds tokens to a key (DPoP). */
export const TOKEN_BINDING_KEY = 'care-record-viewer:token-binding';

// The pages' own `state` (fhirclient's comes from Math.random); here so that it travels in this shared chunk.
export { randomState } from '../src/launch-context/random-state';

/** The configuration beside the page (public/config.json), or a worded LaunchFailure. */
export async function loadConfig(): Promise<ViewerConfig> {
  const result = await loadViewerConfig(new URL('config.json', document.baseURI).href);
  if (!result.ok) throw new LaunchFailure(launchError('config', result.errors));
  return result.config;
}

/** Parameters of an authorisation redirect: none may stay in the address bar or history. */
const REDIRECT_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss'];

export function clearRedirectParams(): void {
  const url = new URL(location.href);
  REDIRECT_PARAMS.forEach((name) => url.searchParams.delete(name));
  if (url.href !== location.href) history.replaceState(history.state, '', url.href);
}
