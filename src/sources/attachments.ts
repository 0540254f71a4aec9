// Document content held at a source rather than sent inline (an attachment
// `url`, typically `Binary/id`): fetched with that source's token, only from
// under that source's base and never across a redirect, and handed over as a
// Blob for the view to show (never as a URL to navigate to: the request needs the token).

import type { SourceRef } from '../record/model';
import { base64ToBytes } from '../format/base64';
import { FhirRequestError } from './fhir-http';
import { resolveSources } from './resolve-sources';
import type { SourceConfig } from './source-config';
import { isUnderBase, isUnfollowedRedirect, tokenHeaders, type ProofMaker } from './token-scope';
import { isRecord } from '../json/is-record';

export interface AttachmentRequest {
  /** The source the document came from: its base resolves a relative URL, its token authorises the request. */
  source: SourceRef;
  /** `Attachment.url` as sent. */
  url: string;
  /** `Attachment.contentType`, asked for in `Accept`. */
  contentType?: string;
  signal?: AbortSignal;
}

/** Fetches an attachment's content; rejects with a FhirRequestError whose message can be shown. */
export type AttachmentFetcher = (request: AttachmentRequest) => Promise<Blob>;

export interface AttachmentFetcherOptions {
  /** The viewer's configured sources (as for loadRecord). */
  sources: readonly SourceConfig[];
  /** FHIR base of the launching server. */
  issuer: string;
  getAccessToken(): Promise<string>;
  /** DPoP proofs for the token (see FhirHttpOptions.proveToken). */
  proveToken?: ProofMaker;
  fetch?: typeof fetch;
}

const FHIR_JSON = /^application\/(?:fhir\+)?json\b/i;

function refuse(url: string, message: string): FhirRequestError {
  return new FhirRequestError('invalid-response', message, url);
}

/** The absolute URL of the attachment, provided it is under the source's base (not merely on its host). */
function resolveAt(base: string, url: string): string | undefined {
  const root = `${base.replace(/\/+$/, '')}/`;
  if (!URL.canParse(url, root)) return undefined;
  const absolute = new URL(url, root).href;
  return isUnderBase(absolute, base) ? absolute : undefined;
}

/** A FHIR Binary answered instead of raw content: its bytes, typed as it says. */
async function fromBinary(response: Response, url: string): Promise<Blob> {
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw refuse(url, 'the server answered with something that is not a document');
  }
  if (!isRecord(json) || json.resourceType !== 'Binary' || typeof json.data !== 'string') {
    throw refuse(url, 'the server answered with something that is not a document');
  }
  try {
    const type = typeof json.contentType === 'string' ? json.contentType : 'application/octet-stream';
    return new Blob([base64ToBytes(json.data)], { type });
  } catch {
    throw refuse(url, 'the document could not be read (its content is not valid base64)');
  }
}

export function createAttachmentFetcher(options: AttachmentFetcherOptions): AttachmentFetcher {
  const sources = resolveSources(options.sources, options.issuer);
  return async ({ source, url, contentType, signal }) => {
    const resolved = sources.find((s) => s.ref.name === source.name);
    if (!resolved) throw refuse(url, `${source.organisation} is not one of the configured sources`);
    const target = resolveAt(resolved.config.fhirBaseUrl, url);
    // The token goes to the source only: content anywhere else is not fetched.
    if (!target) throw refuse(url, `the document is held outside ${source.organisation} and cannot be opened here`);
    const headers: Record<string, string> = { Accept: contentType ? `${contentType}, application/fhir+json;q=0.5` : '*/*' };
    if (resolved.config.auth === 'launch-token') {
      let token: string;
      try {
        token = await options.getAccessToken();
      } catch {
        throw new FhirRequestError('auth', 'no access token: the session may have ended', target);
      }
      Object.assign(headers, await tokenHeaders(token, { method: 'GET', url: target }, options.proveToken));
    }
    const timeout = AbortSignal.timeout(resolved.config.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(target, { headers, signal: combined, credentials: 'omit', redirect: 'manual' });
    } catch {
      if (signal?.aborted) throw new FhirRequestError('cancelled', 'cancelled', target);
      if (timeout.aborted) throw new FhirRequestError('timeout', `no answer within ${resolved.config.timeoutMs / 1000} seconds`, target);
      throw new FhirRequestError('network', 'could not be reached (network error)', target);
    }
    if (isUnfollowedRedirect(response)) {
      throw new FhirRequestError(
        'http',
        'the server redirected the request elsewhere, which is not followed',
        target,
        response.status || undefined,
      );
    }
    if (!response.ok) {
      const what =
        response.status === 401 ? 'not authorised' : response.status === 403 ? 'access refused' : 'the server answered with an error';
      throw new FhirRequestError('http', `${what} (${response.status})`, target, response.status);
    }
    if (FHIR_JSON.test(response.headers.get('Content-Type') ?? '') && !FHIR_JSON.test(contentType ?? ''))
      return fromBinary(response, target);
    return response.blob();
  };
}
