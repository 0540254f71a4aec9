// What the entry pages share: reading the configuration, and remembering the
// launch mode across the redirect to the authorisation server.

import { loadViewerConfig, type ViewerConfig } from '../src/launch/config';
import { LaunchFailure, launchError } from '../src/launch/launch-errors';

/** sessionStorage key: the launch page records which SMART launch it started. */
export const LAUNCH_MODE_KEY = 'care-record-viewer:launch-mode';

/** The configuration beside the page (public/config.json), or a worded LaunchFailure. */
export async function loadConfig(): Promise<ViewerConfig> {
  const result = await loadViewerConfig(new URL('config.json', document.baseURI).href);
  if (!result.ok) throw new LaunchFailure(launchError('config', result.errors));
  return result.config;
}
