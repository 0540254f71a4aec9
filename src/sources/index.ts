// The fetching layer: one FHIR client per source, paged search, patient
// matching across sources and the record load that ties them together.

export { loadRecord, type LaunchPatient, type LoadRecordOptions, type QueryTemplate, type RecordLoad, type SourceStatus } from './load-record';
export { normaliseBaseUrl, SOURCE_DEFAULTS, type SourceAuth, type SourceConfig } from './source-config';
export { resolveSources, LAUNCHING_SERVER_NAME, type ResolvedSource } from './resolve-sources';
export { FhirHttpClient, FhirRequestError, RequestCache, problemKindOf, type FhirErrorKind, type FhirHttpOptions } from './fhir-http';
export { searchAll, readSearchBundle, type SearchResult, type BundlePage, type SearchOptions } from './search';
export { createAttachmentFetcher, type AttachmentFetcher, type AttachmentFetcherOptions, type AttachmentRequest } from './attachments';
export {
  launchIdentityOf,
  matchPatient,
  nhsNumbersOf,
  type LaunchIdentity,
  type LaunchIdentityOutcome,
  type MatchOutcome,
} from './identity';
