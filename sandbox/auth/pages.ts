// The authorisation server's own pages: sign-in (a sandbox stand-in for NHS Care
// Identity: choose a user, no password), the standalone launch's patient picker,
// and errors. Plain HTML strings; every value from data or requests is escaped.
import type { HumanName, Patient } from '@medplum/fhirtypes';
import { AMBULANCE_SERVICE, NHS_NUMBER_SYSTEM, SOURCES, USERS, type SandboxUser, type SourceName } from '../config';
import { escapeHtml, page } from '../html';
import { groupNhsNumber } from '../../src/format/nhs-number';
import { ROLES } from '../idp/roles';

/** The viewer's name on the sign-in pages (and in its client registration). */
export const VIEWER_CLIENT_NAME = 'Shared care record viewer';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const STYLES = `
  main { max-width: 48rem; }
  fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
  legend { font-size: 1.25rem; font-weight: 600; margin-bottom: .5rem; }
  .option { display: flex; gap: .75rem; align-items: flex-start; background: #fff; border: 1px solid #d8dde0; padding: .5rem .75rem; margin-bottom: .25rem; }
  .option input { width: 24px; height: 24px; margin: 0; flex: none; }
  .option label { cursor: pointer; }
  .value { font-weight: 600; }
  .detail { display: block; color: #4c6272; }
  button { font: inherit; min-height: 44px; padding: .5rem 1.25rem; border: 0; border-radius: 4px; background: #007f3b; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #005eb8; border: 2px solid #005eb8; }
  .actions { display: flex; gap: 1rem; flex-wrap: wrap; align-items: center; }
  .error { border-left: 6px solid #d5281b; background: #fff; padding: .5rem 1rem; margin-bottom: 1rem; }
  input:focus-visible { outline: 3px solid #ffeb3b; outline-offset: 0; box-shadow: 0 0 0 5px #212b32; }
`;

export function userDisplayName(user: SandboxUser): string {
  return [user.prefix, user.given, user.family].filter(Boolean).join(' ');
}

/** The organisation an ODS code names among the sandbox's, or "Not Known". */
export function organisationName(odsCode: string | undefined): string {
  return (
    SOURCES.find((s) => s.odsCode === odsCode)?.organisation ??
    (odsCode === AMBULANCE_SERVICE.odsCode ? AMBULANCE_SERVICE.organisation : 'Not Known')
  );
}

export function userDescription(user: SandboxUser): string {
  return `${ROLES[user.role].label}, ${organisationName(user.odsCode)} (${user.odsCode})`;
}

/** `THOMPSON, Margaret (Mrs)`, from the official (else first) name. */
export function patientDisplayName(patient: Patient): string {
  const names: HumanName[] = patient.name ?? [];
  const name = names.find((n) => n.use === 'official') ?? names[0];
  if (!name || (!name.family && !name.given?.length)) return 'Not Known';
  const family = (name.family ?? 'Not Known').toUpperCase();
  const given = name.given?.join(' ');
  const prefix = name.prefix?.join(' ');
  return `${family}${given ? `, ${given}` : ''}${prefix ? ` (${prefix})` : ''}`;
}

export function nhsNumberOf(patient: Patient): string | undefined {
  return patient.identifier?.find((i) => i.system === NHS_NUMBER_SYSTEM)?.value;
}

/** FHIR date (`1945-07-14`, `1945-07` or `1945`) as `14-Jul-1945`. */
export function displayDate(date: string | undefined): string {
  const match = date ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date) : null;
  if (!match) return 'Not Known';
  const [, year, month, day] = match;
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  return [day, monthName, year].filter(Boolean).join('-');
}

export interface LoginPageOptions {
  action: string;
  cancelAction: string;
  clientName: string;
  users: readonly SandboxUser[];
  error?: string;
}

