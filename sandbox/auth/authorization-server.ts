// The sandbox's SMART on FHIR authorisation server, shared by its five FHIR
// sources: oidc-provider configured for SMART App Launch 2 (authorization code
// with PKCE S256, `aud`, `launch`, v1 and v2 read scopes, launch context in the
// token response, rotating refresh tokens), mounted under /auth of the sandbox's
// node:http server.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Patient } from '@medplum/fhirtypes';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors, interactionPolicy, type Account, type Interaction } from 'oidc-provider';
import { USERS, VIEWER_CLIENT_ID, type SandboxUser, type SourceName } from '../config';
import type { AccessGrant, LaunchRequest, PatientLookup, TokenVerifier } from './grant';
import { LaunchStore } from './launches';
import { MemoryAdapter, MemoryStore } from './memory-adapter';
import { errorPage, loginPage, nhsNumberOf, patientPickerPage, userDisplayName } from './pages';
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
  /** Clock for launch expiry, epoch ms (tests move it on). */
  now?: () => number;
}

export interface AuthorizationServer {
  /** node:http handler for requests under the issuer's path (`req.url` still starting `/auth`). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  verifyToken: TokenVerifier;
  /** Registers an EHR launch (a host has signed its user in and chosen the patient); returns the `launch` value. */
  createLaunch(request: LaunchRequest): string;
  /** The `/.well-known/smart-configuration` document each FHIR base serves. */
  smartConfiguration(): SmartConfiguration;
}

export interface SmartConfiguration {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint: string;
  token_endpoint: string;
  revocation_endpoint: string;
  grant_types_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  response_types_supported: string[];
  scopes_supported: string[];
  code_challenge_methods_supported: string[];
  capabilities: string[];
}

/** The SMART launch context of one oidc-provider grant; refreshed tokens share the grant, so they share this. */
interface LaunchContext {
  userId: string;
  patient?: NonNullable<AccessGrant['patient']>;
  needPatientBanner: boolean;
  smartStyleUrl?: string;
  intent?: string;
  /** Epoch ms, when the grant itself expires. */
  expiresAt: number;
}

type Binding = Omit<LaunchContext, 'userId' | 'expiresAt'>;

