/**
 * The AWS API reader: collects live accounts with read-only SDK v3 calls into a snapshot
 * directory (`accounts/<account>/<region>/<Key>.json`) that every vpcreach reader accepts.
 */
export { UNKNOWN_ACCOUNT } from './account-id.js';
export {
  type AwsClientOptions,
  createAwsClientFactory,
  DEFAULT_MAX_ATTEMPTS,
  type RetryMode,
  resolveDefaultRegion,
} from './clients.js';
export { type CollectOptions, collectSnapshot } from './collect.js';
export { LIST_CALLS } from './list-calls.js';
export { RESOURCE_CALLS } from './resource-calls.js';
export {
  accountIdOfRoleArn,
  createTargets,
  ROLE_SESSION_NAME,
  type TargetOptions,
} from './targets.js';
export type {
  AwsClients,
  CallFailure,
  ClientFactory,
  CollectProgressEvent,
  CollectProgressListener,
  CollectResult,
  CollectTarget,
  RegionSummary,
} from './types.js';
export { createSnapshotWriter, formatSnapshotFile, type SnapshotWriter } from './writer.js';
