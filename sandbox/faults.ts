// Fault injection: per source, added latency and forced failures, so tests and
// demos can show a slow, broken or silent source. The audit endpoint
// (/fhir/audit, key `audit`) can fail the same way, so the viewer's audit queue
// can be shown surviving an endpoint that is down and comes back; so can the
// identity provider (/idp, key `idp`), so the viewer can be shown locking when
// it cannot check the smartcard session. Set by SANDBOX_FAULTS or by the admin
// endpoint (GET/PUT/DELETE /admin/faults); every target meets its fault the same
// way, through InjectedFaults (fhir/injected-faults.ts).
import { SOURCE_NAMES, type SourceName } from './config';

export interface SourceFault {
  /** Milliseconds added before every answer. */
  latencyMs?: number;
  /** `500`: answer with an OperationOutcome and HTTP 500; `timeout`: never answer. */
  fail?: 500 | 'timeout';
}

/** What can be made to fail: a FHIR source, the audit endpoint, or the identity provider. */
export type FaultTarget = SourceName | 'audit' | 'idp';

export type FaultTable = Partial<Record<FaultTarget, SourceFault>>;

const TARGETS: readonly string[] = [...SOURCE_NAMES, 'audit', 'idp'];

export class Faults {
  #table: FaultTable = {};

  constructor(initial: FaultTable = {}) {
    this.set(initial);
  }

  get(target: FaultTarget): SourceFault {
    return this.#table[target] ?? {};
  }

  all(): FaultTable {
    return structuredClone(this.#table);
  }

  /** Replaces the faults of the sources named; other sources keep theirs. */
  set(table: FaultTable): void {
    for (const [name, fault] of Object.entries(table)) {
      if (!isTarget(name))
        throw new Error(
          `Unknown source "${name}"; sources are ${SOURCE_NAMES.join(', ')} (and "audit" for the audit endpoint, "idp" for the identity provider)`,
        );
      this.#table[name] = validateFault(name, fault);
    }
  }

  clear(): void {
    this.#table = {};
  }
}

function isTarget(name: string): name is FaultTarget {
  return TARGETS.includes(name);
}

function validateFault(name: string, fault: unknown): SourceFault {
  if (typeof fault !== 'object' || fault === null) throw new Error(`Fault for ${name} must be an object`);
  const { latencyMs, fail } = fault as SourceFault;
  if (latencyMs !== undefined && !(Number.isFinite(latencyMs) && latencyMs >= 0)) {
    throw new Error(`latencyMs for ${name} must be a non-negative number`);
  }
  if (fail !== undefined && fail !== 500 && fail !== 'timeout') {
    throw new Error(`fail for ${name} must be 500 or "timeout"`);
  }
  return { ...(latencyMs ? { latencyMs } : {}), ...(fail ? { fail } : {}) };
}

/**
 * Parses SANDBOX_FAULTS, e.g. `acute:latency=300,gp:fail=500,community:fail=timeout`,
 * `*:latency=100` for every source, `audit:fail=500` for the audit endpoint.
 */
export function parseFaultSpec(spec: string | undefined): FaultTable {
  const table: FaultTable = {};
  if (!spec?.trim()) return table;
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z*-]+):(latency|fail)=(\w+)$/.exec(part);
    if (!match) throw new Error(`Cannot read fault "${part}": expected source:latency=MS or source:fail=500|timeout`);
    const [, who, what, value] = match as unknown as [string, string, string, string];
    const names = who === '*' ? [...SOURCE_NAMES] : [who];
    for (const name of names) {
      if (!isTarget(name)) throw new Error(`Unknown source "${name}" in SANDBOX_FAULTS`);
      const current = table[name] ?? {};
      table[name] = validateFault(
        name,
        what === 'latency'
          ? { ...current, latencyMs: Number(value) }
          : { ...current, fail: value === 'timeout' ? 'timeout' : Number(value) },
      );
    }
  }
  return table;
}
