// The sandbox's SMART on FHIR authorisation server, shared by its five FHIR
// sources: oidc-provider configured for SMART App Launch 2 (authorization code
// with PKCE S256, `aud`, `launch`, v1 and v2 read scopes, launch context in the
// token response, rotating refresh tokens), mounted under /auth of the sandbox's
// node:http server. `launch` carries an EHR launch id or a host's signed context
// link (checked against the identity provider's id_token); `/auth/break-glass`
// issues time-limited break-glass tokens.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Patient } from '@medplum/fhirtypes';
import Provider, { errors, interactionPolicy, type Account, type Interaction } from 'oidc-provider';
import { SOURCES, USERS, VIEWER_CLIENT_ID, type SandboxUser, type SourceName } from '../config';
import { ROLES } from '../idp/roles';
import { BreakGlassTokens, DEFAULT_BREAK_GLASS_MINUTES, readBreakGlassForm } from './break-glass';
import { DpopProofs, TokenRefused, presentedToken } from './dpop';
import type { AuthAuditRecord, AuthAuditSink } from './events';
import type { AccessGrant, LaunchRequest, PatientLookup, TokenVerifier } from './grant';
import { LaunchStore } from './launches';
import { MemoryAdapter, MemoryStore } from './memory-adapter';
import {
  FormTooLarge,
  VIEWER_CLIENT_NAME,
  cookieOptions,
  freshSigningKey,
  isRecord,
  mountPathOf,
  mountedCallback,
  originsOf,
  readForm,
  sendHtml,
  sendInteractionFailure,
  sendJson,
  setPageHeaders,
  subPathOf,
  viewerClient,
} from './oidc-common';
import { errorPage, loginPage, nhsNumberOf, patientPickerPage, userDisplayName } from './pages';
import { LinkRefused, SignedLinkVerifier, looksLikeSignedLink, type ContextLink, type LinkIssuer } from './signed-link';
import { SCOPES_SUPPORTED, isContextScope, isGrantableScope, needsPatientContext, splitScope } from './smart-scopes';

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

export interface SmartConfiguration {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint: string;
  token_endpoint: string;
  revocation_endpoint: string;
  /** RFC 9126. */
  pushed_authorization_request_endpoint: string;
  grant_types_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  /** RFC 9449: tokens are bound to the client's key with these proof algorithms. */
  dpop_signing_alg_values_supported: string[];
  response_types_supported: string[];
  scopes_supported: string[];
  code_challenge_methods_supported: string[];
  capabilities: string[];
}

/** The SMART launch context of one oidc-provider grant; refreshed tokens share the grant, so they share this. */
interface LaunchContext {
  userId: string;
  patient?: NonNullable<AccessGrant['patient']>;
  /** The `patient` of the token response: the patient's id at the token's FHIR server, when it holds them. */
  contextPatientId?: string;
  needPatientBanner: boolean;
  smartStyleUrl?: string;
  intent?: string;
  /** Epoch ms, when the grant itself expires. */
  expiresAt: number;
}

type Binding = Omit<LaunchContext, 'userId' | 'expiresAt'>;

const AUTHORIZATION_CODE_TTL = 60;
const ID_TOKEN_TTL = 60 * 60;
const REFRESH_TOKEN_TTL = 24 * 60 * 60;
const SESSION_TTL = 8 * 60 * 60;
const INTERACTION_TTL = 10 * 60;
/** The authorize parameter a link launch's `id_token_hint` is moved to: oidc-provider would check the hint against its own tokens. */
const IDP_ID_TOKEN_PARAM = 'idp_id_token';

const CAPABILITIES = [
  'launch-ehr',
  'launch-standalone',
  'client-public',
  'context-ehr-patient',
  'context-standalone-patient',
  'context-banner',
  'context-style',
  'permission-v1',
  'permission-v2',
  'permission-patient',
  'permission-user',
  'permission-offline',
  'permission-online',
  'sso-openid-connect',
];

