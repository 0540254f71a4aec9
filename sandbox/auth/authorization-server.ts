// The sandbox's SMART on FHIR authorisation server, shared by its five FHIR
// sources: oidc-provider configured for SMART App Launch 2 (provider.ts), mounted
// under /auth of the sandbox's node:http server. `launch` carries an EHR launch
// id (ehr-launch.ts) or a host's signed context link, checked against the
// identity provider's id_token (link-launch.ts); without one, the sandbox's own
// pages sign the user in (standalone-launch.ts). `/auth/break-glass` issues
// time-limited break-glass tokens (break-glass-endpoint.ts). This file builds
// what the parts share (context.ts) and sends each request to its part.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Patient } from '@medplum/fhirtypes';
import type { SandboxUser, SourceName } from '../config';
import { auditedBreakGlassTokens, handleBreakGlass } from './break-glass-endpoint';
import type { AuthContext } from './context';
import { DpopProofs } from './dpop';
import type { AuthAuditRecord, AuthAuditSink } from './events';
import { FhirBases } from './fhir-bases';
import type { LaunchRequest, PatientLookup, TokenVerifier } from './grant';
import { handleInteraction } from './interaction';
import { LaunchStore } from './launches';
import { preparePushedRequest, refusedLinkSecretsInAddress } from './link-launch';
import { isFormRequest, mountPathOf, mountedCallback, originsOf, sendHtml, subPathOf } from './oidc-common';
import { errorPage } from './pages';
import { createProvider } from './provider';
import { SignedLinkVerifier, type LinkIssuer } from './signed-link';
import { smartConfiguration, type SmartConfiguration } from './smart-configuration';
import { keepOfflineAccess } from './smart-scopes';
import { prepareTokenRequest, tokenResponsesCarryLaunchContext, verifyToken } from './token';
import { rememberedFhirUsers } from './users';

export interface AuthorizationServerOptions {
  /** The issuer, including the mount path: `http://127.0.0.1:8080/auth`. */
  issuer: string;
  /** The FHIR bases this server issues tokens for: the accepted `aud` values. */
  fhirBaseUrls: Record<SourceName, string>;
  /** Registered redirect URIs of the viewer (client `VIEWER_CLIENT_ID`); their origins may call the token endpoint. */
  viewerRedirectUris: string[];
  /** Reads a patient at a source, to bind its NHS number to the grant. */
  lookupPatient: PatientLookup;
  /** Every patient at every source, for the standalone launch's patient picker. */
  listPatients: () => Promise<Array<{ source: SourceName; patient: Patient }>>;
  /**
   * The absolute URL of a user's Practitioner resource (the `fhirUser`). Practitioners get
   * server-assigned ids when the synthetic data loads, so this is asked when first needed.
   */
  resolveFhirUser?: (user: SandboxUser) => Promise<string | undefined>;
  /** Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Clock for launch, link and break-glass expiry, epoch ms (tests move it on). */
  now?: () => number;
  /** The host systems trusted to sign context links, with their public keys. */
  linkIssuers?: readonly LinkIssuer[];
  /** The `aud` a signed link must name: the viewer's origin. */
  linkAudience?: string;
  /** Verifies an identity provider id_token (the `id_token_hint` of a link launch); its `sub`, or undefined. */
  verifyIdToken?: (idToken: string) => Promise<{ sub: string } | undefined>;
  /** Every source's patients holding an NHS number, for a link launch. */
  findPatientsByNhsNumber?: (nhsNumber: string) => Promise<Array<{ source: SourceName; patient: Patient }>>;
  /** Minutes a break-glass token lasts (default 30). */
  breakGlassMinutes?: number;
  /** Told of launches, refused launches and break-glass, for audit. */
  onAudit?: AuthAuditSink;
  /** DPoP proofs at break-glass (shared with the other resource servers, so a proof is used once anywhere). */
  dpop?: DpopProofs;
  /**
   * Other SMART apps of the trust domain (the community nursing host, which
   * embeds the viewer as a component): public clients whose tokens are bound
   * to their key (DPoP), as the viewer's are. Same-origin with this server, so no CORS.
   */
  apps?: readonly { clientId: string; name: string; redirectUris: string[] }[];
}

