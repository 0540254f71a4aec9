// How one FHIR source is configured. Defined here, beside the code that uses
// it; the viewer configuration (src/launch-context/config.ts) validates and re-exports it.

/** How a source is authorised. */
export type SourceAuth = 'launch-token' | 'none';

/** One FHIR R4 endpoint whose records join the shared record. */
export interface SourceConfig {
  /** Short unique name, e.g. `gp`; lower-case letters, digits and hyphens. */
  name: string;
  /** Human name of the organisation, shown on every item from this source. */
  organisation: string;
  odsCode?: string;
  /** FHIR base URL, without a trailing slash. */
  fhirBaseUrl: string;
  /**
   * `launch-token`: send the access token from the launch (the source trusts the
   * same authorisation server); `none`: an open server, no token is ever sent.
   */
  auth: SourceAuth;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Paging stops once a query has received at least this many resources. */
  pageCap: number;
}

export const SOURCE_DEFAULTS = { timeoutMs: 8000, pageCap: 2000 } as const;

/** Canonical form for comparing base URLs: `HTTP://Host/fhir/gp/` and `http://host/fhir/gp` compare equal. */
export function normaliseBaseUrl(url: string): string {
  const text = url.trim();
  const parsed = URL.canParse(text) ? new URL(text).href : text;
  return parsed.replace(/\/+$/, '');
}
