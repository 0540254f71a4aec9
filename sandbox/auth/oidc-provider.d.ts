// oidc-provider 9 ships no types and @types/oidc-provider is not installed:
// these declare only the part of its API the sandbox's authorisation server uses,
// as read from the package's source (lib/provider.js, lib/helpers/defaults.js).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type AdapterPayload = Record<string, unknown> & {
    grantId?: string;
    uid?: string;
    userCode?: string;
    consumed?: number;
  };

  /** oidc-provider awaits every adapter method and configuration function, so either may answer at once. */
  type Awaitable<T> = T | Promise<T>;

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Awaitable<void>;
    find(id: string): Awaitable<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Awaitable<AdapterPayload | undefined>;
    findByUid(uid: string): Awaitable<AdapterPayload | undefined>;
    consume(id: string): Awaitable<void>;
    destroy(id: string): Awaitable<void>;
    revokeByGrantId(grantId: string): Awaitable<void>;
  }

  export interface ClientMetadata {
    client_id: string;
    client_name?: string;
    application_type?: 'web' | 'native';
    token_endpoint_auth_method?: string;
    grant_types?: string[];
    response_types?: string[];
    redirect_uris?: string[];
    /** RFC 9449: every access token for this client must be DPoP-bound. */
    dpop_bound_access_tokens?: boolean;
    /** RFC 9126: authorization requests must be pushed first. */
    require_pushed_authorization_requests?: boolean;
  }

  export interface Client {
    readonly clientId: string;
    readonly redirectUris: string[];
    readonly clientAuthMethod: string;
    grantTypeAllowed(grantType: string): boolean;
  }

  /** An authorization code or refresh token: what a token request starts from. */
  export interface GrantSource {
    readonly scope?: string;
    readonly scopes: Set<string>;
  }

  export interface AccessToken {
    readonly jti: string;
    readonly accountId: string;
    readonly clientId: string;
    readonly grantId: string;
    readonly scope?: string;
    readonly aud?: string | string[];
    /** Epoch seconds. */
    readonly exp: number;
    /** DPoP: the thumbprint of the key the token is bound to. */
    readonly jkt?: string;
  }

  export interface Grant {
    readonly jti: string;
    readonly accountId: string;
    readonly clientId: string;
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface Session {
    readonly id: string;
    readonly uid: string;
    readonly accountId?: string;
    grantIdFor(clientId: string): string | undefined;
    loginAccount(details: { accountId: string; loginTs?: number; amr?: string[]; acr?: string; transient?: boolean }): void;
    /** Seconds to live. */
    save(ttl: number): Promise<string>;
    destroy(): Promise<void>;
  }

  /** The cookie jar of a koa context (the `cookies` package). */
  export interface Cookies {
    get(name: string, options?: Record<string, unknown>): string | undefined;
    set(name: string, value: string | null, options?: Record<string, unknown>): void;
  }

  export interface InteractionResults {
    login?: { accountId: string; remember?: boolean; ts?: number };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
  }

  export interface Interaction {
    readonly uid: string;
    readonly exp: number;
    readonly prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    readonly params: Record<string, unknown>;
    session?: { accountId: string; uid?: string; cookie?: string };
    readonly lastSubmission?: InteractionResults;
    readonly returnTo: string;
    persist(): Promise<string>;
  }

  export interface OIDCContext {
    readonly route: string;
    readonly params: Record<string, unknown>;
    readonly client?: Client;
    readonly result?: InteractionResults;
    readonly session?: Session;
    readonly provider: Provider;
    readonly entities: {
      readonly AuthorizationCode?: GrantSource;
      readonly RefreshToken?: GrantSource;
      readonly RotatedRefreshToken?: { readonly remainingTTL: number };
      /** Set when the authorization request came pushed (RFC 9126). */
      readonly PushedAuthorizationRequest?: object;
      readonly Grant?: Grant;
    };
  }

  /** The koa context; `oidc` is there once oidc-provider has matched a route. */
  export interface KoaContext {
    readonly oidc?: OIDCContext;
    readonly method: string;
    readonly path: string;
    status: number;
    body: unknown;
    type: string;
    set(field: string, value: string): void;
  }

  /** The context oidc-provider hands to its configuration functions. */
  export interface KoaContextWithOIDC extends KoaContext {
    readonly oidc: OIDCContext;
  }

  export type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>>;
  }

  export interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
  }

  /** Seconds; a function is sometimes called without a request context. */
  type Ttl = number | ((ctx: KoaContextWithOIDC | undefined, token: unknown, client: Client) => number);

  export interface Configuration {
    adapter?: (name: string) => Adapter;
    clients?: ClientMetadata[];
    jwks?: { keys: Record<string, unknown>[] };
    cookies?: {
      keys?: string[];
      long?: Record<string, unknown>;
      short?: Record<string, unknown>;
    };
    scopes?: string[];
    claims?: Record<string, string[] | null>;
    extraParams?: Record<string, ((ctx: KoaContextWithOIDC, value: unknown, client: Client) => void | Promise<void>) | null>;
    features?: {
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?: (ctx: KoaContextWithOIDC, client: Client, oneOf?: string | string[]) => Awaitable<string | string[] | undefined>;
        useGrantedResource?: (ctx: KoaContextWithOIDC, model: unknown) => Awaitable<boolean>;
        getResourceServerInfo?: (ctx: KoaContextWithOIDC, resourceIndicator: string, client: Client) => Awaitable<ResourceServerInfo>;
      };
      revocation?: {
        enabled: boolean;
        allowedPolicy?: (ctx: KoaContextWithOIDC, client: Client, token: { clientId: string }) => Awaitable<boolean>;
      };
      [feature: string]: { enabled: boolean; [option: string]: unknown } | undefined;
    };
    pkce?: { required?: (ctx: KoaContextWithOIDC, client: Client) => boolean };
    routes?: Record<string, string>;
    responseTypes?: string[];
    clientAuthMethods?: string[];
    interactions?: {
      policy?: interactionPolicy.Policy;
      url?: (ctx: KoaContextWithOIDC, interaction: Interaction) => Promise<string> | string;
    };
    loadExistingGrant?: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>;
    findAccount?: (ctx: KoaContextWithOIDC, sub: string) => Awaitable<Account | undefined>;
    issueRefreshToken?: (ctx: KoaContextWithOIDC, client: Client, source: GrantSource) => Awaitable<boolean>;
    expiresWithSession?: (ctx: KoaContextWithOIDC, source: GrantSource) => Awaitable<boolean>;
    rotateRefreshToken?: boolean | ((ctx: KoaContextWithOIDC) => boolean);
    clientBasedCORS?: (ctx: KoaContextWithOIDC, origin: string, client: Client) => boolean;
    renderError?: (ctx: KoaContextWithOIDC, out: Record<string, string | undefined>, error: Error) => Awaitable<void>;
    ttl?: Record<string, Ttl>;
    /** False puts the claims of the granted scopes in the id_token too, not only in userinfo. */
    conformIdTokenClaims?: boolean;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    readonly Grant: {
      new (properties: { accountId: string; clientId: string }): Grant;
      find(id: string): Promise<Grant | undefined>;
    };
    readonly AccessToken: { find(value: string): Promise<AccessToken | undefined> };
    readonly RefreshToken: {
      find(value: string, options?: { ignoreExpiration?: boolean }): Promise<{ readonly clientId: string } | undefined>;
    };
    readonly Session: {
      new (): Session;
      findByUid(uid: string): Promise<Session | undefined>;
      /** The session a request's cookie names (a new, unsaved one when none). */
      get(ctx: { req: IncomingMessage; res: ServerResponse; secure?: boolean }): Promise<Session>;
    };
    /** A koa context for a raw request, for its signed cookie jar. */
    createContext(req: IncomingMessage, res: ServerResponse): { req: IncomingMessage; res: ServerResponse; cookies: Cookies };
    cookieName(type: 'session' | 'interaction' | 'resume'): string;
    /** The koa application as a node:http request listener. */
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    /** Adds a middleware that runs before (and, after `await next()`, after) oidc-provider's own. */
    use(middleware: Middleware): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
    urlFor(name: string, options?: Record<string, string>): string;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }

  export default Provider;

  export namespace errors {
    class OIDCProviderError extends Error {
      readonly error: string;
      readonly error_description?: string;
      readonly status: number;
    }
    class InvalidRequest extends OIDCProviderError {
      constructor(description?: string, status?: number);
    }
    class SessionNotFound extends InvalidRequest {}
    class InvalidTarget extends OIDCProviderError {
      constructor(description?: string);
    }
    class AccessDenied extends OIDCProviderError {
      constructor(description?: string);
    }
  }

  export namespace interactionPolicy {
    class Check {
      constructor(reason: string, description: string, check: (ctx: KoaContextWithOIDC) => boolean | Promise<boolean>);
    }
    interface Prompt {
      readonly name: string;
      readonly checks: Check[] & { add(check: Check, index?: number): void };
    }
    type Policy = Prompt[] & { get(name: string): Prompt | undefined };
    function base(): Policy;
  }
}
