// Host-system simulators: a GP system, a hospital system and a paramedic
// tablet. Each lists the sandbox patients and, given ?patient=, opens that
// patient and launches the viewer inside itself, as the real host would.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Patient } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM, SOURCES, USERS, fhirBaseUrl, type SourceName } from '../config';
import type { LaunchRequest } from '../auth/grant';
import { displayDate, escapeHtml, page, spacedNhsNumber } from '../html';

export interface HostDependencies {
  sandboxOrigin: string;
  viewerOrigin: string;
  listPatients(): Promise<Array<{ source: SourceName; patient: Patient }>>;
  createLaunch(request: LaunchRequest): string;
}

interface HostProfile {
  path: string;
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
}

export const HOST_PROFILES: readonly HostProfile[] = [
  {
    path: 'gp', product: 'GP clinical system (simulating EMIS Web)', organisation: 'Riverside Medical Practice',
    homeSource: 'gp', userId: 'sarah.ahmed', showsOwnBanner: true,
    colours: { bar: '#00594f', barText: '#ffffff', background: '#f3f7f6', highlight: '#00594f' }, font: 'Arial, sans-serif',
  },
  {
    path: 'hospital', product: 'Hospital patient administration system (simulating Oracle Health Millennium)', organisation: 'Weald General Hospital NHS Trust',
    homeSource: 'acute', userId: 'kwame.osei', showsOwnBanner: true,
    colours: { bar: '#1d3c6e', barText: '#ffffff', background: '#f2f4f8', highlight: '#1d3c6e' }, font: '"Segoe UI", Arial, sans-serif',
  },
  {
    path: 'paramedic', product: 'Ambulance electronic patient record tablet', organisation: 'Coastal Ambulance Service NHS Trust',
    userId: 'tom.jones', showsOwnBanner: false, frameWidth: 768,
    colours: { bar: '#7a1f1f', barText: '#ffffff', background: '#f6f2f2', highlight: '#7a1f1f' }, font: 'Verdana, sans-serif',
  },
];

export interface PatientEntry {
  source: SourceName;
  patient: Patient;
}

export type Resolution =
  | { kind: 'found'; entry: PatientEntry }
  | { kind: 'not-found' }
  | { kind: 'ambiguous'; sources: SourceName[] };

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

export function createHostsHandler(deps: HostDependencies) {
  return async function handleHosts(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const [, , hostPath, extra] = url.pathname.split('/'); // '', 'hosts', 'gp', 'smart-style.json'
    if (!hostPath) return send(res, 200, hostsIndex());
    const profile = HOST_PROFILES.find((p) => p.path === hostPath);
    if (!profile) return send(res, 404, page('Not found', `<main><h1>No host simulator called “${escapeHtml(hostPath)}”</h1><p><a href="/hosts/">All host simulators</a></p></main>`));
    if (extra === 'smart-style.json') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
      res.end(JSON.stringify(smartStyle(profile)));
      return;
    }
    if (extra) return send(res, 404, page('Not found', '<main><h1>Page not found</h1></main>'));

    const patients = await deps.listPatients();
    const query = url.searchParams.get('patient');
    if (!query) return send(res, 200, patientList(profile, patients));

    const resolution = resolvePatient(patients, query, { source: url.searchParams.get('source') ?? undefined, homeSource: profile.homeSource });
    if (resolution.kind !== 'found') return send(res, resolution.kind === 'ambiguous' ? 409 : 404, notOpened(profile, query, resolution));

    const { entry } = resolution;
    const launch = deps.createLaunch({
      source: entry.source,
      patientId: entry.patient.id!,
      userId: profile.userId,
      needPatientBanner: !profile.showsOwnBanner,
      smartStyleUrl: `${deps.sandboxOrigin}/hosts/${profile.path}/smart-style.json`,
    });
    const viewerUrl = new URL('/launch.html', deps.viewerOrigin);
    viewerUrl.searchParams.set('iss', fhirBaseUrl(deps.sandboxOrigin, entry.source));
    viewerUrl.searchParams.set('launch', launch);
    send(res, 200, patientOpen(profile, entry, viewerUrl.href));
  };
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

function hostStyles(profile: HostProfile): string {
  return `
  body { font-family: ${profile.font}; background: ${profile.colours.background}; }
  .host-bar { background: ${profile.colours.bar}; color: ${profile.colours.barText}; padding: .5rem 1.5rem; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; align-items: baseline; }
  .host-bar strong { font-size: 1.1rem; }
  .host-bar a { color: ${profile.colours.barText}; }
  .host-banner { background: #fff; border-bottom: 2px solid ${profile.colours.bar}; padding: .5rem 1.5rem; display: flex; flex-wrap: wrap; gap: .25rem 2rem; }
  .host-banner .label { font-size: .85rem; color: #4c6272; margin-right: .35rem; }
  .host-banner .name { font-weight: bold; font-size: 1.15rem; }
  .viewer-frame { display: block; border: 0; width: 100%; height: calc(100vh - 7rem); background: #fff; }
  .tablet { margin: 1rem auto; width: ${profile.frameWidth ?? 768}px; max-width: 100%; border: 12px solid #333; border-radius: 18px; }`;
}

