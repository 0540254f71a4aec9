// Contacts and documents for component tests, modelled on
// docs/sandbox-patients.md: THOMPSON's fall and admission, PATEL's
// hypoglycaemia and missed appointment, and the letters each had.

import type { DocumentItem, TimelineEntry } from '../../src/record/model';
import { ACUTE, COMMUNITY, prov } from './source-fixtures';

// ------------------------------------------------------------------ THOMPSON

/** THOMPSON's contacts: admitted through A&E after a fall two days ago, still on Ward 7. */
export const thompsonTimeline: TimelineEntry[] = [
  {
    key: 'acute:Encounter/adm',
    kind: 'admission',
    title: 'Fall',
    description: 'Hospital admission',
    date: '2026-11-20T16:30:00Z',
    where: 'Ward 7 (Elderly Care), Bed 12',
    who: 'GRANT, Fiona (Dr)',
    status: 'Currently admitted',
    state: 'in-progress',
    upcoming: false,
    provenance: prov(ACUTE, 'Encounter/adm', '2026-11-20T16:30:00Z', 'GRANT, Fiona (Dr)'),
  },
  {
    key: 'acute:Encounter/ae',
    kind: 'ae',
    title: 'Fall',
    description: 'Emergency department patient visit',
    date: '2026-11-20T11:05:00Z',
    end: '2026-11-20T16:30:00Z',
    where: 'Emergency Department',
    who: 'OSEI, Kwame (Dr)',
    status: 'Finished',
    state: 'completed',
    upcoming: false,
    provenance: prov(ACUTE, 'Encounter/ae', '2026-11-20T11:05:00Z', 'OSEI, Kwame (Dr)'),
  },
  {
    key: 'community:Encounter/dn',
    kind: 'home-visit',
    title: 'Leg ulcer dressing and pressure area care',
    description: 'District nursing visit',
    date: '2026-11-13T10:15:00Z',
    end: '2026-11-13T10:45:00Z',
    who: 'LEE, Mei',
    status: 'Finished',
    state: 'completed',
    upcoming: false,
    provenance: prov(COMMUNITY, 'Encounter/dn', '2026-11-13T10:15:00Z', 'LEE, Mei'),
  },
  {
    key: 'acute:DocumentReference/ds',
    kind: 'document',
    title: 'Discharge summary: Ward 7',
    description: 'Discharge summary',
    date: '2026-08-25T15:00:00Z',
    where: 'Weald General Hospital NHS Trust',
    who: 'GRANT, Fiona (Dr)',
    status: 'Final',
    state: 'completed',
    upcoming: false,
    provenance: prov(ACUTE, 'DocumentReference/ds', '2026-08-25T15:00:00Z', 'GRANT, Fiona (Dr)'),
  },
];

export const thompsonDischargeSummary: DocumentItem = {
  key: 'acute:DocumentReference/ds',
  title: 'Discharge summary: Ward 7',
  type: 'Discharge summary',
  category: 'Letter',
  date: '2026-08-25T15:00:00Z',
  author: 'GRANT, Fiona (Dr)',
  custodian: 'Weald General Hospital NHS Trust',
  status: 'Final',
  superseded: false,
  attachments: [
    { format: 'text', contentType: 'text/plain', data: btoa('Discharged home to Oakview Care Home.\nAmlodipine 10 mg once daily.') },
  ],
  sections: [],
  provenance: prov(ACUTE, 'DocumentReference/ds', '2026-08-25T15:00:00Z', 'GRANT, Fiona (Dr)'),
};

// ------------------------------------------------------------------ PATEL

/** PATEL's A&E letter as the acute trust sends it: hostile markup that must render inert. */
export const PATEL_LETTER_HTML =
  '<h1>Emergency department discharge letter</h1><p>Capillary glucose on arrival was <strong>2.1 mmol/L</strong>.</p>' +
  '<script>alert(1)</script><p>She had missed her evening meal. <img src=x onerror=alert(1)> Review with the diabetes specialist nurse.</p>' +
  '<p><a href="javascript:alert(1)">Click here for the full record</a></p><p>Dr Kwame OSEI, Emergency Department</p>';

export const patelLetter: DocumentItem = {
  key: 'acute:DocumentReference/ae-letter',
  title: 'Emergency department discharge letter: hypoglycaemia',
  type: 'Discharge summary',
  category: 'Letter',
  date: '2026-10-11T02:10:00Z',
  author: 'OSEI, Kwame (Dr)',
  custodian: 'Weald General Hospital NHS Trust',
  status: 'Final',
  superseded: false,
  attachments: [{ format: 'html', contentType: 'text/html', data: btoa(PATEL_LETTER_HTML) }],
  sections: [],
  provenance: prov(ACUTE, 'DocumentReference/ae-letter', '2026-10-11T02:10:00Z', 'OSEI, Kwame (Dr)'),
};

/** Upcoming first, then newest first, as the builder orders them. */
export const patelTimeline: TimelineEntry[] = [
  {
    key: 'community:Appointment/next',
    kind: 'appointment',
    title: 'Diabetes specialist nurse review: continuous glucose monitoring and HbA1c',
    description: 'Diabetes specialist nursing',
    date: '2026-12-13T14:00:00Z',
    end: '2026-12-13T14:30:00Z',
    where: 'Diabetes Centre',
    who: 'RAO, Anita, Diabetes specialist nurse',
    status: 'Booked',
    state: 'planned',
    upcoming: true,
    provenance: prov(COMMUNITY, 'Appointment/next', '2026-11-15T14:00:00Z'),
  },
  {
    key: 'community:Appointment/missed',
    kind: 'appointment',
    title: 'Diabetes specialist nurse review: continuous glucose monitoring',
    description: 'Diabetes specialist nursing',
    date: '2026-11-08T14:00:00Z',
    where: 'Diabetes Centre',
    status: 'Did not attend',
    state: 'did-not-attend',
    upcoming: false,
    provenance: prov(COMMUNITY, 'Appointment/missed'),
  },
  {
    key: 'acute:DocumentReference/ae-letter',
    kind: 'document',
    title: 'Emergency department discharge letter: hypoglycaemia',
    description: 'Discharge summary',
    date: '2026-10-11T02:10:00Z',
    where: 'Weald General Hospital NHS Trust',
    who: 'OSEI, Kwame (Dr)',
    status: 'Final',
    state: 'completed',
    upcoming: false,
    provenance: prov(ACUTE, 'DocumentReference/ae-letter', '2026-10-11T02:10:00Z', 'OSEI, Kwame (Dr)'),
  },
  {
    key: 'acute:Encounter/ae',
    kind: 'ae',
    title: 'Hypoglycaemia',
    description: 'Emergency department patient visit',
    date: '2026-10-10T21:40:00Z',
    end: '2026-10-11T01:50:00Z',
    where: 'Emergency Department',
    who: 'OSEI, Kwame (Dr)',
    status: 'Finished',
    state: 'completed',
    upcoming: false,
    provenance: prov(ACUTE, 'Encounter/ae', '2026-10-10T21:40:00Z', 'OSEI, Kwame (Dr)'),
  },
];
