// FHIR AuditEvents the viewer writes (docs/access.md section 6), in the IHE
// Basic Audit "patient read" shape: who (the user, their role and
// organisation, and the viewer as the application), what (the patient by NHS
// number, the sources asked), why (TREAT, or BTG under break-glass) and how it went.

import type { AuditEvent, AuditEventAgent, AuditEventEntity, Coding } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM } from '../format/nhs-number';

export const SDS_USER_SYSTEM = 'https://fhir.nhs.uk/Id/sds-user-id';
export const ODS_CODE_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
/** The shared care record's internal role names (as the sandbox's servers code them too). */
export const USER_ROLE_SYSTEM = 'https://sandbox.example.nhs.uk/CodeSystem/user-role';
/** The viewer's own event codes, beside the standard subtype (what happened, exactly). */
export const VIEWER_EVENT_SYSTEM = 'https://sandbox.example.nhs.uk/CodeSystem/care-record-viewer-event';
/** Record sections by the viewer's names for them (`medications`, `mentalHealth`), for "restricted information opened". */
export const RECORD_SECTION_SYSTEM = 'https://sandbox.example.nhs.uk/CodeSystem/care-record-section';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const RESTFUL = 'http://hl7.org/fhir/restful-interaction';
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
const SECURITY_SOURCE = 'http://terminology.hl7.org/CodeSystem/security-source-type';
const ROLE_CLASS = 'http://terminology.hl7.org/CodeSystem/v3-RoleClass';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

export type AuditKind =
  'record-opened' | 'restricted-opened' | 'record-printed' | 'break-glass-start' | 'break-glass-end' | 'launch-refused';

const EVENT_LABEL: Record<AuditKind, string> = {
  'record-opened': 'Record opened',
  'restricted-opened': 'Restricted information opened',
  'record-printed': 'Record printed',
  'break-glass-start': 'Break-glass started',
  'break-glass-end': 'Break-glass ended',
  'launch-refused': 'Launch refused',
};

/** Who is looking. Unverified for a refused launch (what the link claimed). */
/** The user an audit event names, from the launch's user: codes and ids only. */
export function auditUserOf(user: { sub?: string; fhirUser?: string; role?: string; organisation?: string }): AuditUser {
  return {
    ...((user.sub ?? user.fhirUser) ? { id: user.sub ?? user.fhirUser } : {}),
    ...(user.role ? { role: user.role } : {}),
    ...(user.organisation ? { odsCode: user.organisation } : {}),
  };
}

export interface AuditUser {
  /** SDS user id (the identity provider's `sub`). */
  id?: string;
  name?: string;
  /** Internal role name, e.g. `gp`. */
  role?: string;
  /** ODS code of the user's organisation. */
  odsCode?: string;
}

export interface AuditSource {
  name: string;
  organisation: string;
  odsCode?: string;
}

export interface AuditInput {
  kind: AuditKind;
  /** Unique and stable: the queue and the server use it to keep one copy only. */
  id: string;
  /** ISO 8601. */
  recorded: string;
  user: AuditUser;
  /** The patient's NHS number (10 digits), when known. */
  nhsNumber?: string;
  sources?: readonly AuditSource[];
  /** Names of the sources that did not load in full (a detail `load` = `failed` on each). */
  failedSources?: readonly string[];
  /** The record section concerned, as a code (e.g. the section restricted information was shown in). */
  section?: string;
  /** 0 success, 4 minor failure (e.g. some sources failed), 8 serious failure (refused). */
  outcome?: '0' | '4' | '8';
  /** Plain words: what happened (refusal code, section opened, sources that failed). */
  description?: string;
  /** Set under break-glass: the reason code and the clinician's words. */
  breakGlass?: { reason: string; text?: string };
  /** The viewer's address (its origin), naming the application and the observer. */
  viewer: string;
  /** How the viewer was launched, e.g. `signed-link`. */
  launchMode?: string;
}

