// Break-glass (docs/access.md section 5): a clinician overrides an objection,
// or sees restricted data, for a limited time, giving a reason. The
// authorisation server grants it as a new token; the viewer only asks.

import type { LaunchContext } from '../launch-context/launch-context';
import { tokenHeaders, type ProofMaker } from '../sources/token-scope';
import { isRecord } from '../json/is-record';

export type BreakGlassReason = 'emergency-care' | 'safeguarding' | 'clinical-safety' | 'other';

export const BREAK_GLASS_REASONS: readonly { code: BreakGlassReason; label: string }[] = [
  { code: 'emergency-care', label: 'Emergency care: the patient cannot be asked' },
  { code: 'safeguarding', label: 'Safeguarding concern' },
  { code: 'clinical-safety', label: 'Immediate clinical safety risk' },
  { code: 'other', label: 'Other (say why)' },
];

/** Free text is kept short: it is stored in every audit event of the access. */
export const MAX_REASON_TEXT = 500;

export interface BreakGlassRequest {
  reason: BreakGlassReason;
  text: string;
}

/** An active emergency access. */
export interface BreakGlassGrant {
  accessToken: string;
  /** Ms since the epoch. */
  expiresAt: number;
  reason: BreakGlassReason;
  text?: string;
  scope?: string;
}

export type BreakGlassResult =
  { ok: true; grant: BreakGlassGrant } | { ok: false; error: 'refused' | 'invalid' | 'unreachable' | 'failed'; message: string };

/** What is wrong with a request, in words for the form, or undefined. */
export function checkBreakGlassRequest(request: Partial<BreakGlassRequest>): string | undefined {
  if (!BREAK_GLASS_REASONS.some((r) => r.code === request.reason)) return 'Choose a reason.';
  const text = request.text?.trim() ?? '';
  if (request.reason === 'other' && text === '') return 'Say why you need emergency access.';
  if (text.length > MAX_REASON_TEXT) return `Keep the explanation under ${MAX_REASON_TEXT} characters.`;
  return undefined;
}

export interface BreakGlassOptions {
  endpoint: string;
  accessToken: string;
  /** When the token is bound to the session's key (DPoP): the proof for this request. */
  proveToken?: ProofMaker;
  request: BreakGlassRequest;
  fetch?: typeof fetch;
  /** Ms since the epoch. */
  now?: () => number;
  signal?: AbortSignal;
}

/** POSTs the request with the current token; never throws. */
export async function requestBreakGlass(options: BreakGlassOptions): Promise<BreakGlassResult> {
  const problem = checkBreakGlassRequest(options.request);
  if (problem) return { ok: false, error: 'invalid', message: problem };
  const body = new URLSearchParams({ reason: options.request.reason, text: options.request.text.trim() });
  let response: Response;
  try {
    const auth = await tokenHeaders(options.accessToken, { method: 'POST', url: options.endpoint }, options.proveToken);
    response = await (options.fetch ?? fetch)(options.endpoint, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: body.toString(),
      redirect: 'manual',
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch {
    return { ok: false, error: 'unreachable', message: 'The sign-in service could not be reached. Try again.' };
  }
  if (response.status === 403) {
    return { ok: false, error: 'refused', message: 'Emergency access was refused: it is available to clinical staff only.' };
  }
  if (!response.ok) {
    return {
      ok: false,
      error: 'failed',
      message: `Emergency access could not be started (the sign-in service answered ${response.status}).`,
    };
  }
  const grant = grantOf(await response.json().catch(() => undefined), options.request, (options.now ?? Date.now)());
  return grant
    ? { ok: true, grant }
    : { ok: false, error: 'failed', message: 'Emergency access could not be started (the answer was not understood).' };
}

/** Reads the token response; `break_glass.expires_at` wins over `expires_in`. */
export function grantOf(json: unknown, request: BreakGlassRequest, now: number): BreakGlassGrant | undefined {
  if (!isRecord(json) || typeof json.access_token !== 'string' || json.access_token === '') return undefined;
  const info = isRecord(json.break_glass) ? json.break_glass : {};
  const expiresAt = timeOf(info.expires_at) ?? (typeof json.expires_in === 'number' ? now + json.expires_in * 1000 : undefined);
  if (expiresAt === undefined || expiresAt <= now) return undefined;
  const grant: BreakGlassGrant = { accessToken: json.access_token, expiresAt, reason: request.reason };
  const text = request.text.trim();
  if (text) grant.text = text;
  if (typeof json.scope === 'string') grant.scope = json.scope;
  return grant;
}

/** ISO 8601, or seconds (or milliseconds) since the epoch. */
function timeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e12 ? value * 1000 : value;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

export function reasonLabel(reason: string): string {
  return BREAK_GLASS_REASONS.find((r) => r.code === reason)?.label ?? reason;
}

/** "29 minutes left", "1 minute left", "less than a minute left". */
export function timeLeftText(expiresAt: number, now: number): string {
  const minutes = Math.floor((expiresAt - now) / 60_000);
  if (minutes < 1) return 'less than a minute left';
  return `${minutes} minute${minutes === 1 ? '' : 's'} left`;
}

/**
 * The launch the record loads with while break-glass lasts: the base launch
 * with the grant's token (refused once it has expired), its reason and its
 * expiry. The base launch is left as it was.
 */
export function launchUnderGrant(base: LaunchContext, grant: BreakGlassGrant, now: () => number = Date.now): LaunchContext {
  return Object.create(base, {
    breakGlass: {
      value: { reason: grant.reason, ...(grant.text ? { text: grant.text } : {}), expiresAt: grant.expiresAt },
      enumerable: true,
    },
    tokenExpiresAt: { get: () => grant.expiresAt, enumerable: true },
    getAccessToken: {
      value: (): Promise<string> =>
        now() < grant.expiresAt ? Promise.resolve(grant.accessToken) : Promise.reject(new Error('Emergency access has ended.')),
    },
  }) as LaunchContext;
}