function hostBar(profile: HostProfile): string {
  const user = USERS.find((u) => u.id === profile.userId)!;
  const userName = `${user.prefix ? `${user.prefix} ` : ''}${user.given} ${user.family}`;
  return `<header class="host-bar"><strong>${escapeHtml(profile.organisation)}</strong>
    <span>${escapeHtml(profile.product)}</span>
    <span>Signed in: ${escapeHtml(userName)}</span>
    <a href="/hosts/${profile.path}">Patient list</a></header>`;
}

function hostsIndex(): string {
  const rows = HOST_PROFILES.map((p) => `<li><a href="/hosts/${p.path}">${escapeHtml(p.organisation)}</a>: ${escapeHtml(p.product)}</li>`).join('');
  return page('Host system simulators', `<main><h1>Host system simulators</h1>
    <p>Each simulator plays a clinical system that opens the shared care record viewer for the patient on its screen.</p>
    <ul>${rows}</ul></main>`);
}

function patientList(profile: HostProfile, patients: readonly PatientEntry[]): string {
  // The host's own patients; a host with no source of its own (the ambulance) sees one row per person.
  const listed = profile.homeSource ? patients.filter((p) => p.source === profile.homeSource) : uniqueByPerson(patients);
  const rows = listed.map(({ source, patient }) => {
    const nhs = nhsNumberOf(patient);
    const local = patient.identifier?.find((i) => i.system !== NHS_NUMBER_SYSTEM)?.value;
    const key = nhs ?? local ?? patient.id!;
    const href = `/hosts/${profile.path}?patient=${encodeURIComponent(key)}${nhs ? '' : `&source=${source}`}`;
    return `<tr><td><a href="${escapeHtml(href)}">${escapeHtml(displayName(patient))}</a></td>
      <td>${escapeHtml(displayDate(patient.birthDate))}</td>
      <td>${escapeHtml(nhs ? spacedNhsNumber(nhs) : 'None')}</td>
      <td>${escapeHtml(local ?? '')}</td></tr>`;
  }).join('');
  return page(`${profile.organisation}: patients`, `${hostBar(profile)}<main>
    <h1>Patients</h1>
    <table><caption class="visually-hidden">Patients held by this system</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">Born</th><th scope="col">NHS number</th><th scope="col">Local number</th></tr></thead>
    <tbody>${rows}</tbody></table></main>`, { styles: hostStyles(profile) + '.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);}' });
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

function notOpened(profile: HostProfile, query: string, resolution: Exclude<Resolution, { kind: 'found' }>): string {
  const message = resolution.kind === 'ambiguous'
    ? `More than one system holds a patient with the identifier “${escapeHtml(query)}” (${resolution.sources.map(escapeHtml).join(', ')}). Add &amp;source=&lt;name&gt; to choose one.`
    : `No patient matches “${escapeHtml(query)}”.`;
  return page('Patient not opened', `${hostBar(profile)}<main><h1>Patient not opened</h1><p>${message}</p>
    <p><a href="/hosts/${profile.path}">Back to the patient list</a></p></main>`, { styles: hostStyles(profile) });
}

function patientOpen(profile: HostProfile, entry: PatientEntry, viewerUrl: string): string {
  const { patient } = entry;
  const nhs = nhsNumberOf(patient);
  const banner = profile.showsOwnBanner
    ? `<section class="host-banner" aria-label="Patient (host system)">
        <span class="name">${escapeHtml(displayName(patient))}</span>
        <span><span class="label">Born</span>${escapeHtml(displayDate(patient.birthDate))}</span>
        <span><span class="label">NHS number</span>${escapeHtml(nhs ? spacedNhsNumber(nhs) : 'Not Known')}</span>
      </section>`
    : '';
  const frame = `<iframe class="viewer-frame" title="Shared care record" src="${escapeHtml(viewerUrl)}"></iframe>`;
  return page(`${displayName(patient)}: ${profile.organisation}`, `${hostBar(profile)}${banner}
    <main class="host-main" style="padding:0">${profile.frameWidth ? `<div class="tablet">${frame}</div>` : frame}</main>`, { styles: hostStyles(profile) });
}
