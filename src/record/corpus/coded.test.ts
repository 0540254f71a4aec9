// The conformance corpus of the coded sections: every case, through its
// section's builder, must give what the case says the view shows.

import { describe, expect, it } from 'vitest';
import { buildAllergies } from '../allergies';
import { buildImmunisations } from '../immunisations';
import { buildPatientSummaries } from '../patient';
import { buildProblems } from '../problems';
import { buildProcedures } from '../procedures';
import { buildResults } from '../results/results';
import type { BuildContext } from '../build';
import { ACUTE, context, input } from '../fixtures';
import { malformedReason } from '../validate';
import { ALLERGY_CASES } from './allergies';
import type { CodedCase } from './coded-case';
import { CODED_CORPUS, type CodedSection } from './index';

type Builder = (resources: CodedCase<unknown>['resources'], ctx: BuildContext) => unknown[];

const one = (resources: CodedCase<unknown>['resources']) => [input(ACUTE, resources)];

const BUILDERS: Record<CodedSection, Builder> = {
  allergies: (r, ctx) => buildAllergies(one(r), ctx).items,
  problems: (r, ctx) => buildProblems(one(r), ctx),
  results: (r, ctx) => buildResults(one(r), ctx),
  immunisations: (r, ctx) => buildImmunisations(one(r), ctx),
  procedures: (r, ctx) => buildProcedures(one(r), ctx),
  patient: (r, ctx) => buildPatientSummaries(one(r), ctx),
};

const SECTIONS = CODED_CORPUS.map(([section, cases]) => [section, cases, BUILDERS[section]] as const);

describe.each(SECTIONS)('conformance corpus: %s', (_, cases, build) => {
  it.each(cases.map((c) => [`${c.profile}: ${c.name}`, c] as const))('%s', (_name, c) => {
    // Every fixture is a resource the viewer accepts: a case is about reading, not rejecting.
    for (const resource of c.resources) expect(malformedReason(resource), `${resource.resourceType}/${resource.id}`).toBeUndefined();
    const skipped: string[] = [];
    const built = build(c.resources, context(skipped));
    expect(built).toHaveLength(c.expected.length);
    expect(built).toMatchObject(c.expected);
    expect(skipped).toEqual([]);
  });
});

describe('conformance corpus: allergy status', () => {
  it.each(ALLERGY_CASES.filter((c) => c.statuses).map((c) => [`${c.profile}: ${c.name}`, c] as const))('%s', (_name, c) => {
    expect(buildAllergies(one(c.resources), context()).statuses.map((s) => s.kind)).toEqual(c.statuses);
  });
});

describe('conformance corpus: coverage', () => {
  it('has cases of every profile for every coded section', () => {
    for (const [section, cases] of SECTIONS) {
      const profiles = new Set(cases.map((c) => c.profile));
      const wanted =
        section === 'patient' ? ['UK Core R4', 'IPS', 'US Core (Synthea)'] : ['UK Core R4', 'GP Connect', 'IPS', 'US Core (Synthea)'];
      expect([...profiles].sort(), section).toEqual(wanted.sort());
    }
  });
});
