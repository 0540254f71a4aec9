// Host-system simulators: a GP system (EMIS Web classic), a hospital system
// (Oracle Health Millennium), a mental health system (RiO) and a paramedic
// tablet. Each signs its user in to the identity provider first (the smartcard),
// lists the sandbox patients and, given ?patient=, opens that patient and the
// viewer inside itself, as the real host would: with a signed context link
// (GP, mental health, paramedic), or a SMART EHR launch (hospital, or any host
// with &launch=smart). &demo=<refusal> makes a broken link, to show each refusal.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Patient } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM, SOURCES, fhirBaseUrl, type SandboxUser, type SourceName } from '../config';
import type { LaunchRequest } from '../auth/grant';
import { userDisplayName } from '../auth/pages';
import { requiredUser } from '../auth/users';
import { displayDate, escapeHtml, page } from '../html';
import { groupNhsNumber } from '../../src/format/nhs-number';
import { hostJwks, type HostKeyName } from './keys';
import { LINK_DEMOS, LINK_DEMO_LABELS, isLinkDemo, signContextLink, type LinkDemo } from './links';

export interface HostDependencies {
  sandboxOrigin: string;
  viewerOrigin: string;
  listPatients(): Promise<Array<{ source: SourceName; patient: Patient }>>;
  createLaunch(request: LaunchRequest): string;
  /** Records a link's jti as used at the authorisation server (the "replayed" demonstration). */
  markLinkUsed(issuer: string, jti: string, exp: number): void;
}

type LaunchMode = 'link' | 'smart';

interface HostProfile {
  path: Exclude<HostKeyName, 'unknown'>;
  /** What the simulated product is. */
  product: string;
  organisation: string;
  /** Where the host looks a patient up first: its own system's records. */
  homeSource?: SourceName;
  userId: string;
  /** Whether the host shows its own patient banner (then the viewer hides its own). */
  showsOwnBanner: boolean;
  /** The host's look, also offered to the viewer as its SMART style. */
  colours: { bar: string; barText: string; background: string; highlight: string };
  font: string;
  /** Width of the frame the viewer opens in (the paramedic's tablet). */
  frameWidth?: number;
  /** How the host opens the viewer unless `&launch=` says otherwise. */
  launch: LaunchMode;
  /** The link's `intent` (the paramedic's "first minutes" view). */
  intent?: string;
}

export const HOST_PROFILES: readonly HostProfile[] = [
  {
    path: 'gp',
    product: 'GP clinical system (simulating EMIS Web)',
    organisation: 'Riverside Medical Practice',
    homeSource: 'gp',
    userId: 'sarah.ahmed',
    showsOwnBanner: true,
    launch: 'link',
    colours: { bar: '#00594f', barText: '#ffffff', background: '#f3f7f6', highlight: '#00594f' },
    font: 'Arial, sans-serif',
  },
  {
    path: 'hospital',
    product: 'Hospital patient administration system (simulating Oracle Health Millennium)',
    organisation: 'Weald General Hospital NHS Trust',
    homeSource: 'acute',
    userId: 'kwame.osei',
    showsOwnBanner: true,
    launch: 'smart',
    colours: { bar: '#1d3c6e', barText: '#ffffff', background: '#f2f4f8', highlight: '#1d3c6e' },
    font: '"Segoe UI", Arial, sans-serif',
  },
  {
    path: 'mental-health',
    product: 'Mental health electronic patient record (simulating RiO)',
    organisation: 'North Downs Mental Health NHS Trust',
    homeSource: 'mental-health',
    userId: 'alan.fraser',
    showsOwnBanner: true,
    launch: 'link',
    colours: { bar: '#4a2a6b', barText: '#ffffff', background: '#f5f2f8', highlight: '#4a2a6b' },
    font: 'Tahoma, Arial, sans-serif',
  },
  {
    path: 'paramedic',
    product: 'Ambulance electronic patient record tablet',
    organisation: 'Coastal Ambulance Service NHS Trust',
    userId: 'tom.jones',
    showsOwnBanner: false,
    frameWidth: 768,
    launch: 'link',
    intent: 'emergency',
    colours: { bar: '#7a1f1f', barText: '#ffffff', background: '#f6f2f2', highlight: '#7a1f1f' },
    font: 'Verdana, sans-serif',
  },
];

