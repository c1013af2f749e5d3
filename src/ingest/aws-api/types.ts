import type { EC2Client, EC2ClientConfig } from '@aws-sdk/client-ec2';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { SnapshotKey } from '../../snapshot/keys.js';

/** Credentials as an SDK client takes them: fixed keys or a provider function. */
export type AwsCredentials = NonNullable<EC2ClientConfig['credentials']>;

/** One set of credentials to collect with: the base credentials or one assumed role. */
export interface CollectTarget {
  /** How the target is named in progress and failure lines: `role/ReadOnly`, `profile prod`. */
  label: string;
  /**
   * The account the credentials act in, when known before any call (taken from a role ARN).
   * For the base credentials it is learnt from the `OwnerId` of what the account returns.
   */
  accountId: string | undefined;
  /** Undefined lets each client use the SDK's default chain. */
  credentials: AwsCredentials | undefined;
}

/** The two SDK clients the collector calls for one target in one region. */
export interface AwsClients {
  ec2: EC2Client;
  elbv2: ElasticLoadBalancingV2Client;
}

/** Builds the clients for one target and region; tests pass factories that return mocks. */
export type ClientFactory = (target: CollectTarget, region: string) => AwsClients;

/** One AWS call that failed after the SDK's retries; the rest of the snapshot is kept. */
export interface CallFailure {
  /** The API operation, as in IAM and CloudTrail: `DescribeSecurityGroups`. */
  call: string;
  /** The account folder the region was written to, or the target's label if none was found. */
  account: string;
  region: string;
  /** The AWS error code (`UnauthorizedOperation`, `AccessDenied`) or the SDK error name. */
  code: string;
  /** First line of the error message. */
  message: string;
  /** The prefix list ID or ARN a per-resource call was made for. */
  resource?: string;
  /** The snapshot key left incomplete or absent because of this failure. */
  key: SnapshotKey;
}

/** What one account/region contributed to the snapshot. */
export interface RegionSummary {
  account: string;
  region: string;
  /** Paths of the files written, relative to the output directory. */
  files: string[];
  /** Items written across all files (VPCs, subnets, wrapper items, ...). */
  items: number;
  failedCalls: number;
}

/** The outcome of a collection: a snapshot is complete only when no call failed. */
export interface CollectResult {
  complete: boolean;
  regions: RegionSummary[];
  failures: CallFailure[];
}

/** Progress of single calls, for a spinner; nothing here decides anything. */
export type CollectProgressEvent =
  | { kind: 'call-started'; target: string; region: string; call: string }
  | { kind: 'call-finished'; target: string; region: string; call: string; items: number }
  | { kind: 'call-failed'; target: string; region: string; call: string; code: string };

/** Receives progress events; it must not throw. */
export type CollectProgressListener = (event: CollectProgressEvent) => void;
