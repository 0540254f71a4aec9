// The community nursing app's page script (served at /hosts/community/app.js).
// It is a SMART app of its own: it signs in for the patient on screen (an EHR
// launch from its own server: PKCE S256, its own unguessable state, a DPoP key
// made here and never extractable), exchanges the code itself, then imports
// the shared care record viewer's library from the viewer's origin and gives
// <care-record> the session with createLaunchContext. No iframe.
//
// The key lives in IndexedDB only across the redirect to the authorisation
// server and back (a CryptoKey stays non-extractable there); the token lives in
// this page's memory only. A reload signs in again.

const config = JSON.parse(document.getElementById('community-config').textContent);
const status = document.getElementById('record-status');
const record = document.querySelector('care-record');
const SIGN_IN_KEY = `community-sign-in:${config.state}`;
const DB = 'community-nursing-app';
const STORE = 'sign-in-keys';

/** @param {string} text */
function say(text, failed = false) {
  status.textContent = text;
  status.classList.toggle('failed', failed);
}

/** @param {Uint8Array} bytes */
function base64url(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @param {IDBTransactionMode} mode @param {(store: IDBObjectStore) => IDBRequest} act */
function withStore(mode, act) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const transaction = db.transaction(STORE, mode);
      const request = act(transaction.objectStore(STORE));
      transaction.oncomplete = () => {
        db.close();
        resolve(request.result);
      };
      transaction.onerror = () => {
        db.close();
        reject(transaction.error);
      };
    };
  });
}

async function smartConfiguration() {
  const response = await fetch(`${config.iss}/.well-known/smart-configuration`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`The FHIR server's SMART configuration could not be read (${response.status}).`);
  return response.json();
}

/** Step 1: to the authorisation server, with the launch, PKCE and the key's thumbprint. */
async function signIn(lib) {
  const keys = await lib.createDpopKeys();
  await withStore('readwrite', (store) => store.put(keys, config.state));
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(SIGN_IN_KEY, JSON.stringify({ verifier }));
  const smart = await smartConfiguration();
  const authorize = new URL(smart.authorization_endpoint);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: config.scope,
    state: config.state,
    aud: config.iss,
    launch: config.launch,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    dpop_jkt: await lib.jwkThumbprint((await lib.dpopKeyOf(keys)).jwk),
  }).toString();
  location.assign(authorize.href);
}

/** Step 2: back with a code; exchanged here with a proof, then the record is shown. */
async function finishSignIn(lib) {
  const started = sessionStorage.getItem(SIGN_IN_KEY);
  sessionStorage.removeItem(SIGN_IN_KEY);
  const params = new URLSearchParams(location.search);
  // The code and state leave the address bar at once.
  history.replaceState(null, '', config.returnPath);
  if (!started || params.get('state') !== config.state)
    throw new Error('This sign-in was not started from this page. Open the patient again.');
  const keys = await withStore('readonly', (store) => store.get(config.state));
  await withStore('readwrite', (store) => store.delete(config.state));
  if (!keys) throw new Error('The sign-in key was not found. Open the patient again.');
  const key = await lib.dpopKeyOf(keys);
  const smart = await smartConfiguration();
  const tokenEndpoint = smart.token_endpoint;

  const exchange = async (form) => {
    const response = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        DPoP: await lib.dpopProof(key, 'POST', tokenEndpoint),
      },
      body: new URLSearchParams(form),
      credentials: 'omit',
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok || typeof answer.access_token !== 'string')
      throw new Error(
        `The shared care record refused the sign-in (${[answer.error ?? response.status, answer.error_description].filter(Boolean).join(': ')}).`,
      );
    return { ...answer, expiresAt: Date.now() + (typeof answer.expires_in === 'number' ? answer.expires_in : 300) * 1000 };
  };

  let token = await exchange({
    grant_type: 'authorization_code',
    code: params.get('code') ?? '',
    redirect_uri: config.redirectUri,
    client_id: config.clientId,
    code_verifier: JSON.parse(started).verifier,
  });
  const launchToken = token;
  // Refreshed (with a proof) when it is about to expire; one refresh at a time.
  let refreshing;
  const getAccessToken = async () => {
    if (token.expiresAt - Date.now() > 10_000 || !token.refresh_token) return token.access_token;
    refreshing ??= exchange({ grant_type: 'refresh_token', refresh_token: token.refresh_token, client_id: config.clientId })
      .then((fresh) => {
        token = fresh;
      })
      .finally(() => {
        refreshing = undefined;
      });
    await refreshing;
    return token.access_token;
  };

  record.addEventListener('record-complete', () => say('Shared care record: every source has answered.'));
  record.addEventListener('source-status-change', (event) => {
    if (event.detail.state === 'problem') say(`Shared care record: ${event.detail.organisation} could not be used.`);
  });
  record.launchContext = lib.createLaunchContext({
    fhirBaseUrl: config.iss,
    patientId: launchToken.patient,
    ...(launchToken.patient_nhs_number ? { nhsNumber: launchToken.patient_nhs_number } : {}),
    getAccessToken,
    dpopKey: keys,
    user: {
      name: config.user.name,
      organisation: config.user.organisation,
      ...(launchToken.fhirUser ? { fhirUser: launchToken.fhirUser } : {}),
      ...(launchToken.role ? { role: launchToken.role } : {}),
    },
    sources: config.sources,
    auditEndpoint: config.auditEndpoint,
    breakGlassEndpoint: config.breakGlassEndpoint,
    needPatientBanner: false,
  });
  say('Shared care record: loading from every source…');
}

async function main() {
  // The library defines <care-record> as it loads.
  const lib = await import(config.libraryUrl);
  if (config.stage === 'sign-in') await signIn(lib);
  else await finishSignIn(lib);
}

main().catch((error) => {
  say(error instanceof Error ? error.message : 'The shared care record could not be opened.', true);
});
