// launch.html: the SMART launch URL. Checks the issuer against the allow-list,
// then hands over to fhirclient, which redirects to the authorisation server
// (PKCE S256 required, `aud` = iss, an unguessable `state` kept in sessionStorage).

import FHIR from 'fhirclient';
import { LaunchFailure, mapLaunchError } from '../src/launch/launch-errors';
import { randomState } from '../src/launch/random-state';
import { planSmartLaunch } from '../src/launch/smart-launch-plan';
import { showLaunchError } from './error-page';
import { LAUNCH_MODE_KEY, loadConfig } from './page';
import './page.css';

async function startLaunch(): Promise<void> {
  const config = await loadConfig();
  const plan = planSmartLaunch(location.search, config, location.href);
  if (!plan.ok) throw new LaunchFailure(plan.error);
  sessionStorage.setItem(LAUNCH_MODE_KEY, plan.mode);
  // Our own state: fhirclient's would come from Math.random.
  await FHIR.oauth2.authorize({ ...plan.options, stateKey: randomState() });
}

startLaunch().catch((error: unknown) => showLaunchError(mapLaunchError(error, { phase: 'authorize' })));
