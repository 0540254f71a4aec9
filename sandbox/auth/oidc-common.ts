// What the sandbox's two oidc-provider instances share: the SMART authorisation
// server (/auth) and the identity provider (/idp). Each is mounted below a path
// of the one node:http server, keeps its artefacts in its own memory store,
// signs with a key made at start, and answers with the same kind of pages.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { errors, type ClientMetadata } from 'oidc-provider';
import type Provider from 'oidc-provider';
import { VIEWER_CLIENT_ID } from '../config';
import { VIEWER_CLIENT_NAME, errorPage } from './pages';

const MAX_FORM_BYTES = 16 * 1024;

/** The viewer as a client: a public browser app (no secret) using the authorization code flow. */
export function viewerClient(redirectUris: string[], grantTypes: string[]): ClientMetadata {
  return {
    client_id: VIEWER_CLIENT_ID,
    client_name: VIEWER_CLIENT_NAME,
    application_type: 'web',
    token_endpoint_auth_method: 'none',
    grant_types: grantTypes,
    response_types: ['code'],
    redirect_uris: redirectUris,
  };
}

/** The path part of an issuer (`/auth`), without a trailing slash. */
export function mountPathOf(issuer: string): string {
  return new URL(issuer).pathname.replace(/\/+$/, '');
}

/** A fresh RS256 signing key (private JWK with kid), for a provider's `jwks`. */
export async function freshSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

/** The public half of a private JWK. */
export function publicJwk(jwk: JWK): JWK {
  const { kty, kid, alg, use, n, e, crv, x, y } = jwk;
  return Object.fromEntries(Object.entries({ kty, kid, alg, use, n, e, crv, x, y }).filter(([, v]) => v !== undefined));
}

/** Cookie settings: the session cookie stays under the mount; oidc-provider scopes the short-lived interaction cookies to their own paths. */
export function cookieOptions(mountPath: string) {
  return {
    keys: [randomBytes(32).toString('base64url')],
    long: { httpOnly: true, sameSite: 'lax', path: mountPath || '/' },
    short: { httpOnly: true, sameSite: 'lax' },
  };
}

/** Where a request falls below the mount: undefined when it is not under it at all. */
export function subPathOf(req: IncomingMessage, mountPath: string): { subPath: string; url: URL } | undefined {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const inside = url.pathname === mountPath || url.pathname.startsWith(`${mountPath}/`);
  return inside ? { subPath: url.pathname.slice(mountPath.length) || '/', url } : undefined;
}

/**
 * Hands a request to oidc-provider the way express mounts it: the provider sees
 * the path below the mount, and finds the mount path again from `originalUrl`
 * for the URLs it builds. `url.search` may have been rewritten by the caller.
 */
export function mountedCallback(
  provider: Provider,
  mountPath: string,
): (req: IncomingMessage, res: ServerResponse, subPath: string, url: URL) => Promise<void> {
  const callback = provider.callback();
  return async (req, res, subPath, url) => {
    const inner = `${subPath}${url.search}`;
    Object.assign(req, { originalUrl: `${mountPath}${inner}`, url: inner });
    await callback(req, res);
  };
}

/** The origins of redirect URIs; localhost and 127.0.0.1 both name this machine. */
export function originsOf(redirectUris: readonly string[]): Set<string> {
  const origins = new Set<string>();
  for (const uri of redirectUris) {
    const url = new URL(uri);
    origins.add(url.origin);
    const twin = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' }[url.hostname];
    if (twin) origins.add(`${url.protocol}//${twin}${url.port ? `:${url.port}` : ''}`);
  }
  return origins;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class FormTooLarge extends Error {}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
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

export function isFormRequest(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** The form of a request to a JSON endpoint; undefined when it was too large, and the 413 has been sent. */
export async function readFormOr413(req: IncomingMessage, res: ServerResponse): Promise<URLSearchParams | undefined> {
  try {
    return await readForm(req);
  } catch (error) {
    if (!(error instanceof FormTooLarge)) throw error;
    sendJson(res, 413, { error: 'invalid_request', error_description: 'the request body is too large' });
    return undefined;
  }
}

export function setPageHeaders(set: (name: string, value: string) => void): void {
  set('Cache-Control', 'no-store');
  set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'");
  set('X-Content-Type-Options', 'nosniff');
  set('Referrer-Policy', 'no-referrer');
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  setPageHeaders((name, value) => res.setHeader(name, value));
  res.end(html);
}

/** The page for a sign-in step that threw: expired, a form too large, or (logged under `logName`) anything else. */
export function sendInteractionFailure(res: ServerResponse, error: unknown, logName: string): void {
  if (error instanceof errors.SessionNotFound) {
    return sendHtml(res, 400, errorPage('This sign-in has expired', 'The sign-in page was open too long, or was already used.'));
  }
  if (error instanceof FormTooLarge) return sendHtml(res, 413, errorPage('Sign-in could not continue', 'The form sent was too large.'));
  console.error(`[${logName}] interaction failed`, error);
  if (!res.headersSent) sendHtml(res, 500, errorPage('Something went wrong', 'The sign-in could not be completed.'));
  else res.end();
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * `return=` targets: resolved against this server's own origin exactly as a
 * browser resolves a Location header (so `//host`, `/\\host` and `/<tab>/host`
 * are seen for what they are), then allowed only on this origin or an allowed one.
 */
export function safeReturnUrl(
  value: string | null | undefined,
  allowedOrigins: ReadonlySet<string>,
  ownOrigin: string,
): string | undefined {
  if (!value || !URL.canParse(value, ownOrigin)) return undefined;
  const url = new URL(value, ownOrigin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return url.origin === new URL(ownOrigin).origin || allowedOrigins.has(url.origin) ? url.href : undefined;
}
