// What the user reads when a launch fails. Every failure (bad configuration,
// unknown issuer, tampered or expired sign-in, refusal) maps to one plain
// message and one thing to do; technical text from servers is never shown,
// because it is unhelpful to a clinician and may be crafted by an attacker.

export type LaunchErrorCode =
  | 'config'
  | 'unknown-issuer'
  | 'missing-issuer'
  | 'bad-launch-link'
  | 'bad-state'
  | 'no-session'
  | 'access-denied'
  | 'authorisation-failed'
  | 'token-failed'
  | 'server-unreachable'
  | 'pkce-unsupported'
  | 'no-patient'
  | 'unexpected';

export interface LaunchError {
  code: LaunchErrorCode;
  /** Heading of the error page. */
  title: string;
  /** What went wrong, in plain English. */
  message: string;
  /** What to do next. */
  action: string;
  /** Specifics safe to show, for whoever the user contacts (e.g. configuration problems). */
  details: string[];
}

/** Thrown by launch code to carry a specific, already-worded error. */
export class LaunchFailure extends Error {
  readonly launchError: LaunchError;

  constructor(launchError: LaunchError) {
    super(launchError.title);
    this.name = 'LaunchFailure';
    this.launchError = launchError;
  }
}

const REOPEN = 'Close this window and open the record again from your clinical system.';
const REOPEN_OR_CALL = `${REOPEN} If this keeps happening, contact your IT service desk.`;

const CATALOGUE: Record<LaunchErrorCode, Omit<LaunchError, 'code' | 'details'>> = {
  config: {
    title: 'The care record viewer is not set up correctly',
    message: 'Its configuration could not be read, so no record can be opened.',
    action: 'Contact your IT service desk and give them the problems listed below.',
  },
  'unknown-issuer': {
    title: 'This system is not allowed to open the care record',
    message: 'The viewer was opened from a system it does not recognise, so it stopped before signing in.',
    action: REOPEN_OR_CALL,
  },
  'missing-issuer': {
    title: 'The link that opened the viewer is incomplete',
    message: 'It did not say which clinical system opened it, so the viewer could not sign in.',
    action: REOPEN_OR_CALL,
  },
  'bad-launch-link': {
    title: 'The link that opened the viewer is not valid',
    message: 'It contains settings the viewer does not accept, so it stopped before signing in.',
    action: REOPEN_OR_CALL,
  },
  'bad-state': {
    title: 'The sign-in could not be confirmed',
    message:
      'The reply from the sign-in service does not belong to a sign-in started in this window. ' +
      'This happens when the record was opened in another window or the link was altered.',
    action: REOPEN,
  },
  'no-session': {
    title: 'Your session has ended',
    message: 'This window no longer holds a signed-in session, so the record cannot be shown.',
    action: REOPEN,
  },
  'access-denied': {
    title: 'Access to the care record was not given',
    message: 'The sign-in service did not allow the viewer to open this record.',
    action: 'Close this window. If you need access, ask your clinical system administrator.',
  },
  'authorisation-failed': {
    title: 'Sign-in failed',
    message: 'The sign-in service reported a problem and did not sign you in.',
    action: REOPEN_OR_CALL,
  },
  'token-failed': {
    title: 'Sign-in could not be completed',
    message: 'The sign-in service did not complete the sign-in; the sign-in may have expired or been used already.',
    action: REOPEN,
  },
  'server-unreachable': {
    title: 'The care record service could not be reached',
    message: 'The viewer could not contact the sign-in service or the record server of the system that opened it.',
    action: `Check your network connection. ${REOPEN_OR_CALL}`,
  },
  'pkce-unsupported': {
    title: 'The sign-in service is not secure enough',
    message: 'It does not offer the protection the viewer requires (PKCE with S256), so the viewer did not sign in.',
    action: 'Contact your IT service desk.',
  },
  'no-patient': {
    title: 'No patient was selected',
    message: 'The sign-in did not say whose record to open.',
    action: 'Close this window, select the patient in your clinical system and open the record again.',
  },
  unexpected: {
    title: 'The care record could not be opened',
    message: 'Something unexpected went wrong while opening the record.',
    action: REOPEN_OR_CALL,
  },
};

/** OAuth 2.0 / OpenID Connect error codes we will name on screen; anything else is "unknown". */
const KNOWN_OAUTH_ERRORS = [
  'invalid_request', 'unauthorized_client', 'unsupported_response_type', 'invalid_scope',
  'server_error', 'temporarily_unavailable', 'login_required', 'consent_required',
  'interaction_required', 'account_selection_required', 'invalid_grant', 'invalid_client',
];

export function launchError(code: LaunchErrorCode, details: string[] = []): LaunchError {
  return { code, ...CATALOGUE[code], details };
}

/**
 * Checks the redirect back from the authorisation server before fhirclient
 * sees it: an `error` answer, or a `code` without `state` (fhirclient would
 * fall back to the stored state, accepting a code it never asked for).
 */
export function launchErrorFromRedirect(search: string): LaunchError | undefined {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (error === 'access_denied') return launchError('access-denied');
  if (error !== null) {
    const named = KNOWN_OAUTH_ERRORS.includes(error) ? error : 'unknown';
    return launchError('authorisation-failed', [`Error code: ${named}`]);
  }
  if (params.has('code') && !params.has('state')) return launchError('bad-state');
  return undefined;
}

export interface LaunchErrorContext {
  /** `authorize` on the launch page, `ready` on the viewer page. */
  phase: 'authorize' | 'ready';
  /** The redirect URL carried a `state` (so a missing stored state means a foreign or altered one). */
  hadStateParam?: boolean;
}

/** Turns whatever a launch step threw (fhirclient errors included) into a worded error. */
export function mapLaunchError(error: unknown, context: LaunchErrorContext): LaunchError {
  if (error instanceof LaunchFailure) return error.launchError;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  return launchError(classify(name, message, context));
}

function classify(name: string, message: string, context: LaunchErrorContext): LaunchErrorCode {
  if (/^access_denied\b/.test(message)) return 'access-denied';
  if (message.includes("No 'state' parameter found")) return 'no-session';
  if (message.includes('No state found')) return context.hadStateParam ? 'bad-state' : 'no-session';
  if (message.includes("'code' url parameter is required")) return 'bad-state';
  if (message.includes('PKCE')) return 'pkce-unsupported';
  if (message.includes('Unable to refresh')) return 'no-session';
  if (message.includes('Failed to obtain access token')) return 'token-failed';
  if (/Failed to fetch the (well-known json|conformance statement)/.test(message)) return 'server-unreachable';
  if (name === 'HttpError') return context.phase === 'ready' ? 'token-failed' : 'server-unreachable';
  if (name === 'TypeError' && /fetch|network/i.test(message)) return 'server-unreachable';
  return 'unexpected';
}
