// The kinds of timeline entry, in the order the filters list them, and what
// each is called on screen.

import type { TimelineKind } from './model';

/** Every kind, in the order filters list them. */
export const TIMELINE_KINDS: readonly TimelineKind[] = Object.freeze([
  'ae',
  'admission',
  'outpatient',
  'home-visit',
  'remote',
  'contact',
  'appointment',
  'referral',
  'document',
  'social-care',
  'episode',
  'procedure',
]);

/** What each kind is called on screen (never colour alone). */
export const TIMELINE_KIND_LABELS: Readonly<Record<TimelineKind, string>> = Object.freeze({
  ae: 'A&E attendance',
  admission: 'Hospital admission',
  outpatient: 'Outpatient or clinic',
  'home-visit': 'Home visit',
  remote: 'Remote consultation',
  contact: 'Other contact',
  appointment: 'Appointment',
  referral: 'Referral',
  document: 'Document or letter',
  'social-care': 'Social care',
  episode: 'Episode of care',
  procedure: 'Procedure',
});
