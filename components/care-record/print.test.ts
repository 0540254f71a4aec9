// Printing the summary: a print-only header (patient, who printed it and when,
// "may be incomplete, check the source"), the source status line, and an
// AuditEvent for the print through the viewer's audit queue.
import type { AuditEvent, Patient } from '@medplum/fhirtypes';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { page } from 'vitest/browser';
import type { ViewerConfig } from '../../src/launch-context/config';
import type { LaunchContext } from '../../src/launch-context/launch-context';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, deepQuery, mount, settled, visibleText } from '../test-helpers/render';
import './care-record';
import { batchResponseTo, bodyOf, fetchAnswering, fhirJson } from '../../src/sources/test-helpers/fake-fetch';
import { bundle } from '../../src/sources/test-helpers/fake-fhir';

const FHIR = 'http://fhir.test/gp';
const AUDIT = 'http://sandbox.test/fhir/audit';

const patient: Patient = {
  resourceType: 'Patient',
  id: 'p1',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000042' }],
  name: [{ family: 'Patel', given: ['Asha'], prefix: ['Ms'] }],
  birthDate: '1961-03-02',
};

const config: ViewerConfig = {
  issuers: [FHIR],
  clientId: 'care-record-viewer',
  scope: 'openid',
  redirectUri: 'index.html',
  sources: [
    { name: 'gp', organisation: 'Riverside Medical Practice', fhirBaseUrl: FHIR, auth: 'launch-token', timeoutMs: 5000, pageCap: 100 },
  ],
  auditEndpoint: AUDIT,
};

const launch: LaunchContext = {
  mode: 'signed-link',
  issuer: FHIR,
  identity: { nhsNumber: '9990000042', birthDate: '1961-03-02' },
  nhsNumber: '9990000042',
  user: { sub: 'kwame.osei', name: 'Dr Kwame OSEI', role: 'ae-doctor', organisation: 'ZZ002' },
  needPatientBanner: false,
  getAccessToken: () => Promise.resolve('token'),
};

function network(): AuditEvent[] {
  const audits: AuditEvent[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(
    fetchAnswering((url, init) => {
      if (url === AUDIT) {
        audits.push(JSON.parse(bodyOf(init)) as AuditEvent);
        return fhirJson({}, 201);
      }
      const answer = (target: string) => (target.includes('Patient?') ? bundle([patient]) : bundle([]));
      if (init?.method === 'POST' && url === FHIR) return fhirJson(batchResponseTo(init, (target) => [answer(target)]));
      return fhirJson(answer(url));
    }),
  );
  return audits;
}

beforeEach(async () => {
  await page.viewport(1280, 900);
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

test('printing the summary: audited as a print, then printed with who, when and "may be incomplete, check the source"', async () => {
  const audits = network();
  const printed = vi.spyOn(window, 'print').mockImplementation(() => undefined);
  const el = await mount('care-record', { launchContext: launch, config });
  await vi.waitFor(() => expect(el.hasAttribute('record-complete')).toBe(true));
  const header = deepQuery<HTMLElement>(el, 'cr-print-header');
  // On screen the printout's header is not shown.
  expect(getComputedStyle(header).display).toBe('none');
  const button = deepQuery<HTMLButtonElement>(el, '[part="print"] button');
  expect(button.textContent).toBe('Print this summary');
  await expectAccessible(el);

  button.click();
  await vi.waitFor(() => expect(printed).toHaveBeenCalledTimes(1));
  await vi.waitFor(() => expect(audits.map((a) => a.subtype?.[1]?.code)).toContain('record-printed'));
  const print = audits.find((a) => a.subtype?.[1]?.code === 'record-printed')!;
  // Codes only: the endpoint names the patient and the user from the token it comes with.
  expect(print.action).toBe('R');
  expect(print.outcomeDesc).toBeUndefined();
  expect(JSON.stringify(print)).not.toContain('9990000042');
  await settled(el);
  const text = header.shadowRoot!.textContent.replace(/\s+/g, ' ');
  expect(text).toContain('Shared care record: summary');
  expect(text).toContain('PATEL, Asha (Ms) · Born 02-Mar-1961');
  expect(text).toContain('NHS number 999 000 0042');
  expect(text).toMatch(/Printed \d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2} by Dr Kwame OSEI, ae-doctor, ZZ002\./);
  expect(text).toContain('This printout may be incomplete');
  expect(text).toContain('Check the source records before acting on it.');
  // What the paper shows is accessible too (shown here as print would show it).
  header.style.display = 'block';
  await expectAccessible(header);
  // The sources and their status print with it.
  expect(visibleText(deepQuery(el, 'cr-source-status'))).toContain('Riverside Medical Practice Loaded');
});
