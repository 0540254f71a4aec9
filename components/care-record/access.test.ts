// <care-record> with the access work: role notice, objection (nothing shared
// shown), break-glass from the dialog to the banner and back, the audit events
// it writes, and the paramedic's first-minutes landing.
import type { AuditEvent } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ACCESS_OUTCOME_SYSTEM } from '../../src/access/outcomes';
import { clearAuditQueues } from '../../src/audit/audit-queue';
import type { ViewerConfig } from '../../src/launch-context/config';
import type { LaunchContext } from '../../src/launch-context/launch-context';
import { expectAccessible } from '../test-helpers/axe';
import { thompson } from '../test-helpers/fixtures';
import { SOURCES, section } from '../test-helpers/source-fixtures';
import { EVANS, evansLaunch } from '../test-helpers/signed-link-load';
import { cleanup, deepQuery, deepQueryAll, mount, settled, visibleText } from '../test-helpers/render';
import './care-record';
import { batchResponseTo, bodyOf, fetchAnswering, fhirJson } from '../../src/sources/test-helpers/fake-fetch';
import { bundle } from '../../src/sources/test-helpers/fake-fhir';

const FHIR = 'http://fhir.test/gp';
const AUDIT = 'http://sandbox.test/fhir/audit';
const BREAK_GLASS = 'http://sandbox.test/auth/break-glass';

const config: ViewerConfig = {
  issuers: [FHIR],
  clientId: 'care-record-viewer',
  scope: 'openid',
  redirectUri: 'index.html',
  sources: [
    { name: 'gp', organisation: 'Riverside Medical Practice', fhirBaseUrl: FHIR, auth: 'launch-token', timeoutMs: 5000, pageCap: 100 },
  ],
  auditEndpoint: AUDIT,
  breakGlassEndpoint: BREAK_GLASS,
};

const launch = (role = 'gp'): LaunchContext => evansLaunch(FHIR, { role, token: 'base-token' });

const objection = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'forbidden', details: { coding: [{ system: ACCESS_OUTCOME_SYSTEM, code: 'objection' }] } }],
};

