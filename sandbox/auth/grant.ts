// What a verified access token allows: the contract between the sandbox's
// authorisation server (which issues tokens) and its FHIR servers (which enforce them).
import type { Patient } from '@medplum/fhirtypes';
import type { SourceName, UserRole } from '../config';

export interface AccessGrant {
  clientId: string;
  /** Granted scopes, SMART v2 (`patient/*.rs`) or v1 (`patient/*.read`), plus openid etc. */
  scopes: string[];
  /** The patient in context: FHIR id at the source it was chosen in, and the NHS number found there. */
  patient?: { source: SourceName; id: string; nhsNumber?: string };
  /** Absolute URL of the user's Practitioner resource. */
  fhirUser?: string;
  userId?: string;
  role?: UserRole;
  /** Epoch seconds. */
  expiresAt: number;
  /** Why the record is read: absent means direct care (`TREAT`); `BTG` is break-glass. */
  purposeOfUse?: PurposeOfUse;
  /** Set on break-glass grants: restricted data and an objection give way until `expiresAt`. */
  breakGlass?: BreakGlass;
  /** The thumbprint of the key the token is bound to (DPoP, RFC 9449); absent for a plain bearer token. */
  jkt?: string;
}

/** v3 ActReason codes the sandbox uses. */
export type PurposeOfUse = 'TREAT' | 'BTG';

export const BREAK_GLASS_REASONS = {
  'emergency-care': 'Emergency care: the patient cannot be asked',
  safeguarding: 'Safeguarding concern',
  'clinical-safety': 'Immediate clinical safety risk',
  other: 'Other',
} as const;

export type BreakGlassReason = keyof typeof BREAK_GLASS_REASONS;

export interface BreakGlass {
  reason: BreakGlassReason;
  text?: string;
  /** Epoch seconds. */
  startedAt: number;
  /** Epoch seconds. */
  expiresAt: number;
}

/** Whether a grant is under break-glass now. */
export function isBreakGlass(grant: AccessGrant, nowMs: number = Date.now()): boolean {
  return grant.purposeOfUse === 'BTG' && grant.breakGlass !== undefined && grant.breakGlass.expiresAt * 1000 > nowMs;
}

/** Resolves a bearer token to its grant, or undefined when unknown, expired or revoked. */
export type TokenVerifier = (accessToken: string) => Promise<AccessGrant | undefined>;

/** Lets the authorisation server look a patient up in a source (to bind the NHS number to a grant). */
export type PatientLookup = (source: SourceName, patientId: string) => Promise<Patient | undefined>;

/** What a host simulator (or the standalone picker) puts into a SMART launch. */
export interface LaunchRequest {
  source: SourceName;
  patientId: string;
  userId: string;
  /** False when the host shows its own patient banner. */
  needPatientBanner: boolean;
  smartStyleUrl?: string;
  intent?: string;
}
