// What a source tells the audit of each read or search it answers: what it
// released and to whom, or which access rule refused it. The sandbox turns
// these into AuditEvents (sandbox/audit/audit-event.ts).
import type { Resource } from '@medplum/fhirtypes';
import type { SourceName, UserRole } from '../config';
import type { AccessGrant, BreakGlass, PurposeOfUse } from '../auth/grant';
import type { AccessOutcomeCode } from '../../src/access/outcomes';

/** Who asked, under which grant: the part of a grant an audit records. */
export interface RequestParty {
  at: string;
  source: SourceName;
  clientId: string;
  userId?: string;
  fhirUser?: string;
  role?: UserRole;
  patient?: AccessGrant['patient'];
  /** Absent: direct care. */
  purposeOfUse?: PurposeOfUse;
  breakGlass?: BreakGlass;
  interaction: 'read' | 'search';
  /** Method and path below the base, with the query. */
  request: string;
}

/** What one answered request released, and to whom. */
export interface ReleaseEvent extends RequestParty {
  /** Resources released, by type (matches and included). */
  resourceTypes: Record<string, number>;
  count: number;
  /** Resources left out by an access rule (restricted data, included types outside the role). */
  withheld?: number;
}

/** A request refused by an access rule. */
export interface RefusalEvent extends RequestParty {
  code: AccessOutcomeCode;
}

/** The party to one request answered by `source`, timed now. */
export function requestParty(
  source: SourceName,
  grant: AccessGrant,
  interaction: RequestParty['interaction'],
  request: string,
): RequestParty {
  return {
    at: new Date().toISOString(),
    source,
    clientId: grant.clientId,
    ...(grant.userId ? { userId: grant.userId } : {}),
    ...(grant.fhirUser ? { fhirUser: grant.fhirUser } : {}),
    ...(grant.role ? { role: grant.role } : {}),
    ...(grant.patient ? { patient: { ...grant.patient } } : {}),
    ...(grant.purposeOfUse ? { purposeOfUse: grant.purposeOfUse } : {}),
    ...(grant.breakGlass ? { breakGlass: { ...grant.breakGlass } } : {}),
    interaction,
    request,
  };
}

/** What `party` was released: the resources counted by type, and how many an access rule left out. */
export function releaseEvent(party: RequestParty, resources: readonly Resource[], withheld = 0): ReleaseEvent {
  const resourceTypes: Record<string, number> = {};
  for (const r of resources) resourceTypes[r.resourceType] = (resourceTypes[r.resourceType] ?? 0) + 1;
  return { ...party, resourceTypes, count: resources.length, ...(withheld ? { withheld } : {}) };
}