export interface PatientEntry {
  source: SourceName;
  patient: Patient;
}

export type Resolution = { kind: 'found'; entry: PatientEntry } | { kind: 'not-found' } | { kind: 'ambiguous'; sources: SourceName[] };

export function nhsNumberOf(patient: Patient): string | undefined {
  return patient.identifier?.find((i) => i.system === NHS_NUMBER_SYSTEM)?.value;
}

/**
 * Finds the patient a host was asked to open, by NHS number, local identifier
 * value or FHIR id. An NHS number names one person, so the host's own source
 * wins; an id or local number held by several sources needs `source`.
 */
export function resolvePatient(
  patients: readonly PatientEntry[],
  query: string,
  options: { source?: string; homeSource?: SourceName },
): Resolution {
  const wanted = query.trim();
  const digits = wanted.replace(/[\s-]/g, '');
  const inScope = options.source ? patients.filter((p) => p.source === options.source) : patients;

  const byNhsNumber = /^\d{10}$/.test(digits) ? inScope.filter((p) => nhsNumberOf(p.patient) === digits) : [];
  if (byNhsNumber.length > 0) {
    const home = byNhsNumber.find((p) => p.source === options.homeSource);
    const inSourceOrder = SOURCES.map((s) => byNhsNumber.find((p) => p.source === s.name)).find(Boolean);
    return { kind: 'found', entry: (home ?? inSourceOrder)! };
  }

  const byIdOrLocal = inScope.filter(
    (p) => p.patient.id === wanted || (p.patient.identifier ?? []).some((i) => i.system !== NHS_NUMBER_SYSTEM && i.value === wanted),
  );
  if (byIdOrLocal.length === 1) return { kind: 'found', entry: byIdOrLocal[0]! };
  if (byIdOrLocal.length > 1) return { kind: 'ambiguous', sources: [...new Set(byIdOrLocal.map((p) => p.source))] };
  return { kind: 'not-found' };
}

export function displayName(patient: Patient): string {
  const name = patient.name?.[0];
  if (!name) return 'Name not known';
  const family = (name.family ?? '').toUpperCase();
  const given = (name.given ?? []).join(' ');
  const prefix = name.prefix?.length ? ` (${name.prefix.join(' ')})` : '';
  return `${family}, ${given}${prefix}`;
}

/** The SMART style document a host offers the viewer (SMART App Launch `smart_style_url`). */
export function smartStyle(profile: HostProfile): Record<string, string | boolean> {
  return {
    color_background: profile.colours.background,
    color_error: '#d5281b',
    color_highlight: profile.colours.highlight,
    color_modal_backdrop: '',
    color_success: '#007f3b',
    color_text: '#212b32',
    dim_border_radius: '4px',
    dim_font_size: '16px',
    dim_spacing_size: '16px',
    font_family_body: profile.font,
    font_family_heading: profile.font,
  };
}

/** The host's own sign-in: set once its user's smartcard is in (at the identity provider too). */
const CARD_COOKIE = 'sandbox_card';

