// What the entry pages share: reading the configuration, remembering the
// launch mode (and whether tokens are bound) across the redirect to the
// authorisation server, and clearing that redirect's parameters from the address bar.

import { loadViewerConfig, parseViewerConfig, type ViewerConfig } from '../src/launch-context/config';
import { LaunchFailure, launchError } from '../src/launch-context/launch-errors';

/** sessionStorage key: the launch page records which SMART launch it started. */
export const LAUNCH_MODE_KEY = 'care-record-viewer:launch-mode';

/** sessionStorage key: set by the launch pages when the authorisation server binds tokens to a key (DPoP). */
export const TOKEN_BINDING_KEY = 'care-record-viewer:token-binding';

// The pages' own `state` (fhirclient's comes from Math.random); here so that it travels in this shared chunk.
export { randomState } from '../src/launch-context/random-state';

/** sessionStorage key: the configuration the page that started this launch read, for the pages that finish it. */
export const CONFIG_KEY = 'care-record-viewer:config';

/**
 * The configuration beside the page (public/config.json), or a worded
 * LaunchFailure. Read by the page that starts a launch, and kept for the
 * pages that finish it (launchConfig), so a launch reads it once.
 */
export async function loadConfig(): Promise<ViewerConfig> {
  const result = await loadViewerConfig(new URL('config.json', document.baseURI).href);
  if (!result.ok) throw new LaunchFailure(launchError('config', result.errors));
  sessionStorage.setItem(CONFIG_KEY, JSON.stringify(result.config));
  return result.config;
}

/**
 * The configuration this tab's launch read (checked again as a whole), or,
 * when it has none (the page opened without a launch page before it), read
 * now. A reload of the record page keeps its launch's configuration.
 */
export async function launchConfig(): Promise<ViewerConfig> {
  const stored = storedConfig();
  return stored ?? loadConfig();
}

function storedConfig(): ViewerConfig | undefined {
  const text = sessionStorage.getItem(CONFIG_KEY);
  if (text === null) return undefined;
  try {
    const result = parseViewerConfig(JSON.parse(text));
    if (result.ok) return result.config;
  } catch {
    // Not JSON: read the file again.
  }
  sessionStorage.removeItem(CONFIG_KEY);
  return undefined;
}

/** Parameters of an authorisation redirect: none may stay in the address bar or history. */
const REDIRECT_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss'];

export function clearRedirectParams(): void {
  const url = new URL(location.href);
  REDIRECT_PARAMS.forEach((name) => url.searchParams.delete(name));
  if (url.href !== location.href) history.replaceState(history.state, '', url.href);
}
