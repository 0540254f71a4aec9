// The last weeks of contact at a glance, for the summary: how many contacts
// and A&E attendances in the last 90 days (a pattern of attendance shows in a
// count before it shows in a list), then the latest few.

import { toInstant } from '../format/dates';
import type { TimelineEntry, TimelineKind } from './model';

/** What counts as a contact with a service: not letters, referrals or the opening of an episode. */
const CONTACT_KINDS: ReadonlySet<TimelineKind> = new Set([
  'ae',
  'admission',
  'outpatient',
  'home-visit',
  'remote',
  'contact',
  'appointment',
  'social-care',
]);

export interface RecentActivity {
  /** ISO date the window starts. */
  since: string;
  days: number;
  /** Contacts that happened in the window (not cancelled, not upcoming). */
  contacts: TimelineEntry[];
  /** A&E attendances among them, newest first. */
  attendances: TimelineEntry[];
  /** The newest few entries of any kind, for the list. */
  latest: TimelineEntry[];
}

export function recentActivity(timeline: readonly TimelineEntry[], now: Date, days = 90, latest = 5): RecentActivity {
  const from = now.getTime() - days * 86_400_000;
  const past = timeline.filter((e) => !e.upcoming);
  const inWindow = (e: TimelineEntry) => {
    const at = toInstant(e.date)?.getTime();
    return at !== undefined && at >= from && at <= now.getTime();
  };
  const contacts = past.filter((e) => CONTACT_KINDS.has(e.kind) && e.state !== 'cancelled' && e.state !== 'did-not-attend' && inWindow(e));
  return {
    since: new Date(from).toISOString().slice(0, 10),
    days,
    contacts,
    attendances: contacts.filter((e) => e.kind === 'ae'),
    latest: past.slice(0, Math.max(0, latest)),
  };
}
