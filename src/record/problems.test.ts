import { describe, expect, it } from 'vitest';
import type { Condition } from '@medplum/fhirtypes';
import { buildProblems } from './problems';
import { ACUTE, context, GP, input, raw, SUBJECT } from './fixtures';

const SCT = 'http://snomed.info/sct';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';

function condition(overrides: Partial<Condition> = {}): Condition {
  return {
    resourceType: 'Condition',
    id: 'c1',
    subject: SUBJECT,
    clinicalStatus: { coding: [{ code: 'active' }] },
    verificationStatus: { coding: [{ code: 'confirmed' }] },
    category: [{ coding: [{ system: CATEGORY, code: 'problem-list-item' }] }],
    code: { coding: [{ system: SCT, code: '46635009', display: 'Type 1 diabetes mellitus' }] },
    onsetDateTime: '2001-05',
    recordedDate: '2001-06-01',
    recorder: { display: 'Dr Sarah Ahmed' },
    ...overrides,
  };
}

const diagnosis = { coding: [{ system: CATEGORY, code: 'encounter-diagnosis' }] };

describe('buildProblems', () => {
  it('builds an active problem with provenance', () => {
    expect(buildProblems([input(GP, [condition()])], context())).toEqual([
      {
        name: 'Type 1 diabetes mellitus',
        code: { system: SCT, code: '46635009' },
        status: 'active',
        onset: '2001-05',
        resolved: undefined,
        provenance: { source: GP, resource: 'Condition/c1', recorded: '2001-06-01', lastUpdated: undefined, author: 'Dr Sarah Ahmed' },
      },
    ]);
  });

  it('counts recurrence and relapse as active', () => {
    const items = buildProblems(
      [
        input(GP, [
          condition({ id: 'r1', clinicalStatus: { coding: [{ code: 'recurrence' }] } }),
          condition({ id: 'r2', clinicalStatus: { coding: [{ code: 'relapse' }] } }),
        ]),
      ],
      context(),
    );
    expect(items.map((p) => p.status)).toEqual(['active', 'active']);
  });

  it('keeps a past problem only when it is significant', () => {
    const resolved = { clinicalStatus: { coding: [{ code: 'resolved' }] }, abatementDateTime: '2010-01-01' };
    const items = buildProblems(
      [
        input(ACUTE, [
          condition({ id: 'listed', ...resolved }),
          condition({ id: 'minor', ...resolved, category: [diagnosis] }),
          condition({ id: 'severe', ...resolved, category: [diagnosis], severity: { text: 'Severe' } }),
          condition({
            id: 'major',
            ...resolved,
            category: [diagnosis],
            extension: [{ url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ProblemSignificance', valueCode: 'major' }],
          }),
        ]),
      ],
      context(),
    );
    expect(items.map((p) => [p.provenance.resource, p.status, p.resolved])).toEqual([
      ['Condition/listed', 'past', '2010-01-01'],
      ['Condition/severe', 'past', '2010-01-01'],
      ['Condition/major', 'past', '2010-01-01'],
    ]);
  });

  it('leaves out entered-in-error and refuted conditions', () => {
    const items = buildProblems(
      [
        input(GP, [
          condition({ id: 'e', verificationStatus: { coding: [{ code: 'entered-in-error' }] } }),
          condition({ id: 'r', verificationStatus: { coding: [{ code: 'refuted' }] } }),
        ]),
      ],
      context(),
    );
    expect(items).toEqual([]);
  });

  it('handles a missing clinical status without hiding the problem', () => {
    const items = buildProblems(
      [
        input(GP, [
          condition({ id: 'open', clinicalStatus: undefined }),
          condition({ id: 'ended', clinicalStatus: undefined, abatementDateTime: '2020-01-01' }),
        ]),
      ],
      context(),
    );
    expect(items.map((p) => [p.provenance.resource, p.status])).toEqual([
      ['Condition/open', 'active'],
      ['Condition/ended', 'past'],
    ]);
  });

  it('leaves out an unknown clinical status code and reads a missing name as Not Known', () => {
    const items = buildProblems(
      [input(GP, [condition({ id: 'x', clinicalStatus: { coding: [{ code: 'made-up' }] } }), condition({ id: 'y', code: undefined })])],
      context(),
    );
    expect(items.map((p) => [p.provenance.resource, p.name])).toEqual([['Condition/y', 'Not Known']]);
  });

  it('names a degraded problem by its own words, with no code to group it by, and keeps a leading Read code out of the name', () => {
    const degraded = (id: string, text: string) =>
      condition({ id, code: { coding: [{ system: SCT, code: '196411000000103', display: 'Transfer-degraded record entry' }], text } });
    const problems = buildProblems([input(GP, [degraded('d1', 'H33.. Asthma'), degraded('d2', 'Fractured neck of femur')])], context());
    expect(problems.map((p) => [p.name, p.code])).toEqual([
      ['Asthma', undefined],
      ['Fractured neck of femur', undefined],
    ]);
  });

  it('orders active first, newest onset first', () => {
    const items = buildProblems(
      [
        input(GP, [
          condition({ id: 'old', onsetDateTime: '1990' }),
          condition({ id: 'past', clinicalStatus: { coding: [{ code: 'inactive' }] }, onsetDateTime: '2024-01-01' }),
        ]),
        input(ACUTE, [condition({ id: 'new', onsetDateTime: '2026-01-01' })]),
      ],
      context(),
    );
    expect(items.map((p) => p.provenance.resource)).toEqual(['Condition/new', 'Condition/old', 'Condition/past']);
  });

  it('skips and reports a condition that cannot be read', () => {
    const skipped: string[] = [];
    const broken = raw({
      ...condition({ id: 'broken', clinicalStatus: { coding: [{ code: 'resolved' }] } }),
      category: 'problem-list-item',
    });
    const items = buildProblems([input(GP, [broken, condition()])], context(skipped));
    expect(items.map((p) => p.provenance.resource)).toEqual(['Condition/c1']);
    expect(skipped).toEqual(['gp:Condition/broken']);
  });
});
