import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { createAwsClientFactory } from '../../../src/ingest/aws-api/clients.js';
import { collectSnapshot } from '../../../src/ingest/aws-api/collect.js';
import {
  accountIdOfRoleArn,
  createTargets,
  ROLE_SESSION_NAME,
} from '../../../src/ingest/aws-api/targets.js';
import { createSnapshotWriter } from '../../../src/ingest/aws-api/writer.js';
import { createFakeHttpHandler, type FakeHttpAnswer } from './fake-http.js';

const ROLE_A = 'arn:aws:iam::111111111111:role/VpcreachReadOnly';
const ROLE_B = 'arn:aws:iam::222222222222:role/team/VpcreachReadOnly';

/** STS AssumeRole answered with keys named after the role's account: `ASIA111111111111`. */
function assumeRole(roleArn: string): FakeHttpAnswer {
  const account = accountIdOfRoleArn(roleArn);
  const body = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIA${account}</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::${account}:assumed-role/r/${ROLE_SESSION_NAME}</Arn><AssumedRoleId>AROAEXAMPLE:${ROLE_SESSION_NAME}</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`;
  return { status: 200, body };
}

/** DescribeVpcs answered with one VPC of the account whose role signed the request. */
function vpcOf(accessKeyId: string | undefined): FakeHttpAnswer {
  const account = accessKeyId?.replace('ASIA', '') ?? 'unsigned';
  const body = `<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><vpcSet><item><vpcId>vpc-${account}</vpcId><ownerId>${account}</ownerId></item></vpcSet></DescribeVpcsResponse>`;
  return { status: 200, body };
}

describe('accountIdOfRoleArn', () => {
  test('reads the account of role ARNs in every partition, paths included', () => {
    expect(accountIdOfRoleArn(ROLE_A)).toBe('111111111111');
    expect(accountIdOfRoleArn(ROLE_B)).toBe('222222222222');
    expect(accountIdOfRoleArn('arn:aws-cn:iam::333333333333:role/R')).toBe('333333333333');
    expect(accountIdOfRoleArn('arn:aws-us-gov:iam::444444444444:role/R')).toBe('444444444444');
  });

  test('rejects what is not a role ARN', () => {
    expect(accountIdOfRoleArn('arn:aws:iam::111111111111:user/alice')).toBeUndefined();
    expect(accountIdOfRoleArn('arn:aws:iam::1111:role/R')).toBeUndefined();
    expect(accountIdOfRoleArn('111111111111')).toBeUndefined();
  });
});

describe('createTargets', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDBASE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'base-secret');
    vi.stubEnv('AWS_SESSION_TOKEN', '');
    vi.stubEnv('AWS_PROFILE', '');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test('without roles, one target for the base credentials, account not yet known', () => {
    expect(createTargets({ stsRegion: 'us-east-1' })).toEqual([
      { label: 'default credentials', accountId: undefined, credentials: expect.any(Function) },
    ]);
    expect(createTargets({ profile: 'prod', stsRegion: 'us-east-1' })[0]?.label).toBe(
      'profile prod',
    );
  });

  test('a malformed role ARN is a usage error naming it', () => {
    const create = () =>
      createTargets({ roleArns: ['arn:aws:iam::12:role/x'], stsRegion: 'us-east-1' });
    expect(create).toThrow(UsageError);
    expect(create).toThrow('--role-arn "arn:aws:iam::12:role/x" is not an IAM role ARN');
  });

  test('two role ARNs are assumed with the base credentials and collected as two accounts', async () => {
    const sts = createFakeHttpHandler((action, params) =>
      action === 'AssumeRole' ? assumeRole(params.get('RoleArn') ?? '') : undefined,
    );
    const aws = createFakeHttpHandler((action, _params, call) =>
      action === 'DescribeVpcs' ? vpcOf(call.accessKeyId) : undefined,
    );
    const targets = createTargets({
      roleArns: [ROLE_A, ROLE_B],
      stsRegion: 'us-east-1',
      stsClientConfig: { requestHandler: sts.handler },
    });
    expect(targets.map((t) => [t.label, t.accountId])).toEqual([
      [ROLE_A, '111111111111'],
      [ROLE_B, '222222222222'],
    ]);
    const retryStrategy = new ConfiguredRetryStrategy(2, () => 1);
    const clients = createAwsClientFactory({
      clientConfig: { requestHandler: aws.handler, retryStrategy },
    });
    const out = await mkdtemp(path.join(tmpdir(), 'vpcreach-roles-'));
    const writer = createSnapshotWriter(out);
    const regions = ['us-east-1', 'eu-west-1'];
    const result = await collectSnapshot({ targets, regions, clients, writer });

    expect(result.failures).toEqual([]);
    const assumed = sts.seen.filter((call) => call.action === 'AssumeRole');
    // Once per role, however many clients and regions use its credentials.
    expect(assumed.map((call) => call.params.get('RoleArn')).sort()).toEqual([ROLE_A, ROLE_B]);
    expect(assumed.every((call) => call.accessKeyId === 'AKIDBASE')).toBe(true);
    expect(assumed.every((call) => call.params.get('RoleSessionName') === ROLE_SESSION_NAME)).toBe(
      true,
    );
    // No AWS call was signed with the base credentials: only the roles read the accounts.
    expect(new Set(aws.seen.map((call) => call.accessKeyId))).toEqual(
      new Set(['ASIA111111111111', 'ASIA222222222222']),
    );
    for (const [account, region] of [
      ['111111111111', 'us-east-1'],
      ['222222222222', 'eu-west-1'],
    ] as const) {
      const file = path.join(out, 'accounts', account, region, 'Vpcs.json');
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
        Vpcs: [{ VpcId: `vpc-${account}`, OwnerId: account }],
      });
    }
  });
});

describe('createTargets: one role per account', () => {
  test('two roles in one account are a usage error; a repeated ARN is read once', () => {
    const other = 'arn:aws:iam::111111111111:role/Other';
    expect(() => createTargets({ roleArns: [ROLE_A, other], stsRegion: 'us-east-1' })).toThrow(
      `--role-arn ${other} and ${ROLE_A} are in the same account 111111111111`,
    );
    expect(createTargets({ roleArns: [ROLE_A, ROLE_A], stsRegion: 'us-east-1' })).toHaveLength(1);
  });
});