/** The servers as docs/access.md has them: only the Patient under an objection, everything with a break-glass token. */
function network() {
  const audits: AuditEvent[] = [];
  const auditTokens: string[] = [];
  const breakGlass: RequestInit[] = [];
  const ended: string[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(
    fetchAnswering((url, init) => {
      const auth = new Headers(init?.headers).get('Authorization');
      if (url === AUDIT) {
        audits.push(JSON.parse(bodyOf(init)) as AuditEvent);
        auditTokens.push(auth ?? '');
        return fhirJson({}, 201);
      }
      if (url === BREAK_GLASS) {
        breakGlass.push(init!);
        return fhirJson({
          access_token: 'btg-token',
          token_type: 'Bearer',
          expires_in: 1800,
          break_glass: { reason: 'emergency-care', expires_at: new Date(Date.now() + 1_800_000).toISOString() },
        });
      }
      if (url === `${BREAK_GLASS}/end`) {
        ended.push(auth ?? '');
        return new Response(null, { status: 204 });
      }
      // A read or search, on its own or as an entry of a batch POSTed to the base (answered entry by entry).
      const answer = (target: string): [unknown, number] =>
        target.startsWith(`${FHIR}/Patient?identifier=`) || target.startsWith('Patient?identifier=')
          ? [bundle([EVANS]), 200]
          : auth === 'Bearer btg-token'
            ? [bundle([]), 200]
            : [objection, 403];
      if (init?.method === 'POST' && url === FHIR) return fhirJson(batchResponseTo(init, answer));
      const [body, status] = answer(url);
      return fhirJson(body, status);
    }),
  );
  return { audits, auditTokens, breakGlass, ended };
}

const kinds = (audits: AuditEvent[]) => audits.map((a) => `${a.subtype?.[1]?.code} ${a.purposeOfEvent?.[0]?.coding?.[0]?.code}`);

beforeEach(async () => {
  await page.viewport(1280, 900);
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  cleanup();
  clearAuditQueues();
  vi.restoreAllMocks();
});

describe('objection and break-glass (EVANS, 999 000 0050)', () => {
  test('shows none of her shared record; a GP uses break-glass, sees it, then ends it; each step audited', async () => {
    const net = network();
    const el = await mount('care-record', { launchContext: launch(), config });
    await vi.waitFor(() => expect(visibleText(el)).toContain('This person has objected to sharing their record'));
    await vi.waitFor(() => expect(kinds(net.audits)).toEqual(['record-opened TREAT']));
    expect(deepQuery<HTMLElement>(el, 'nav').hidden).toBe(true);
    expect(deepQuery<HTMLElement>(el, '#view').hidden).toBe(true);
    expect(visibleText(el)).toContain('EVANS, Gwen (Mrs)');
    await expectAccessible(el);

    await userEvent.click(deepQuery(deepQuery(el, 'cr-objection-notice'), 'button'));
    const dialog = deepQuery(el, 'cr-break-glass-dialog');
    await settled(el);
    await userEvent.click(deepQuery(dialog, '#bg-emergency-care'));
    await userEvent.click(deepQuery(dialog, 'button.primary'));
    await vi.waitFor(() => expect(visibleText(el)).toContain('Emergency access is on'));
    expect(new Headers(net.breakGlass[0]!.headers).get('Authorization')).toBe('Bearer base-token');
    expect(net.breakGlass[0]!.body).toBe('reason=emergency-care&text=');
    await vi.waitFor(() => expect(visibleText(el)).not.toContain('This person has objected'));
    expect(deepQuery<HTMLElement>(el, 'nav').hidden).toBe(false);
    await vi.waitFor(() => expect(kinds(net.audits)).toEqual(['record-opened TREAT', 'break-glass-start BTG', 'record-opened BTG']));
    expect(visibleText(el)).toMatch(/29 minutes left|30 minutes left/);
    await expectAccessible(el);

    await userEvent.click(deepQuery(deepQuery(el, 'cr-break-glass-banner'), 'button'));
    await vi.waitFor(() => expect(visibleText(el)).toContain('This person has objected to sharing their record'));
    expect(visibleText(el)).not.toContain('Emergency access is on');
    expect(net.ended).toEqual(['Bearer btg-token']);
    await vi.waitFor(() =>
      expect(kinds(net.audits)).toEqual([
        'record-opened TREAT',
        'break-glass-start BTG',
        'record-opened BTG',
        'break-glass-end BTG',
        'record-opened TREAT',
      ]),
    );
    const start = net.audits[1]!;
    expect(start.agent[0]?.who?.identifier?.value).toBe('sarah.ahmed');
    // Ids and codes only: the endpoint names the patient from the token each event is sent with.
    // Names as shown (the SDS user id, sarah.ahmed here, is an id, which an AuditEvent needs).
    expect(JSON.stringify(net.audits)).not.toMatch(/9990000050|AHMED|Riverside|Emergency care: the patient/);
    expect(net.auditTokens).toEqual([
      'Bearer base-token',
      'Bearer btg-token',
      'Bearer btg-token',
      'Bearer base-token',
      'Bearer base-token',
    ]);
    expect(start.entity?.find((e) => e.role?.code === '1')).toEqual({
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1' },
      role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1' },
      detail: [{ type: 'break-glass-reason', valueString: 'emergency-care' }],
    });
    expect(start.purposeOfEvent?.[0]?.coding?.[0]?.code).toBe('BTG');
    await expectAccessible(el);
  });

  test('a social worker is told of the objection, without break-glass', async () => {
    network();
    const el = await mount('care-record', { launchContext: launch('social-worker'), config });
    await vi.waitFor(() => expect(visibleText(el)).toContain('Emergency access is for clinical staff only'));
    expect(deepQueryAll(el, 'cr-break-glass-dialog')).toHaveLength(0);
    expect(visibleText(el)).toContain('Viewing as a social worker');
    await expectAccessible(el);
  });
});

describe('role notice', () => {
  test('an administrator is told what their role does not show; a GP sees no such line', async () => {
    const admin = await mount('care-record', {
      record: thompson(),
      launchContext: { needPatientBanner: true, user: { role: 'administrator' } },
    });
    expect(visibleText(admin)).toMatch(/Viewing as an administrator: .* are not available to your role/);
    await expectAccessible(admin);
    const gp = await mount('care-record', { record: thompson(), launchContext: { needPatientBanner: true, user: { role: 'gp' } } });
    expect(visibleText(gp)).not.toContain('not available to your role');
  });

  test('a section withheld from the role says so, never "None recorded"', async () => {
    const record = thompson();
    const withheld = Object.fromEntries(
      SOURCES.map((s) => [
        s.name,
        { source: s, kind: 'withheld' as const, reason: 'Not available to your role', at: '2026-11-22T14:02:00Z' },
      ]),
    );
    record.medications = { ...section([], withheld), recentlyStopped: [] };
    const el = await mount('care-record', { record, launchContext: { needPatientBanner: true, user: { role: 'social-worker' } } });
    const meds = visibleText(deepQuery(el, 'cr-medication-list'));
    expect(meds).toContain('Not available to your role');
    expect(meds).not.toContain('None recorded');
    expect(meds).not.toContain('Could not be loaded');
    await expectAccessible(el);
  });
});

describe('first minutes (intent=emergency)', () => {
  test('lands on the one-screen view on a tablet, and shows the full record when asked', async () => {
    await page.viewport(768, 1024);
    const el = await mount('care-record', { record: thompson(), launchContext: { needPatientBanner: true, intent: 'emergency' } });
    expect(deepQueryAll(el, 'cr-first-minutes')).toHaveLength(1);
    expect(deepQuery<HTMLElement>(el, 'nav').hidden).toBe(true);
    await expectAccessible(el);
    await userEvent.click(deepQuery(deepQuery(el, 'cr-first-minutes'), 'button'));
    await settled(el);
    expect(deepQueryAll(el, 'cr-first-minutes')).toHaveLength(0);
    expect(deepQuery<HTMLElement>(el, 'nav').hidden).toBe(false);
  });

  test('not on a desktop, and not without the emergency intent', async () => {
    const desktop = await mount('care-record', { record: thompson(), launchContext: { needPatientBanner: true, intent: 'emergency' } });
    expect(deepQueryAll(desktop, 'cr-first-minutes')).toHaveLength(0);
    await page.viewport(768, 1024);
    const plain = await mount('care-record', { record: thompson(), launchContext: { needPatientBanner: true } });
    expect(deepQueryAll(plain, 'cr-first-minutes')).toHaveLength(0);
  });
});
