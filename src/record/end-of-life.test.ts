import { describe, expect, it } from 'vitest';
import { endOfLifeMarkers } from './end-of-life';
import type { CarePlanItem } from './model';

const GP = { name: 'gp', organisation: 'Riverside Medical Practice' };

const plan = (overrides: Partial<CarePlanItem> = {}): CarePlanItem => ({
  kind: 'end-of-life',
  title: 'End of life care plan',
  categories: ['End of life care plan'],
  status: 'active',
  activities: [
    { description: 'Preferred place of care: Oakview Care Home. Preferred place of death: Oakview Care Home.', performers: [] },
    { description: 'Anticipatory ("just in case") medicines kept at the care home: morphine, midazolam.', performers: [] },
    { description: 'Contact Helen Thompson (daughter) on 07700 900123 at any time.', performers: [] },
    { description: 'District nurses visit weekly.', performers: [] },
  ],
  goals: [],
  notes: [],
  restricted: false,
  provenance: { source: GP, resource: 'CarePlan/eol' },
  ...overrides,
});

describe('endOfLifeMarkers', () => {
  it('the key instructions of an active plan, in its own words', () => {
    const [marker] = endOfLifeMarkers([plan()]);
    expect(marker?.preferredPlaceOfDeath).toBe('Oakview Care Home');
    expect(marker?.justInCase).toEqual(['Anticipatory ("just in case") medicines kept at the care home: morphine, midazolam.']);
    expect(marker?.whomToCall).toEqual(['Contact Helen Thompson (daughter) on 07700 900123 at any time.']);
  });

  it('anticipatory care plans count; completed, revoked and other kinds of plan do not', () => {
    expect(endOfLifeMarkers([plan({ kind: 'anticipatory' })])).toHaveLength(1);
    expect(endOfLifeMarkers([plan({ status: 'completed' }), plan({ status: 'revoked' }), plan({ kind: 'crisis' })])).toEqual([]);
  });

  it('a plan that does not say where or whom leaves those out rather than guessing', () => {
    const [marker] = endOfLifeMarkers([plan({ activities: [{ description: 'Keep comfortable.', performers: [] }] })]);
    expect(marker).toMatchObject({ preferredPlaceOfDeath: undefined, justInCase: [], whomToCall: [] });
    const [described] = endOfLifeMarkers([
      plan({ activities: [], description: 'Her preferred place of death is home; she wishes to stay there.' }),
    ]);
    expect(described?.preferredPlaceOfDeath).toBe('home');
  });
});
