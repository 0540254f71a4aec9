// Reading a served Content-Security-Policy: its directives, and whether a URL
// would be allowed by a source list (CSP Level 3 matching, as far as a
// deployment check needs it).

export type Policy = Map<string, string[]>;

/** Directives by name (lower case); when a directive repeats, the first counts, as in browsers. */
export function parsePolicy(header: string): Policy {
  const policy: Policy = new Map();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!policy.has(key)) policy.set(key, sources);
  }
  return policy;
}

/** The sources that govern a fetch directive: its own, or default-src's when it has none. */
export function effective(policy: Policy, directive: string): string[] | undefined {
  return policy.get(directive) ?? policy.get('default-src');
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** Whether `url` matches one of `sources`, for a page whose own origin is `self`. */
export function allows(sources: readonly string[], url: string, self: string): boolean {
  const target = new URL(url);
  return sources.some((source) => matches(source, target, new URL(self)));
}

function matches(source: string, target: URL, self: URL): boolean {
  const s = source.toLowerCase();
  if (s === "'none'") return false;
  if (s === "'self'")
    return target.origin === self.origin || (self.protocol === 'http:' && target.protocol === 'https:' && target.host === self.host);
  if (s === '*') return ['http:', 'https:', 'ws:', 'wss:'].includes(target.protocol) || target.protocol === self.protocol;
  if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return schemeMatches(s, target.protocol);
  // Scheme and host compare without case; the path with it.
  const parsed = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9.-]+)(?::(\*|\d+))?(\/[^?#]*)?$/i.exec(source);
  if (!parsed) return false;
  const [, scheme, host, port, path] = parsed.map((part, i) => (i === 4 ? part : part?.toLowerCase()));
  if (scheme ? !schemeMatches(`${scheme}:`, target.protocol) : !schemeMatches(self.protocol, target.protocol)) return false;
  if (host !== '*' && !(host!.startsWith('*.') ? target.hostname.endsWith(host!.slice(1)) : target.hostname === host)) return false;
  const targetPort = target.port || DEFAULT_PORTS[target.protocol];
  const sourcePort = port ?? DEFAULT_PORTS[scheme ? `${scheme}:` : target.protocol];
  if (port !== '*' && sourcePort !== targetPort && !(sourcePort === '80' && targetPort === '443')) return false;
  if (!path || path === '/') return true;
  const targetPath = decodeURIComponent(target.pathname);
  return path.endsWith('/') ? targetPath.startsWith(decodeURIComponent(path)) : targetPath === decodeURIComponent(path);
}

/** http: sources also match https: (and ws: wss:), as CSP Level 3 upgrades them. */
function schemeMatches(source: string, target: string): boolean {
  return source === target || (source === 'http:' && target === 'https:') || (source === 'ws:' && target === 'wss:');
}
