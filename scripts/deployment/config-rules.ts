// The configuration checked before it reaches users: the viewer's own rules
// (parseViewerConfig, the same code the viewer runs), then the rules of a
// production deployment. Every problem is reported at once.

import { parseViewerConfig, type ViewerConfig } from '../../src/launch-context/config';
import { hostJwks, LINK_HOSTS } from '../../sandbox/hosts/keys';

export interface ConfigReport {
  /** Each stops a deployment. */
  problems: string[];
  /** Worth knowing; none stops a deployment. */
  notes: string[];
  config?: ViewerConfig;
}

export interface ConfigRuleOptions {
  /**
   * A local trial on 127.0.0.1 (the sandbox): its published host keys are
   * expected there, so pinning them is a note rather than a problem.
   */
  loopbackTrial?: boolean;
}

/** The sandbox hosts' keys, whose private halves are published in this repository. */
const SANDBOX_KEYS = [...LINK_HOSTS, 'unknown' as const].flatMap((host) => hostJwks(host).keys);

export function checkConfig(json: unknown, options: ConfigRuleOptions = {}): ConfigReport {
  const parsed = parseViewerConfig(json);
  const problems = parsed.ok ? [] : [...parsed.errors];
  const notes: string[] = [];
  const raw = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;

  if (raw.hostOrigins === undefined) {
    problems.push(
      "hostOrigins is missing: list the origins of the host systems' pages that frame the viewer (the server's frame-ancestors), or [] if none does.",
    );
  } else if (Array.isArray(raw.hostOrigins) && raw.hostOrigins.length === 0) {
    notes.push('hostOrigins is empty: no page may frame the viewer (right only if every host opens it in a window of its own).');
  }

  for (const [path, key] of pinnedKeys(raw)) {
    const sandboxKey = SANDBOX_KEYS.find((k) => k.kty === key.kty && k.x === key.x && k.y === key.y);
    if (!sandboxKey) continue;
    const message = `${path} is the sandbox's key ${sandboxKey.kid}: its private half is published, so anyone can sign links with it.`;
    if (options.loopbackTrial) notes.push(`${message} Fine for a trial on this machine only.`);
    else problems.push(`${message} Pin the host system's own public key.`);
  }

  const loopback = loopbackUrls(raw);
  if (loopback.length > 0) {
    const some = `${loopback.slice(0, 3).join(', ')}${loopback.length > 3 ? ` and ${loopback.length - 3} more` : ''}`;
    notes.push(
      `${some} point${loopback.length === 1 ? 's' : ''} at this machine (127.0.0.1 or localhost): reachable from this machine only.`,
    );
  }

  return parsed.ok ? { problems, notes, config: parsed.config } : { problems, notes };
}

function pinnedKeys(raw: Record<string, unknown>): [string, Record<string, unknown>][] {
  const issuers = Array.isArray(raw.linkIssuers) ? raw.linkIssuers : [];
  return issuers.flatMap((issuer, i) => {
    const keys = (issuer as { jwks?: { keys?: unknown } } | null)?.jwks?.keys;
    return Array.isArray(keys)
      ? keys.map((key, j): [string, Record<string, unknown>] => [
          `linkIssuers[${i}].jwks.keys[${j}]`,
          (key ?? {}) as Record<string, unknown>,
        ])
      : [];
  });
}

/** Fields holding URLs, by path, whose host is 127.0.0.1, localhost or [::1]. */
function loopbackUrls(raw: Record<string, unknown>): string[] {
  const found: string[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (URL.canParse(value) && ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(value).hostname)) found.push(path);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`));
    } else if (typeof value === 'object' && value !== null && !path.endsWith('.jwks')) {
      for (const [key, item] of Object.entries(value)) visit(item, path ? `${path}.${key}` : key);
    }
  };
  visit(raw, '');
  return found;
}