export function loginPage(options: LoginPageOptions): string {
  const choices = options.users
    .map(
      (user, index) => `
    <div class="option">
      <input type="radio" name="user" id="user-${index}" value="${escapeHtml(user.id)}" required>
      <label for="user-${index}"><span class="value">${escapeHtml(userDisplayName(user))}</span>
        <span class="detail">${escapeHtml(userDescription(user))}</span></label>
    </div>`,
    )
    .join('');
  return page(
    'Sign in - shared care record sandbox',
    `<main>
  <h1>Sign in</h1>
  <p><strong>${escapeHtml(options.clientName)}</strong> is asking you to sign in.
    This sandbox stands in for NHS Care Identity Service: choose who you are. There is no password.</p>
  ${errorSummary(options.error)}
  <form method="post" action="${escapeHtml(options.action)}">
    <fieldset>
      <legend>Sign in as</legend>${choices}
    </fieldset>
    <div class="actions"><button type="submit">Sign in</button></div>
  </form>
  ${cancelForm(options.cancelAction)}
</main>`,
    { styles: STYLES },
  );
}

/**
 * The viewer's sign-in page at the interaction `base` (the authorisation
 * server's standalone launch, the identity provider): it posts the choice to
 * `base/login` and cancels at `base/cancel`.
 */
export function signInPage(base: string, error?: string): string {
  return loginPage({
    action: `${base}/login`,
    cancelAction: `${base}/cancel`,
    clientName: VIEWER_CLIENT_NAME,
    users: USERS,
    ...(error ? { error } : {}),
  });
}

/** The sign-in page again, for a choice sent with no one chosen. */
export function noUserChosenPage(base: string): string {
  return signInPage(base, 'Choose who you are signing in as');
}

export interface PatientChoice {
  source: SourceName;
  patient: Patient;
}

export interface PatientPickerOptions {
  action: string;
  cancelAction: string;
  user: SandboxUser;
  patients: readonly PatientChoice[];
  error?: string;
}

export function patientPickerPage(options: PatientPickerOptions): string {
  const organisations = new Map(SOURCES.map((s) => [s.name, s.organisation]));
  const sorted = [...options.patients].sort(
    (a, b) => patientDisplayName(a.patient).localeCompare(patientDisplayName(b.patient)) || a.source.localeCompare(b.source),
  );
  const choices = sorted
    .map(({ source, patient }, index) => {
      const nhsNumber = nhsNumberOf(patient);
      return `
    <div class="option">
      <input type="radio" name="patient" id="patient-${index}" value="${escapeHtml(`${source}/${patient.id ?? ''}`)}" required>
      <label for="patient-${index}"><span class="value">${escapeHtml(patientDisplayName(patient))}</span>
        <span class="detail">NHS number <span class="value">${escapeHtml(nhsNumber ? groupNhsNumber(nhsNumber) : 'Not Known')}</span>,
          born <span class="value">${escapeHtml(displayDate(patient.birthDate))}</span>,
          held by <span class="value">${escapeHtml(organisations.get(source) ?? source)}</span> (${escapeHtml(source)})</span></label>
    </div>`;
    })
    .join('');
  const list =
    sorted.length > 0
      ? `<fieldset><legend>Patient</legend>${choices}</fieldset>
    <div class="actions"><button type="submit">Open record</button></div>`
      : '<p>No patients are available.</p>';
  return page(
    'Choose a patient - shared care record sandbox',
    `<main>
  <h1>Choose a patient</h1>
  <p>Signed in as <strong>${escapeHtml(userDisplayName(options.user))}</strong>, ${escapeHtml(userDescription(options.user))}.</p>
  ${errorSummary(options.error)}
  <form method="post" action="${escapeHtml(options.action)}">${list}</form>
  ${cancelForm(options.cancelAction)}
</main>`,
    { styles: STYLES },
  );
}

export function errorPage(title: string, message: string): string {
  return page(
    `${title} - shared care record sandbox`,
    `<main>
  <h1>${escapeHtml(title)}</h1>
  <p>${escapeHtml(message)}</p>
  <p>Go back to the app or host system and start again.</p>
</main>`,
    { styles: STYLES },
  );
}

function errorSummary(error: string | undefined): string {
  return error ? `<div class="error" role="alert"><p>${escapeHtml(error)}</p></div>` : '';
}

function cancelForm(action: string): string {
  return `<form method="post" action="${escapeHtml(action)}"><p><button type="submit" class="secondary">Cancel</button></p></form>`;
}
