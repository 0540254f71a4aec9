// The standalone launch: no host, so this server's own pages (pages.ts) sign
// the user in (a sandbox stand-in for NHS Care Identity: choose who you are) and,
// for patient-level scopes, let them pick the patient.
import { errors, type Interaction } from 'oidc-provider';
import type { SandboxUser } from '../config';
import type { AuthContext } from './context';
import type { InteractionPage } from './interaction';
import { clientIdOf, createGrant, finishWithError, forgetEarlierSignIn } from './launch-context';
import { sendHtml } from './oidc-common';
import { nhsNumberOf, noUserChosenPage, patientPickerPage, signInPage, type PatientChoice } from './pages';
import { needsPatientContext, splitScope } from './smart-scopes';
import { userById } from './users';

/** `GET` of the interaction (`base`): the sign-in page, then the patient picker, or straight back to the app. */
export async function showStandaloneStep(context: AuthContext, page: InteractionPage): Promise<void> {
  const { req, res, details, base } = page;
  if (details.prompt.name === 'login') {
    return sendHtml(res, 200, signInPage(base));
  }
  const user = interactionUser(details);
  if (details.prompt.name !== 'consent' || !user)
    return finishWithError(context, req, res, 'access_denied', 'the sign-in could not be completed');
  if (needsPatientContext(splitScope(details.params.scope))) {
    const patients = await pickablePatients(context, details);
    return sendHtml(res, 200, patientPickerPage({ action: `${base}/patient`, cancelAction: `${base}/cancel`, user, patients }));
  }
  const grantId = await createGrant(context, details, user, { needPatientBanner: true });
  return context.provider.interactionFinished(req, res, { consent: { grantId } });
}

/** `POST base/login`: who is signing in. */
export async function submitLogin(context: AuthContext, page: InteractionPage, form: URLSearchParams): Promise<void> {
  const { req, res, details, base } = page;
  const user = userById(form.get('user'));
  if (!user) return sendHtml(res, 400, noUserChosenPage(base));
  await forgetEarlierSignIn(context, details);
  return context.provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.id, remember: false } },
    { mergeWithLastSubmission: false },
  );
}

/** `POST base/patient`: the patient picked. */
export async function submitPatient(context: AuthContext, page: InteractionPage, form: URLSearchParams): Promise<void> {
  const { req, res, details, base } = page;
  const user = interactionUser(details);
  if (!user) throw new errors.SessionNotFound('no signed-in user for this interaction');
  const choice = form.get('patient') ?? '';
  const slash = choice.indexOf('/');
  const source = choice.slice(0, slash);
  const id = choice.slice(slash + 1);
  const patients = await pickablePatients(context, details);
  // Only a patient the picker offered: the form's value is the browser's to change.
  const offered = slash > 0 ? patients.find((p) => p.source === source && p.patient.id === id) : undefined;
  const patient = offered ? await context.options.lookupPatient(offered.source, id) : undefined;
  if (!offered || !patient) {
    return sendHtml(
      res,
      400,
      patientPickerPage({
        action: `${base}/patient`,
        cancelAction: `${base}/cancel`,
        user,
        patients,
        error: 'Choose a patient from the list',
      }),
    );
  }
  const bound = { source: offered.source, id, nhsNumber: nhsNumberOf(patient) };
  const grantId = await createGrant(context, details, user, { patient: bound, needPatientBanner: true });
  context.audit({
    kind: 'launch',
    launch: 'standalone',
    at: new Date(context.now()).toISOString(),
    clientId: clientIdOf(details),
    userId: user.id,
    patient: bound,
  });
  return context.provider.interactionFinished(req, res, { consent: { grantId } });
}

/** A standalone launch picks among the patients of the FHIR server it will read (its `aud`): ids are per server. */
async function pickablePatients(context: AuthContext, details: Interaction): Promise<PatientChoice[]> {
  const base = context.fhirBases.requested(details.params);
  const patients = await context.options.listPatients();
  return patients.filter((p) => context.options.fhirBaseUrls[p.source] === base);
}

function interactionUser(details: Interaction): SandboxUser | undefined {
  return userById(details.session?.accountId ?? details.lastSubmission?.login?.accountId);
}
