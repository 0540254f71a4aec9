// index.html: the redirect URI. fhirclient completes the sign-in (checks
// `state`, keeps tokens in sessionStorage); when the server binds tokens to a
// key (DPoP) the code is exchanged here first, with a proof (token-binding.ts).
// The page then builds the LaunchContext, clears the URL and shows <care-record>. A reload reuses the stored session. A signed-link
// launch finishes in its own module (loaded only then: it brings oidc-client-ts).
//
// The page's own code is only the sign-in (fhirclient is the chunk the launch
// page has just loaded, so it comes from the cache). The code exchange's
// request leaves first, and only the small fetching layer is asked for beside
// it: the record's load begins the moment the token is here. The record's own
// code (in the cache since the launch page) is asked for then, compiles while
// the first FHIR requests are out, and shows once they have left;
// <care-record> takes the begun load over.

import FHIR from 'fhirclient';
import { buildSmartLaunchContext, parseLaunchMode, storedLinkMode } from '../src/launch-context/launch-context';
import { LaunchFailure, launchErrorFromRedirect, mapLaunchError } from '../src/launch-context/launch-errors';
import { showLaunchError } from './error-page';
import { refreshWithClientId } from './fhirclient-settings';
import { boundKey, currentAccessToken, exchangeCodeWithProof, proofMakerOf } from './token-binding';
import { LAUNCH_MODE_KEY, clearRedirectParams, launchConfig } from './page';
import { loadSummaryCode } from '../components/care-record/summary-code';
import './page.css';

/**
 * The longest the record waits for every source's request for the alerts to
 * leave (at a source found by NHS number, after its Patient search has been
 * answered): never held up for long by a slow source.
 */
const SENDING_WAIT_CAP_MS = 1000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let recordPage: Promise<typeof import('./record-page')> | undefined;
let fetchingCode: Promise<typeof import('../src/sources/started-load') | undefined> | undefined;

/** The fetching layer (small, and the first needed): asked for as the code exchange leaves. */
function loadFetchingCode(): Promise<typeof import('../src/sources/started-load') | undefined> {
  fetchingCode ??= import('../src/sources/started-load').catch(() => undefined);
  return fetchingCode;
}

/**
 * The record's code and the summary's (once), asked for when the token is
 * here: compiled during the exchange, they took the CPU the exchange and the
 * authorisation server needed; after it, they compile while the first FHIR
 * requests are out.
 */
function loadRecordCode(): Promise<typeof import('./record-page')> {
  if (!recordPage) {
    recordPage = import('./record-page');
    // A failure to fetch it is reported when it is awaited, not as an unhandled rejection now.
    recordPage.catch(() => undefined);
    // <care-record> asks for it again, and says so there if it failed.
    loadSummaryCode().catch(() => undefined);
  }
  return recordPage;
}

async function openRecord(): Promise<void> {
  const linkMode = storedLinkMode(sessionStorage.getItem(LAUNCH_MODE_KEY));
  if (linkMode) {
    const { openLinkRecord } = await import('./link-record');
    return openLinkRecord(linkMode);
  }
  const redirectError = launchErrorFromRedirect(location.search);
  if (redirectError) throw new LaunchFailure(redirectError);
  refreshWithClientId();
  // The configuration the launch page read (sessionStorage), fetched only when there is none.
  // The exchange does not wait for it; a configuration error is still the one reported.
  const configLoad = launchConfig();
  configLoad.catch(() => undefined);
  const key = await boundKey();
  // fhirclient exchanges an unbound code itself, inside ready(): the fetching code is asked for at once then.
  if (!key) void loadFetchingCode();
  const exchanged = key ? exchangeCodeWithProof(key, location.search, () => void loadFetchingCode()) : Promise.resolve();
  const ready = exchanged.then(() => FHIR.oauth2.ready());
  ready.catch(() => undefined);
  const config = await configLoad;
  const client = await ready;
  clearRedirectParams();
  const context = buildSmartLaunchContext({
    mode: parseLaunchMode(sessionStorage.getItem(LAUNCH_MODE_KEY)),
    state: client.state,
    getAccessToken: () => currentAccessToken(client, key),
    ...(key ? { proveToken: proofMakerOf(key) } : {}),
    config,
  });
  // Unavailable, the record's element loads it instead (and says what failed).
  const fetching = await loadFetchingCode();
  const begun = fetching?.beginRecordLoad(context, config.sources);
  const recordCode = loadRecordCode();
  // Showing the record holds the main thread; the requests' proofs are signed,
  // and each source's Patient search answered, in turns of the event loop, so
  // the record waits until the alerts' requests have left.
  if (begun) await Promise.race([begun.load.alertsAsked, delay(SENDING_WAIT_CAP_MS)]);
  const { showRecord } = await recordCode.catch((error: unknown) => {
    // No record will show: the load begun for it stops, and nothing fetched is kept.
    fetching?.takeBegunLoad(context, config.sources)?.abort();
    throw error;
  });
  showRecord(context, config);
}

const hadStateParam = new URLSearchParams(location.search).has('state');
openRecord().catch((error: unknown) => {
  clearRedirectParams();
  showLaunchError(mapLaunchError(error, { phase: 'ready', hadStateParam }));
});
