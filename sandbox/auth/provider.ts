// oidc-provider, configured for SMART App Launch 2: authorization code with
// PKCE S256, `aud` as a resource indicator, `launch`, v1 and v2 read scopes,
// DPoP-bound tokens, pushed authorization requests and rotating refresh tokens,
// its interactions at /auth/interaction.
import Provider, { errors, interactionPolicy } from 'oidc-provider';
import { VIEWER_CLIENT_ID } from '../config';
import type { AuthContext } from './context';
import { GRANT_TTL } from './launch-context';
import { IDP_ID_TOKEN_PARAM } from './link-launch';
import { MemoryAdapter, MemoryStore } from './memory-adapter';
import { cookieOptions, freshSigningKey, originsOf, setPageHeaders, viewerClient } from './oidc-common';
import { errorPage } from './pages';
import { looksLikeSignedLink } from './signed-link';
import { isGrantableScope, splitScope } from './smart-scopes';
import { account, userById } from './users';

const AUTHORIZATION_CODE_TTL = 60;
const ID_TOKEN_TTL = 60 * 60;
const SESSION_TTL = 8 * 60 * 60;
const INTERACTION_TTL = 10 * 60;

export async function createProvider(context: Omit<AuthContext, 'provider'>): Promise<Provider> {
  const { options, issuer, mountPath, fhirBases, accessTokenTtl, launches, viewerOrigins } = context;
  /** Each other app may call the token endpoint from the origins of its own redirect URIs only. */
  const appOrigins = new Map((options.apps ?? []).map((app) => [app.clientId, originsOf(app.redirectUris)]));
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
        const pushed = ctx.oidc.entities.PushedAuthorizationRequest !== undefined && fhirBases.isIssuer(value);
        const base = pushed ? fhirBases.canonical(ctx.oidc.params.resource) : fhirBases.canonical(value);
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
        defaultResource: (ctx, _client, oneOf) => oneOf ?? fhirBases.requested(ctx.oidc.params),
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource) => {
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
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
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
      policy: launchPolicy(),
      url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}`,
    },
    // Only the grant this launch's own interaction created (see launchPolicy).
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    findAccount: (_ctx, sub) => {
      const user = userById(sub);
      return user ? account(user, context.fhirUserOf) : undefined;
    },
    issueRefreshToken: (_ctx, client, source) =>
      client.grantTypeAllowed('refresh_token') && (source.scopes.has('offline_access') || source.scopes.has('online_access')),
    // Tokens live by their own lifetimes: a sign-in for the next launch ends the
    // previous session, and must not cut off a viewer still open on another patient.
    expiresWithSession: () => false,
    rotateRefreshToken: true,
    clientBasedCORS: (_ctx, origin, client) =>
      client.clientId === VIEWER_CLIENT_ID ? viewerOrigins.has(origin) : Boolean(appOrigins.get(client.clientId)?.has(origin)),
    renderError: (ctx, out) => {
      ctx.type = 'html';
      setPageHeaders((name, value) => ctx.set(name, value));
      ctx.body = errorPage('Sign-in could not continue', describeOAuthError(out));
    },
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: AUTHORIZATION_CODE_TTL,
      IdToken: ID_TOKEN_TTL,
      // A rotated refresh token keeps its predecessor's expiry, so rotation never extends the grant.
      RefreshToken: (ctx) => ctx?.oidc.entities.RotatedRefreshToken?.remainingTTL ?? GRANT_TTL,
      Grant: GRANT_TTL,
      Session: SESSION_TTL,
      Interaction: INTERACTION_TTL,
    },
  });

  provider.on('grant.revoked', (_ctx, grantId) => {
    if (typeof grantId === 'string') context.launchContexts.delete(grantId);
  });
  provider.on('server_error', (_ctx, error) => console.error('[auth] server error', error));
  return provider;
}

/**
 * No single sign-on across launches: each launch signs in its own user (the
 * host's, for an EHR launch) and binds its own patient, so a browser that was
 * used by someone else, or for another patient, cannot carry that over.
 */
function launchPolicy(): interactionPolicy.Policy {
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(new interactionPolicy.Check('smart_sign_in', 'each SMART launch signs its user in', (ctx) => !ctx.oidc.result?.login));
  policy
    .get('consent')
    ?.checks.add(
      new interactionPolicy.Check('smart_launch_context', 'each SMART launch binds its own context', (ctx) => !ctx.oidc.result?.consent),
    );
  return policy;
}

function describeOAuthError(out: Record<string, string | undefined>): string {
  const code = out.error ?? 'server_error';
  const description = out.error_description ?? 'the request could not be processed';
  return `${description.charAt(0).toUpperCase()}${description.slice(1)} (${code}).`;
}
