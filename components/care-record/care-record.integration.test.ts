// The components against the real record builders (src/record/assemble):
// the record as the viewer will actually produce it, streamed in.

import { afterEach, expect, test, vi } from 'vitest';
import type { Patient, Resource } from '@medplum/fhirtypes';
import { assembleRecord } from '../../src/record/assemble';
import type { QueryResult, SourceRef } from '../../src/record/model';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, deepQuery, mount, settled, visibleText } from '../test-helpers/render';
import { ACUTE, GP } from '../test-helpers/source-fixtures';
import './care-record';

afterEach(cleanup);

const NOW = new Date('2026-11-22T14:02:00Z');
const SOURCES: SourceRef[] = [GP, ACUTE];

const patient: Patient = {
  resourceType: 'Patient',
  id: 'p1',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' }],
  name: [{ family: 'Thompson', given: ['Margaret'], prefix: ['Mrs'] }],
  gender: 'female',
  birthDate: '1945-07-14',
};

const loaded = (source: SourceRef, resourceType: string, resources: Resource[]): QueryResult => ({
  source,
  resourceType,
  outcome: { kind: 'loaded', resources, truncated: false, warnings: [] },
});

const timedOut = (source: SourceRef, resourceType: string): QueryResult => ({
  source,
  resourceType,
  outcome: { kind: 'problem', problem: { source, kind: 'timed-out', reason: 'No answer within 10 seconds', at: NOW.toISOString() } },
});

test('streams in: loading, then the patient, then a failed source named in every section', async () => {
  const results: QueryResult[] = [];
  const el = await mount('care-record', { record: assembleRecord(SOURCES, results, NOW), launchContext: { needPatientBanner: true } });
  expect(visibleText(el)).toContain('Loading patient details');
  await expectAccessible(el);

  results.push(loaded(GP, 'Patient', [patient]));
  el.record = assembleRecord(SOURCES, results, NOW);
  await settled(el);
  expect(visibleText(el)).toContain('THOMPSON, Margaret (Mrs)');
  expect(visibleText(el)).toContain('NHS number 999 000 0018');

  const problems = deepQuery(el, 'cr-problem-list');
  const render = vi.spyOn(problems, 'render' as never);
  // The same answers again: a fresh record from the builders, equal content, no re-render.
  el.record = assembleRecord(SOURCES, results, NOW);
  await settled(el);
  expect(render).not.toHaveBeenCalled();

  results.push(timedOut(ACUTE, 'Patient'));
  el.record = assembleRecord(SOURCES, results, NOW);
  await settled(el);
  expect(render).toHaveBeenCalled();
  const text = visibleText(el);
  expect(text).toContain('Some sources could not be loaded');
  expect(text).toContain('Weald General Hospital NHS Trust: No answer within 10 seconds (tried 22-Nov-2026 14:02)');
  expect(text).not.toContain('None recorded');
  await expectAccessible(el);
});
