import { describe, expect, it } from 'vitest';
import type { FlagAlert, TimelineEntry } from './model';
import { repeatedAttendances } from './safeguarding';

const SOCIAL = { name: 'social-care', organisation: 'County Council Social Care' };
const ACUTE = { name: 'acute', organisation: 'Weald General Hospital NHS Trust' };
const NOW = new Date('2026-11-22T12:00:00Z');
const flag: FlagAlert = {
  category: 'safeguarding',
  text: 'Subject of a child protection plan (category: neglect)',
  why: '',
  provenance: { source: SOCIAL, resource: 'Flag/f' },
};
let n = 0;
const ae = (date: string, title: string): TimelineEntry => ({
  key: `e${++n}`,
  kind: 'ae',
  title,
  date,
  status: 'Finished',
  state: 'completed',
  upcoming: false,
  provenance: { source: ACUTE, resource: `Encounter/${n}` },
});
const three = [
  ae('2026-11-18T19:00:00Z', 'Fracture of the right forearm'),
  ae('2026-11-01T10:00:00Z', 'Scald'),
  ae('2026-10-01T08:00:00Z', 'Head injury'),
];

describe('repeatedAttendances', () => {
  it('a child under a safeguarding flag with three A&E attendances in eight weeks: summed up, with dates and reasons', () => {
    expect(repeatedAttendances(flag, three, '2020-05-01', NOW)).toEqual({
      count: 3,
      text: '3 A&E attendances in the last 8 weeks (18-Nov-2026 Fracture of the right forearm; 01-Nov-2026 Scald; 01-Oct-2026 Head injury)',
    });
  });

  it('nothing to sum up: one attendance, an adult, a flag that is not safeguarding, or no date of birth', () => {
    expect(repeatedAttendances(flag, three.slice(0, 1), '2020-05-01', NOW)).toBeUndefined();
    expect(repeatedAttendances(flag, three, '1980-05-01', NOW)).toBeUndefined();
    expect(repeatedAttendances({ ...flag, category: 'clinical' }, three, '2020-05-01', NOW)).toBeUndefined();
    expect(repeatedAttendances(flag, three, undefined, NOW)).toBeUndefined();
    expect(repeatedAttendances(flag, three, '2026-01-01', NOW)?.count).toBe(3);
  });
});
