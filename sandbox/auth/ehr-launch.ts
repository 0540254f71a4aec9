// The EHR launch: a host system has signed its user in, chosen the patient and
// registered a launch (launches.ts); the app's authorization request names it
// in `launch`, and completes without a page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Interaction } from 'oidc-provider';
import type { AuthContext } from './context';
import { clientIdOf, finishSignedInLaunch, finishWithError } from './launch-context';
import { nhsNumberOf } from './pages';
import { userById } from './users';

export async function completeEhrLaunch(
  context: AuthContext,
  req: IncomingMessage,
  res: ServerResponse,
  details: Interaction,
  launchId: string,
): Promise<void> {
  const launch = details.prompt.name === 'login' ? context.launches.take(launchId) : undefined;
  if (!launch) return finishWithError(context, req, res, 'invalid_request', 'launch is unknown, expired or already used');
  const user = userById(launch.userId);
  const patient = await context.options.lookupPatient(launch.source, launch.patientId);
  if (!user || !patient)
    return finishWithError(context, req, res, 'invalid_request', 'the launch names a user or patient that the sandbox does not hold');
  const bound = { source: launch.source, id: patient.id ?? launch.patientId, nhsNumber: nhsNumberOf(patient) };
  return finishSignedInLaunch(context, req, res, details, {
    user,
    binding: {
      patient: bound,
      needPatientBanner: launch.needPatientBanner,
      smartStyleUrl: launch.smartStyleUrl,
      intent: launch.intent,
    },
    record: {
      kind: 'launch',
      launch: 'ehr',
      at: new Date(context.now()).toISOString(),
      clientId: clientIdOf(details),
      userId: user.id,
      patient: bound,
      intent: launch.intent,
    },
  });
}
