import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { describe, expect, test } from 'vitest';
import { createAwsClientFactory } from '../../../src/ingest/aws-api/clients.js';
import { collectSnapshot } from '../../../src/ingest/aws-api/collect.js';
import type { CollectTarget } from '../../../src/ingest/aws-api/types.js';
import { createSnapshotWriter } from '../../../src/ingest/aws-api/writer.js';
import { createFakeHttpHandler, ec2Error, type FakeHttpScript, queryError } from './fake-http.js';

const TARGET: CollectTarget = {
  label: 'role',
  accountId: '111122223333',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
};

const VPCS = `<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><vpcSet><item><vpcId>vpc-1</vpcId><ownerId>111122223333</ownerId><cidrBlock>10.0.0.0/16</cidrBlock></item></vpcSet></DescribeVpcsResponse>`;
const LOAD_BALANCERS = `<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><DescribeLoadBalancersResult><LoadBalancers><member><LoadBalancerArn>arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/nlb/1</LoadBalancerArn><Type>network</Type><CreatedTime>2020-02-25T04:56:32.326Z</CreatedTime></member></LoadBalancers></DescribeLoadBalancersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>`;

/** Collects one region through real SDK clients whose HTTP layer is the script. */
async function collectThrough(script: FakeHttpScript, maxAttempts: number) {
  const { handler, seen } = createFakeHttpHandler(script);
  // The SDK's standard strategy, with a 1 ms backoff instead of seconds.
  const retryStrategy = new ConfiguredRetryStrategy(maxAttempts, () => 1);
  const clients = createAwsClientFactory({
    clientConfig: { requestHandler: handler, retryStrategy },
  });
  const out = await mkdtemp(path.join(tmpdir(), 'vpcreach-retry-'));
  const writer = createSnapshotWriter(out);
  const result = await collectSnapshot({
    targets: [TARGET],
    regions: ['us-east-1'],
    clients,
    writer,
  });
  const count = (action: string) => seen.filter((request) => request.action === action).length;
  return { out, result, count };
}

function throttleFirst(times: number, action: string, error: () => ReturnType<typeof ec2Error>) {
  let throttled = 0;
  return (name: string) => {
    if (name !== action || throttled >= times) return undefined;
    throttled += 1;
    return error();
  };
}

describe('throttling', () => {
  test('RequestLimitExceeded and ThrottlingException are retried until the call succeeds', async () => {
    const ec2Throttle = throttleFirst(2, 'DescribeVpcs', () =>
      ec2Error(503, 'RequestLimitExceeded', 'Request limit exceeded.'),
    );
    const elbThrottle = throttleFirst(1, 'DescribeLoadBalancers', () =>
      queryError(400, 'ThrottlingException', 'Rate exceeded'),
    );
    const { out, result, count } = await collectThrough((action) => {
      const throttled = ec2Throttle(action) ?? elbThrottle(action);
      if (throttled !== undefined) return throttled;
      if (action === 'DescribeVpcs') return { status: 200, body: VPCS };
      if (action === 'DescribeLoadBalancers') return { status: 200, body: LOAD_BALANCERS };
      return undefined;
    }, 8);
    expect(result.failures).toEqual([]);
    expect(result.complete).toBe(true);
    expect(count('DescribeVpcs')).toBe(3);
    expect(count('DescribeLoadBalancers')).toBe(2);
    const dir = path.join(out, 'accounts/111122223333/us-east-1');
    const vpcs = JSON.parse(await readFile(path.join(dir, 'Vpcs.json'), 'utf8'));
    expect(vpcs).toEqual({
      Vpcs: [{ VpcId: 'vpc-1', OwnerId: '111122223333', CidrBlock: '10.0.0.0/16' }],
    });
    const lbs = JSON.parse(await readFile(path.join(dir, 'LoadBalancers.json'), 'utf8'));
    expect(lbs.LoadBalancers[0].CreatedTime).toBe('2020-02-25T04:56:32.326000+00:00');
  });

  test('a call still throttled after maxAttempts is reported with the throttling code', async () => {
    const { result, count } = await collectThrough(
      (action) =>
        action === 'DescribeSecurityGroups'
          ? ec2Error(503, 'RequestLimitExceeded', 'Request limit exceeded.')
          : undefined,
      3,
    );
    expect(count('DescribeSecurityGroups')).toBe(3);
    expect(result.complete).toBe(false);
    expect(result.failures).toEqual([
      expect.objectContaining({ call: 'DescribeSecurityGroups', code: 'RequestLimitExceeded' }),
    ]);
  });

  test('access errors are not retried', async () => {
    const { result, count } = await collectThrough(
      (action) =>
        action === 'DescribeNetworkAcls'
          ? ec2Error(
              403,
              'UnauthorizedOperation',
              'You are not authorized to perform this operation.',
            )
          : undefined,
      8,
    );
    expect(count('DescribeNetworkAcls')).toBe(1);
    expect(result.failures.map((f) => `${f.call} ${f.code}`)).toEqual([
      'DescribeNetworkAcls UnauthorizedOperation',
    ]);
  });

  test('the default clients make up to 8 attempts in standard retry mode', async () => {
    const clients = createAwsClientFactory()(TARGET, 'us-east-1');
    expect(await clients.ec2.config.maxAttempts()).toBe(8);
    expect(await clients.elbv2.config.maxAttempts()).toBe(8);
    expect(await clients.ec2.config.retryStrategy()).toHaveProperty('mode', 'standard');
    const adaptive = createAwsClientFactory({ maxAttempts: 5, retryMode: 'adaptive' })(
      TARGET,
      'eu-west-1',
    );
    expect(await adaptive.elbv2.config.retryStrategy()).toHaveProperty('mode', 'adaptive');
    expect(await adaptive.ec2.config.maxAttempts()).toBe(5);
    expect(await adaptive.ec2.config.region()).toBe('eu-west-1');
  });
});
