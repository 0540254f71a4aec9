import { describe, expect, it } from 'vitest';
import type { MedicationGroup, ProblemItem, SourceRef } from './model';
import { activeSince, episodesText, summariseProblems } from './problem-summary';

const GP: SourceRef = { name: 'gp', organisation: 'Riverside Medical Practice' };
const ACUTE: SourceRef = { name: 'acute', organisation: 'Weald General Hospital NHS Trust' };

let id = 0;
const problem = (name: string, status: ProblemItem['status'], onset: string, extra: Partial<ProblemItem> = {}): ProblemItem => ({
  name,
  status,
  onset,
  ...(status === 'past' ? { resolved: `${onset.slice(0, 4)}-12-01` } : {}),
  provenance: { source: GP, resource: `Condition/${++id}` },
  ...extra,
});
const medicine = (genericName: string): MedicationGroup => ({ key: genericName, genericName, lines: [], conflicts: [] });

describe('summariseProblems', () => {
  it('groups repeat episodes of one problem, across sources, newest first: "9 episodes, last 2019"', () => {
    const asthma = [2011, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2012].map((y) => problem('Asthma', 'past', `${y}-03-01`));
    const summary = summariseProblems([
      ...asthma,
      problem('asthma', 'past', '2010-01-01', { provenance: { source: ACUTE, resource: 'Condition/a' } }),
      problem('Tonsillitis', 'past', '2024-05-31'),
    ]);
    expect(summary.significantPast.map((g) => [g.name, episodesText(g), g.sources.map((s) => s.name)])).toEqual([
      ['Tonsillitis', '2024', ['gp']],
      ['Asthma', '10 episodes, last 2019', ['gp', 'acute']],
    ]);
    expect(summary.active).toEqual([]);
  });

  it('active when any episode is active; past split by significance where the source gives it', () => {
    const summary = summariseProblems([
      problem('Migraine', 'past', '2015-01-01'),
      problem('Migraine', 'active', '2026-01-01'),
      problem('Sprained ankle', 'past', '2020-01-01', { significance: 'minor' }),
      problem('Fracture of neck of femur', 'past', '2021-01-01', { significance: 'major' }),
    ]);
    expect(summary.active.map((g) => [g.name, g.episodes.length, activeSince(g)])).toEqual([['Migraine', 2, '2026-01-01']]);
    expect(summary.significantPast.map((g) => [g.name, g.significance])).toEqual([['Fracture of neck of femur', 'major']]);
    expect(summary.otherPast.map((g) => g.name)).toEqual(['Sprained ankle']);
  });

  it('a long-term condition recorded as resolved while its medicine continues stays active, and says so', () => {
    const summary = summariseProblems(
      [problem('Essential hypertension', 'past', '2017-08-04'), problem('Hypothyroidism', 'past', '2010-01-01')],
      [medicine('Amlodipine')],
    );
    expect(summary.active.map((g) => [g.name, g.conflict])).toEqual([
      ['Essential hypertension', 'recorded as resolved 01-Dec-2017 (Riverside Medical Practice) but Amlodipine continues'],
    ]);
    // No levothyroxine among the current medicines: resolved is taken as recorded.
    expect(summary.significantPast.map((g) => [g.name, g.conflict])).toEqual([['Hypothyroidism', undefined]]);
  });

  it('an episode without a date reads "date Not Known", never a guess', () => {
    const [group] = summariseProblems([
      { name: 'Gout', status: 'past', provenance: { source: GP, resource: 'Condition/x' } },
    ]).significantPast;
    expect(episodesText(group!)).toBe('date Not Known');
  });
});
