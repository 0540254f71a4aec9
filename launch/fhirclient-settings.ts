// fhirclient's settings, typed: its package types leave `oauth2.settings` out
// (reading it gives `any`), though the browser build the viewer bundles has it.

import FHIR from 'fhirclient';

interface BrowserSettings {
  refreshTokenWithClientId?: boolean;
}

/** A public client identifies itself when refreshing (there is no secret to do it). */
export function refreshWithClientId(): void {
  (FHIR.oauth2 as unknown as { settings: BrowserSettings }).settings.refreshTokenWithClientId = true;
}
