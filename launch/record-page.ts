// What the record page does once a launch has completed, whatever the mode:
// keep the token fresh, clear the redirect from the address bar, show <care-record>.

import type Client from 'fhirclient/lib/Client';
import type { ViewerConfig } from '../src/launch/config';
import type { LaunchContext } from '../src/launch/launch-context';
import '../components/care-record/care-record';

export { clearRedirectParams } from './page';


/** The access token, refreshed first when it expires within seconds (fhirclient shares one refresh between callers). */
export async function currentAccessToken(client: Client): Promise<string> {
  await client.refreshIfNeeded();
  const token: unknown = client.getState('tokenResponse.access_token');
  if (typeof token !== 'string' || token === '') throw new Error('The session has ended.');
  return token;
}

export function showRecord(launchContext: LaunchContext, config: ViewerConfig): HTMLElement {
  const record = document.createElement('care-record');
  // Properties, not attributes: the context holds a function and the config is structured.
  Object.assign(record, { launchContext, config });
  const root = document.getElementById('app') ?? document.body;
  root.replaceChildren(record);
  root.removeAttribute('aria-busy');
  return record;
}
