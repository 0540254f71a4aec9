// AuditEvent building and sending (docs/access.md section 6).

export {
  ODS_CODE_SYSTEM,
  RECORD_SECTION_SYSTEM,
  SDS_USER_SYSTEM,
  USER_ROLE_SYSTEM,
  VIEWER_EVENT_SYSTEM,
  buildAuditEvent,
  type AuditInput,
  type AuditKind,
  type AuditSource,
  type AuditUser,
} from './audit-event';
export {
  AUDIT_QUEUE_KEY,
  AuditQueue,
  clearAuditQueues,
  sharedAuditQueue,
  type AuditCredentials,
  type AuditQueueOptions,
  type FlushResult,
  type QueueStorage,
  type Timers,
} from './audit-queue';
export { minimalAuditEvent } from './minimal-event';
export { sendRefusedLaunch, unauthenticatedChannel, type RefusedLaunchSendOptions } from './refused-launch';
export { newAuditId } from './new-id';
