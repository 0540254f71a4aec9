// What the parts of the authorisation server share: made once by
// createAuthorizationServer and handed to each part (the provider's
// configuration, the launches, the token endpoint, break-glass).
import type Provider from 'oidc-provider';
import type { AuthorizationServerOptions } from './authorization-server';
import type { BreakGlassTokens } from './break-glass';
import type { DpopProofs } from './dpop';
import type { AuthAuditRecord } from './events';
import type { FhirBases } from './fhir-bases';
import type { LaunchContext } from './launch-context';
import type { LaunchStore } from './launches';
import type { SignedLinkVerifier } from './signed-link';
import type { FhirUserOf } from './users';

export interface AuthContext {
  options: AuthorizationServerOptions;
  /** The issuer without a trailing slash: `http://127.0.0.1:8080/auth`. */
  issuer: string;
  /** Where the server is mounted: `/auth`. */
  mountPath: string;
  /** Clock for launch, link and break-glass expiry, epoch ms. */
  now: () => number;
  accessTokenTtl: number;
  fhirBases: FhirBases;
  /** The viewer's origins: they may call the token and break-glass endpoints from a browser. */
  viewerOrigins: ReadonlySet<string>;
  launches: LaunchStore;
  links: SignedLinkVerifier;
  breakGlass: BreakGlassTokens;
  dpop: DpopProofs;
  /** The launch context of each oidc-provider grant, by grant id. */
  launchContexts: Map<string, LaunchContext>;
  fhirUserOf: FhirUserOf;
  audit: (record: AuthAuditRecord) => void;
  provider: Provider;
}