/** Builds one AuditEvent; pure, so the same input always gives the same event. */
export function buildAuditEvent(input: AuditInput): AuditEvent {
  const kind = input.kind;
  const event: AuditEvent = {
    resourceType: 'AuditEvent',
    id: input.id,
    type: { system: DCM, code: '110110', display: 'Patient Record' },
    subtype: [
      { system: RESTFUL, code: kind === 'record-opened' ? 'search' : 'read', display: kind === 'record-opened' ? 'search' : 'read' },
      { system: VIEWER_EVENT_SYSTEM, code: kind, display: EVENT_LABEL[kind] },
    ],
    action: kind === 'launch-refused' || kind.startsWith('break-glass') ? 'E' : 'R',
    recorded: input.recorded,
    outcome: input.outcome ?? (kind === 'launch-refused' ? '8' : '0'),
    purposeOfEvent: [{ coding: [purpose(input)] }],
    agent: agents(input),
    source: {
      observer: { display: 'Shared care record viewer', identifier: { value: input.viewer } },
      type: [{ system: SECURITY_SOURCE, code: '1', display: 'End-user display device, diagnostic display' }],
    },
    entity: entities(input),
  };
  const description = outcomeDescription(input);
  if (description) event.outcomeDesc = description;
  return event;
}

function purpose(input: AuditInput): Coding {
  return input.breakGlass
    ? { system: ACT_REASON, code: 'BTG', display: 'break the glass' }
    : { system: ACT_REASON, code: 'TREAT', display: 'treatment' };
}

function agents(input: AuditInput): AuditEventAgent[] {
  const { user } = input;
  const person: AuditEventAgent = {
    type: { coding: [{ system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }] },
    who: {
      ...(user.id ? { identifier: { system: SDS_USER_SYSTEM, value: user.id } } : {}),
      display: user.name ?? user.id ?? 'Unknown user',
    },
    requestor: true,
    ...(user.role ? { role: [{ coding: [{ system: USER_ROLE_SYSTEM, code: user.role }], text: user.role }] } : {}),
    ...(user.id ? { altId: user.id } : {}),
    purposeOfUse: [{ coding: [purpose(input)] }],
  };
  const list: AuditEventAgent[] = [person];
  if (user.odsCode) {
    list.push({
      type: { coding: [{ system: ROLE_CLASS, code: 'PROV', display: 'healthcare provider' }] },
      who: { identifier: { system: ODS_CODE_SYSTEM, value: user.odsCode }, display: user.odsCode },
      requestor: false,
    });
  }
  list.push({
    type: { coding: [{ system: DCM, code: '110150', display: 'Application' }] },
    who: { identifier: { value: input.viewer }, display: 'Shared care record viewer' },
    requestor: false,
    ...(input.launchMode ? { name: `Shared care record viewer (${input.launchMode})` } : {}),
  });
  return list;
}

function entities(input: AuditInput): AuditEventEntity[] {
  const list: AuditEventEntity[] = [];
  // Every event but a refused launch is about the patient; without an NHS number here, the endpoint names them from the token.
  if (input.nhsNumber || input.kind !== 'launch-refused') {
    const detail = input.breakGlass
      ? [
          { type: 'break-glass-reason', valueString: input.breakGlass.reason },
          ...(input.breakGlass.text ? [{ type: 'break-glass-text', valueString: input.breakGlass.text }] : []),
        ]
      : [];
    list.push({
      ...(input.nhsNumber ? { what: { identifier: { system: NHS_NUMBER_SYSTEM, value: input.nhsNumber } } } : {}),
      type: { system: ENTITY_TYPE, code: '1', display: 'Person' },
      role: { system: OBJECT_ROLE, code: '1', display: 'Patient' },
      ...(detail.length ? { detail } : {}),
    });
  }
  const failed = new Set(input.failedSources ?? []);
  for (const source of input.sources ?? []) {
    list.push({
      what: {
        display: source.organisation,
        ...(source.odsCode ? { identifier: { system: ODS_CODE_SYSTEM, value: source.odsCode } } : {}),
      },
      type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
      role: { system: OBJECT_ROLE, code: '24', display: 'Query' },
      name: source.name,
      ...(failed.has(source.name) ? { detail: [{ type: 'load', valueString: 'failed' }] } : {}),
    });
  }
  if (input.section) {
    list.push({
      what: { identifier: { system: RECORD_SECTION_SYSTEM, value: input.section } },
      type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
      role: { system: OBJECT_ROLE, code: '4', display: 'Domain Resource' },
      detail: [{ type: 'section', valueString: input.section }],
    });
  }
  return list;
}

function outcomeDescription(input: AuditInput): string | undefined {
  const parts = [input.description];
  if (input.breakGlass) parts.push(`Break-glass reason: ${[input.breakGlass.reason, input.breakGlass.text].filter(Boolean).join(': ')}`);
  const text = parts.filter(Boolean).join('. ');
  return text || undefined;
}
