// The FHIR servers this authorisation server issues tokens for: SMART's `aud`,
// which names one of their base URLs (compared without a trailing slash).
import type { SourceName } from '../config';

export class FhirBases {
  readonly #urls: Record<SourceName, string>;
  readonly #bases: ReadonlySet<string>;
  readonly #issuer: string;

  /** `issuer` without a trailing slash. */
  constructor(urls: Record<SourceName, string>, issuer: string) {
    this.#urls = urls;
    this.#bases = new Set(Object.values(urls).map(withoutTrailingSlash));
    this.#issuer = issuer;
  }

  /** Whether a resource indicator is one of the bases, as written. */
  has(resource: string): boolean {
    return this.#bases.has(resource);
  }

  /** The canonical FHIR base an `aud` names, or undefined when it names none of ours. */
  canonical(aud: unknown): string | undefined {
    if (typeof aud !== 'string') return undefined;
    const base = withoutTrailingSlash(aud);
    return this.#bases.has(base) ? base : undefined;
  }

  /** Whether an `aud` is this server itself: a pushed request's, whose FHIR base travels as `resource`. */
  isIssuer(aud: unknown): boolean {
    return typeof aud === 'string' && withoutTrailingSlash(aud) === this.#issuer;
  }

  /** The FHIR base an authorization request asked for: its `aud`, or (pushed) its `resource`. */
  requested(params: Record<string, unknown>): string | undefined {
    return this.canonical(params.aud) ?? (this.isIssuer(params.aud) ? this.canonical(params.resource) : undefined);
  }

  /** The source whose FHIR base an `aud` names. */
  sourceOf(base: string | undefined): SourceName | undefined {
    return (Object.entries(this.#urls) as Array<[SourceName, string]>).find(([, url]) => withoutTrailingSlash(url) === base)?.[0];
  }
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