export async function createAuthorizationServer(options: AuthorizationServerOptions): Promise<AuthorizationServer> {
  const issuer = options.issuer.replace(/\/+$/, '');
  const mountPath = mountPathOf(issuer);
  const now = options.now ?? Date.now;
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 3600;
  const fhirBases = new Set(Object.values(options.fhirBaseUrls).map(withoutTrailingSlash));
  const corsOrigins = originsOf(options.viewerRedirectUris);
  /** Each other app may call the token endpoint from the origins of its own redirect URIs only. */
  const appOrigins = new Map((options.apps ?? []).map((app) => [app.clientId, originsOf(app.redirectUris)]));
  const dpop = options.dpop ?? new DpopProofs({ now });
  const launches = new LaunchStore(now);
  const contexts = new Map<string, LaunchContext>();
  const fhirUsers = new Map<string, string>();
  const audit = (record: AuthAuditRecord) => options.onAudit?.(record);
  const links = new SignedLinkVerifier({
    issuers: options.linkIssuers ?? [],
    audience: options.linkAudience ?? new URL(options.viewerRedirectUris[0] ?? 'http://127.0.0.1:5173/').origin,
    now,
  });
  const breakGlass = new BreakGlassTokens({
    minutes: options.breakGlassMinutes ?? DEFAULT_BREAK_GLASS_MINUTES,
    now,
    onEnd: (grant, ended) =>
      audit({
        kind: 'break-glass-end',
        at: new Date(now()).toISOString(),
        clientId: grant.clientId,
        userId: grant.userId,
        patient: grant.patient,
        breakGlass: grant.breakGlass,
        ended,
      }),
  });

  /** The source whose FHIR base an `aud` names. */
  const sourceOfBase = (base: string | undefined): SourceName | undefined =>
    (Object.entries(options.fhirBaseUrls) as Array<[SourceName, string]>).find(([, url]) => withoutTrailingSlash(url) === base)?.[0];

  /** The FHIR base an authorization request asked for: its `aud`, or (pushed) its `resource`. */
  const requestedBase = (params: Record<string, unknown>): string | undefined =>
    fhirBaseFor(params.aud) ??
    (typeof params.aud === 'string' && withoutTrailingSlash(params.aud) === issuer ? fhirBaseFor(params.resource) : undefined);

  /** The canonical FHIR base an `aud` names, or undefined when it names none of ours. */
  const fhirBaseFor = (aud: unknown): string | undefined => {
    if (typeof aud !== 'string') return undefined;
    const base = withoutTrailingSlash(aud);
    return fhirBases.has(base) ? base : undefined;
  };

  const fhirUserFor = async (user: SandboxUser): Promise<string | undefined> => {
    const known = fhirUsers.get(user.id);
    if (known !== undefined || !options.resolveFhirUser) return known;
    const resolved = await options.resolveFhirUser(user);
    if (resolved) fhirUsers.set(user.id, resolved);
    return resolved;
  };

  const policy = interactionPolicy.base();
  // No single sign-on across launches: each launch signs in its own user (the
  // host's, for an EHR launch) and binds its own patient, so a browser that was
  // used by someone else, or for another patient, cannot carry that over.
  policy
    .get('login')
    ?.checks.add(new interactionPolicy.Check('smart_sign_in', 'each SMART launch signs its user in', (ctx) => !ctx.oidc.result?.login));
  policy
    .get('consent')
    ?.checks.add(
      new interactionPolicy.Check('smart_launch_context', 'each SMART launch binds its own context', (ctx) => !ctx.oidc.result?.consent),
    );

  const signingKey = await freshSigningKey();
  const store = new MemoryStore();

  const provider = new Provider(issuer, {
    adapter: (name) => new MemoryAdapter(name, store),
    // Every token the viewer gets is bound to its key (DPoP): a code exchange or refresh without a proof is refused.
    clients: [
      { ...viewerClient(options.viewerRedirectUris, ['authorization_code', 'refresh_token']), dpop_bound_access_tokens: true },
      ...(options.apps ?? []).map((app) => ({
        client_id: app.clientId,
        client_name: app.name,
        application_type: 'web' as const,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: app.redirectUris,
        dpop_bound_access_tokens: true,
      })),
    ],
    jwks: { keys: [signingKey] },
    cookies: cookieOptions(mountPath),
    scopes: ['openid', 'offline_access', 'online_access', 'launch', 'launch/patient'],
    claims: {
      openid: ['sub'],
      fhirUser: ['fhirUser'],
      profile: ['name', 'given_name', 'family_name'],
    },
    extraParams: {
      aud(ctx, value) {
        if (typeof value !== 'string' || value === '') {
          throw new errors.InvalidRequest('aud is required: the base URL of the FHIR server the app will use');
        }
        // A pushed request (PAR) comes back as a request object whose JWT `aud` claim (this issuer) has taken
        // SMART's `aud`; the FHIR base travels on as `resource` (RFC 8707), copied in when it was pushed.
        const pushed = ctx.oidc.entities.PushedAuthorizationRequest !== undefined && withoutTrailingSlash(value) === issuer;
        const base = pushed ? fhirBaseFor(ctx.oidc.params.resource) : fhirBaseFor(value);
        if (!base) throw new errors.InvalidRequest('aud is not a FHIR server that this authorization server protects');
        if (ctx.oidc.params.resource !== undefined && ctx.oidc.params.resource !== base) {
          throw new errors.InvalidTarget('resource, when given, must be the aud');
        }
      },
      launch(_ctx, value) {
        if (value === undefined) return;
        // A signed link is checked in the interaction, where a refusal can be audited with its user.
        if (looksLikeSignedLink(value)) return;
        if (typeof value !== 'string' || !launches.usable(value)) {
          throw new errors.InvalidRequest('launch is unknown, expired or already used');
        }
      },
      [IDP_ID_TOKEN_PARAM]: null,
    },
    features: {
      devInteractions: { enabled: false },
      // SMART's `aud` is a resource indicator in all but name: the token's audience
      // is the FHIR base, and SMART's open-ended scope grammar lives on that
      // resource server, since oidc-provider only knows a fixed list of OIDC scopes.
      resourceIndicators: {
        enabled: true,
        defaultResource: async (ctx, _client, oneOf) => oneOf ?? requestedBase(ctx.oidc.params),
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx, resource) => {
          if (!fhirBases.has(resource)) throw new errors.InvalidTarget();
          const { params, entities } = ctx.oidc;
          const requested = new Set([
            ...splitScope(params.scope),
            ...splitScope(entities.AuthorizationCode?.scope),
            ...splitScope(entities.RefreshToken?.scope),
          ]);
          return {
            scope: [...requested].filter(isGrantableScope).join(' '),
            audience: resource,
            accessTokenFormat: 'opaque',
            accessTokenTTL: accessTokenTtl,
          };
        },
      },
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: false },
      // RFC 9126: a signed-link launch pushes its link and id_token, so neither travels in an address.
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      // Sender-constrained tokens (RFC 9449): the token's `jkt` is the thumbprint of the key that proved possession.
      dPoP: { enabled: true },
    },
    pkce: { required: () => true },
    routes: { authorization: '/authorize', token: '/token', jwks: '/jwks', revocation: '/revoke', pushed_authorization_request: '/par' },
    responseTypes: ['code'],
    clientAuthMethods: ['none'],
    interactions: {
      policy,
      url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}`,
    },
    // Only the grant this launch's own interaction created (see the policy above).
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    findAccount: async (_ctx, sub) => {
      const user = userById(sub);
      return user ? account(user, fhirUserFor) : undefined;
    },
    issueRefreshToken: async (_ctx, client, source) =>
      client.grantTypeAllowed('refresh_token') && (source.scopes.has('offline_access') || source.scopes.has('online_access')),
    // Tokens live by their own lifetimes: a sign-in for the next launch ends the
    // previous session, and must not cut off a viewer still open on another patient.
    expiresWithSession: async () => false,
    rotateRefreshToken: true,
    clientBasedCORS: (_ctx, origin, client) =>
      client.clientId === VIEWER_CLIENT_ID ? corsOrigins.has(origin) : Boolean(appOrigins.get(client.clientId)?.has(origin)),
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      setPageHeaders((name, value) => ctx.set(name, value));
      ctx.body = errorPage('Sign-in could not continue', describeOAuthError(out));
    },
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: AUTHORIZATION_CODE_TTL,
      IdToken: ID_TOKEN_TTL,
      // A rotated refresh token keeps its predecessor's expiry, so rotation never extends the grant.
      RefreshToken: (ctx) => ctx?.oidc.entities.RotatedRefreshToken?.remainingTTL ?? REFRESH_TOKEN_TTL,
      Grant: REFRESH_TOKEN_TTL,
      Session: SESSION_TTL,
      Interaction: INTERACTION_TTL,
    },
  });

  provider.on('grant.revoked', (_ctx, grantId) => {
    if (typeof grantId === 'string') contexts.delete(grantId);
  });
  provider.on('server_error', (_ctx, error) => console.error('[auth] server error', error));

  const launchContextFields = async (context: LaunchContext): Promise<Record<string, unknown>> => {
    const user = userById(context.userId);
    const fhirUser = user ? await fhirUserFor(user) : undefined;
    return {
      ...(context.contextPatientId ? { patient: context.contextPatientId } : {}),
      ...(context.patient?.nhsNumber ? { patient_nhs_number: context.patient.nhsNumber } : {}),
      need_patient_banner: context.needPatientBanner,
      ...(context.smartStyleUrl ? { smart_style_url: context.smartStyleUrl } : {}),
      ...(context.intent ? { intent: context.intent } : {}),
      ...(fhirUser ? { fhirUser } : {}),
      ...(user ? { role: user.role } : {}),
    };
  };

  // SMART puts the launch context beside the tokens in the token response.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route !== 'token' || ctx.status !== 200) return;
    const body = ctx.body;
    if (!isRecord(body) || typeof body.access_token !== 'string') return;
    const grantId = ctx.oidc.entities.Grant?.jti;
    const context = grantId ? contexts.get(grantId) : undefined;
    if (context) ctx.body = { ...body, ...(await launchContextFields(context)) };
  });

  /** A grant for the scopes this launch may have, bound to its context. */
  const createGrant = async (details: Interaction, user: SandboxUser, binding: Binding): Promise<string> => {
    const resource = details.params.resource;
    if (typeof resource !== 'string') throw new Error('An authorisation request reached consent without a FHIR audience');
    const scopes = splitScope(details.params.scope).filter(isGrantableScope);
    const grant = new provider.Grant({ accountId: user.id, clientId: String(details.params.client_id) });
    const contextScopes = scopes.filter(isContextScope);
    if (contextScopes.length > 0) grant.addOIDCScope(contextScopes.join(' '));
    // Context scopes are granted on the FHIR audience too, so that the access token's
    // `scope` (and so the token response's) lists everything that was granted.
    grant.addResourceScope(resource, scopes.join(' '));
    const grantId = await grant.save();
    const time = now();
    for (const [id, context] of contexts) if (context.expiresAt <= time) contexts.delete(id);
    contexts.set(grantId, {
      contextPatientId: binding.patient?.id,
      ...binding,
      userId: user.id,
      expiresAt: time + REFRESH_TOKEN_TTL * 1000,
    });
    return grantId;
  };

  /** Ends the browser's earlier sign-in, so that resuming as a different user is not taken for a session change. */
  const forgetEarlierSignIn = async (details: Interaction): Promise<void> => {
    const uid = details.session?.uid;
    if (!uid) return;
    details.session = undefined;
    await details.persist();
    await (await provider.Session.findByUid(uid))?.destroy();
  };

  const finishWithError = (req: IncomingMessage, res: ServerResponse, error: string, description: string) =>
    provider.interactionFinished(req, res, { error, error_description: description }, { mergeWithLastSubmission: false });

  const completeEhrLaunch = async (req: IncomingMessage, res: ServerResponse, details: Interaction, launchId: string) => {
    const launch = details.prompt.name === 'login' ? launches.take(launchId) : undefined;
    if (!launch) return finishWithError(req, res, 'invalid_request', 'launch is unknown, expired or already used');
    const user = userById(launch.userId);
    const patient = await options.lookupPatient(launch.source, launch.patientId);
    if (!user || !patient)
      return finishWithError(req, res, 'invalid_request', 'the launch names a user or patient that the sandbox does not hold');
    await forgetEarlierSignIn(details);
    const bound = { source: launch.source, id: patient.id ?? launch.patientId, nhsNumber: nhsNumberOf(patient) };
    const grantId = await createGrant(details, user, {
      patient: bound,
      needPatientBanner: launch.needPatientBanner,
      smartStyleUrl: launch.smartStyleUrl,
      intent: launch.intent,
    });
    audit({
      kind: 'launch',
      launch: 'ehr',
      at: new Date(now()).toISOString(),
      clientId: clientIdOf(details),
      userId: user.id,
      patient: bound,
      intent: launch.intent,
    });
    // The host has signed its user in already: no page, straight back to the app.
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.id, remember: false }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  };

  /**
   * A launch from a host's signed context link: the link (again, after the viewer),
   * then the identity provider's id_token for the same user, then the patient by
   * NHS number and date of birth in every source. Each refusal goes back to the
   * app as `access_denied` with the refusal's code as `error_description`.
   */
  const completeLinkLaunch = async (req: IncomingMessage, res: ServerResponse, details: Interaction, jws: string) => {
    const at = new Date(now()).toISOString();
    const clientId = clientIdOf(details);
    const refuse = async (error: LinkRefused, claims?: Partial<ContextLink>) => {
      // The claims of a refused link are unproven; they are recorded as what the link said.
      audit({
        kind: 'launch-refused',
        launch: 'link',
        at,
        clientId,
        code: error.code,
        detail: error.message,
        ...(typeof claims?.iss === 'string' ? { linkIssuer: claims.iss } : {}),
        ...(typeof claims?.sub === 'string' ? { userId: claims.sub } : {}),
        ...(typeof claims?.patient?.nhs_number === 'string' ? { patient: { nhsNumber: claims.patient.nhs_number } } : {}),
      });
      return finishWithError(req, res, 'access_denied', error.code);
    };
    if (details.prompt.name !== 'login') return refuse(new LinkRefused('replayed', 'the authorisation was already completed'));
    let link;
    try {
      link = await links.verify(jws);
    } catch (error) {
      if (error instanceof LinkRefused) return refuse(error, error.link);
      throw error;
    }
    const idToken = details.params[IDP_ID_TOKEN_PARAM];
    const signedIn = typeof idToken === 'string' && options.verifyIdToken ? await options.verifyIdToken(idToken) : undefined;
    if (!signedIn)
      return refuse(new LinkRefused('not-signed-in', 'no valid id_token_hint from the identity provider came with the link'), link);
    const user = userById(signedIn.sub);
    if (!user || signedIn.sub !== link.sub || (link.org !== undefined && link.org !== user.odsCode)) {
      return refuse(
        new LinkRefused(
          'user-mismatch',
          `the link names ${link.sub}${link.org ? ` (${link.org})` : ''}, the signed-in user is ${signedIn.sub}`,
        ),
        link,
      );
    }
    const candidates = ((await options.findPatientsByNhsNumber?.(link.patient.nhs_number)) ?? []).filter(
      (c) => c.patient.birthDate === link.patient.birth_date && c.patient.id,
    );
    const audSource = sourceOfBase(requestedBase(details.params));
    const chosen =
      candidates.find((c) => c.source === audSource) ??
      SOURCES.map((s) => candidates.find((c) => c.source === s.name)).find((c) => c !== undefined);
    if (!chosen)
      return refuse(new LinkRefused('patient-not-found', "no source holds a patient with the link's NHS number and date of birth"), link);

    await forgetEarlierSignIn(details);
    const bound = { source: chosen.source, id: chosen.patient.id!, nhsNumber: link.patient.nhs_number };
    const grantId = await createGrant(details, user, {
      patient: bound,
      contextPatientId: chosen.source === audSource ? bound.id : undefined,
      needPatientBanner: true,
      intent: link.intent,
    });
    audit({ kind: 'launch', launch: 'link', at, clientId, userId: user.id, patient: bound, linkIssuer: link.iss, intent: link.intent });
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.id, remember: false }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  };

  /** A standalone launch picks among the patients of the FHIR server it will read (its `aud`): ids are per server. */
  const pickablePatients = async (details: Interaction) => {
    const base = requestedBase(details.params);
    const patients = await options.listPatients();
    return patients.filter((p) => options.fhirBaseUrls[p.source] === base);
  };

  const interactionUser = (details: Interaction): SandboxUser | undefined =>
    userById(details.session?.accountId ?? details.lastSubmission?.login?.accountId);

  const showInteraction = async (req: IncomingMessage, res: ServerResponse, details: Interaction, base: string) => {
    const launchId = details.params.launch;
    if (looksLikeSignedLink(launchId)) return completeLinkLaunch(req, res, details, launchId);
    if (typeof launchId === 'string') return completeEhrLaunch(req, res, details, launchId);
    if (details.prompt.name === 'login') {
      return sendHtml(
        res,
        200,
        loginPage({ action: `${base}/login`, cancelAction: `${base}/cancel`, clientName: VIEWER_CLIENT_NAME, users: USERS }),
      );
    }
    const user = interactionUser(details);
    if (details.prompt.name !== 'consent' || !user) return finishWithError(req, res, 'access_denied', 'the sign-in could not be completed');
    if (needsPatientContext(splitScope(details.params.scope))) {
      const patients = await pickablePatients(details);
      return sendHtml(res, 200, patientPickerPage({ action: `${base}/patient`, cancelAction: `${base}/cancel`, user, patients }));
    }
    const grantId = await createGrant(details, user, { needPatientBanner: true });
    return provider.interactionFinished(req, res, { consent: { grantId } });
  };

  const submitLogin = async (req: IncomingMessage, res: ServerResponse, details: Interaction, form: URLSearchParams, base: string) => {
    const user = userById(form.get('user'));
    if (!user) {
      return sendHtml(
        res,
        400,
        loginPage({
          action: `${base}/login`,
          cancelAction: `${base}/cancel`,
          clientName: VIEWER_CLIENT_NAME,
          users: USERS,
          error: 'Choose who you are signing in as',
        }),
      );
    }
    await forgetEarlierSignIn(details);
    return provider.interactionFinished(req, res, { login: { accountId: user.id, remember: false } }, { mergeWithLastSubmission: false });
  };

  const submitPatient = async (req: IncomingMessage, res: ServerResponse, details: Interaction, form: URLSearchParams, base: string) => {
    const user = interactionUser(details);
    if (!user) throw new errors.SessionNotFound('no signed-in user for this interaction');
    const choice = form.get('patient') ?? '';
    const slash = choice.indexOf('/');
    const source = choice.slice(0, slash);
    const id = choice.slice(slash + 1);
    const patients = await pickablePatients(details);
    // Only a patient the picker offered: the form's value is the browser's to change.
    const offered = slash > 0 ? patients.find((p) => p.source === source && p.patient.id === id) : undefined;
    const patient = offered ? await options.lookupPatient(offered.source, id) : undefined;
    if (!offered || !patient) {
      return sendHtml(
        res,
        400,
        patientPickerPage({
          action: `${base}/patient`,
          cancelAction: `${base}/cancel`,
          user,
          patients,
          error: 'Choose a patient from the list',
        }),
      );
    }
    const bound = { source: offered.source, id, nhsNumber: nhsNumberOf(patient) };
    const grantId = await createGrant(details, user, { patient: bound, needPatientBanner: true });
    audit({
      kind: 'launch',
      launch: 'standalone',
      at: new Date(now()).toISOString(),
      clientId: clientIdOf(details),
      userId: user.id,
      patient: bound,
    });
    return provider.interactionFinished(req, res, { consent: { grantId } });
  };

  const handleInteraction = async (req: IncomingMessage, res: ServerResponse, subPath: string) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|patient|cancel))?$/.exec(subPath);
    if (!match) return sendHtml(res, 404, errorPage('Page not found', 'There is no sign-in page at this address.'));
    const [, uid, action] = match;
    const base = `${mountPath}/interaction/${uid}`;
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid) throw new errors.SessionNotFound('interaction and cookie do not match');
      if (action === undefined && req.method === 'GET') return await showInteraction(req, res, details, base);
      if (action !== undefined && req.method === 'POST') {
        const form = await readForm(req);
        if (action === 'cancel') return await finishWithError(req, res, 'access_denied', 'the user cancelled the sign-in');
        if (action === 'login' && details.prompt.name === 'login') return await submitLogin(req, res, details, form, base);
        if (action === 'patient' && details.prompt.name === 'consent') return await submitPatient(req, res, details, form, base);
      }
      return sendHtml(res, 400, errorPage('Sign-in could not continue', 'This page was asked for something it does not do.'));
    } catch (error) {
      sendInteractionFailure(res, error, 'auth');
    }
  };

  /**
   * SMART public apps refresh without a client_id (fhirclient does unless told
   * otherwise), which oidc-provider takes for a missing client authentication; the
   * refresh token itself names its client. oidc-provider reads an already parsed
   * body from `req.body` (and says so once on the console).
   */
  const identifyPublicRefresh = async (req: IncomingMessage): Promise<void> => {
    const contentType = req.headers['content-type'] ?? '';
    if (req.headers.authorization || !contentType.startsWith('application/x-www-form-urlencoded')) return;
    const form = await readForm(req);
    const refreshToken = form.get('refresh_token');
    if (form.get('grant_type') === 'refresh_token' && !form.has('client_id') && refreshToken) {
      const token = await provider.RefreshToken.find(refreshToken, { ignoreExpiration: true });
      if (token) form.set('client_id', token.clientId);
    }
    Object.assign(req, { body: form.toString() });
  };

  const callback = mountedCallback(provider, mountPath);

  /** `POST /auth/break-glass`: a break-glass token over the bearer token's grant (docs/access.md section 5). */
  const startBreakGlass = async (req: IncomingMessage, res: ServerResponse) => {
    const cors = corsHeadersFor(req, corsOrigins);
    const presented = presentedToken(req);
    const base = await verifyToken(presented?.token);
    if (!presented || !base)
      return sendJson(
        res,
        401,
        { error: 'invalid_token', error_description: 'a valid access token is required' },
        { ...cors, 'WWW-Authenticate': 'DPoP error="invalid_token"' },
      );
    const refused = await proofRefusal(req, presented, base.jkt);
    if (refused)
      return sendJson(
        res,
        401,
        { error: refused.error, error_description: refused.message },
        { ...cors, 'WWW-Authenticate': refused.challenge(issuer) },
      );
    const role = base.role ? ROLES[base.role] : undefined;
    if (!role?.mayBreakGlass)
      return sendJson(res, 403, { error: 'insufficient_scope', error_description: 'break-glass is for clinical roles only' }, cors);
    if (!base.patient)
      return sendJson(
        res,
        400,
        { error: 'invalid_request', error_description: 'break-glass needs a token with a patient in context' },
        cors,
      );
    const request = readBreakGlassForm(await readForm(req));
    if (!request.ok) return sendJson(res, 400, { error: 'invalid_request', error_description: request.message }, cors);
    const contextPatientId = await contextPatientIdOf(presented.token);
    const { token, grant } = breakGlass.start(base, request.reason, request.text, contextPatientId);
    audit({
      kind: 'break-glass-start',
      at: new Date(now()).toISOString(),
      clientId: grant.clientId,
      userId: grant.userId,
      patient: grant.patient,
      breakGlass: grant.breakGlass,
    });
    return sendJson(
      res,
      200,
      {
        access_token: token,
        token_type: grant.jkt ? 'DPoP' : 'Bearer',
        expires_in: grant.expiresAt - Math.floor(now() / 1000),
        scope: grant.scopes.join(' '),
        ...(contextPatientId ? { patient: contextPatientId } : {}),
        ...(grant.patient?.nhsNumber ? { patient_nhs_number: grant.patient.nhsNumber } : {}),
        ...(grant.role ? { role: grant.role } : {}),
        purpose_of_use: 'BTG',
        break_glass: {
          reason: grant.breakGlass.reason,
          ...(grant.breakGlass.text ? { text: grant.breakGlass.text } : {}),
          expires_at: new Date(grant.breakGlass.expiresAt * 1000).toISOString(),
        },
      },
      cors,
    );
  };

  /** `POST /auth/break-glass/end` with the break-glass token: ends it before its time. */
  const endBreakGlass = async (req: IncomingMessage, res: ServerResponse) => {
    const cors = corsHeadersFor(req, corsOrigins);
    const presented = presentedToken(req);
    const grant = presented ? breakGlass.find(presented.token) : undefined;
    if (!presented || !grant || (await proofRefusal(req, presented, grant.jkt))) {
      return sendJson(res, 401, { error: 'invalid_token', error_description: 'no live break-glass token was given' }, cors);
    }
    breakGlass.end(presented.token);
    res.writeHead(204, { ...cors, 'Cache-Control': 'no-store' }).end();
  };

  /** Why a token may not be used here as presented (a bound token needs a proof by its key for this request), or undefined. */
  const proofRefusal = async (
    req: IncomingMessage,
    presented: NonNullable<ReturnType<typeof presentedToken>>,
    jkt: string | undefined,
  ): Promise<TokenRefused | undefined> => {
    try {
      await dpop.check(presented, jkt, req.method ?? 'POST', `${new URL(issuer).origin}${new URL(req.url ?? '/', 'http://x').pathname}`);
      return undefined;
    } catch (error) {
      if (error instanceof TokenRefused) return error;
      throw error;
    }
  };

  /** The token response's `patient` for a token: the patient's id at the token's own FHIR server. */
  const contextPatientIdOf = async (accessToken: string): Promise<string | undefined> => {
    if (breakGlass.find(accessToken)) return breakGlass.contextPatientIdOf(accessToken);
    const token = await provider.AccessToken.find(accessToken);
    return token ? contexts.get(token.grantId)?.contextPatientId : undefined;
  };

  const verifyToken = async (accessToken: unknown): Promise<AccessGrant | undefined> => {
    if (typeof accessToken !== 'string' || accessToken === '') return undefined;
    const breakingGlass = breakGlass.find(accessToken);
    if (breakingGlass) return breakingGlass;
    const token = await provider.AccessToken.find(accessToken);
    if (!token || token.exp * 1000 <= Date.now()) return undefined;
    // A revoked grant (refresh token reuse, revocation) takes its tokens with it.
    if (!(await provider.Grant.find(token.grantId))) return undefined;
    const context = contexts.get(token.grantId);
    const user = userById(token.accountId);
    return {
      clientId: token.clientId,
      scopes: splitScope(token.scope),
      patient: context?.patient ? { ...context.patient } : undefined,
      fhirUser: user ? await fhirUserFor(user) : undefined,
      userId: token.accountId,
      role: user?.role,
      expiresAt: token.exp,
      ...(token.jkt ? { jkt: token.jkt } : {}),
    };
  };

  const smartConfiguration = (): SmartConfiguration => ({
    issuer,
    jwks_uri: provider.urlFor('jwks'),
    authorization_endpoint: provider.urlFor('authorization'),
    token_endpoint: provider.urlFor('token'),
    revocation_endpoint: provider.urlFor('revocation'),
    pushed_authorization_request_endpoint: provider.urlFor('pushed_authorization_request'),
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['none'],
    dpop_signing_alg_values_supported: ['ES256'],
    response_types_supported: ['code'],
    scopes_supported: SCOPES_SUPPORTED,
    code_challenge_methods_supported: ['S256'],
    capabilities: CAPABILITIES,
  });

  return {
    async handle(req, res) {
      const mounted = subPathOf(req, mountPath);
      if (!mounted) return sendHtml(res, 404, errorPage('Page not found', 'There is nothing at this address.'));
      const { subPath, url } = mounted;
      if (subPath.startsWith('/interaction/')) return handleInteraction(req, res, subPath);
      if (subPath === '/break-glass' || subPath === '/break-glass/end') {
        if (req.method === 'OPTIONS') return answerPreflight(req, res, corsOrigins);
        if (req.method !== 'POST')
          return sendJson(res, 405, { error: 'invalid_request', error_description: 'use POST' }, { Allow: 'POST, OPTIONS' });
        try {
          return await (subPath === '/break-glass' ? startBreakGlass(req, res) : endBreakGlass(req, res));
        } catch (error) {
          if (error instanceof FormTooLarge)
            return sendJson(res, 413, { error: 'invalid_request', error_description: 'the request body is too large' });
          throw error;
        }
      }
      if (subPath === '/.well-known/smart-configuration' && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
        res.end(JSON.stringify(smartConfiguration()));
        return;
      }
      if (subPath === '/authorize' && req.method === 'GET') {
        // A signed link and an identity token are secrets: they come pushed (PAR), never in an address.
        if (!url.searchParams.has('request_uri') && carriesLinkSecrets(url.searchParams)) {
          return sendHtml(
            res,
            400,
            errorPage(
              'Sign-in could not continue',
              'A signed link or an identity token was sent in the address. The app must push them to the authorisation server (PAR) instead.',
            ),
          );
        }
        keepOfflineAccess(url.searchParams);
      }
      if (
        subPath === '/par' &&
        req.method === 'POST' &&
        (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
      ) {
        let form: URLSearchParams;
        try {
          form = await readForm(req);
        } catch (error) {
          if (!(error instanceof FormTooLarge)) throw error;
          return sendJson(res, 413, { error: 'invalid_request', error_description: 'the request body is too large' });
        }
        keepOfflineAccess(form);
        moveLinkIdTokenHint(form);
        const aud = form.get('aud');
        if (aud !== null && !form.has('resource')) form.set('resource', aud);
        // oidc-provider reads an already parsed body from req.body.
        Object.assign(req, { body: form.toString() });
      }
      if (subPath === '/token' && req.method === 'POST') {
        try {
          await identifyPublicRefresh(req);
        } catch (error) {
          if (!(error instanceof FormTooLarge)) throw error;
          res.writeHead(413, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
          res.end(JSON.stringify({ error: 'invalid_request', error_description: 'the request body is too large' }));
          return;
        }
      }
      await callback(req, res, subPath, url);
    },

    verifyToken,
    createLaunch: (request) => launches.create(request),
    smartConfiguration,
    markLinkUsed: (linkIssuer, jti, exp) => links.markUsed(linkIssuer, jti, exp),
    close: () => breakGlass.close(),
  };
}

function clientIdOf(details: Interaction): string {
  return String(details.params.client_id);
}

/**
 * A link launch's `id_token_hint` is the identity provider's token, which
 * oidc-provider would try (and fail) to verify as one of its own: it travels
 * on as `idp_id_token` and is checked with the link.
 */
function carriesLinkSecrets(search: URLSearchParams): boolean {
  return looksLikeSignedLink(search.get('launch')) || search.has('id_token_hint') || search.has(IDP_ID_TOKEN_PARAM);
}

function moveLinkIdTokenHint(search: URLSearchParams): void {
  const hint = search.get('id_token_hint');
  if (hint === null || !looksLikeSignedLink(search.get('launch'))) return;
  search.delete('id_token_hint');
  search.set(IDP_ID_TOKEN_PARAM, hint);
}

function corsHeadersFor(req: IncomingMessage, origins: ReadonlySet<string>): Record<string, string> {
  const origin = req.headers.origin;
  return origin && origins.has(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
}

function answerPreflight(req: IncomingMessage, res: ServerResponse, origins: ReadonlySet<string>): void {
  const cors = corsHeadersFor(req, origins);
  res
    .writeHead(204, {
      ...cors,
      ...(cors['Access-Control-Allow-Origin']
        ? {
            'Access-Control-Allow-Methods': 'POST, OPTIONS',
            'Access-Control-Allow-Headers': 'Authorization, DPoP, Content-Type',
            'Access-Control-Max-Age': '600',
          }
        : {}),
    })
    .end();
}

function userById(id: unknown): SandboxUser | undefined {
  return typeof id === 'string' ? USERS.find((user) => user.id === id) : undefined;
}

function account(user: SandboxUser, fhirUserFor: (user: SandboxUser) => Promise<string | undefined>): Account {
  return {
    accountId: user.id,
    // oidc-provider keeps only the claims of the scopes granted (fhirUser, profile).
    async claims() {
      const fhirUser = await fhirUserFor(user);
      return {
        sub: user.id,
        name: userDisplayName(user),
        given_name: user.given,
        family_name: user.family,
        ...(fhirUser ? { fhirUser } : {}),
      };
    },
  };
}

/**
 * OpenID Connect drops `offline_access` from a request without `prompt=consent`;
 * SMART apps ask for it without one, and every launch here ends in a consent step
 * (the patient picker, or the host's launch) anyway.
 */
function keepOfflineAccess(search: URLSearchParams): void {
  if (splitScope(search.get('scope')).includes('offline_access') && !search.has('prompt')) search.set('prompt', 'consent');
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function describeOAuthError(out: Record<string, string | undefined>): string {
  const code = out.error ?? 'server_error';
  const description = out.error_description ?? 'the request could not be processed';
  return `${description.charAt(0).toUpperCase()}${description.slice(1)} (${code}).`;
}