const CLIENT_NAME = 'Shared care record viewer';
const AUTHORIZATION_CODE_TTL = 60;
const ID_TOKEN_TTL = 60 * 60;
const REFRESH_TOKEN_TTL = 24 * 60 * 60;
const SESSION_TTL = 8 * 60 * 60;
const INTERACTION_TTL = 10 * 60;
const MAX_FORM_BYTES = 16 * 1024;

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
  const mountPath = new URL(issuer).pathname.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 3600;
  const fhirBases = new Set(Object.values(options.fhirBaseUrls).map(withoutTrailingSlash));
  const corsOrigins = viewerOrigins(options.viewerRedirectUris);
  const launches = new LaunchStore(now);
  const contexts = new Map<string, LaunchContext>();
  const fhirUsers = new Map<string, string>();

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
  policy.get('login')?.checks.add(new interactionPolicy.Check(
    'smart_sign_in', 'each SMART launch signs its user in', (ctx) => !ctx.oidc.result?.login));
  policy.get('consent')?.checks.add(new interactionPolicy.Check(
    'smart_launch_context', 'each SMART launch binds its own context', (ctx) => !ctx.oidc.result?.consent));

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
  const store = new MemoryStore();

  const provider = new Provider(issuer, {
    adapter: (name) => new MemoryAdapter(name, store),
    clients: [{
      client_id: VIEWER_CLIENT_ID,
      client_name: CLIENT_NAME,
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: options.viewerRedirectUris,
    }],
    jwks: { keys: [signingKey] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      // The session cookie stays under the mount; oidc-provider scopes the short-lived
      // interaction cookies to their own paths.
      long: { httpOnly: true, sameSite: 'lax', path: mountPath || '/' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
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
        const base = fhirBaseFor(value);
        if (!base) throw new errors.InvalidRequest('aud is not a FHIR server that this authorization server protects');
        if (ctx.oidc.params.resource !== undefined && ctx.oidc.params.resource !== base) {
          throw new errors.InvalidTarget('resource, when given, must be the aud');
        }
      },
      launch(_ctx, value) {
        if (value === undefined) return;
        if (typeof value !== 'string' || !launches.usable(value)) {
          throw new errors.InvalidRequest('launch is unknown, expired or already used');
        }
      },
    },
    features: {
      devInteractions: { enabled: false },
      // SMART's `aud` is a resource indicator in all but name: the token's audience
      // is the FHIR base, and SMART's open-ended scope grammar lives on that
      // resource server, since oidc-provider only knows a fixed list of OIDC scopes.
      resourceIndicators: {
        enabled: true,
        defaultResource: async (ctx, _client, oneOf) => oneOf ?? fhirBaseFor(ctx.oidc.params.aud),
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
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
    },
    pkce: { required: () => true },
    routes: { authorization: '/authorize', token: '/token', jwks: '/jwks', revocation: '/revoke' },
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
    clientBasedCORS: (_ctx, origin, client) => client.clientId === VIEWER_CLIENT_ID && corsOrigins.has(origin),
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
      ...(context.patient ? { patient: context.patient.id } : {}),
      need_patient_banner: context.needPatientBanner,
      ...(context.smartStyleUrl ? { smart_style_url: context.smartStyleUrl } : {}),
      ...(context.intent ? { intent: context.intent } : {}),
      ...(fhirUser ? { fhirUser } : {}),
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
    if (context) ctx.body = { ...body, ...await launchContextFields(context) };
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
    contexts.set(grantId, { ...binding, userId: user.id, expiresAt: time + REFRESH_TOKEN_TTL * 1000 });
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
    if (!user || !patient) return finishWithError(req, res, 'invalid_request', 'the launch names a user or patient that the sandbox does not hold');
    await forgetEarlierSignIn(details);
    const grantId = await createGrant(details, user, {
      patient: { source: launch.source, id: patient.id ?? launch.patientId, nhsNumber: nhsNumberOf(patient) },
      needPatientBanner: launch.needPatientBanner,
      smartStyleUrl: launch.smartStyleUrl,
      intent: launch.intent,
    });
    // The host has signed its user in already: no page, straight back to the app.
    await provider.interactionFinished(req, res, { login: { accountId: user.id, remember: false }, consent: { grantId } },
      { mergeWithLastSubmission: false });
  };

  /** A standalone launch picks among the patients of the FHIR server it will read (its `aud`): ids are per server. */
  const pickablePatients = async (details: Interaction) => {
    const base = fhirBaseFor(details.params.aud);
    const patients = await options.listPatients();
    return patients.filter((p) => options.fhirBaseUrls[p.source] === base);
  };

  const interactionUser = (details: Interaction): SandboxUser | undefined =>
    userById(details.session?.accountId ?? details.lastSubmission?.login?.accountId);

  const showInteraction = async (req: IncomingMessage, res: ServerResponse, details: Interaction, base: string) => {
    const launchId = details.params.launch;
    if (typeof launchId === 'string') return completeEhrLaunch(req, res, details, launchId);
    if (details.prompt.name === 'login') {
      return sendHtml(res, 200, loginPage({ action: `${base}/login`, cancelAction: `${base}/cancel`, clientName: CLIENT_NAME, users: USERS }));
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
      return sendHtml(res, 400, loginPage({
        action: `${base}/login`, cancelAction: `${base}/cancel`, clientName: CLIENT_NAME, users: USERS,
        error: 'Choose who you are signing in as',
      }));
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
      return sendHtml(res, 400, patientPickerPage({
        action: `${base}/patient`, cancelAction: `${base}/cancel`, user, patients, error: 'Choose a patient from the list',
      }));
    }
    const grantId = await createGrant(details, user, {
      patient: { source: offered.source, id, nhsNumber: nhsNumberOf(patient) },
      needPatientBanner: true,
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
      if (error instanceof errors.SessionNotFound) {
        return sendHtml(res, 400, errorPage('This sign-in has expired', 'The sign-in page was open too long, or was already used.'));
      }
      if (error instanceof FormTooLarge) return sendHtml(res, 413, errorPage('Sign-in could not continue', 'The form sent was too large.'));
      console.error('[auth] interaction failed', error);
      if (!res.headersSent) sendHtml(res, 500, errorPage('Something went wrong', 'The sign-in could not be completed.'));
      else res.end();
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

  const callback = provider.callback();

  const smartConfiguration = (): SmartConfiguration => ({
    issuer,
    jwks_uri: provider.urlFor('jwks'),
    authorization_endpoint: provider.urlFor('authorization'),
    token_endpoint: provider.urlFor('token'),
    revocation_endpoint: provider.urlFor('revocation'),
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['none'],
    response_types_supported: ['code'],
    scopes_supported: SCOPES_SUPPORTED,
    code_challenge_methods_supported: ['S256'],
    capabilities: CAPABILITIES,
  });

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
      const inside = url.pathname === mountPath || url.pathname.startsWith(`${mountPath}/`);
      if (!inside) return sendHtml(res, 404, errorPage('Page not found', 'There is nothing at this address.'));
      const subPath = url.pathname.slice(mountPath.length) || '/';
      if (subPath.startsWith('/interaction/')) return handleInteraction(req, res, subPath);
      if (subPath === '/.well-known/smart-configuration' && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
        res.end(JSON.stringify(smartConfiguration()));
        return;
      }
      if (subPath === '/authorize' && req.method === 'GET') keepOfflineAccess(url.searchParams);
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
      // Mounted the way express mounts it: oidc-provider sees the path below the
      // mount, and finds the mount path again from `originalUrl` for the URLs it builds.
      const inner = `${subPath}${url.search}`;
      Object.assign(req, { originalUrl: `${mountPath}${inner}`, url: inner });
      await callback(req, res);
    },

    async verifyToken(accessToken) {
      if (typeof accessToken !== 'string' || accessToken === '') return undefined;
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
      };
    },

    createLaunch: (request) => launches.create(request),
    smartConfiguration,
  };
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

/** The origins of the viewer's redirect URIs; localhost and 127.0.0.1 both name this machine. */
function viewerOrigins(redirectUris: readonly string[]): Set<string> {
  const origins = new Set<string>();
  for (const uri of redirectUris) {
    const url = new URL(uri);
    origins.add(url.origin);
    const twin = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' }[url.hostname];
    if (twin) origins.add(`${url.protocol}//${twin}${url.port ? `:${url.port}` : ''}`);
  }
  return origins;
}

function describeOAuthError(out: Record<string, string | undefined>): string {
  const code = out.error ?? 'server_error';
  const description = out.error_description ?? 'the request could not be processed';
  return `${description.charAt(0).toUpperCase()}${description.slice(1)} (${code}).`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class FormTooLarge extends Error {}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_FORM_BYTES) throw new FormTooLarge();
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function setPageHeaders(set: (name: string, value: string) => void): void {
  set('Cache-Control', 'no-store');
  set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'");
  set('X-Content-Type-Options', 'nosniff');
  set('Referrer-Policy', 'no-referrer');
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  setPageHeaders((name, value) => res.setHeader(name, value));
  res.end(html);
}
