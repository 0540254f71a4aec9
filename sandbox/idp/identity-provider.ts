// The sandbox's OpenID Connect identity provider, standing in for NHS Care
// Identity Service 2 (docs/access.md section 2): oidc-provider mounted at /idp,
// the viewer as a public client with PKCE, CIS2's claims (`nhsid_useruid`,
// `nhsid_nrbac_roles`) from the sandbox users, and the smartcard: a host
// simulator "inserts the card" (GET /idp/smartcard) to open the session the
// viewer's sign-in then finds silently, and "pulls it" (/idp/smartcard/remove)
// to end it, after which a silent sign-in fails with login_required.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLocalJWKSet, jwtVerify } from 'jose';
import Provider, { errors, interactionPolicy, type Account, type Interaction } from 'oidc-provider';
import { PRIVACY_PAGE_CLIENT_ID, USERS, VIEWER_CLIENT_ID, type SandboxUser } from '../config';
import type { Faults } from '../faults';
import { InjectedFaults } from '../fhir/injected-faults';
import { MemoryAdapter, MemoryStore } from '../auth/memory-adapter';
import {
  FormTooLarge,
  cookieOptions,
  freshSigningKey,
  mountPathOf,
  mountedCallback,
  originsOf,
  publicJwk,
  readForm,
  safeReturnUrl,
  sendHtml,
  sendInteractionFailure,
  setPageHeaders,
  subPathOf,
  viewerClient,
} from '../auth/oidc-common';
import { errorPage, noUserChosenPage, signInPage, userDescription, userDisplayName } from '../auth/pages';
import { profileClaims, userById } from '../auth/users';
import { escapeHtml, page } from '../html';
import { ROLES, nrbacRole } from './roles';

export interface IdentityProviderOptions {
  /** Including the mount path: `http://127.0.0.1:8080/idp`. */
  issuer: string;
  /** The viewer's registered redirect URIs (its link page and silent-renew page). */
  redirectUris: string[];
  /** Origins a smartcard `return=` may send the browser to, besides this server's own paths. */
  returnOrigins?: string[];
  /** The privacy officer's page's redirect URI, when it signs its readers in here. */
  privacyPageRedirectUri?: string;
  /** The absolute URL of a user's Practitioner resource (the `fhirUser` claim). */
  resolveFhirUser?: (user: SandboxUser) => Promise<string | undefined>;
  /** The sandbox's faults: the `idp` one makes this provider slow, down or silent. */
  faults: Faults;
}

export interface IdentityProvider {
  issuer: string;
  /** node:http handler for requests under the issuer's path. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Verifies one of this provider's id_tokens for a client (the viewer unless said) (signature, issuer, audience, expiry); its `sub`, or undefined. */
  verifyIdToken(idToken: string, audience?: string): Promise<{ sub: string } | undefined>;
  /** Ends the responses an injected fault is holding. */
  close(): void;
}

/** CIS2's own scope names; `openid` alone already carries every claim here, so a client asking for less still works. */
const SCOPES = ['openid', 'profile', 'nationalrbacaccess'];
const CLAIMS = [
  'sub',
  'name',
  'given_name',
  'family_name',
  'nhsid_useruid',
  'nhsid_nrbac_roles',
  'selected_roleid',
  'role',
  'org',
  'fhirUser',
];
/** A working day on one card insertion. */
const SESSION_TTL = 8 * 60 * 60;
const TOKEN_TTL = 60 * 60;
const INTERACTION_TTL = 10 * 60;

