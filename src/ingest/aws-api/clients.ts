import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import {
  ElasticLoadBalancingV2Client,
  type ElasticLoadBalancingV2ClientConfig,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ClientFactory } from './types.js';

/** The SDK's retry modes: `adaptive` also slows the client down after throttling responses. */
export type RetryMode = 'standard' | 'adaptive';

/** Settings both SDK clients share beyond region and credentials. */
export type SharedClientConfig = Pick<
  EC2ClientConfig & ElasticLoadBalancingV2ClientConfig,
  'requestHandler' | 'retryStrategy' | 'logger'
>;

/** How the SDK clients retry; both clients of every target and region share it. */
export interface AwsClientOptions {
  /**
   * Attempts per call, first one included. The SDK retries throttling (`RequestLimitExceeded`,
   * `Throttling`, `ThrottlingException`), 5xx and network errors with exponential backoff and
   * jitter, and never retries access errors.
   * @default 8
   */
  maxAttempts?: number;
  /** @default 'standard' */
  retryMode?: RetryMode;
  /** Passed to both clients as is: a request handler or retry strategy (tests use both). */
  clientConfig?: SharedClientConfig;
}

/** Attempts per call unless told otherwise: generous, because describe calls are cheap. */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** A factory of real SDK clients, one EC2 and one ELBv2 client per target and region. */
export function createAwsClientFactory(options: AwsClientOptions = {}): ClientFactory {
  const shared = {
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: options.retryMode ?? 'standard',
    ...options.clientConfig,
  };
  return (target, region) => {
    const config = { ...shared, region, credentials: target.credentials };
    return { ec2: new EC2Client(config), elbv2: new ElasticLoadBalancingV2Client(config) };
  };
}

/**
 * The region the SDK would use when none is given: `AWS_REGION`, else the `region` of the
 * profile (`--profile`, else `AWS_PROFILE`, else `default`) in the shared config files.
 * Undefined when neither is set.
 */
export async function resolveDefaultRegion(profile?: string): Promise<string | undefined> {
  const client = new EC2Client(profile === undefined ? {} : { profile });
  try {
    return await client.config.region();
  } catch {
    // The SDK throws "Region is missing" when nothing names a region.
    return undefined;
  } finally {
    client.destroy();
  }
}
