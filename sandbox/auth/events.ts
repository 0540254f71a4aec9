// What the authorisation server tells the audit (sandbox/audit turns these into
// AuditEvents): each launch it completed or refused, and each break-glass
// access started and ended.
import type { SourceName } from '../config';
import type { BreakGlass } from './grant';
import type { LinkRefusalCode } from './signed-link';

export type LaunchKind = 'ehr' | 'link' | 'standalone';

interface RecordBase {
  /** ISO 8601. */
  at: string;
  clientId: string;
  userId?: string;
  patient?: { source?: SourceName; id?: string; nhsNumber?: string };
}

export type AuthAuditRecord =
  | (RecordBase & { kind: 'launch'; launch: LaunchKind; linkIssuer?: string; intent?: string })
  | (RecordBase & { kind: 'launch-refused'; launch: LaunchKind; linkIssuer?: string; code: LinkRefusalCode; detail: string })
  | (RecordBase & { kind: 'break-glass-start'; breakGlass: BreakGlass })
  | (RecordBase & { kind: 'break-glass-end'; breakGlass: BreakGlass; ended: 'expired' | 'ended' });

export type AuthAuditSink = (record: AuthAuditRecord) => void;
