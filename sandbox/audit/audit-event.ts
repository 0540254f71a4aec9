// AuditEvents as the sandbox's servers write them (docs/access.md section 6,
// after IHE Basic Audit Log Patterns' "patient read"): one per FHIR request
// that released or refused data, one per launch (completed or refused), and one
// for each start and end of break-glass. The viewer writes its own in the same
// shape; the privacy officer's page reads both.
import type { AuditEvent, AuditEventAgent, AuditEventEntity, Coding } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM, ODS_CODE_SYSTEM, SDS_USER_SYSTEM, SOURCES, VIEWER_CLIENT_ID, type SourceName, type UserRole } from '../config';
import type { AuthAuditRecord } from '../auth/events';
import { BREAK_GLASS_REASONS, type AccessGrant, type BreakGlass, type PurposeOfUse } from '../auth/grant';
import { organisationName, userDisplayName } from '../auth/pages';
import { userById } from '../auth/users';
import type { RefusalEvent, ReleaseEvent, RequestParty } from '../fhir/release-events';
import { ROLES } from '../idp/roles';

export const SYSTEMS = {
  dcm: 'http://dicom.nema.org/resources/ontology/DCM',
  auditEventType: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  restfulInteraction: 'http://hl7.org/fhir/restful-interaction',
  /** The sandbox's own subtypes: launches, refusals, break-glass, viewer actions. */
  auditSubtype: 'https://sandbox.example.nhs.uk/CodeSystem/audit-subtype',
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  roleClass: 'http://terminology.hl7.org/CodeSystem/v3-RoleClass',
  entityType: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
  objectRole: 'http://terminology.hl7.org/CodeSystem/object-role',
  securitySourceType: 'http://terminology.hl7.org/CodeSystem/security-source-type',
  jobRole: 'https://fhir.nhs.uk/CodeSystem/NHSDigital-SDS-JobRoleCode',
  userRole: 'https://sandbox.example.nhs.uk/CodeSystem/user-role',
  clientId: 'https://sandbox.example.nhs.uk/Id/client-id',
  fhirSource: 'https://sandbox.example.nhs.uk/Id/fhir-source',
} as const;

export const PATIENT_RECORD: Coding = { system: SYSTEMS.dcm, code: '110110', display: 'Patient Record' };
const REST: Coding = { system: SYSTEMS.auditEventType, code: 'rest', display: 'RESTful Operation' };
const PURPOSES: Record<PurposeOfUse, Coding> = {
  TREAT: { system: SYSTEMS.actReason, code: 'TREAT', display: 'treatment' },
  BTG: { system: SYSTEMS.actReason, code: 'BTG', display: 'break the glass' },
};

interface Who {
  userId?: string;
  clientId: string;
  role?: UserRole;
}

/** The user (requestor), their organisation, and the application they used. */
function agents(who: Who): AuditEventAgent[] {
  const user = userById(who.userId);
  const result: AuditEventAgent[] = [];
  if (who.userId) {
    const role = ROLES[who.role ?? user?.role ?? 'gp'];
    const internal = who.role ?? user?.role;
    result.push({
      type: { coding: [{ system: SYSTEMS.participationType, code: 'IRCP', display: 'information recipient' }] },
      who: { identifier: { system: SDS_USER_SYSTEM, value: who.userId }, display: user ? userDisplayName(user) : who.userId },
      requestor: true,
      ...(internal
        ? {
            role: [
              {
                coding: [
                  { system: SYSTEMS.jobRole, code: role.jobRole.roleCode, display: role.jobRole.display },
                  { system: SYSTEMS.userRole, code: internal, display: ROLES[internal].label },
                ],
              },
            ],
          }
        : {}),
    });
  }
  if (user) {
    result.push({
      type: { coding: [{ system: SYSTEMS.roleClass, code: 'PROV', display: 'healthcare provider' }] },
      who: { identifier: { system: ODS_CODE_SYSTEM, value: user.odsCode }, display: organisationName(user.odsCode) },
      requestor: false,
    });
  }
  result.push({
    type: { coding: [{ system: SYSTEMS.dcm, code: '110150', display: 'Application' }] },
    who: {
      identifier: { system: SYSTEMS.clientId, value: who.clientId },
      display: who.clientId === VIEWER_CLIENT_ID ? 'Shared care record viewer' : who.clientId,
    },
    requestor: !who.userId,
  });
  return result;
}

function patientEntity(
  nhsNumber: string | undefined,
  local?: { source?: SourceName; id?: string },
  breakGlass?: BreakGlass,
): AuditEventEntity | undefined {
  if (!nhsNumber && !local?.id) return undefined;
  const detail = breakGlass
    ? [
        { type: 'break-glass-reason', valueString: breakGlass.reason },
        ...(breakGlass.text ? [{ type: 'break-glass-text', valueString: breakGlass.text }] : []),
      ]
    : [];
  return {
    what: nhsNumber
      ? { identifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } }
      : { reference: `Patient/${local?.id}`, display: `Patient ${local?.id} at ${local?.source}` },
    type: { system: SYSTEMS.entityType, code: '1', display: 'Person' },
    role: { system: SYSTEMS.objectRole, code: '1', display: 'Patient' },
    ...(detail.length ? { detail } : {}),
  };
}

