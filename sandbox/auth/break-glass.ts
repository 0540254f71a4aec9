// Break-glass access (docs/access.md section 5): a clinician states why, and
// gets a short-lived token whose grant carries purpose of use BTG, which lets
// restricted data through and overrides an objection. The tokens are the
// sandbox's own (not oidc-provider's): nothing refreshes them, and their end is
// the point, so it is audited whether it comes by expiry or by the viewer.
import { randomBytes } from 'node:crypto';
import type { AccessGrant, BreakGlassReason } from './grant';

export const DEFAULT_BREAK_GLASS_MINUTES = 30;
const MAX_TEXT_CHARS = 500;

interface Held {
  grant: AccessGrant & { breakGlass: NonNullable<AccessGrant['breakGlass']> };
  /** The token response's `patient`, as the token broken from had it. */
  contextPatientId?: string;
  timer: NodeJS.Timeout;
}

export interface BreakGlassOptions {
  minutes: number;
  /** Epoch ms. */
  now: () => number;
  onEnd: (grant: Held['grant'], ended: 'expired' | 'ended') => void;
}

export type BreakGlassRequest = { ok: true; reason: BreakGlassReason; text?: string } | { ok: false; message: string };

/** Reads `reason` and `text` from the break-glass form; `other` needs text. */
export function readBreakGlassForm(form: URLSearchParams): BreakGlassRequest {
  const reason = form.get('reason') ?? '';
  const text = (form.get('text') ?? '').trim();
  if (!['emergency-care', 'safeguarding', 'clinical-safety', 'other'].includes(reason)) {
    return { ok: false, message: 'reason must be emergency-care, safeguarding, clinical-safety or other' };
  }
  if (text.length > MAX_TEXT_CHARS) return { ok: false, message: `text must be at most ${MAX_TEXT_CHARS} characters` };
  if (reason === 'other' && !text) return { ok: false, message: 'text is required when the reason is other' };
  return { ok: true, reason: reason as BreakGlassReason, ...(text ? { text } : {}) };
}

export class BreakGlassTokens {
  readonly #held = new Map<string, Held>();

  constructor(private readonly options: BreakGlassOptions) {}

  /** A new break-glass token over the same user, patient and scopes as `base`. */
  start(base: AccessGrant, reason: BreakGlassReason, text?: string, contextPatientId?: string): { token: string; grant: Held['grant'] } {
    const startedAt = Math.floor(this.options.now() / 1000);
    const expiresAt = startedAt + Math.round(this.options.minutes * 60);
    const grant: Held['grant'] = {
      ...base,
      scopes: [...base.scopes],
      ...(base.patient ? { patient: { ...base.patient } } : {}),
      expiresAt,
      purposeOfUse: 'BTG',
      breakGlass: { reason, ...(text ? { text } : {}), startedAt, expiresAt },
    };
    const token = randomBytes(32).toString('base64url');
    const timer = setTimeout(() => this.#finish(token, 'expired'), (expiresAt - startedAt) * 1000);
    timer.unref();
    this.#held.set(token, { grant, timer, ...(contextPatientId ? { contextPatientId } : {}) });
    return { token, grant };
  }

  /** The grant of a live break-glass token; an expired one is ended (and audited) when first seen. */
  find(token: string): AccessGrant | undefined {
    const held = this.#held.get(token);
    if (!held) return undefined;
    if (held.grant.expiresAt * 1000 <= this.options.now()) {
      this.#finish(token, 'expired');
      return undefined;
    }
    return { ...held.grant, scopes: [...held.grant.scopes] };
  }

  contextPatientIdOf(token: string): string | undefined {
    return this.#held.get(token)?.contextPatientId;
  }

  /** Ends a break-glass token early (the viewer's "end break-glass"); false when it is not live. */
  end(token: string): boolean {
    if (!this.find(token)) return false;
    this.#finish(token, 'ended');
    return true;
  }

  close(): void {
    for (const held of this.#held.values()) clearTimeout(held.timer);
    this.#held.clear();
  }

  #finish(token: string, ended: 'expired' | 'ended'): void {
    const held = this.#held.get(token);
    if (!held) return;
    clearTimeout(held.timer);
    this.#held.delete(token);
    this.options.onEnd(held.grant, ended);
  }
}