export function createHostsHandler(deps: HostDependencies) {
  return async function handleHosts(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const [, , hostPath, extra] = url.pathname.split('/'); // '', 'hosts', 'gp', 'smart-style.json'
    if (!hostPath) return send(res, 200, hostsIndex());
    const profile = HOST_PROFILES.find((p) => p.path === hostPath);
    if (!profile)
      return send(
        res,
        404,
        page(
          'Not found',
          `<main><h1>No host simulator called “${escapeHtml(hostPath)}”</h1><p><a href="/hosts/">All host simulators</a></p></main>`,
        ),
      );
    const user = requiredUser(profile.userId);
    if (extra === 'smart-style.json') return sendPublicJson(res, smartStyle(profile));
    if (extra === 'jwks.json') return sendPublicJson(res, hostJwks(profile.path));
    if (extra === 'card-inserted') return cardInserted(res, profile, url);
    if (extra === 'card-status') return send(res, 200, cardStatus(profile, user, hasCard(req, profile)));
    if (extra === 'remove-card' && req.method === 'POST') return removeCard(res, profile);
    if (extra) return send(res, 404, page('Not found', '<main><h1>Page not found</h1></main>'));

    // The host signs its user in first, as a clinician starts the day by inserting their smartcard.
    if (!hasCard(req, profile)) return insertCard(res, profile, `${url.pathname}${url.search}`);

    const patients = await deps.listPatients();
    const query = url.searchParams.get('patient');
    if (!query) return send(res, 200, patientList(profile, patients));

    const demo = url.searchParams.get('demo');
    if (demo !== null && !isLinkDemo(demo))
      return send(res, 400, notOpened(profile, `There is no demonstration called “${escapeHtml(demo)}”; try ${LINK_DEMOS.join(', ')}.`));
    const requested = url.searchParams.get('launch');
    if (requested !== null && requested !== 'link' && requested !== 'smart')
      return send(res, 400, notOpened(profile, '&amp;launch= takes link or smart.'));

    const resolution = resolvePatient(patients, query, {
      source: url.searchParams.get('source') ?? undefined,
      homeSource: profile.homeSource,
    });
    if (resolution.kind !== 'found')
      return send(res, resolution.kind === 'ambiguous' ? 409 : 404, notOpened(profile, notFoundMessage(query, resolution)));

    const { entry } = resolution;
    const nhsNumber = nhsNumberOf(entry.patient);
    const birthDate = entry.patient.birthDate;
    // A link names the patient by NHS number and date of birth; without them the host can only launch SMART.
    const canLink = nhsNumber !== undefined && birthDate !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(birthDate);
    const mode: LaunchMode = demo ? 'link' : (requested ?? profile.launch) === 'link' && canLink ? 'link' : 'smart';
    if (mode === 'link' && !canLink)
      return send(
        res,
        400,
        notOpened(profile, "A signed link needs the patient's NHS number and full date of birth, which this patient does not have."),
      );

    let viewerUrl: string;
    if (mode === 'link') {
      const link = await signContextLink({
        host: profile.path,
        sandboxOrigin: deps.sandboxOrigin,
        audience: new URL(deps.viewerOrigin).origin,
        userId: user.id,
        org: user.odsCode,
        patient: { nhsNumber: nhsNumber!, birthDate: birthDate! },
        ...(profile.intent ? { intent: profile.intent } : {}),
        ...(demo ? { demo } : {}),
      });
      // As if the link had been opened once already: the authorisation server's own replay check refuses it.
      if (demo === 'replayed') deps.markLinkUsed(link.iss, link.jti, link.exp);
      viewerUrl = `${new URL('/link.html', deps.viewerOrigin).href}#link=${link.jws}`;
    } else {
      const launch = deps.createLaunch({
        source: entry.source,
        patientId: entry.patient.id!,
        userId: profile.userId,
        needPatientBanner: !profile.showsOwnBanner,
        smartStyleUrl: `${deps.sandboxOrigin}/hosts/${profile.path}/smart-style.json`,
        ...(profile.intent ? { intent: profile.intent } : {}),
      });
      const launchUrl = new URL('/launch.html', deps.viewerOrigin);
      launchUrl.searchParams.set('iss', fhirBaseUrl(deps.sandboxOrigin, entry.source));
      launchUrl.searchParams.set('launch', launch);
      viewerUrl = launchUrl.href;
    }
    const source = url.searchParams.get('source');
    send(
      res,
      200,
      patientOpen(profile, entry, viewerUrl, { mode, ...(demo ? { demo } : {}), canLink, query, ...(source ? { source } : {}) }),
    );
  };
}

function hasCard(req: IncomingMessage, profile: HostProfile): boolean {
  const cookies = (req.headers.cookie ?? '').split(';').map((c) => c.trim());
  return cookies.includes(`${CARD_COOKIE}=${encodeURIComponent(profile.userId)}`);
}

