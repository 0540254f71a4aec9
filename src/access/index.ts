// Roles, access outcomes, objection and break-glass: what the servers enforce,
// as the viewer explains it.

export { ACCESS_OUTCOME_SYSTEM, ACCESS_TEXT, accessCodeOf, accessCodeOfIssue, type AccessOutcomeCode } from './outcomes';
export {
  AREA_LABELS,
  AREA_RESOURCES,
  ROLE_MATRIX,
  areasNotShown,
  canBreakGlass,
  roleExplanation,
  roleMaySee,
  roleProfile,
  type RecordArea,
  type RoleProfile,
  type UserRole,
} from './roles';
export { objectionOf, type ObjectionState } from './objection';
export {
  BREAK_GLASS_REASONS,
  MAX_REASON_TEXT,
  checkBreakGlassRequest,
  grantOf,
  reasonLabel,
  requestBreakGlass,
  timeLeftText,
  type BreakGlassGrant,
  type BreakGlassReason,
  type BreakGlassRequest,
  type BreakGlassResult,
} from './break-glass';
