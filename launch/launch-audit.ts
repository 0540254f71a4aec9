// Refused launches are audited (docs/access.md section 6) from the launch
// pages, with what the link claimed: there is no verified user yet. The event
// is stored before anything is sent, so an unreachable audit endpoint loses nothing.

import { buildAuditEvent, newAuditId, sharedAuditQueue } from '../src/audit';
import type { ViewerConfig } from '../src/launch/config';
import type { LaunchError } from '../src/launch/launch-errors';

export interface RefusedLaunch {
  error: LaunchError;
  /** What the link claimed (unverified when the link was refused). */
  claimed?: { sub?: string; org?: string; nhsNumber?: string; iss?: string };
  mode: string;
}

export function auditRefusedLaunch(config: Pick<ViewerConfig, 'auditEndpoint'>, refused: RefusedLaunch): void {
  if (!config.auditEndpoint) return;
  const { claimed = {}, error } = refused;
  const event = buildAuditEvent({
    kind: 'launch-refused',
    id: newAuditId(),
    recorded: new Date().toISOString(),
    user: { ...(claimed.sub ? { id: claimed.sub } : {}), ...(claimed.org ? { odsCode: claimed.org } : {}) },
    ...(claimed.nhsNumber ? { nhsNumber: claimed.nhsNumber } : {}),
    outcome: '8',
    description: `Launch refused: ${error.code}${claimed.iss ? ` (link from ${claimed.iss})` : ''}`,
    viewer: location.origin,
    launchMode: refused.mode,
  });
  // Stored synchronously; the send happens in the background and again later if it fails.
  void sharedAuditQueue(config.auditEndpoint, localStorage).record(event);
}
