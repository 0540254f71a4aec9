// Where an access token may go, and how it is put on a request. A token is
// attached only to a URL under its source's normalised base (`base + '/'`, or
// the base itself for a batch), so a `next` link, a reference or an attachment
// that points elsewhere on the same host (`/fhir/audit`, `/fhir/gp-evil`)
// never receives it. With a proof maker the token is sender-constrained
// (DPoP, RFC 9449): `Authorization: DPoP <token>` and a fresh proof of
// possession of the session's key for this method and URL.

/** Makes a DPoP proof (a signed JWT) for one request and the token it carries. */
export type ProofMaker = (method: string, url: string, accessToken: string) => Promise<string>;

/** The base as compared: parsed (so `..`, `%2e%2e`, case and default ports are normalised), no trailing slash. */
export function canonicalBase(base: string): string {
  const text = base.trim();
  return (URL.canParse(text) ? new URL(text).href : text).replace(/\/+$/, '');
}

/**
 * Whether `url` is at or under `base`: the same scheme, host and port, and a
 * path that is the base's or continues it after a `/` (never a sibling that
 * merely starts with the same letters). Userinfo is refused outright.
 */
export function isUnderBase(url: string, base: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  if (parsed.username || parsed.password || !/^https?:$/.test(parsed.protocol)) return false;
  const root = canonicalBase(base);
  const href = parsed.href;
  return href === root || href.startsWith(`${root}/`) || href.startsWith(`${root}?`);
}

/** The Authorization (and, with DPoP, DPoP) headers carrying `accessToken` on one request. */
export async function tokenHeaders(
  accessToken: string,
  request: { method: string; url: string },
  prove?: ProofMaker,
): Promise<Record<string, string>> {
  if (!prove) return { Authorization: `Bearer ${accessToken}` };
  return { Authorization: `DPoP ${accessToken}`, DPoP: await prove(request.method, request.url, accessToken) };
}

/**
 * Whether a response is a redirect that was not followed (`redirect: 'manual'`):
 * browsers give an opaque response, Node the 3xx itself. A request carrying a
 * token never follows one, since the new address could be anywhere.
 */
export function isUnfollowedRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}
