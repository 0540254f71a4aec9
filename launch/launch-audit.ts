// Refused launches are audited (docs/access.md section 6) from the launch
// pages, with what the link claimed: there is no verified user and no token,
// so the event goes to the audit endpoint's unauthenticated channel, which the
// server marks and rate-limits. It is not stored in the browser (it names an
// unverified patient): it is tried while the error page is open.

import { buildAuditEvent } from '../src/audit/audit-event';
import { newAuditId } from '../src/audit/new-id';
import { sendRefusedLaunch } from '../src/audit/refused-launch';
import type { ViewerConfig } from '../src/launch-context/config';
import type { LaunchError } from '../src/launch-context/launch-errors';

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
  void sendRefusedLaunch(config.auditEndpoint, event);
}
