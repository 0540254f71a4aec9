// The package's main entry: what a host needs to give <care-record> a
// session, and the public types. Importing it defines no element and has no
// other side effect; `./care-record.js` is the module that registers the elements.

export {
  createLaunchContext,
  LaunchContextError,
  type EmbeddedLaunchContext,
  type LaunchContextOptions,
  type RecordConfig,
  type SourceSettings,
} from '../src/launch-context/embedded-launch';
export { createDpopKeys, dpopKeyOf, dpopProof, jwkThumbprint, type DpopKey, type DpopKeyPair } from '../src/sources/dpop';
export type { ProofMaker } from '../src/sources/token-scope';
export type { LaunchContext, LaunchMode, LaunchUser } from '../src/launch-context/launch-context';
export type { ViewerConfig } from '../src/launch-context/config';
export type { SourceAuth, SourceConfig } from '../src/sources/source-config';
export type { CareRecord } from '../src/record/model';
export type { BreakGlassDetail, SourceStatusDetail, ViewerEventDetails, ViewerEventName, ViewerEvents } from '../components/events';
export type { ViewerLaunchContext } from '../components/contexts';
export type { ViewId } from '../components/care-record/views';
export type { CareRecordElement } from '../components/care-record/care-record';
