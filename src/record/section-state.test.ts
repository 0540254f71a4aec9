import { describe, expect, it } from 'vitest';
import { sectionState } from './section-state';
import { ACUTE, GP, problem } from './fixtures';
import type { SourceProgress } from './model';

const section = (items: unknown[], progress: Record<string, SourceProgress>) => ({ items, progress });

describe('sectionState', () => {
  it('is loading while every source is still loading', () => {
    expect(sectionState(section([], { gp: 'loading', acute: 'loading' }))).toBe('loading');
  });

  it('stays loading, not empty, while one source answered nothing and another is still loading', () => {
    expect(sectionState(section([], { gp: 'loaded', acute: 'loading' }))).toBe('loading');
  });

  it('is loaded as soon as items arrive with no failures', () => {
    expect(sectionState(section(['x'], { gp: 'loaded', acute: 'loading' }))).toBe('loaded');
    expect(sectionState(section(['x'], { gp: 'loaded', acute: 'loaded' }))).toBe('loaded');
  });

  it('is empty when every source answered with nothing', () => {
    expect(sectionState(section([], { gp: 'loaded', acute: 'loaded' }))).toBe('empty');
  });

  it('is partial when some sources failed, with or without items, or still loading', () => {
    expect(sectionState(section(['x'], { gp: 'loaded', acute: problem(ACUTE) }))).toBe('partial');
    expect(sectionState(section([], { gp: 'loaded', acute: problem(ACUTE, 'timed-out') }))).toBe('partial');
    expect(sectionState(section([], { gp: 'loading', acute: problem(ACUTE) }))).toBe('partial');
  });

  it('is failed when every source failed', () => {
    expect(sectionState(section([], { gp: problem(GP), acute: problem(ACUTE, 'timed-out') }))).toBe('failed');
  });

  it('does not count a source that does not hold the patient as a failure', () => {
    expect(sectionState(section([], { gp: 'loaded', acute: problem(ACUTE, 'not-held') }))).toBe('empty');
    expect(sectionState(section(['x'], { gp: 'loaded', acute: problem(ACUTE, 'not-held') }))).toBe('loaded');
  });

  it('counts withheld data as a failure', () => {
    expect(sectionState(section([], { gp: problem(GP, 'withheld') }))).toBe('failed');
    expect(sectionState(section([], { gp: 'loaded', acute: problem(ACUTE, 'timed-out') }))).toBe('partial');
  });

  it('does not count a source left out for this patient as a failure: the source status line explains it once', () => {
    for (const kind of ['identity-mismatch', 'ambiguous', 'no-nhs-number', 'not-held'] as const) {
      expect(sectionState(section([], { gp: 'loaded', acute: problem(ACUTE, kind) })), kind).toBe('empty');
    }
  });

  it('is empty when no source was asked', () => {
    expect(sectionState(section([], {}))).toBe('empty');
  });
});
