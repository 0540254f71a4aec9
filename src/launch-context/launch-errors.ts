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
  | 'unexpected'
  // Signed context links (docs/access.md section 3).
  | 'no-link'
  | 'link-malformed'
  | 'link-tampered'
  | 'link-wrong-audience'
  | 'link-expired'
  | 'link-not-yet-valid'
  | 'link-too-long-lived'
  | 'link-replayed'
  | 'login-required'
  | 'user-mismatch'
  | 'patient-not-found';

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
  'no-link': {
    title: 'This page was opened without a link from your clinical system',
    message:
      'The care record opens from a button in your clinical system, which passes a signed link. None was found, so no record was opened.',
    action: "Close this window and open the record again from the patient's record in your clinical system.",
  },
  'link-malformed': {
    title: 'The link that opened the viewer is not valid',
    message: 'It is incomplete or not in the expected form, so the viewer did not open the record.',
    action: REOPEN_OR_CALL,
  },
  'link-tampered': {
    title: 'The link that opened the viewer could not be trusted',
    message:
      'Its signature does not match the clinical system that it says it came from. It may have been altered, so the viewer did not open the record.',
    action: `${REOPEN} If this happens again, report it to your IT service desk as a possible security incident.`,
  },
  'link-wrong-audience': {
    title: 'The link was made for a different viewer',
    message: 'Your clinical system made this link for another service, so this viewer did not open the record.',
    action: REOPEN_OR_CALL,
  },
  'link-expired': {
    title: 'The link has expired',
    message: 'Links from your clinical system work for a few minutes only, and this one is too old.',
    action: REOPEN,
  },
  'link-not-yet-valid': {
    title: 'The link is not valid yet',
    message:
      'Your clinical system made this link to start working later than now. The clocks of your clinical system and the care record may disagree, so the viewer did not open the record.',
    action: REOPEN_OR_CALL,
  },
  'link-too-long-lived': {
    title: 'The link that opened the viewer is not valid',
    message: 'It was made to last longer than the 5 minutes allowed, so the viewer did not open the record.',
    action: REOPEN_OR_CALL,
  },
  'link-replayed': {
    title: 'This link has already been used',
    message:
      'Each link from your clinical system opens the record once. Using it again is not allowed, so the viewer did not open the record.',
    action: REOPEN,
  },
  'login-required': {
    title: 'You are not signed in with your smartcard',
    message: 'The care record uses your smartcard sign-in, and no smartcard session was found.',
    action: "Insert your smartcard and sign in to your clinical system, then open the record again from the patient's record there.",
  },
  'user-mismatch': {
    title: 'The link was made for someone else',
    message:
      'The person signed in with the smartcard is not the person the clinical system made the link for, so the viewer did not open the record.',
    action:
      'Make sure your own smartcard is inserted and you are signed in to your clinical system as yourself, then open the record again.',
  },
  'patient-not-found': {
    title: 'The patient could not be found',
    message: 'No record in the shared care record matches the NHS number and date of birth your clinical system sent.',
    action: "Check the patient's NHS number and date of birth in your clinical system. If they are right, contact your IT service desk.",
  },
};

/** Refusal codes the authorisation server gives in `error_description` for a signed link (docs/access.md section 3). */
const LINK_REFUSALS: Record<string, LaunchErrorCode> = {
  expired: 'link-expired',
  'not-yet-valid': 'link-not-yet-valid',
  replayed: 'link-replayed',
  tampered: 'link-tampered',
  'wrong-audience': 'link-wrong-audience',
  'unknown-issuer': 'unknown-issuer',
  'user-mismatch': 'user-mismatch',
  'too-long-lived': 'link-too-long-lived',
  'patient-not-found': 'patient-not-found',
  'not-signed-in': 'login-required',
};

/**
 * The authorisation server's refusal of a signed link: the refusal code is
 * looked up (as a whole word) in `error_description`; only known codes are
 * named, never the server's text.
 */
export function linkErrorFromRedirect(search: string): LaunchError | undefined {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (error === null) return launchErrorFromRedirect(search);
  const description = params.get('error_description') ?? '';
  const words = description.toLowerCase().match(/[a-z]+(?:-[a-z]+)*/g) ?? [];
  const known = words.find((w) => w in LINK_REFUSALS);
  if (known) return launchError(LINK_REFUSALS[known]!, [`Refused by the sign-in service: ${known}`]);
  return launchErrorFromRedirect(search);
}

/** OAuth 2.0 / OpenID Connect error codes we will name on screen; anything else is "unknown". */
const KNOWN_OAUTH_ERRORS = [
  'invalid_request',
  'unauthorized_client',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
  'login_required',
  'consent_required',
  'interaction_required',
  'account_selection_required',
  'invalid_grant',
  'invalid_client',
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
