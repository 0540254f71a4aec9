// A host that embeds the viewer as a component, not in an iframe: the web app
// of Downs Community Health NHS Trust's district nurses (signed in as Nurse Mei
// LEE). It is a SMART app of the shared record's trust domain in its own
// right: the server registers an EHR launch for the patient on screen, the
// page (community-app.js) signs in with PKCE and a DPoP key of its own,
// exchanges the code itself, imports the viewer's library from the viewer's
// origin and places <care-record> in its page with createLaunchContext, styled
// to match through CSS custom properties and ::part.
//
//   /hosts/community                      the caseload (patients the trust holds)
//   /hosts/community?patient=<NHS number> that patient, with the shared record below
//   /hosts/community/callback             where the SMART sign-in returns
//   /hosts/community/app.js, app.css      the page's script and style sheet
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { COMMUNITY_CLIENT_ID, SOURCES, fhirBaseUrl, type SourceName } from '../config';
import type { LaunchRequest } from '../auth/grant';
import { userDisplayName } from '../auth/pages';
import { requiredUser } from '../auth/users';
import { displayDate, escapeHtml } from '../html';
import { groupNhsNumber } from '../../src/format/nhs-number';
import { displayName, nhsNumberOf, resolvePatient, type PatientEntry } from './hosts';

export const COMMUNITY_USER_ID = 'mei.lee';
const HOME: SourceName = 'community';
const ORGANISATION = 'Downs Community Health NHS Trust';
/** A sign-in started here must come back within this long. */
const SIGN_IN_LIFETIME_MS = 10 * 60 * 1000;

export interface CommunityHostDependencies {
  sandboxOrigin: string;
  viewerOrigin: string;
  listPatients(): Promise<PatientEntry[]>;
  createLaunch(request: LaunchRequest): string;
}

/** What the page's script needs: where to sign in, and what to give the record. */
export interface CommunityPageConfig {
  stage: 'sign-in' | 'callback';
  /** The FHIR base the launch is for (SMART `iss` and `aud`). */
  iss: string;
  launch?: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  /** Chosen by the server, remembered with the patient, checked again by the page against its own record of the sign-in. */
  state: string;
  /** Where the page shows the patient once signed in (no code or state in it). */
  returnPath: string;
  /** The bundled library on the viewer's origin. */
  libraryUrl: string;
  sources: { name: string; organisation: string; odsCode: string; fhirBaseUrl: string; auth: 'launch-token' }[];
  auditEndpoint: string;
  breakGlassEndpoint: string;
  user: { name: string; organisation: string };
}

interface SignIn {
  entry: PatientEntry;
  query: string;
  expiresAt: number;
}

const APP_SCRIPT = readFileSync(join(import.meta.dirname, 'community-app.js'), 'utf8');
const APP_STYLES = readFileSync(join(import.meta.dirname, 'community-app.css'), 'utf8');

export function createCommunityHost(deps: CommunityHostDependencies) {
  const signIns = new Map<string, SignIn>();
  const user = requiredUser(COMMUNITY_USER_ID);
  const userName = userDisplayName(user);

  const pageConfig = (
    stage: CommunityPageConfig['stage'],
    entry: PatientEntry,
    state: string,
    query: string,
    launch?: string,
  ): CommunityPageConfig => ({
    stage,
    iss: fhirBaseUrl(deps.sandboxOrigin, entry.source),
    ...(launch ? { launch } : {}),
    clientId: COMMUNITY_CLIENT_ID,
    redirectUri: `${deps.sandboxOrigin}/hosts/community/callback`,
    scope: 'launch openid fhirUser patient/*.rs',
    state,
    returnPath: `/hosts/community?patient=${encodeURIComponent(query)}`,
    libraryUrl: new URL('/embed/care-record.js', deps.viewerOrigin).href,
    sources: SOURCES.map((s) => ({
      name: s.name,
      organisation: s.organisation,
      odsCode: s.odsCode,
      fhirBaseUrl: fhirBaseUrl(deps.sandboxOrigin, s.name),
      auth: 'launch-token' as const,
    })),
    auditEndpoint: `${deps.sandboxOrigin}/fhir/audit`,
    breakGlassEndpoint: `${deps.sandboxOrigin}/auth/break-glass`,
    user: { name: userName, organisation: user.odsCode },
  });

  const prune = () => {
    const now = Date.now();
    for (const [state, signIn] of signIns) if (signIn.expiresAt <= now) signIns.delete(state);
  };

  return async function handleCommunity(_req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const [, , , extra] = url.pathname.split('/'); // '', 'hosts', 'community', 'callback'
    if (extra === 'app.js') return sendAsset(res, 'text/javascript; charset=utf-8', APP_SCRIPT);
    if (extra === 'app.css') return sendAsset(res, 'text/css; charset=utf-8', APP_STYLES);
    const patients = await deps.listPatients();
    const caseload = patients.filter((p) => p.source === HOME);

    if (extra === 'callback') {
      prune();
      const state = url.searchParams.get('state') ?? '';
      const signIn = signIns.get(state);
      signIns.delete(state);
      if (!signIn || !url.searchParams.get('code')) {
        const why = url.searchParams.get('error_description') ?? url.searchParams.get('error');
        return sendPage(
          res,
          400,
          deps,
          notOpened(
            userName,
            caseload,
            why
              ? `The sign-in to the shared care record was refused: ${escapeHtml(why)}.`
              : 'This sign-in has expired or was already used. Open the patient again from the caseload.',
          ),
        );
      }
      return sendPage(
        res,
        200,
        deps,
        patientPage(userName, caseload, signIn.entry, pageConfig('callback', signIn.entry, state, signIn.query)),
      );
    }
    if (extra) return sendPage(res, 404, deps, notOpened(userName, caseload, 'There is no such page in the community nursing app.'));

    const query = url.searchParams.get('patient');
    if (!query) return sendPage(res, 200, deps, caseloadPage(userName, caseload));
    const resolution = resolvePatient(patients, query, {
      homeSource: HOME,
      ...(url.searchParams.get('source') ? { source: url.searchParams.get('source')! } : {}),
    });
    if (resolution.kind !== 'found')
      return sendPage(res, 404, deps, notOpened(userName, caseload, `No patient matches “${escapeHtml(query)}”.`));
    const { entry } = resolution;
    // The app's own session says who is signed in; the launch tells the authorisation server, as an EHR does.
    const launch = deps.createLaunch({
      source: entry.source,
      patientId: entry.patient.id!,
      userId: COMMUNITY_USER_ID,
      needPatientBanner: false,
    });
    prune();
    const state = randomBytes(24).toString('base64url');
    signIns.set(state, { entry, query, expiresAt: Date.now() + SIGN_IN_LIFETIME_MS });
    sendPage(res, 200, deps, patientPage(userName, caseload, entry, pageConfig('sign-in', entry, state, query, launch)));
  };
}

