import {
  fromIni,
  fromNodeProviderChain,
  fromTemporaryCredentials,
} from '@aws-sdk/credential-providers';
import { UsageError } from '../../errors.js';
import { shareCredentials } from './shared-credentials.js';
import type { AwsCredentials, CollectTarget } from './types.js';

/** How the accounts to collect are reached. */
export interface TargetOptions {
  /** A profile of the shared config files; otherwise the SDK's default credential chain. */
  profile?: string | undefined;
  /** Roles to assume with the base credentials; one target (account) per role. */
  roleArns?: readonly string[];
  /** The region STS is called in to assume roles. */
  stsRegion: string;
  /** Extra STS client settings (tests pass a request handler). */
  stsClientConfig?: Parameters<typeof fromTemporaryCredentials>[0]['clientConfig'];
}

/** The session name CloudTrail records for calls made with an assumed role. */
export const ROLE_SESSION_NAME = 'vpcreach-collect';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@/-]+$/;

/** The account ID of an IAM role ARN (`arn:aws:iam::123456789012:role/Name`), or undefined. */
export function accountIdOfRoleArn(arn: string): string | undefined {
  return ROLE_ARN.exec(arn)?.[1];
}

/**
 * The targets to collect: without role ARNs, the base credentials' own account; with role
 * ARNs, one target per role, assumed with the base credentials through STS AssumeRole (the base
 * account itself is then not collected). A role's account is read from its ARN, so no STS
 * GetCallerIdentity call is needed.
 */
export function createTargets(options: TargetOptions): CollectTarget[] {
  const base = createBaseCredentials(options.profile);
  const roleArns = options.roleArns ?? [];
  if (roleArns.length === 0) {
    const label =
      options.profile === undefined ? 'default credentials' : `profile ${options.profile}`;
    return [{ label, accountId: undefined, credentials: base }];
  }
  const targets = [...new Set(roleArns)].map((arn) => createRoleTarget(arn, base, options));
  refuseSharedAccounts(targets);
  return targets;
}

/** Two roles in one account would write the same folder; one role per account is enough. */
function refuseSharedAccounts(targets: readonly CollectTarget[]): void {
  const seen = new Map<string, string>();
  for (const target of targets) {
    const earlier = seen.get(target.accountId ?? '');
    if (earlier !== undefined) {
      throw new UsageError(
        `--role-arn ${target.label} and ${earlier} are in the same account ${target.accountId}`,
        'name one role per account',
      );
    }
    seen.set(target.accountId ?? '', target.label);
  }
}

function createBaseCredentials(profile: string | undefined): AwsCredentials {
  // The default chain memoizes itself; fromIni does not, so it is shared explicitly.
  return profile === undefined ? fromNodeProviderChain() : shareCredentials(fromIni({ profile }));
}

function createRoleTarget(
  roleArn: string,
  base: AwsCredentials,
  options: TargetOptions,
): CollectTarget {
  const accountId = accountIdOfRoleArn(roleArn);
  if (accountId === undefined) {
    throw new UsageError(
      `--role-arn ${JSON.stringify(roleArn)} is not an IAM role ARN`,
      'write it as arn:aws:iam::123456789012:role/RoleName',
    );
  }
  const credentials = shareCredentials(
    fromTemporaryCredentials({
      params: { RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME },
      masterCredentials: base,
      clientConfig: { region: options.stsRegion, ...options.stsClientConfig },
    }),
  );
  return { label: roleArn, accountId, credentials };
}