/** To the identity provider's card reader, and back through /card-inserted, which signs the host in. */
function insertCard(res: ServerResponse, profile: HostProfile, next: string): void {
  const back = `/hosts/${profile.path}/card-inserted?next=${encodeURIComponent(next)}`;
  const location = `/idp/smartcard?user=${encodeURIComponent(profile.userId)}&return=${encodeURIComponent(back)}`;
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' }).end();
}

function cardInserted(res: ServerResponse, profile: HostProfile, url: URL): void {
  const home = `/hosts/${profile.path}`;
  const next = url.searchParams.get('next') ?? home;
  // Only back into this host: `next` comes from the address bar, so it is resolved against this
  // server as the browser would resolve it, and must still be this host's page.
  const resolved = URL.canParse(next, url.origin) ? new URL(next, url.origin) : undefined;
  const target = resolved && resolved.origin === url.origin && resolved.pathname === home ? `${home}${resolved.search}` : home;
  res
    .writeHead(303, {
      Location: target,
      'Set-Cookie': `${CARD_COOKIE}=${encodeURIComponent(profile.userId)}; Path=${home}; HttpOnly; SameSite=Lax`,
      'Cache-Control': 'no-store',
    })
    .end();
}

/** Pulling the card: the host signs out, and so does the identity provider (the viewer then locks). */
function removeCard(res: ServerResponse, profile: HostProfile): void {
  const status = `/hosts/${profile.path}/card-status`;
  res
    .writeHead(303, {
      Location: `/idp/smartcard/remove?return=${encodeURIComponent(status)}`,
      'Set-Cookie': `${CARD_COOKIE}=; Path=/hosts/${profile.path}; HttpOnly; SameSite=Lax; Max-Age=0`,
      'Cache-Control': 'no-store',
    })
    .end();
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

function sendPublicJson(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
  res.end(JSON.stringify(body));
}

function hostStyles(profile: HostProfile): string {
  return `
  body { font-family: ${profile.font}; background: ${profile.colours.background}; }
  .host-bar { background: ${profile.colours.bar}; color: ${profile.colours.barText}; padding: .5rem 1.5rem; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; align-items: center; }
  .host-bar strong { font-size: 1.1rem; }
  .host-bar a { color: ${profile.colours.barText}; }
  .card { display: flex; gap: .5rem; align-items: center; margin-left: auto; }
  .card form { margin: 0; }
  .card button { font: inherit; min-height: 32px; padding: .25rem .75rem; border: 2px solid ${profile.colours.barText}; border-radius: 4px; background: transparent; color: ${profile.colours.barText}; cursor: pointer; }
  .card-reader { border: 0; width: 16rem; height: 2.25rem; background: #fff; }
  .host-banner { background: #fff; border-bottom: 2px solid ${profile.colours.bar}; padding: .5rem 1.5rem; display: flex; flex-wrap: wrap; gap: .25rem 2rem; }
  .host-banner .label { font-size: .85rem; color: #4c6272; margin-right: .35rem; }
  .host-banner .name { font-weight: bold; font-size: 1.15rem; }
  .demo { padding: .25rem 1.5rem; font-size: .9rem; }
  .demo summary { cursor: pointer; min-height: 24px; }
  .demo ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: .25rem 0; }
  .demo a { display: inline-block; min-height: 24px; }
  .viewer-frame { display: block; border: 0; width: 100%; height: calc(100vh - 9rem); background: #fff; }
  .tablet { margin: 1rem auto; width: ${profile.frameWidth ?? 768}px; max-width: 100%; border: 12px solid #333; border-radius: 18px; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }`;
}

function hostBar(profile: HostProfile): string {
  const user = requiredUser(profile.userId);
  return `<header class="host-bar"><strong>${escapeHtml(profile.organisation)}</strong>
    <span>${escapeHtml(profile.product)}</span>
    <span>Signed in: ${escapeHtml(userDisplayName(user))}</span>
    <a href="/hosts/${profile.path}">Patient list</a>
    <div class="card">
      <iframe class="card-reader" name="card-reader-${profile.path}" title="Smartcard reader" src="/hosts/${profile.path}/card-status"></iframe>
      <form method="post" action="/hosts/${profile.path}/remove-card" target="card-reader-${profile.path}"><button type="submit">Remove smartcard</button></form>
    </div></header>`;
}

/** The card reader's display, inside the host bar (a frame, so that pulling the card leaves the viewer open to lock itself). */
function cardStatus(profile: HostProfile, user: SandboxUser, inserted: boolean): string {
  const body = inserted
    ? `<p>Smartcard in: ${escapeHtml(userDisplayName(user))}</p>`
    : `<p role="status">Smartcard removed. <a href="/hosts/${profile.path}" target="_top">Insert smartcard</a></p>`;
  return page('Smartcard reader', body, { styles: 'body { background: #fff; } p { margin: .4rem .5rem; font-size: .85rem; }' });
}

/** A patient each host holds, for its demonstration links. */
const DEMO_PATIENT: Record<HostProfile['path'], string> = {
  gp: '9990000018',
  hospital: '9990000018',
  'mental-health': '9990000034',
  paramedic: '9990000018',
};

function hostsIndex(): string {
  const rows = HOST_PROFILES.map((p) => {
    const demos = LINK_DEMOS.map(
      (d) => `<li><a href="/hosts/${p.path}?patient=${DEMO_PATIENT[p.path]}&amp;demo=${d}">${escapeHtml(LINK_DEMO_LABELS[d])}</a></li>`,
    ).join('');
    return `<li><a href="/hosts/${p.path}">${escapeHtml(p.organisation)}</a>: ${escapeHtml(p.product)};
      opens the viewer with ${p.launch === 'link' ? 'a signed context link' : 'a SMART EHR launch'}${p.intent ? ` (intent ${escapeHtml(p.intent)})` : ''}.
      Link signing keys: <a href="/hosts/${p.path}/jwks.json">JWKS</a>.
      <details><summary>Refused links from this system</summary><ul>${demos}</ul></details></li>`;
  }).join('');
  return page(
    'Host system simulators',
    `<main><h1>Host system simulators</h1>
    <p>Each simulator plays a clinical system that opens the shared care record viewer for the patient on its screen.
      Each signs its user in with a smartcard first (the sandbox identity provider); “Remove smartcard” ends that session.</p>
    <ul>${rows}
      <li><a href="/hosts/community">Downs Community Health NHS Trust</a>: community nursing web app;
        places <code>&lt;care-record&gt;</code> in its own page (no iframe) after its own SMART sign-in, themed with CSS custom properties and <code>::part</code>.</li></ul>
    <p>Add <code>?patient=&lt;NHS number, local number or FHIR id&gt;</code> (and <code>&amp;source=</code> when an id is ambiguous),
      <code>&amp;launch=smart</code> or <code>&amp;launch=link</code> to choose how the viewer opens, and <code>&amp;demo=&lt;refusal&gt;</code> for a broken link.</p></main>`,
  );
}

function patientList(profile: HostProfile, patients: readonly PatientEntry[]): string {
  // The host's own patients; a host with no source of its own (the ambulance) sees one row per person.
  const listed = profile.homeSource ? patients.filter((p) => p.source === profile.homeSource) : uniqueByPerson(patients);
  const rows = listed
    .map(({ source, patient }) => {
      const nhs = nhsNumberOf(patient);
      const local = patient.identifier?.find((i) => i.system !== NHS_NUMBER_SYSTEM)?.value;
      const key = nhs ?? local ?? patient.id!;
      const href = `/hosts/${profile.path}?patient=${encodeURIComponent(key)}${nhs ? '' : `&source=${source}`}`;
      return `<tr><td><a href="${escapeHtml(href)}">${escapeHtml(displayName(patient))}</a></td>
      <td>${escapeHtml(displayDate(patient.birthDate))}</td>
      <td>${escapeHtml(nhs ? groupNhsNumber(nhs) : 'None')}</td>
      <td>${escapeHtml(local ?? '')}</td></tr>`;
    })
    .join('');
  return page(
    `${profile.organisation}: patients`,
    `${hostBar(profile)}<main>
    <h1>Patients</h1>
    <table><caption class="visually-hidden">Patients held by this system</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">Born</th><th scope="col">NHS number</th><th scope="col">Local number</th></tr></thead>
    <tbody>${rows}</tbody></table></main>`,
    { styles: hostStyles(profile) },
  );
}

function uniqueByPerson(patients: readonly PatientEntry[]): PatientEntry[] {
  const seen = new Set<string>();
  return patients.filter((p) => {
    const key = nhsNumberOf(p.patient) ?? `${p.source}/${p.patient.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function notFoundMessage(query: string, resolution: Exclude<Resolution, { kind: 'found' }>): string {
  return resolution.kind === 'ambiguous'
    ? `More than one system holds a patient with the identifier “${escapeHtml(query)}” (${resolution.sources.map(escapeHtml).join(', ')}). Add &amp;source=&lt;name&gt; to choose one.`
    : `No patient matches “${escapeHtml(query)}”.`;
}

/** `message` is HTML, already escaped. */
function notOpened(profile: HostProfile, message: string): string {
  return page(
    'Patient not opened',
    `${hostBar(profile)}<main><h1>Patient not opened</h1><p>${message}</p>
    <p><a href="/hosts/${profile.path}">Back to the patient list</a></p></main>`,
    { styles: hostStyles(profile) },
  );
}

interface OpenedWith {
  mode: LaunchMode;
  demo?: LinkDemo;
  canLink: boolean;
  query: string;
  source?: string;
}

function patientOpen(profile: HostProfile, entry: PatientEntry, viewerUrl: string, opened: OpenedWith): string {
  const { patient } = entry;
  const nhs = nhsNumberOf(patient);
  const banner = profile.showsOwnBanner
    ? `<section class="host-banner" aria-label="Patient (host system)">
        <span class="name">${escapeHtml(displayName(patient))}</span>
        <span><span class="label">Born</span>${escapeHtml(displayDate(patient.birthDate))}</span>
        <span><span class="label">NHS number</span>${escapeHtml(nhs ? groupNhsNumber(nhs) : 'Not Known')}</span>
      </section>`
    : '';
  const here = `/hosts/${profile.path}?patient=${encodeURIComponent(opened.query)}${opened.source ? `&source=${encodeURIComponent(opened.source)}` : ''}`;
  const how = opened.demo
    ? `Opened with a deliberately broken link: ${escapeHtml(LINK_DEMO_LABELS[opened.demo])}.`
    : `Opened with ${opened.mode === 'link' ? 'a signed context link' : 'a SMART EHR launch'}.`;
  const demos = opened.canLink
    ? `<details><summary>${how} Show a refused link instead</summary><ul>
        ${LINK_DEMOS.map((d) => `<li><a href="${escapeHtml(`${here}&demo=${d}`)}">${escapeHtml(LINK_DEMO_LABELS[d])}</a></li>`).join('')}
        <li><a href="${escapeHtml(`${here}&launch=${opened.mode === 'link' ? 'smart' : 'link'}`)}">Open with ${opened.mode === 'link' ? 'a SMART EHR launch' : 'a signed link'} instead</a></li>
      </ul></details>`
    : `<p>${how} (No NHS number and date of birth, so no signed link.)</p>`;
  const frame = `<iframe class="viewer-frame" title="Shared care record" src="${escapeHtml(viewerUrl)}"></iframe>`;
  return page(
    `${displayName(patient)}: ${profile.organisation}`,
    `${hostBar(profile)}${banner}
    <nav class="demo" aria-label="Sandbox demonstrations">${demos}</nav>
    <main class="host-main" style="padding:0">${profile.frameWidth ? `<div class="tablet">${frame}</div>` : frame}</main>`,
    { styles: hostStyles(profile) },
  );
}
