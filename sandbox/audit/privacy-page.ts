// The privacy officer's page (/audit/?patient=<NHS number>): who looked at a
// person's record, when, from where, and why, from the AuditEvents of the
// viewer and the sandbox's servers alike. Events come from outside (the viewer
// POSTs them), so every value is escaped and every element may be missing.
import type { AuditEvent, AuditEventAgent, Coding } from '@medplum/fhirtypes';
import { ODS_CODE_SYSTEM, SDS_USER_SYSTEM, type UserRole } from '../config';
import { BREAK_GLASS_REASONS } from '../auth/grant';
import { organisationName } from '../auth/pages';
import { escapeHtml, page } from '../html';
import { groupNhsNumber } from '../../src/format/nhs-number';
import { ROLES } from '../idp/roles';
import { AUDIT_CHANNEL_SYSTEM, SYSTEMS } from './audit-event';
import { patientNhsNumbers } from './store';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const OUTCOMES: Record<string, string> = { '0': 'Success', '4': 'Refused or failed', '8': 'Refused (serious)', '12': 'Failed (major)' };
const PURPOSES: Record<string, string> = { TREAT: 'Direct care', BTG: 'Break-glass', ETREAT: 'Emergency treatment' };
const SHOWN = 1000;

const STYLES = `
  main { max-width: 90rem; }
  form { margin: 0 0 1rem; display: flex; gap: .75rem; align-items: flex-end; flex-wrap: wrap; }
  label { display: block; font-weight: 600; margin-bottom: .25rem; }
  input { font: inherit; min-height: 40px; padding: .25rem .5rem; border: 2px solid #4c6272; }
  input:focus-visible { outline: 3px solid #ffeb3b; box-shadow: 0 0 0 5px #212b32; }
  button { font: inherit; min-height: 44px; padding: .5rem 1.25rem; border: 0; border-radius: 4px; background: #007f3b; color: #fff; cursor: pointer; }
  table { width: 100%; }
  td, th { vertical-align: top; }
  .tag { display: inline-block; font-weight: 700; border: 2px solid #d5281b; color: #d5281b; padding: 0 .35rem; margin-bottom: .25rem; }
  .detail { display: block; color: #4c6272; font-size: .9rem; }
  tr.break-glass td { background: #fff4f4; }
  .error { border-left: 6px solid #d5281b; background: #fff; padding: .5rem 1rem; }
`;

export function privacyPage(nhsNumber: string | null, events: readonly AuditEvent[], readerName?: string): string {
  const digits = nhsNumber?.replace(/\s/g, '') ?? '';
  const form = `<form method="get" action="/audit/">
      <div><label for="patient">NHS number</label><input id="patient" name="patient" inputmode="numeric" autocomplete="off" value="${escapeHtml(nhsNumber ?? '')}"></div>
      <button type="submit">Show accesses</button></form>`;
  let body: string;
  if (!nhsNumber) body = "<p>Enter an NHS number to see who has looked at that person's shared care record.</p>";
  else if (!/^\d{10}$/.test(digits)) body = '<div class="error" role="alert"><p>Enter a 10-digit NHS number.</p></div>';
  else if (events.length === 0) body = `<p>No one has looked at the record of NHS number ${escapeHtml(groupNhsNumber(digits))}.</p>`;
  else body = accessTable(digits, events);
  return page(
    'Record access audit - shared care record sandbox',
    `<main>
    ${readerName ? `<form class="reader" method="post" action="/audit/sign-out"><p>Signed in as <strong>${escapeHtml(readerName)}</strong></p><button type="submit">Sign out</button></form>` : ''}
    <h1>Who has looked at this record</h1>
    <p>The privacy officer's view of the shared care record audit log: every access by the viewer and by the record's servers, newest first.</p>
    ${form}${body}</main>`,
    { styles: STYLES },
  );
}

function accessTable(nhsNumber: string, events: readonly AuditEvent[]): string {
  const shown = events.slice(0, SHOWN);
  const rows = shown.map(row).join('');
  const count =
    events.length > SHOWN ? `${SHOWN} newest of ${events.length} events` : `${events.length} event${events.length === 1 ? '' : 's'}`;
  return `<table>
    <caption>Accesses to the record of NHS number ${escapeHtml(groupNhsNumber(nhsNumber))}: ${escapeHtml(count)}</caption>
    <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Why</th><th scope="col">Outcome</th><th scope="col">Recorded by</th></tr></thead>
    <tbody>${rows}</tbody></table>`;
}

function row(event: AuditEvent): string {
  const why = purposeOf(event);
  return `<tr${why.breakGlass ? ' class="break-glass"' : ''}>
    <td><time datetime="${escapeHtml(event.recorded)}">${escapeHtml(displayInstant(event.recorded))}</time></td>
    <td>${who(event)}${unauthenticated(event) ? '<span class="tag">Unverified</span><span class="detail">Sent without sign-in: what a refused link claimed</span>' : ''}</td>
    <td>${what(event)}</td>
    <td>${why.breakGlass ? '<span class="tag">Break-glass</span>' : escapeHtml(why.label)}${why.reason ? `<span class="detail">${escapeHtml(why.reason)}</span>` : ''}</td>
    <td>${escapeHtml(OUTCOMES[event.outcome ?? ''] ?? 'Not Known')}${event.outcomeDesc ? `<span class="detail">${escapeHtml(event.outcomeDesc)}</span>` : ''}</td>
    <td>${escapeHtml(event.source?.observer?.display ?? event.source?.observer?.identifier?.value ?? 'Not Known')}</td>
  </tr>`;
}

