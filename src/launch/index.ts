// Launch-mode-independent pieces: the LaunchContext, the viewer configuration,
// the SMART launch plan and the wording of launch failures.

export {
  SOURCE_DEFAULTS,
  isAllowedIssuer,
  loadViewerConfig,
  normaliseBaseUrl,
  parseViewerConfig,
  type ConfigResult,
  type SourceAuth,
  type SourceConfig,
  type ViewerConfig,
} from './config';
export {
  buildSmartLaunchContext,
  decodeJwtClaims,
  parseLaunchMode,
  type LaunchContext,
  type LaunchMode,
  type LaunchUser,
  type SmartLaunchInput,
  type SmartSessionState,
  type SmartTokenResponse,
} from './launch-context';
export {
  LaunchFailure,
  launchError,
  launchErrorFromRedirect,
  mapLaunchError,
  type LaunchError,
  type LaunchErrorCode,
  type LaunchErrorContext,
} from './launch-errors';
export { planSmartLaunch, scopeForMode, type SmartAuthorizeOptions, type SmartLaunchPlan } from './smart-launch-plan';
