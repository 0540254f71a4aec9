import { describe, expect, test } from 'vitest';
import { SECTIONS, sectionNames } from '../../src/record/sections';
import { CHUNK_LOADERS, chunkOfView } from './lazy-chunks';
import { hashFor, isViewId, VIEWS, viewFromHash, type ViewSpec } from './views';

describe('views in the URL', () => {
  test('reads the view from the hash; anything unknown is no view', () => {
    expect(viewFromHash('#view=results')).toBe('results');
    expect(viewFromHash('view=care-plans&x=1')).toBe('care-plans');
    expect(viewFromHash('#x=1&view=mental-health')).toBe('mental-health');
    expect(viewFromHash('')).toBeUndefined();
    expect(viewFromHash('#view=constructor')).toBeUndefined();
    expect(viewFromHash('#/patients/1')).toBeUndefined();
  });

  test('writes the view, keeping other hash parameters', () => {
    expect(hashFor('results')).toBe('#view=results');
    expect(hashFor('people', '#view=results&doc=a')).toBe('#view=people&doc=a');
    expect(hashFor('summary', '#section')).toBe('#view=summary');
    expect(hashFor('results', '#link=eyJhbGciOi&access_token=x&view=people')).toBe('#view=results');
  });

  test('eleven views, summary first, each id unique', () => {
    expect(VIEWS[0].id).toBe('summary');
    expect(new Set(VIEWS.map((v) => v.id)).size).toBe(VIEWS.length);
    expect(VIEWS.every((v) => isViewId(v.id))).toBe(true);
  });

  test('every section of the registry is shown by a view, and every view but the summary renders and loads its chunk', () => {
    const shown = new Set((VIEWS as readonly ViewSpec[]).flatMap((v) => v.sections));
    for (const section of sectionNames(SECTIONS)) expect(shown, section).toContain(section);
    for (const section of shown) expect(sectionNames(SECTIONS)).toContain(section);
    for (const view of VIEWS as readonly ViewSpec[]) {
      expect(view.load().length, view.id).toBeGreaterThan(0);
      expect(typeof view.render, view.id).toBe(view.id === 'summary' ? 'undefined' : 'function');
      expect(typeof CHUNK_LOADERS[chunkOfView(view.id as never)], view.id).toBe('function');
    }
  });
});