/** Written through the unauthenticated channel (a refused launch): its who and whom are claims. */
function unauthenticated(event: AuditEvent): boolean {
  return (event.meta?.tag ?? []).some((t) => t.system === AUDIT_CHANNEL_SYSTEM && t.code === 'unauthenticated');
}

function who(event: AuditEvent): string {
  const agents = event.agent ?? [];
  const person =
    agents.find((a) => a.requestor && a.who?.identifier?.system === SDS_USER_SYSTEM) ?? agents.find((a) => a.requestor) ?? agents[0];
  const name = person?.who?.display ?? person?.who?.identifier?.value ?? 'Not Known';
  const codings: Coding[] = (person?.role ?? []).flatMap((r) => r.coding ?? []);
  // The sandbox's role names, however the sender coded them (the viewer sends the bare code).
  const internal = codings.map((c) => c.code).find((code): code is UserRole => code !== undefined && code in ROLES);
  const role = (internal ? ROLES[internal].label : undefined) ?? codings.find((c) => c.display)?.display ?? person?.role?.[0]?.text;
  const jobRole = codings.find((c) => c.system === SYSTEMS.jobRole) ?? (internal ? { code: ROLES[internal].jobRole.roleCode } : undefined);
  const ods = odsCodeIn(person) ?? agents.map(odsCodeIn).find(Boolean);
  const named = agents.find((a) => a.who?.identifier?.value === ods)?.who?.display;
  const organisation = ods ? `${named && named !== ods ? named : organisationName(ods)} (${ods})` : undefined;
  const userId = person?.who?.identifier?.system === SDS_USER_SYSTEM ? person.who.identifier.value : undefined;
  return `<strong>${escapeHtml(name)}</strong>${userId ? ` <span class="detail">SDS user ${escapeHtml(userId)}</span>` : ''}
    <span class="detail">${escapeHtml(role ?? 'Role not recorded')}${jobRole?.code ? ` (${escapeHtml(jobRole.code)})` : ''}</span>
    <span class="detail">${escapeHtml(organisation ?? 'Organisation not recorded')}</span>`;
}

/** An ODS code anywhere in an agent: the organisation's own agent, or an identifier the viewer put on the user. */
function odsCodeIn(agent: AuditEventAgent | undefined): string | undefined {
  let found: string | undefined;
  const walk = (node: unknown): void => {
    if (found || typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.system === ODS_CODE_SYSTEM && typeof record.value === 'string') {
      found = record.value;
      return;
    }
    for (const value of Object.values(record)) walk(value);
  };
  walk(agent);
  return found;
}

function what(event: AuditEvent): string {
  const action =
    event.subtype
      ?.map((s) => s.display ?? s.code)
      .filter(Boolean)
      .join(', ') ||
    event.type?.display ||
    event.type?.code ||
    'Not Known';
  const patients = new Set(patientNhsNumbers(event));
  const items = (event.entity ?? [])
    .filter((e) => !(e.what?.identifier && patients.has(e.what.identifier.value ?? '')) && e.role?.code !== '1')
    .map((e) => [e.what?.display ?? e.name, e.description].filter(Boolean).join(': '))
    .filter(Boolean);
  return `${escapeHtml(action)}${items.map((i) => `<span class="detail">${escapeHtml(i)}</span>`).join('')}`;
}

function purposeOf(event: AuditEvent): { label: string; reason?: string; breakGlass: boolean } {
  const codings = (event.purposeOfEvent ?? []).flatMap((p) => p.coding ?? []);
  const breakGlass = codings.some((c) => c.code === 'BTG');
  const label =
    codings
      .map((c) => PURPOSES[c.code ?? ''] ?? c.display ?? c.code)
      .filter(Boolean)
      .join(', ') || 'Not recorded';
  const details = (event.entity ?? []).flatMap((e) => e.detail ?? []);
  // `reason` alone (the servers, with the words in break-glass-text) or `reason: words` (the viewer).
  const given = details.find((d) => d.type === 'break-glass-reason')?.valueString;
  const [reasonCode, ...words] = given?.split(': ') ?? [];
  const text = details.find((d) => d.type === 'break-glass-text')?.valueString ?? (words.length ? words.join(': ') : undefined);
  const reasonLabel = reasonCode ? ((BREAK_GLASS_REASONS as Record<string, string>)[reasonCode] ?? reasonCode) : undefined;
  const stated = [reasonLabel, text].filter(Boolean).join(': ');
  const fallback = event.purposeOfEvent?.map((p) => p.text).find(Boolean);
  const reason = stated || fallback;
  return { label, breakGlass, ...(reason ? { reason } : {}) };
}

/** `14-Jul-2025 09:31:05`, UK time. */
function displayInstant(value: string | undefined): string {
  const time = value ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) return 'Not Known';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: 'numeric',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(time))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}-${MONTHS[Number(parts.month) - 1]}-${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}
