// What the viewer keeps of an AuditEvent while it waits to be sent, and what
// it sends: ids, codes and times, by an allow-list. No names, no displays, no
// free text (a break-glass explanation, a description), and no patient
// identifier: the queue sits in the browser of a shared workstation, and the
// audit endpoint takes the patient and the user from the token the event is
// sent with (the server's word, not the browser's). The sandbox's
// authorisation server records the break-glass explanation itself.

import type { AuditEvent, AuditEventAgent, AuditEventEntity, Coding } from '@medplum/fhirtypes';

/** Entity details whose values are codes, kept; every other detail is dropped. */
const CODED_DETAILS: ReadonlySet<string> = new Set(['break-glass-reason', 'load', 'section']);
/** The patient entity (object role 1) keeps its codes but never its identifier: the endpoint names the patient from the token. */
const PATIENT_ROLE = '1';

export function minimalAuditEvent(event: AuditEvent): AuditEvent {
  const minimal: AuditEvent = {
    resourceType: 'AuditEvent',
    ...(event.id ? { id: event.id } : {}),
    type: code(event.type) ?? { code: 'unknown' },
    ...(event.subtype?.length ? { subtype: event.subtype.map(code).filter(isCoding) } : {}),
    ...(event.action ? { action: event.action } : {}),
    recorded: event.recorded,
    ...(event.outcome ? { outcome: event.outcome } : {}),
    ...(event.purposeOfEvent?.length
      ? { purposeOfEvent: event.purposeOfEvent.map((c) => ({ coding: (c.coding ?? []).map(code).filter(isCoding) })) }
      : {}),
    agent: event.agent.map(agent),
    source: {
      observer: event.source.observer.identifier?.value ? { identifier: { value: event.source.observer.identifier.value } } : {},
      ...(event.source.type?.length ? { type: event.source.type.map(code).filter(isCoding) } : {}),
    },
  };
  const entities = (event.entity ?? [])
    .map((e) => (e.role?.code === PATIENT_ROLE ? { ...entity(e), what: undefined } : entity(e)))
    .map(({ what, ...rest }) => (what ? { what, ...rest } : rest));
  if (entities.length) minimal.entity = entities;
  return minimal;
}

function agent(input: AuditEventAgent): AuditEventAgent {
  const identifier = input.who?.identifier;
  const roles = (input.role ?? []).map((r) => ({ coding: (r.coding ?? []).map(code).filter(isCoding) })).filter((r) => r.coding.length);
  return {
    ...(input.type?.coding?.length ? { type: { coding: input.type.coding.map(code).filter(isCoding) } } : {}),
    ...(identifier?.value
      ? { who: { identifier: { ...(identifier.system ? { system: identifier.system } : {}), value: identifier.value } } }
      : {}),
    requestor: input.requestor,
    ...(roles.length ? { role: roles } : {}),
    ...(input.purposeOfUse?.length
      ? { purposeOfUse: input.purposeOfUse.map((c) => ({ coding: (c.coding ?? []).map(code).filter(isCoding) })) }
      : {}),
  };
}

function entity(input: AuditEventEntity): AuditEventEntity {
  const identifier = input.what?.identifier;
  const detail = (input.detail ?? []).filter(
    (d) => CODED_DETAILS.has(d.type) && typeof d.valueString === 'string' && /^[a-z0-9-]{1,40}$/i.test(d.valueString),
  );
  return {
    ...(identifier?.value
      ? { what: { identifier: { ...(identifier.system ? { system: identifier.system } : {}), value: identifier.value } } }
      : {}),
    ...(code(input.type) ? { type: code(input.type)! } : {}),
    ...(code(input.role) ? { role: code(input.role)! } : {}),
    // A source's short name (`gp`): a code from the configuration.
    ...(input.name && /^[a-z0-9-]{1,40}$/.test(input.name) ? { name: input.name } : {}),
    ...(detail.length ? { detail: detail.map((d) => ({ type: d.type, valueString: d.valueString! })) } : {}),
  };
}

function code(coding: Coding | undefined): Coding | undefined {
  if (!coding?.code) return undefined;
  return { ...(coding.system ? { system: coding.system } : {}), code: coding.code };
}

function isCoding(value: Coding | undefined): value is Coding {
  return value !== undefined;
}
