// Sign-in for the audit log: the privacy officer's page (/audit/) and
// GET /fhir/audit read who looked at whose record, so they need a signed-in
// user who may read it (a SandboxUser with `auditReader`). The page is a
// client of the sandbox's identity provider (authorization code with PKCE;
// the smartcard session makes it silent), and keeps its own short session in
// an HttpOnly cookie; the login is bound to the browser that started it.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PRIVACY_PAGE_CLIENT_ID, type SandboxUser } from '../config';
import { userById } from '../auth/users';
import { isRecord } from '../../src/json/is-record';

const SESSION_COOKIE = 'audit_session';
const SIGN_IN_COOKIE = 'audit_signin';
const SESSION_SECONDS = 60 * 60;
const SIGN_IN_SECONDS = 10 * 60;

export interface PrivacySignInOptions {
  /** This server's origin: the callback is `${origin}/audit/callback`. */
  origin: string;
  /** The identity provider's issuer (`${origin}/idp`). */
  idpIssuer: string;
  /** Verifies the identity provider's id_token for this client; its `sub`. */
  verifyIdToken(idToken: string, audience: string): Promise<{ sub: string } | undefined>;
  now?: () => number;
}

export type SignInResult = { kind: 'signed-in'; next: string } | { kind: 'refused'; user?: SandboxUser; why: string };

export class PrivacySignIn {
  readonly #options: PrivacySignInOptions;
  readonly #sessions = new Map<string, { userId: string; until: number }>();
  readonly #pending = new Map<string, { verifier: string; next: string; until: number }>();

  constructor(options: PrivacySignInOptions) {
    this.#options = options;
  }

  get redirectUri(): string {
    return `${this.#options.origin}/audit/callback`;
  }

  /** The signed-in audit reader of this request, or undefined. */
  reader(req: IncomingMessage): SandboxUser | undefined {
    const id = cookie(req, SESSION_COOKIE);
    const session = id ? this.#sessions.get(id) : undefined;
    if (!session || session.until <= this.#now()) return undefined;
    const user = userById(session.userId);
    return user?.auditReader ? user : undefined;
  }

  /** To the identity provider, coming back to `next` (a path on this page) once signed in. */
  start(res: ServerResponse, next: string): void {
    this.#prune();
    const state = randomBytes(24).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    this.#pending.set(state, {
      verifier,
      next: next.startsWith('/audit/') ? next : '/audit/',
      until: this.#now() + SIGN_IN_SECONDS * 1000,
    });
    const authorize = new URL(`${this.#options.idpIssuer}/authorize`);
    for (const [name, value] of Object.entries({
      response_type: 'code',
      client_id: PRIVACY_PAGE_CLIENT_ID,
      redirect_uri: this.redirectUri,
      scope: 'openid',
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }))
      authorize.searchParams.set(name, value);
    res
      .writeHead(303, {
        Location: authorize.href,
        'Set-Cookie': `${SIGN_IN_COOKIE}=${state}; Path=/audit; HttpOnly; SameSite=Lax; Max-Age=${SIGN_IN_SECONDS}`,
        'Cache-Control': 'no-store',
      })
      .end();
  }

  /** Back from the identity provider: the code exchanged, the id_token checked, the reader's session started. */
  async finish(req: IncomingMessage, res: ServerResponse, url: URL): Promise<SignInResult> {
    const state = url.searchParams.get('state') ?? '';
    const pending = this.#pending.get(state);
    this.#pending.delete(state);
    // Only the browser that started this sign-in may finish it.
    if (!pending || pending.until <= this.#now() || cookie(req, SIGN_IN_COOKIE) !== state)
      return { kind: 'refused', why: 'This sign-in was not started here, or has expired.' };
    const code = url.searchParams.get('code');
    if (!code) return { kind: 'refused', why: 'The identity provider did not sign you in.' };
    const answer: unknown = await fetch(`${this.#options.idpIssuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.redirectUri,
        client_id: PRIVACY_PAGE_CLIENT_ID,
        code_verifier: pending.verifier,
      }),
    })
      .then((r) => r.json())
      .catch(() => undefined);
    const idToken = isRecord(answer) ? answer.id_token : undefined;
    const signedIn = typeof idToken === 'string' ? await this.#options.verifyIdToken(idToken, PRIVACY_PAGE_CLIENT_ID) : undefined;
    const user = userById(signedIn?.sub);
    if (!user) return { kind: 'refused', why: 'The identity provider did not sign you in.' };
    if (!user.auditReader) return { kind: 'refused', user, why: 'The audit log is for privacy officers only.' };
    const id = randomBytes(32).toString('base64url');
    this.#sessions.set(id, { userId: user.id, until: this.#now() + SESSION_SECONDS * 1000 });
    res.setHeader('Set-Cookie', [
      `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_SECONDS}`,
      `${SIGN_IN_COOKIE}=; Path=/audit; HttpOnly; SameSite=Lax; Max-Age=0`,
    ]);
    return { kind: 'signed-in', next: pending.next };
  }

  /** Ends the reader's session. */
  signOut(req: IncomingMessage, res: ServerResponse): void {
    const id = cookie(req, SESSION_COOKIE);
    if (id) this.#sessions.delete(id);
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
  }

  #prune(): void {
    const now = this.#now();
    for (const [key, value] of this.#pending) if (value.until <= now) this.#pending.delete(key);
    for (const [key, value] of this.#sessions) if (value.until <= now) this.#sessions.delete(key);
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
