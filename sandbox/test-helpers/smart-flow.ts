// A scripted browser and app for the SMART flows, used by the sandbox's tests
// (and the benchmark's network floor): redirects followed by hand, cookies
// kept, forms submitted, PKCE S256.
import { createHash, randomBytes } from 'node:crypto';

export type Step = { kind: 'redirect'; url: URL } | { kind: 'page'; url: string; status: number; html: string };

/** A browser: keeps cookies by name and path, and follows redirects until it is sent back to the viewer. */
export class Browser {
  constructor(private readonly viewerOrigin: string) {}

  readonly #cookies = new Map<string, { name: string; value: string; path: string }>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const { pathname } = new URL(url);
    const headers = new Headers(init.headers);
    const sent = [...this.#cookies.values()].filter(
      (c) => pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`),
    );
    if (sent.length > 0) headers.set('cookie', sent.map((c) => `${c.name}=${c.value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';').map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      const key = `${name};${path}`;
      if (value === '' || attributes.some((a) => /^expires=Thu, 01 Jan 1970/i.test(a))) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
    return response;
  }

  async run(url: string, init?: RequestInit): Promise<Step> {
    let next = url;
    let options = init;
    for (let hops = 0; hops < 10; hops++) {
      const response = await this.fetch(next, options);
      options = undefined;
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        const target = new URL(location, next);
        if (target.origin === this.viewerOrigin) return { kind: 'redirect', url: target };
        next = target.href;
        continue;
      }
      return { kind: 'page', url: next, status: response.status, html: await response.text() };
    }
    throw new Error('Too many redirects');
  }

  /** Submits the page's form whose action ends with `actionSuffix`. */
  submit(page: Step, actionSuffix: string, fields: Record<string, string>): Promise<Step> {
    if (page.kind !== 'page') throw new Error(`Expected a page, got a redirect to ${page.url.href}`);
    const action = [...page.html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]!).find((a) => a.endsWith(actionSuffix));
    if (!action) throw new Error(`No form posting to …${actionSuffix}`);
    return this.run(new URL(action, page.url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}