export async function createIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  const issuer = options.issuer.replace(/\/+$/, '');
  const mountPath = mountPathOf(issuer);
  const corsOrigins = originsOf(options.redirectUris);
  const returnOrigins = new Set([...(options.returnOrigins ?? []), ...corsOrigins]);
  const signingKey = await freshSigningKey();
  const verificationKeys = createLocalJWKSet({ keys: [publicJwk(signingKey)] });
  const store = new MemoryStore();
  const cookies = cookieOptions(mountPath);

  const provider = new Provider(issuer, {
    adapter: (name) => new MemoryAdapter(name, store),
    clients: [
      viewerClient(options.redirectUris, ['authorization_code']),
      ...(options.privacyPageRedirectUri
        ? [
            {
              client_id: PRIVACY_PAGE_CLIENT_ID,
              client_name: "Privacy officer's audit page",
              application_type: 'web' as const,
              token_endpoint_auth_method: 'none',
              grant_types: ['authorization_code'],
              response_types: ['code'],
              redirect_uris: [options.privacyPageRedirectUri],
            },
          ]
        : []),
    ],
    jwks: { keys: [signingKey] },
    cookies,
    scopes: SCOPES,
    claims: {
      openid: CLAIMS,
      profile: ['name', 'given_name', 'family_name'],
      nationalrbacaccess: ['nhsid_nrbac_roles', 'selected_roleid'],
    },
    // CIS2 puts the user's claims in the id_token as well as at userinfo.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: true },
    },
    pkce: { required: () => true },
    routes: {
      authorization: '/authorize',
      token: '/token',
      jwks: '/jwks',
      userinfo: '/userinfo',
      revocation: '/revoke',
      end_session: '/session/end',
    },
    responseTypes: ['code'],
    clientAuthMethods: ['none'],
    interactions: {
      policy: interactionPolicy.base(),
      url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}`,
    },
    // The viewer is the care record's own client: it needs no consent screen, so a
    // signed-in session always has a grant for what it asks (and `prompt=none` works).
    loadExistingGrant: async (ctx) => {
      const { session, client } = ctx.oidc;
      const accountId = session?.accountId;
      if (!accountId || !client) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      const grant = existing?.accountId === accountId ? existing : new ctx.oidc.provider.Grant({ accountId, clientId: client.clientId });
      const requested = typeof ctx.oidc.params.scope === 'string' ? ctx.oidc.params.scope.split(' ') : [];
      grant.addOIDCScope(['openid', ...requested.filter((s) => SCOPES.includes(s))].join(' '));
      await grant.save();
      return grant;
    },
    findAccount: (_ctx, sub) => {
      const user = userById(sub);
      return user ? account(user, options.resolveFhirUser) : undefined;
    },
    clientBasedCORS: (_ctx, origin, client) => client.clientId === VIEWER_CLIENT_ID && corsOrigins.has(origin),
    renderError: (ctx, out) => {
      ctx.type = 'html';
      setPageHeaders((name, value) => ctx.set(name, value));
      ctx.body = errorPage(
        'Sign-in could not continue',
        `${out.error_description ?? 'The request could not be processed'} (${out.error ?? 'server_error'}).`,
      );
    },
    ttl: {
      AccessToken: TOKEN_TTL,
      AuthorizationCode: 60,
      IdToken: TOKEN_TTL,
      Grant: SESSION_TTL,
      Session: SESSION_TTL,
      Interaction: INTERACTION_TTL,
    },
  });
  provider.on('server_error', (_ctx, error) => console.error('[idp] server error', error));
  const callback = mountedCallback(provider, mountPath);

  /** Inserting the card: a new session for the user (any earlier one on this browser ends). */
  const insertCard = async (req: IncomingMessage, res: ServerResponse, user: SandboxUser) => {
    const ctx = provider.createContext(req, res);
    const earlier = await provider.Session.get(ctx);
    if (earlier.accountId) await earlier.destroy();
    const session = new provider.Session();
    session.loginAccount({ accountId: user.id, amr: ['sc'] });
    await session.save(SESSION_TTL);
    ctx.cookies.set(provider.cookieName('session'), session.id, { ...cookies.long, maxAge: SESSION_TTL * 1000 });
  };

  const removeCard = async (req: IncomingMessage, res: ServerResponse) => {
    const ctx = provider.createContext(req, res);
    const session = await provider.Session.get(ctx);
    if (session.accountId) await session.destroy();
    ctx.cookies.set(provider.cookieName('session'), null, cookies.long);
  };

  const handleSmartcard = async (req: IncomingMessage, res: ServerResponse, action: 'insert' | 'remove', url: URL) => {
    if (action === 'insert') {
      if (req.method !== 'GET') return sendHtml(res, 405, errorPage('Smartcard', 'Insert a card with GET /idp/smartcard?user=&return='));
      const user = userById(url.searchParams.get('user'));
      if (!user)
        return sendHtml(
          res,
          400,
          smartcardPage(
            'No such smartcard',
            `<p>There is no sandbox user called “${escapeHtml(url.searchParams.get('user') ?? '')}”.</p>${userList()}`,
          ),
        );
      await insertCard(req, res, user);
      return finish(
        res,
        url.searchParams.get('return'),
        smartcardPage(
          'Smartcard inserted',
          `<p>Signed in as <strong>${escapeHtml(userDisplayName(user))}</strong>, ${escapeHtml(userDescription(user))}.</p>`,
        ),
      );
    }
    if (req.method !== 'GET' && req.method !== 'POST')
      return sendHtml(res, 405, errorPage('Smartcard', 'Remove the card with POST (or GET) /idp/smartcard/remove'));
    const form = req.method === 'POST' ? await readForm(req) : new URLSearchParams();
    await removeCard(req, res);
    return finish(
      res,
      url.searchParams.get('return') ?? form.get('return'),
      smartcardPage('Smartcard removed', '<p>The session has ended. Insert the card again to sign in.</p>'),
    );
  };

  /** Back where the host asked (its own paths or the viewer's origin only), else a page saying what happened. */
  const finish = (res: ServerResponse, target: string | null, html: string) => {
    const next = safeReturnUrl(target, returnOrigins, new URL(issuer).origin);
    if (!next) return sendHtml(res, 200, html);
    res.writeHead(303, { Location: next, 'Cache-Control': 'no-store' }).end();
  };

  const handleInteraction = async (req: IncomingMessage, res: ServerResponse, subPath: string) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|cancel))?$/.exec(subPath);
    if (!match) return sendHtml(res, 404, errorPage('Page not found', 'There is no sign-in page at this address.'));
    const [, uid, action] = match;
    const base = `${mountPath}/interaction/${uid}`;
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid) throw new errors.SessionNotFound('interaction and cookie do not match');
      if (req.method === 'GET' && action === undefined) return await showInteraction(req, res, details, base);
      if (req.method === 'POST' && action === 'cancel') {
        return await provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'the user cancelled the sign-in' },
          { mergeWithLastSubmission: false },
        );
      }
      if (req.method === 'POST' && action === 'login' && details.prompt.name === 'login') {
        const chosen = (await readForm(req)).get('user');
        const user = userById(chosen);
        if (!user) return sendHtml(res, 400, noUserChosenPage(base));
        return await provider.interactionFinished(
          req,
          res,
          { login: { accountId: user.id, remember: true } },
          { mergeWithLastSubmission: false },
        );
      }
      return sendHtml(res, 400, errorPage('Sign-in could not continue', 'This page was asked for something it does not do.'));
    } catch (error) {
      sendInteractionFailure(res, error, 'idp');
    }
  };

  const showInteraction = async (req: IncomingMessage, res: ServerResponse, details: Interaction, base: string) => {
    if (details.prompt.name === 'login') return sendHtml(res, 200, signInPage(base));
    // Consent is never asked of the viewer (see loadExistingGrant); anything else ends here.
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'the sign-in could not be completed' },
      { mergeWithLastSubmission: false },
    );
  };

  // Down is a page of its own, not oidc-provider's error page: the provider did not answer at all.
  const faults = new InjectedFaults(options.faults, 'idp', (res) =>
    sendHtml(
      res,
      500,
      page('Identity provider unavailable', '<main><h1>The identity provider is unavailable (injected fault)</h1></main>'),
    ),
  );

  return {
    issuer,
    async handle(req, res) {
      if (!(await faults.apply(res))) return;
      const mounted = subPathOf(req, mountPath);
      if (!mounted) return sendHtml(res, 404, errorPage('Page not found', 'There is nothing at this address.'));
      const { subPath, url } = mounted;
      try {
        if (subPath === '/smartcard') return await handleSmartcard(req, res, 'insert', url);
        if (subPath === '/smartcard/remove') return await handleSmartcard(req, res, 'remove', url);
      } catch (error) {
        if (error instanceof FormTooLarge) return sendHtml(res, 413, errorPage('Smartcard', 'The form sent was too large.'));
        throw error;
      }
      if (subPath.startsWith('/interaction/')) return handleInteraction(req, res, subPath);
      await callback(req, res, subPath, url);
    },
    async verifyIdToken(idToken, audience = VIEWER_CLIENT_ID) {
      try {
        const { payload } = await jwtVerify(idToken, verificationKeys, { issuer, audience, algorithms: ['RS256'] });
        return typeof payload.sub === 'string' ? { sub: payload.sub } : undefined;
      } catch {
        return undefined;
      }
    },
    close: () => faults.close(),
  };
}

function account(user: SandboxUser, resolveFhirUser: IdentityProviderOptions['resolveFhirUser']): Account {
  const index = USERS.indexOf(user);
  return {
    accountId: user.id,
    claims: async () => {
      const role = nrbacRole(user, index);
      return {
        ...profileClaims(user, await resolveFhirUser?.(user)),
        nhsid_useruid: user.id,
        nhsid_nrbac_roles: [role],
        selected_roleid: role.person_roleid,
        role: user.role,
        org: user.odsCode,
      };
    },
  };
}

function smartcardPage(title: string, body: string): string {
  return page(`${title} - sandbox identity provider`, `<main><h1>${escapeHtml(title)}</h1>${body}</main>`);
}

function userList(): string {
  const items = USERS.map(
    (u) =>
      `<li><a href="?user=${encodeURIComponent(u.id)}">${escapeHtml(userDisplayName(u))}</a>: ${escapeHtml(ROLES[u.role].label)} (${escapeHtml(ROLES[u.role].jobRole.jobRoleCode)})</li>`,
  ).join('');
  return `<p>Insert one of these cards:</p><ul>${items}</ul>`;
}
