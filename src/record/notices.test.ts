import { describe, expect, it } from 'vitest';
import { incompleteBySource, otherPatientNotice, truncatedNotice, unreadableNotice, warningNotice } from './notices';
import { ACUTE } from './fixtures';

describe('notices', () => {
  it('says how much was shown when truncated', () => {
    expect(truncatedNotice(ACUTE, 'MedicationRequest', 500, 2310).text).toBe(
      'Weald General Hospital NHS Trust: showing 500 of 2,310 medication records; the rest were not loaded.',
    );
    expect(truncatedNotice(ACUTE, 'Observation', 1, undefined).text).toBe(
      'Weald General Hospital NHS Trust: showing the first 1 result; more were not loaded.',
    );
  });

  it('names the source of a warning and of what was left out, singular and plural', () => {
    expect(warningNotice(ACUTE, 'Results older than 2010 are archived')).toEqual({
      kind: 'warning',
      source: ACUTE,
      text: 'Weald General Hospital NHS Trust: Results older than 2010 are archived',
    });
    expect(unreadableNotice(ACUTE, 1).text).toBe('Weald General Hospital NHS Trust: 1 record could not be read and is not shown.');
    expect(otherPatientNotice(ACUTE, 3)).toMatchObject({
      kind: 'skipped',
      text: 'Weald General Hospital NHS Trust: 3 records not linked to this patient were left out.',
    });
  });
});

describe('truncation says which end is missing, and once per source', () => {
  it('a newest-first search cut short leaves out the oldest', () => {
    expect(truncatedNotice(ACUTE, 'Observation', 2000, 9000, true).text).toBe(
      'Weald General Hospital NHS Trust: showing 2,000 of 9,000 results; the oldest were not loaded.',
    );
    expect(truncatedNotice(ACUTE, 'Observation', 2000, undefined, true).text).toBe(
      'Weald General Hospital NHS Trust: showing the first 2,000 results; older ones were not loaded.',
    );
  });

  it("incompleteBySource gathers each source's cuts from every section, each once", () => {
    const cut = truncatedNotice(ACUTE, 'Encounter', 500, 900, true);
    const byName = incompleteBySource([{ notices: [cut, warningNotice(ACUTE, 'x')] }, { notices: [cut] }, { notices: [] }]);
    expect([...byName.entries()]).toEqual([['acute', [cut.text]]]);
  });
});
