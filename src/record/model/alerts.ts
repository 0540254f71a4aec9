// What is shown first: advance decisions (ReSPECT, DNACPR) and flags.

import type { Provenance } from './section';

/** ReSPECT, DNACPR, advance decision to refuse treatment. */
export interface AdvanceDecision {
  /** e.g. "ReSPECT form", "DNACPR decision". */
  document: string;
  /** The recommendation exactly as recorded, e.g. "Not for CPR". */
  recommendation: string;
  status: 'current' | 'superseded';
  date?: string;
  author?: string;
  /** The form's clinical recommendations (treatment focus, ceilings of care), when a source sends them. */
  plan?: RespectPlan;
  provenance: Provenance;
}

/**
 * A ReSPECT form's clinical recommendations for emergency care and treatment,
 * as written (docs/fhir-conventions.md, "ReSPECT recommendations").
 */
export interface RespectPlan {
  /** The clinician's treatment focus as written, e.g. "Prioritise comfort", placed between comfort and life-sustaining treatment. */
  focus?: { text: string; detail?: string; towards?: 'comfort' | 'life-sustaining' };
  /** Ceilings of care and other recommendations, as written, in the form's order. */
  recommendations: { text: string; detail?: string }[];
  /** The person's own priority: 0 (sustaining life) to 100 (comfort) on the ReSPECT scale, and what matters most to them. */
  personPriority?: { scale?: number; statement?: string };
  provenance: Provenance;
}

export interface FlagAlert {
  category: 'safeguarding' | 'clinical' | 'behavioural' | 'reasonable-adjustment' | 'administrative' | 'other';
  /** What the flag says, e.g. "Subject of child protection plan". */
  text: string;
  /** Why this alert is shown (e.g. "Active safeguarding flag recorded by County Council Social Care"). */
  why: string;
  since?: string;
  /** The plan behind the flag (its `flag-detail`, or the source's child protection plan), with what to do and whom to call. */
  plan?: {
    title: string;
    /** The plan's instructions, as written, e.g. "Any injury or A&E attendance is reported to the allocated social worker the same day." */
    instructions: string[];
    /** Its contacts with phone numbers (out of hours included), as written. */
    contacts: string[];
    provenance: Provenance;
  };
  provenance: Provenance;
}
