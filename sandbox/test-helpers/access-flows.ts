// The viewer's side of the access flows, scripted for the sandbox's tests: a
// SMART EHR launch, a sign-in at the identity provider (silent or not), and a
// link launch (signed link + id_token_hint), each through to the token response.
import { VIEWER_CLIENT_ID } from '../config';
import { Browser, pkcePair } from './smart-flow';
import { newDpopKey, rememberKey, tokenRequestProof } from './dpop-client';

export interface TokenResponse {
  access_token: string;
  patient?: string;
  patient_nhs_number?: string;
  need_patient_banner?: boolean;
  intent?: string;
  fhirUser?: string;
  role?: string;
  scope?: string;
  id_token?: string;
  error?: string;
  error_description?: string;
}

/** Where a flow ended: back at the viewer with a code or an error. */
export interface Returned {
  url: URL;
  code?: string;
  error?: string;
  description?: string;
}

export const SMART_SCOPE = 'launch openid fhirUser patient/*.rs';

async function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, body: (await response.json()) as TokenResponse & Record<string, unknown> };
}

/** Runs an authorization request in the browser until it comes back to the viewer. */
export async function authorize(browser: Browser, endpoint: string, params: Record<string, string>): Promise<Returned> {
  const url = new URL(endpoint);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const step = await browser.run(url.href);
  if (step.kind !== 'redirect') throw new Error(`Authorization did not return to the viewer: ${step.status} ${step.html.slice(0, 400)}`);
  const q = step.url.searchParams;
  return {
    url: step.url,
    ...(q.get('code') ? { code: q.get('code')! } : {}),
    ...(q.get('error') ? { error: q.get('error')! } : {}),
    ...(q.get('error_description') ? { description: q.get('error_description')! } : {}),
  };
}

/** A SMART authorization (EHR launch id or signed link as `launch`) through to the token response. */
export async function smartLaunch(
  browser: Browser,
  sandboxOrigin: string,
  viewer: string,
  params: { launch: string; aud: string; idTokenHint?: string; redirectPath?: string; scope?: string },
): Promise<{ returned: Returned; tokens?: TokenResponse }> {
  const { verifier, challenge } = pkcePair();
  const redirectUri = `${viewer}${params.redirectPath ?? '/'}`;
  const request = {
    response_type: 'code',
    client_id: VIEWER_CLIENT_ID,
    redirect_uri: redirectUri,
    state: 'state-1',
    scope: params.scope ?? SMART_SCOPE,
    aud: params.aud,
    launch: params.launch,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(params.idTokenHint ? { id_token_hint: params.idTokenHint } : {}),
  };
  // As the viewer does: a signed link and an id_token are pushed (PAR); the address carries only the request_uri.
  const secret = params.idTokenHint !== undefined || params.launch.split('.').length === 3;
  const returned = await authorize(
    browser,
    `${sandboxOrigin}/auth/authorize`,
    secret ? { client_id: VIEWER_CLIENT_ID, request_uri: await pushAuthorizationRequest(sandboxOrigin, viewer, request) } : request,
  );
  if (!returned.code) return { returned };
  // As the viewer does: the token is bound to a key made for this session (DPoP).
  const key = await newDpopKey();
  const tokenEndpoint = `${sandboxOrigin}/auth/token`;
  const exchanged = await postForm(
    tokenEndpoint,
    {
      grant_type: 'authorization_code',
      code: returned.code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
      client_id: VIEWER_CLIENT_ID,
    },
    { dpop: await tokenRequestProof(key, tokenEndpoint) },
  );
  if (exchanged.status !== 200) throw new Error(`Token exchange failed: ${JSON.stringify(exchanged.body)}`);
  rememberKey(exchanged.body.access_token, key);
  return { returned, tokens: exchanged.body };
}

/** RFC 9126: the authorization request POSTed to the server, which answers with the request_uri that stands for it. */
export async function pushAuthorizationRequest(sandboxOrigin: string, viewer: string, request: Record<string, string>): Promise<string> {
  const pushed = await postForm(`${sandboxOrigin}/auth/par`, request, { origin: viewer });
  if (pushed.status !== 201 || typeof pushed.body.request_uri !== 'string')
    throw new Error(`PAR failed: ${pushed.status} ${JSON.stringify(pushed.body)}`);
  return pushed.body.request_uri;
}

/** The viewer's OpenID Connect sign-in at the identity provider (silent with `prompt=none`). */
export async function idpSignIn(
  browser: Browser,
  sandboxOrigin: string,
  viewer: string,
  options: { silent?: boolean } = {},
): Promise<{ returned: Returned; idToken?: string; accessToken?: string }> {
  const { verifier, challenge } = pkcePair();
  const redirectUri = `${viewer}/${options.silent ? 'silent' : 'link'}.html`;
  const returned = await authorize(browser, `${sandboxOrigin}/idp/authorize`, {
    response_type: 'code',
    client_id: VIEWER_CLIENT_ID,
    redirect_uri: redirectUri,
    state: 'idp-state',
    nonce: 'idp-nonce',
    scope: 'openid profile nationalrbacaccess',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(options.silent ? { prompt: 'none' } : {}),
  });
  if (!returned.code) return { returned };
  const exchanged = await postForm(`${sandboxOrigin}/idp/token`, {
    grant_type: 'authorization_code',
    code: returned.code,
    code_verifier: verifier,
    redirect_uri: redirectUri,
    client_id: VIEWER_CLIENT_ID,
  });
  if (exchanged.status !== 200) throw new Error(`IdP token exchange failed: ${JSON.stringify(exchanged.body)}`);
  return { returned, idToken: String(exchanged.body.id_token), accessToken: exchanged.body.access_token };
}

/** The signed link in a host page's viewer frame (`link.html#link=<JWS>`). */
export function linkInPage(html: string): string | undefined {
  const src = /<iframe class="viewer-frame"[^>]+src="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
  return src ? new URL(src).hash.replace(/^#link=/, '') || undefined : undefined;
}

/** The SMART launch URL in a host page's viewer frame. */
export function launchInPage(html: string): URL | undefined {
  const src = /<iframe class="viewer-frame"[^>]+src="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
  return src ? new URL(src) : undefined;
}

/** A browser signed in to the audit log as the privacy officer (Jo WARD's smartcard, then the page's sign-in). */
export async function privacyOfficer(
  sandboxOrigin: string,
  viewer: string,
  userId = 'jo.ward',
): Promise<{ browser: Browser; page: Awaited<ReturnType<Browser['run']>> }> {
  const browser = new Browser(viewer);
  const page = await browser.run(`${sandboxOrigin}/idp/smartcard?user=${userId}&return=${encodeURIComponent('/audit/')}`);
  return { browser, page };
}
