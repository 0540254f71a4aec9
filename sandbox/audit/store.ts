// The sandbox's audit log: AuditEvents in memory, in the order recorded, found
// by the patient's NHS number. Only the shape FHIR R4 requires is checked: an
// audit endpoint that refused events over details would lose them.
import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM } from '../config';

/** Events kept; the oldest go first (a sandbox runs for hours, not years). */
const CAPACITY = 50_000;

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

export class AuditStore {
  readonly #events: AuditEvent[] = [];
  readonly #byId = new Map<string, AuditEvent>();

  /**
   * Stores an event (already checked) under its own id when it has a valid one,
   * else a new one. A sender that retries (the viewer's queue) sends the same id
   * again: the event is kept once, and `created` says whether this was the first time.
   */
  add(event: AuditEvent): { stored: AuditEvent; created: boolean } {
    const id = event.id && ID.test(event.id) ? event.id : randomUUID();
    const known = this.#byId.get(id);
    if (known) return { stored: known, created: false };
    const stored: AuditEvent = { ...structuredClone(event), id, meta: { ...event.meta, lastUpdated: new Date().toISOString() } };
    this.#events.push(stored);
    this.#byId.set(id, stored);
    if (this.#events.length > CAPACITY) {
      for (const dropped of this.#events.splice(0, this.#events.length - CAPACITY)) this.#byId.delete(dropped.id!);
    }
    return { stored, created: true };
  }

  get(id: string): AuditEvent | undefined {
    return this.#byId.get(id);
  }

  /** Newest first; with an NHS number, only events whose entities name it. */
  list(nhsNumber?: string): AuditEvent[] {
    const wanted = nhsNumber?.replace(/\s/g, '');
    const events = wanted ? this.#events.filter((e) => patientNhsNumbers(e).includes(wanted)) : this.#events;
    return [...events].sort((a, b) => Date.parse(b.recorded) - Date.parse(a.recorded));
  }

  clear(): void {
    this.#events.length = 0;
    this.#byId.clear();
  }
}

/** The NHS numbers an event's entities name (as `what.identifier`). */
export function patientNhsNumbers(event: AuditEvent): string[] {
  return (event.entity ?? [])
    .map((e) => e.what?.identifier)
    .filter((i) => i?.system === NHS_NUMBER_SYSTEM && typeof i.value === 'string')
    .map((i) => i!.value!.replace(/\s/g, ''));
}

/** What makes a body not an R4 AuditEvent (empty when it is one): type, recorded, agent[] with requestor, source.observer. */
export function auditEventProblems(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['the body is not a JSON object'];
  const event = body as Record<string, unknown>;
  const problems: string[] = [];
  if (event.resourceType !== 'AuditEvent') problems.push('resourceType must be AuditEvent');
  const type = event.type as { code?: unknown } | undefined;
  if (typeof type !== 'object' || type === null || typeof type.code !== 'string') problems.push('type must be a Coding with a code');
  if (
    typeof event.recorded !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(event.recorded) ||
    Number.isNaN(Date.parse(event.recorded))
  ) {
    problems.push('recorded must be an instant with a time zone');
  }
  if (event.action !== undefined && !['C', 'R', 'U', 'D', 'E'].includes(event.action as string))
    problems.push('action must be C, R, U, D or E');
  if (event.outcome !== undefined && !['0', '4', '8', '12'].includes(event.outcome as string))
    problems.push('outcome must be 0, 4, 8 or 12');
  const agent = event.agent;
  if (!Array.isArray(agent) || agent.length === 0) problems.push('agent must list at least one agent');
  else if (agent.some((a) => typeof a !== 'object' || a === null || typeof (a as { requestor?: unknown }).requestor !== 'boolean')) {
    problems.push('each agent needs requestor (true or false)');
  }
  const source = event.source as { observer?: unknown } | undefined;
  if (typeof source !== 'object' || source === null || typeof source.observer !== 'object' || source.observer === null)
    problems.push('source.observer is required');
  if (event.entity !== undefined && !Array.isArray(event.entity)) problems.push('entity must be a list');
  return problems;
}