export interface AuthorizationServer {
  /** node:http handler for requests under the issuer's path (`req.url` still starting `/auth`). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  verifyToken: TokenVerifier;
  /** Registers an EHR launch (a host has signed its user in and chosen the patient); returns the `launch` value. */
  createLaunch(request: LaunchRequest): string;
  /** The `/.well-known/smart-configuration` document each FHIR base serves. */
  smartConfiguration(): SmartConfiguration;
  /** Records a link's jti as used, so that the link is refused as replayed (the hosts' demonstration). */
  markLinkUsed(issuer: string, jti: string, exp: number): void;
  /** Stops the break-glass timers. */
  close(): void;
}

export async function createAuthorizationServer(options: AuthorizationServerOptions): Promise<AuthorizationServer> {
  const issuer = options.issuer.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const audit = (record: AuthAuditRecord) => options.onAudit?.(record);
  const shared: Omit<AuthContext, 'provider'> = {
    options,
    issuer,
    mountPath: mountPathOf(issuer),
    now,
    accessTokenTtl: options.accessTokenTtlSeconds ?? 3600,
    fhirBases: new FhirBases(options.fhirBaseUrls, issuer),
    viewerOrigins: originsOf(options.viewerRedirectUris),
    launches: new LaunchStore(now),
    links: new SignedLinkVerifier({
      issuers: options.linkIssuers ?? [],
      audience: options.linkAudience ?? new URL(options.viewerRedirectUris[0] ?? 'http://127.0.0.1:5173/').origin,
      now,
    }),
    breakGlass: auditedBreakGlassTokens(options, now, audit),
    dpop: options.dpop ?? new DpopProofs({ now }),
    launchContexts: new Map(),
    fhirUserOf: rememberedFhirUsers(options.resolveFhirUser),
    audit,
  };
  // oidc-provider's configuration reads the rest of the context; every part then reads the provider.
  const context: AuthContext = { ...shared, provider: await createProvider(shared) };
  tokenResponsesCarryLaunchContext(context);
  const callback = mountedCallback(context.provider, context.mountPath);

  return {
    async handle(req, res) {
      const mounted = subPathOf(req, context.mountPath);
      if (!mounted) return sendHtml(res, 404, errorPage('Page not found', 'There is nothing at this address.'));
      const { subPath, url } = mounted;
      if (subPath.startsWith('/interaction/')) return handleInteraction(context, req, res, subPath);
      if (subPath === '/break-glass' || subPath === '/break-glass/end') return handleBreakGlass(context, req, res, subPath);
      if (subPath === '/.well-known/smart-configuration' && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
        res.end(JSON.stringify(smartConfiguration(issuer, context.provider)));
        return;
      }
      // The rest is oidc-provider's, once SMART's and the link launch's requests are readied for it.
      if (subPath === '/authorize' && req.method === 'GET') {
        if (refusedLinkSecretsInAddress(res, url.searchParams)) return;
        keepOfflineAccess(url.searchParams);
      }
      if (subPath === '/par' && req.method === 'POST' && isFormRequest(req) && !(await preparePushedRequest(req, res))) return;
      if (subPath === '/token' && req.method === 'POST' && !(await prepareTokenRequest(context, req, res))) return;
      await callback(req, res, subPath, url);
    },

    verifyToken: (accessToken) => verifyToken(context, accessToken),
    createLaunch: (request) => context.launches.create(request),
    smartConfiguration: () => smartConfiguration(issuer, context.provider),
    markLinkUsed: (linkIssuer, jti, exp) => context.links.markUsed(linkIssuer, jti, exp),
    close: () => context.breakGlass.close(),
  };
}
