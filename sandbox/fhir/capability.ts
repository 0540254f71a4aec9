// The CapabilityStatement each source serves at /metadata: what it holds, the
// searches it answers, and where its SMART authorisation server is.
import type { CapabilityStatement, CapabilityStatementRestResource, Extension, ResourceType } from '@medplum/fhirtypes';
import { supportedSearchParams } from './search';

/** The types the viewer reads (docs/fhir-conventions.md); any other type present in the data is listed too. */
export const VIEWER_RESOURCE_TYPES: readonly ResourceType[] = [
  'AllergyIntolerance',
  'Appointment',
  'CarePlan',
  'CareTeam',
  'Composition',
  'Condition',
  'Consent',
  'DiagnosticReport',
  'DocumentReference',
  'Encounter',
  'EpisodeOfCare',
  'Flag',
  'Immunization',
  'Location',
  'Medication',
  'MedicationAdministration',
  'MedicationDispense',
  'MedicationRequest',
  'MedicationStatement',
  'Observation',
  'Organization',
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Procedure',
  'RelatedPerson',
  'ServiceRequest',
];

const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';
const ENDPOINTS: readonly [string, string][] = [
  ['authorization_endpoint', 'authorize'],
  ['token_endpoint', 'token'],
  ['revocation_endpoint', 'revoke'],
  ['introspection_endpoint', 'introspect'],
  ['registration_endpoint', 'register'],
  ['management_endpoint', 'manage'],
];

export interface CapabilityInput {
  baseUrl: string;
  organisation: string;
  smartConfiguration: Record<string, unknown>;
  resourceTypes: readonly ResourceType[];
  date: string;
  /** The most entries a client's read-only batch may hold. */
  maxBatchEntries: number;
}

export function capabilityStatement(input: CapabilityInput): CapabilityStatement {
  const types = [...new Set(input.resourceTypes)].sort();
  const oauthUris: Extension[] = ENDPOINTS.flatMap(([key, url]) => {
    const value = input.smartConfiguration[key];
    return typeof value === 'string' ? [{ url, valueUri: value }] : [];
  });
  const referenceParams = new Map(types.map((t) => [t, supportedSearchParams(t).filter((p) => p.type === 'reference')]));

  const resource = types.map((type): CapabilityStatementRestResource => {
    const params = supportedSearchParams(type).sort((a, b) => a.code.localeCompare(b.code));
    const revIncludes = types.flatMap((other) =>
      (referenceParams.get(other) ?? []).filter((p) => p.target?.includes(type)).map((p) => `${other}:${p.code}`),
    );
    return {
      type,
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      versioning: 'no-version',
      readHistory: false,
      updateCreate: false,
      searchInclude: (referenceParams.get(type) ?? []).map((p) => `${type}:${p.code}`),
      searchRevInclude: revIncludes,
      searchParam: params.map((p) => ({
        name: p.code,
        type: p.type,
        ...(p.url ? { definition: p.url } : {}),
      })),
    };
  });

  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: input.date,
    publisher: input.organisation,
    kind: 'instance',
    software: { name: 'Shared care record sandbox FHIR server (medplum fhir-router)' },
    implementation: { description: `${input.organisation} (sandbox)`, url: input.baseUrl },
    fhirVersion: '4.0.1',
    format: ['json', 'application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation:
          "Read-only for clients: read and search need a SMART bearer token and return only the token's patient. " +
          'Searches page with _count (default 50, max 1000) and _offset; every searchset has a total. ' +
          'Unknown or unsupported search parameters are refused with 400. ' +
          `With a bearer token, a batch Bundle POSTed to the base may hold up to ${input.maxBatchEntries} GET reads and searches, each answered as its GET would be; ` +
          "without a token, transaction and batch Bundles POSTed to the base are the source system's feed.",
        security: {
          cors: true,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          extension: [{ url: OAUTH_URIS, extension: oauthUris }],
        },
        resource,
        interaction: [
          {
            code: 'transaction',
            documentation: "The source system's feed only: without a token; create, update, patch and delete entries",
          },
          {
            code: 'batch',
            documentation:
              `With a bearer token: up to ${input.maxBatchEntries} entries, all GET reads or searches (URLs relative to this base); ` +
              'each entry answered in order with the status and resource (or OperationOutcome) its GET would give. ' +
              "Without a token: the source system's feed, like transaction.",
          },
        ],
        searchParam: [
          { name: '_count', type: 'number', documentation: 'Page size: default 50, at most 1000' },
          { name: '_offset', type: 'number', documentation: 'Index of the first match on the page (used by next links)' },
          { name: '_sort', type: 'string' },
          { name: '_summary', type: 'token', documentation: 'Only count is honoured' },
        ],
      },
    ],
  };
}
