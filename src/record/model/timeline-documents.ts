// Contacts, appointments, referrals and other events on the timeline, and letters and documents.

import type { Provenance } from './section';

/** What kind of contact a timeline entry is; also the values of the `tl-kind` filter. */
export type TimelineKind =
  | 'ae'
  | 'admission'
  | 'outpatient'
  | 'home-visit'
  | 'remote'
  | 'contact'
  | 'appointment'
  | 'referral'
  | 'document'
  | 'social-care'
  | 'episode'
  | 'procedure';

/** One contact, appointment, referral, document or social care event. */
export interface TimelineEntry {
  /** Unique within the record: `source:Type/id` (a document's is its DocumentItem key). */
  key: string;
  kind: TimelineKind;
  /** What it was about, e.g. "Hypoglycaemia", "Referral: Cardiology". */
  title: string;
  /** Secondary text, e.g. the encounter type or the appointment's service. */
  description?: string;
  /** When it started, was written or is due; ISO 8601, possibly partial. */
  date?: string;
  /** When it ended (discharge, end of an appointment, case closed). */
  end?: string;
  /** Where: ward, clinic, department or organisation. */
  where?: string;
  /** Who: clinician, care manager, referrer or author. */
  who?: string;
  /** Status as shown, e.g. "Discharged", "In progress", "Cancelled", "Did not attend", "Booked". */
  status: string;
  state: 'planned' | 'in-progress' | 'active' | 'completed' | 'cancelled' | 'did-not-attend' | 'unknown';
  /** Dated after the time the record was built: shown apart, under "Upcoming". */
  upcoming: boolean;
  provenance: Provenance;
}

/** One rendition of a document's content. */
export interface DocumentAttachment {
  /** How the viewer shows it: HTML sanitised, text as text, PDF from a blob, anything else as a download. */
  format: 'html' | 'text' | 'pdf' | 'other';
  contentType?: string;
  title?: string;
  /** The content inline, base64 (`Attachment.data`). Untrusted. */
  data?: string;
  /** Where to fetch it when not inline, as sent: relative to the source's FHIR base, or absolute. */
  url?: string;
  size?: number;
}

/** A Composition section's narrative; nested sections follow their parent with a greater depth. */
export interface DocumentSection {
  title?: string;
  /** Untrusted XHTML (`section.text.div`). */
  narrative?: string;
  depth: number;
}

/** A letter, discharge summary or other document (DocumentReference or Composition). */
export interface DocumentItem {
  /** Unique within the record: `source:Type/id`. */
  key: string;
  title: string;
  /** e.g. "Discharge summary". */
  type?: string;
  /** e.g. "Letter". */
  category?: string;
  date?: string;
  author?: string;
  /** The organisation holding it. */
  custodian?: string;
  /** `Encounter/id` at the same source, when the document belongs to a contact. */
  encounter?: string;
  /** As shown, e.g. "Final", "Superseded". */
  status: string;
  superseded: boolean;
  /** DocumentReference content, in the order sent. */
  attachments: DocumentAttachment[];
  /** Composition narrative (`text.div`), untrusted XHTML. */
  narrative?: string;
  /** Composition sections, flattened in reading order. */
  sections: DocumentSection[];
  provenance: Provenance;
}
