// The browser floor's launch page, served at /launch.html in place of the
// viewer's: what any SMART app must do here, and nothing else. fhirclient
// reads the server's SMART configuration and sends the browser to authorize
// with the viewer's client, scope and redirect URI (built in from the
// configuration the bench built the viewer with: no config.json to fetch).

import FHIR from 'fhirclient';

declare const BENCH_FLOOR_CLIENT: { clientId: string; scope: string; redirectUri: string };

const params = new URLSearchParams(location.search);
void FHIR.oauth2.authorize({
  clientId: BENCH_FLOOR_CLIENT.clientId,
  scope: BENCH_FLOOR_CLIENT.scope,
  redirectUri: new URL(BENCH_FLOOR_CLIENT.redirectUri, location.href).href,
  iss: params.get('iss') ?? '',
  launch: params.get('launch') ?? '',
  pkceMode: 'required',
  completeInTarget: true,
});
