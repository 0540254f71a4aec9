// The audit log as the privacy officer reads it: GET /fhir/audit and the
// /audit/ page need a signed-in audit reader, so the end-to-end checks sign
// Jo WARD in (her smartcard, then the page's sign-in at the identity provider).
import { request, type APIRequestContext, type Page } from '@playwright/test';
import type { AuditEvent, Bundle } from '@medplum/fhirtypes';
import { SANDBOX } from './support';

const VIEWER_EVENTS = 'https://sandbox.example.nhs.uk/CodeSystem/care-record-viewer-event';

let officer: Promise<APIRequestContext> | undefined;

/** An HTTP client signed in to the audit log (one per test worker). */
export function privacyOfficer(): Promise<APIRequestContext> {
  officer ??= (async () => {
    const context = await request.newContext();
    const signedIn = await context.get(`${SANDBOX}/idp/smartcard?user=jo.ward&return=${encodeURIComponent('/audit/')}`);
    if (!signedIn.ok()) throw new Error(`The privacy officer could not sign in: ${signedIn.status()}`);
    return context;
  })();
  return officer;
}

/** The viewer's own events for a patient (optionally of one kind), newest first. */
export async function viewerAuditEvents(nhsNumber: string, kind?: string): Promise<AuditEvent[]> {
  const response = await (
    await privacyOfficer()
  ).get(`${SANDBOX}/fhir/audit?patient=${nhsNumber}`, { headers: { Accept: 'application/fhir+json' } });
  if (!response.ok()) return [];
  const bundle = (await response.json()) as Bundle<AuditEvent>;
  return (bundle.entry ?? [])
    .map((e) => e.resource!)
    .filter((e) => e.subtype?.some((c) => c.system === VIEWER_EVENTS && (kind === undefined || c.code === kind)));
}

/** Opens the privacy officer's page in a browser page, signing her in there (her card replaces any other). */
export async function openPrivacyPage(page: Page, nhsNumber: string): Promise<void> {
  await page.goto(`${SANDBOX}/idp/smartcard?user=jo.ward&return=${encodeURIComponent(`/audit/?patient=${nhsNumber}`)}`);
}
