// A refused launch has no token to send its AuditEvent with, so it goes to the
// audit endpoint's separate channel for unauthenticated events
// (`<auditEndpoint>/unauthenticated`), which the server marks as such and
// rate-limits. What it names (the user and patient a refused link claimed) is
// unverified, and the event is never written to the browser's storage: it is
// tried a few times while the error page is open, then given up. The
// authorisation server records the refusals it makes itself.

import type { AuditEvent } from '@medplum/fhirtypes';

export interface RefusedLaunchSendOptions {
  fetch?: typeof fetch;
  /** Waits between attempts (ms); default 2, 8 and 30 seconds. */
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

/** The channel for events sent without a token, beside the endpoint. */
export function unauthenticatedChannel(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/unauthenticated`;
}

/** Sends the event to the unauthenticated channel; true once it is accepted. Never throws. */
export async function sendRefusedLaunch(endpoint: string, event: AuditEvent, options: RefusedLaunchSendOptions = {}): Promise<boolean> {
  const delays = options.retryDelaysMs ?? [2_000, 8_000, 30_000];
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await sleep(delays[attempt - 1]!);
    try {
      const response = await (options.fetch ?? fetch)(unauthenticatedChannel(endpoint), {
        method: 'POST',
        headers: { 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' },
        body: JSON.stringify(event),
        keepalive: true,
        credentials: 'omit',
        redirect: 'manual',
      });
      if (response.ok || response.status === 409) return true;
      // Malformed or refused for good: sending it again cannot help.
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) return false;
    } catch {
      // Unreachable: tried again after the next wait.
    }
  }
  return false;
}