function sourceEntity(source: SourceName, description?: string, query?: string): AuditEventEntity {
  const organisation = SOURCES.find((s) => s.name === source)?.organisation ?? source;
  return {
    what: { identifier: { system: SYSTEMS.fhirSource, value: source }, display: `${organisation} (${source})` },
    type: { system: SYSTEMS.entityType, code: '2', display: 'System Object' },
    role: { system: SYSTEMS.objectRole, code: '24', display: 'Query' },
    name: source,
    ...(description ? { description } : {}),
    ...(query ? { query: Buffer.from(query, 'utf8').toString('base64') } : {}),
  };
}

function purpose(purposeOfUse: PurposeOfUse | undefined, breakGlass?: BreakGlass): AuditEvent['purposeOfEvent'] {
  const code = purposeOfUse ?? 'TREAT';
  return [{ coding: [PURPOSES[code]], ...(code === 'BTG' && breakGlass ? { text: breakGlassText(breakGlass) } : {}) }];
}

export function breakGlassText(breakGlass: Pick<BreakGlass, 'reason' | 'text'>): string {
  const reason = BREAK_GLASS_REASONS[breakGlass.reason];
  return breakGlass.text ? `${reason}: ${breakGlass.text}` : reason;
}

function observer(display: string, odsCode?: string): AuditEvent['source'] {
  return {
    observer: { display, ...(odsCode ? { identifier: { system: ODS_CODE_SYSTEM, value: odsCode } } : {}) },
    type: [{ system: SYSTEMS.securitySourceType, code: '4', display: 'Application Server' }],
  };
}

function sourceObserver(source: SourceName): AuditEvent['source'] {
  const organisation = SOURCES.find((s) => s.name === source);
  return observer(`FHIR server ${source} (${organisation?.organisation ?? source})`, organisation?.odsCode);
}

const AUTH_OBSERVER = 'Shared care record authorisation server';

function typesReleased(resourceTypes: Record<string, number>): string {
  const parts = Object.entries(resourceTypes).map(([type, n]) => `${type} ×${n}`);
  return parts.length ? parts.join(', ') : 'nothing matched';
}

/** A FHIR server released data. */
export function releaseAuditEvent(event: ReleaseEvent): AuditEvent {
  const withheld = event.withheld ? `; ${event.withheld} withheld` : '';
  return requestAuditEvent(event, {
    outcome: '0',
    ...(event.withheld ? { outcomeDesc: `${event.withheld} resources withheld by access rules` } : {}),
    description: `${typesReleased(event.resourceTypes)}${withheld}`,
  });
}

/** A FHIR server refused a request by an access rule. */
export function refusalAuditEvent(event: RefusalEvent): AuditEvent {
  return requestAuditEvent(event, { outcome: '4', outcomeDesc: event.code, description: `refused: ${event.code}` });
}

/** One read or search a FHIR server answered: by whom, for whom, and (`description`) what the source gave. */
function requestAuditEvent(event: RequestParty, answer: { outcome: '0' | '4'; outcomeDesc?: string; description: string }): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    type: REST,
    subtype: [{ system: SYSTEMS.restfulInteraction, code: event.interaction, display: event.interaction }],
    action: 'R',
    recorded: event.at,
    outcome: answer.outcome,
    ...(answer.outcomeDesc ? { outcomeDesc: answer.outcomeDesc } : {}),
    purposeOfEvent: purpose(event.purposeOfUse, event.breakGlass),
    agent: agents(event),
    source: sourceObserver(event.source),
    entity: [
      ...optional(patientEntity(event.patient?.nhsNumber, event.patient, event.breakGlass)),
      sourceEntity(event.source, answer.description, event.request),
    ],
  };
}

const AUTH_SUBTYPES: Record<AuthAuditRecord['kind'], string> = {
  launch: 'Launch',
  'launch-refused': 'Launch refused',
  'break-glass-start': 'Break-glass started',
  'break-glass-end': 'Break-glass ended',
};

