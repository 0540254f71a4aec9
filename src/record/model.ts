// The CareRecord: what the viewer shows, built from FHIR resources of many
// sources. Plain data (no DOM, no Lit) so that builders are unit-tested in Node
// and components only render. Every item carries where it came from.
//
// The types live in model/, one file per area; this module gathers them so
// that the rest of the code imports the record's types from one place.

export type * from './model/section';
export type * from './model/input';
export type * from './model/patient';
export type * from './model/alerts';
export type * from './model/allergies';
export type * from './model/medicines';
export type * from './model/care';
export type * from './model/timeline-documents';
export type * from './model/record';
