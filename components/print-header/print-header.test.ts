import { afterEach, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { thompsonPatient } from '../test-helpers/fixtures';
import { section } from '../test-helpers/source-fixtures';
import { cleanup, mount } from '../test-helpers/render';
import './print-header';

afterEach(cleanup);

const text = (el: Element) => el.shadowRoot!.textContent.replace(/\s+/g, ' ').trim();

test('on paper only: who it is about, who printed it and when, and that it may be incomplete', async () => {
  const el = await mount('cr-print-header', {
    patient: section([thompsonPatient]),
    user: { name: 'Dr Kwame OSEI', role: 'ae-doctor', organisation: 'ZZ002' },
    printedAt: new Date('2026-11-22T14:02:00Z'),
  });
  expect(getComputedStyle(el).display).toBe('none');
  expect(text(el)).toBe(
    'Shared care record: summary THOMPSON, Margaret (Mrs) · Born 14-Jul-1945 (81y) · NHS number 999 000 0018 Printed 22-Nov-2026 14:02 by Dr Kwame OSEI, ae-doctor, ZZ002. ' +
      'This printout may be incomplete: it shows what the sources had sent when it was printed (see "Sources" below), and some information may have been withheld or not loaded. Check the source records before acting on it.',
  );
  el.style.display = 'block';
  await expectAccessible(el);
});

test('a launch that gives no name: the user by their FHIR reference, never blank', async () => {
  const el = await mount('cr-print-header', {
    patient: section([thompsonPatient]),
    user: { fhirUser: 'Practitioner/osei', role: 'ae-doctor' },
    printedAt: new Date('2026-11-22T14:02:00Z'),
  });
  expect(text(el)).toContain('Printed 22-Nov-2026 14:02 by Practitioner/osei, ae-doctor.');
  const nobody = await mount('cr-print-header', { patient: section([]) });
  expect(text(nobody)).toContain('Printed Not Known by Not Known.');
});