/** The authorisation server completed or refused a launch, or break-glass started or ended. */
export function authAuditEvent(record: AuthAuditRecord): AuditEvent {
  const breakGlass = record.kind === 'break-glass-start' || record.kind === 'break-glass-end' ? record.breakGlass : undefined;
  const outcome =
    record.kind === 'launch-refused'
      ? { outcome: '8' as const, outcomeDesc: record.code }
      : record.kind === 'break-glass-end'
        ? {
            outcome: '0' as const,
            outcomeDesc: record.ended === 'expired' ? 'break-glass access expired' : 'break-glass access ended by the user',
          }
        : { outcome: '0' as const };
  const launchDetail =
    record.kind === 'launch' || record.kind === 'launch-refused'
      ? `${record.launch === 'link' ? 'signed context link' : record.launch === 'ehr' ? 'SMART EHR launch' : 'SMART standalone launch'}${record.linkIssuer ? ` from ${record.linkIssuer}` : ''}${record.kind === 'launch-refused' ? `: ${record.detail}` : ''}`
      : undefined;
  return {
    resourceType: 'AuditEvent',
    type: PATIENT_RECORD,
    subtype: [{ system: SYSTEMS.auditSubtype, code: record.kind, display: AUTH_SUBTYPES[record.kind] }],
    action: 'E',
    recorded: record.at,
    ...outcome,
    purposeOfEvent: purpose(breakGlass ? 'BTG' : undefined, breakGlass),
    agent: agents(record),
    source: observer(AUTH_OBSERVER),
    entity: [
      ...optional(patientEntity(record.patient?.nhsNumber, record.patient, breakGlass)),
      ...(launchDetail
        ? [
            {
              what: { display: launchDetail },
              type: { system: SYSTEMS.entityType, code: '2', display: 'System Object' },
              role: { system: SYSTEMS.objectRole, code: '3', display: 'Report' },
              ...(record.kind === 'launch' && record.intent ? { detail: [{ type: 'intent', valueString: record.intent }] } : {}),
            },
          ]
        : []),
    ],
  };
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

/** The viewer's event codes (care-record-viewer-event) and how the privacy officer's page names them. */
const VIEWER_EVENT_SYSTEM = 'https://sandbox.example.nhs.uk/CodeSystem/care-record-viewer-event';
const VIEWER_EVENTS: Record<string, string> = {
  'record-opened': 'Record opened',
  'restricted-opened': 'Restricted information opened',
  'record-printed': 'Summary printed',
  'break-glass-start': 'Break-glass started',
  'break-glass-end': 'Break-glass ended',
  'launch-refused': 'Launch refused',
};

/** Channel tags on stored viewer events: sent with a token (attested), or without one (what a refused link claimed). */
export const AUDIT_CHANNEL_SYSTEM = 'https://sandbox.example.nhs.uk/CodeSystem/audit-channel';

/**
 * A viewer's event as stored: who (the user, their organisation, the
 * application) and whom (the patient) are the token's, whatever the event
 * said; what happened, when, why and how it went are the event's. The viewer
 * sends ids and codes only (src/audit/minimal-event.ts): names are added here.
 */
export function attestedViewerEvent(event: AuditEvent, grant: AccessGrant): AuditEvent {
  const sentPatient = (event.entity ?? []).find((e) => e.role?.code === '1');
  const reason = sentPatient?.detail?.find((d) => d.type === 'break-glass-reason' && d.valueString && d.valueString in BREAK_GLASS_REASONS);
  const patient = patientEntity(grant.patient?.nhsNumber, grant.patient);
  const others = (event.entity ?? []).filter((e) => e.role?.code !== '1').map(namedEntity);
  return {
    ...event,
    meta: { ...event.meta, tag: [{ system: AUDIT_CHANNEL_SYSTEM, code: 'attested', display: "Sent with the user's token" }] },
    subtype: (event.subtype ?? []).map((c) =>
      c.system === VIEWER_EVENT_SYSTEM && c.code && VIEWER_EVENTS[c.code] ? { ...c, display: VIEWER_EVENTS[c.code] } : c,
    ),
    agent: agents({
      clientId: grant.clientId,
      ...(grant.userId ? { userId: grant.userId } : {}),
      ...(grant.role ? { role: grant.role } : {}),
    }),
    source: { ...event.source, observer: { ...event.source?.observer, display: 'Shared care record viewer' } },
    entity: [...optional(patient && (reason ? { ...patient, detail: [reason] } : patient)), ...others],
  };
}

/** A source or section entity sent as codes, with its name for the page. */
function namedEntity(entity: AuditEventEntity): AuditEventEntity {
  const source = SOURCES.find((s) => s.name === entity.name);
  const section = entity.detail?.find((d) => d.type === 'section')?.valueString;
  const failed = entity.detail?.some((d) => d.type === 'load' && d.valueString === 'failed');
  const display = source ? `${source.organisation} (${source.name})` : section ? `Record section: ${section}` : undefined;
  return {
    ...entity,
    ...(display ? { what: { ...entity.what, display } } : {}),
    ...(failed ? { description: 'did not load in full' } : {}),
  };
}

/** A refused launch sent without a token: stored as sent, marked as unauthenticated (what the link claimed, unproven). */
export function unauthenticatedViewerEvent(event: AuditEvent): AuditEvent {
  return {
    ...event,
    meta: {
      ...event.meta,
      tag: [
        {
          system: AUDIT_CHANNEL_SYSTEM,
          code: 'unauthenticated',
          display: 'Sent without a token: who and whom are what a refused link claimed',
        },
      ],
    },
    subtype: (event.subtype ?? []).map((c) =>
      c.system === VIEWER_EVENT_SYSTEM && c.code && VIEWER_EVENTS[c.code] ? { ...c, display: VIEWER_EVENTS[c.code] } : c,
    ),
  };
}

/** Whether an event is one the unauthenticated channel takes: a refused launch, and nothing else. */
export function isRefusedLaunch(event: AuditEvent): boolean {
  return (event.subtype ?? []).some((c) => c.system === VIEWER_EVENT_SYSTEM && c.code === 'launch-refused');
}