/**
 * The app's own policy: scripts from itself and from the viewer's origin (the
 * library), styles from itself (the element's own are adopted style sheets),
 * fetches to its own origin only (the sandbox's FHIR sources, authorisation
 * server and audit endpoint); documents shown from blob: URLs.
 */
export function communityPolicy(viewerOrigin: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${new URL(viewerOrigin).origin}`,
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "frame-src 'self' blob:",
    'object-src blob:',
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function sendPage(res: ServerResponse, status: number, deps: CommunityHostDependencies, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': communityPolicy(deps.viewerOrigin),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(html);
}

function sendAsset(res: ServerResponse, type: string, body: string): void {
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function shell(title: string, userName: string, caseload: readonly PatientEntry[], main: string, current?: PatientEntry): string {
  const items = caseload
    .map(({ patient }) => {
      const nhs = nhsNumberOf(patient);
      const key = nhs ?? patient.id!;
      const here = current !== undefined && current.patient.id === patient.id && current.source === HOME;
      return `<li><a href="/hosts/community?patient=${encodeURIComponent(key)}"${here ? ' aria-current="page"' : ''}>${escapeHtml(displayName(patient))}</a></li>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/hosts/community/app.css">
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="app-bar">
  <span class="app-name">${escapeHtml(ORGANISATION)}</span>
  <span class="app-product">Community nursing</span>
  <span class="app-user">Signed in: ${escapeHtml(userName)}</span>
</header>
<div class="layout">
  <nav class="caseload" aria-label="Caseload">
    <h2>Today's caseload</h2>
    <ul>${items}</ul>
    <p><a href="/hosts/">All host simulators</a></p>
  </nav>
  <main id="main" tabindex="-1">${main}</main>
</div>
<footer class="app-footer"><p>Community nursing app (sandbox host). <a href="/hosts/community">Back to the caseload</a></p></footer>
</body>
</html>`;
}

function caseloadPage(userName: string, caseload: readonly PatientEntry[]): string {
  return shell(
    `Caseload: ${ORGANISATION}`,
    userName,
    caseload,
    `<h1>Caseload</h1>
    <p>Choose a patient to see their visit notes and the shared care record.</p>`,
  );
}

function notOpened(userName: string, caseload: readonly PatientEntry[], message: string): string {
  return shell('Patient not opened', userName, caseload, `<h1>Patient not opened</h1><p>${message}</p>`);
}

function patientPage(userName: string, caseload: readonly PatientEntry[], entry: PatientEntry, config: CommunityPageConfig): string {
  const { patient } = entry;
  const nhs = nhsNumberOf(patient);
  // The config is JSON inside a non-executed script element: `<` is escaped so no text in it can end the element.
  const json = JSON.stringify(config).replaceAll('<', '\\u003c');
  const main = `
    <section class="patient-banner" aria-label="Patient">
      <h1>${escapeHtml(displayName(patient))}</h1>
      <dl>
        <div><dt>Born</dt><dd>${escapeHtml(displayDate(patient.birthDate))}</dd></div>
        <div><dt>NHS number</dt><dd>${escapeHtml(nhs ? groupNhsNumber(nhs) : 'Not Known')}</dd></div>
      </dl>
    </section>
    <section class="visit" aria-labelledby="visit-heading">
      <h2 id="visit-heading">Today's visit</h2>
      <p class="note">District nursing visit: wound care and medicines check.</p>
      <button type="button" class="app-button">Start visit notes</button>
    </section>
    <section class="shared" aria-labelledby="shared-heading">
      <h2 id="shared-heading">Shared care record</h2>
      <p id="record-status" class="record-status" role="status">Signing in to the shared care record…</p>
      <care-record need-patient-banner="false" url-state="none"></care-record>
    </section>
    <script type="application/json" id="community-config">${json}</script>
    <script type="module" src="/hosts/community/app.js"></script>`;
  return shell(`${displayName(patient)}: community nursing`, userName, caseload, main, entry);
}
