// The code of the summary's sections other than the banner and the alerts
// (which are the record page's own): their elements, and the builders of
// every section. A module of its own, with nothing but the imports, so that
// the record page can ask for it once the token is here (before
// <care-record> exists) and <care-record> asks for the same modules again
// (lazy-chunks.ts), evaluated once.

/** Fetches and evaluates the summary's elements and the section builders. */
export function loadSummaryCode(): Promise<unknown> {
  return Promise.all([
    import('../medication-list/medication-list'),
    import('../allergy-list/allergy-list'),
    import('../problem-list/problem-list'),
    import('../procedure-list/procedure-list'),
    import('../recent-contacts/recent-contacts'),
    import('../current-location/current-location'),
    import('../../src/record/section-builders'),
  ]);
}
