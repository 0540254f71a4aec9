import { describe, expect, it } from 'vitest';
import { elsewhere } from './elsewhere';
import type { SourceRef, TimelineEntry } from './model';

const GP: SourceRef = { name: 'gp', organisation: 'Riverside Medical Practice' };
const SOCIAL: SourceRef = { name: 'social-care', organisation: 'County Council Social Care' };
let n = 0;
const entry = (source: SourceRef, upcoming = false): TimelineEntry => ({
  key: `e${++n}`,
  kind: 'home-visit',
  title: 'Visit',
  date: '2026-01-01',
  status: 'Finished',
  state: 'completed',
  upcoming,
  provenance: { source, resource: `Encounter/${n}` },
});

describe('elsewhere', () => {
  it('an empty social care section points to the social care contacts in the timeline', () => {
    const timeline = [...Array.from({ length: 210 }, () => entry(SOCIAL)), entry(GP), entry(SOCIAL, true)];
    expect(elsewhere('socialCare', timeline)).toEqual({
      text: 'No social care summary recorded; 210 contacts with County Council Social Care in the timeline',
      sources: ['social-care'],
    });
  });

  it('a care team counts contacts with any source, each named', () => {
    expect(elsewhere('careTeam', [entry(GP), entry(GP), entry(SOCIAL)])?.text).toBe(
      'No care team recorded; contacts in the timeline: 2 with Riverside Medical Practice, 1 with County Council Social Care',
    );
  });

  it('nothing elsewhere: nothing to say (the section may then say "None recorded")', () => {
    expect(elsewhere('mentalHealth', [entry(GP)])).toBeUndefined();
    expect(elsewhere('socialCare', [])).toBeUndefined();
  });
});
