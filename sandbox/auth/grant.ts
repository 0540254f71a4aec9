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
