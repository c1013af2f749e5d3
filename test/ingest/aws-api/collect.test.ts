import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import 'aws-sdk-client-mock-vitest/extend';
import {
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicesCommand,
  GetManagedPrefixListEntriesCommand,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type LoadBalancer,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, test } from 'vitest';
import { collectSnapshot } from '../../../src/ingest/aws-api/collect.js';
import type { ClientFactory, CollectTarget } from '../../../src/ingest/aws-api/types.js';
import { createSnapshotWriter } from '../../../src/ingest/aws-api/writer.js';
import { SNAPSHOT_KEYS } from '../../../src/snapshot/keys.js';
import { createFakeClients, type FakeClients, type FakeRegion, pagesByToken } from './fake-aws.js';
import {
  cliExample,
  cliExampleRegion,
  EXAMPLE_LB_ARN,
  EXAMPLE_LIST_FILES,
  EXAMPLE_PREFIX_LIST_ID,
  EXAMPLE_TG_ARN,
  normalizeTimestamps,
  readJson,
  SHARED_DATA,
} from './shapes.js';

const BASE: CollectTarget = {
  label: 'default credentials',
  accountId: undefined,
  credentials: undefined,
};

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'vpcreach-collect-'));
}

/** Every file under `dir`, relative, sorted. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

async function readOutput(out: string, relative: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(out, relative), 'utf8')) as Record<string, unknown>;
}

/** Collects one target in one region whose clients are `fake`, and returns the result. */
async function collectOne(fake: FakeClients, target: CollectTarget = BASE, region = 'us-east-1') {
  const out = await tempDir();
  const clients: ClientFactory = () => fake.clients;
  const writer = createSnapshotWriter(out);
  const result = await collectSnapshot({ targets: [target], regions: [region], clients, writer });
  return { out, result };
}

describe('collectSnapshot: layout and shapes', () => {
  test('writes exactly one <Key>.json per snapshot key under accounts/<account>/<region>/', async () => {
    const { out, result } = await collectOne(createFakeClients(cliExampleRegion()));
    const keys = Object.keys(SNAPSHOT_KEYS).sort();
    const expected = keys.map((key) => `accounts/123456789012/us-east-1/${key}.json`).sort();
    expect(await listFiles(out)).toEqual(expected);
    expect(result.complete).toBe(true);
    expect(result.failures).toEqual([]);
    expect(result.regions).toEqual([
      expect.objectContaining({ account: '123456789012', region: 'us-east-1', failedCalls: 0 }),
    ]);
    expect(result.regions[0]?.files).toHaveLength(keys.length);
  });

  test('each region-wide file equals the AWS CLI output of its call', async () => {
    const { out } = await collectOne(createFakeClients(cliExampleRegion()));
    for (const [key, [file, member]] of Object.entries(EXAMPLE_LIST_FILES)) {
      const written = await readOutput(out, `accounts/123456789012/us-east-1/${key}.json`);
      const original = readJson(path.join(SHARED_DATA, 'aws-cli-examples', file));
      expect(Object.keys(written), key).toEqual([key]);
      expect(normalizeTimestamps(written[key]), key).toEqual(normalizeTimestamps(original[member]));
    }
  });

  test('per-resource calls are wrapped with the ID or ARN they were made for', async () => {
    const { out } = await collectOne(createFakeClients(cliExampleRegion()));
    const dir = 'accounts/123456789012/us-east-1';
    const raw = (file: string, member: string) =>
      normalizeTimestamps(cliExample(file, member).map((item) => JSON.parse(JSON.stringify(item))));
    expect(await readOutput(out, `${dir}/PrefixListEntries.json`)).toEqual({
      PrefixListEntries: [
        // Both example lists are customer-managed (owned by an account, not AWS).
        { PrefixListId: 'pl-11223344556677aab', Entries: [] },
        {
          PrefixListId: EXAMPLE_PREFIX_LIST_ID,
          Entries: raw('ec2/get-managed-prefix-list-entries-1.json', 'Entries'),
        },
      ],
    });
    expect(await readOutput(out, `${dir}/LoadBalancerListeners.json`)).toEqual({
      LoadBalancerListeners: [
        {
          LoadBalancerArn: EXAMPLE_LB_ARN,
          Listeners: raw('elbv2/describe-listeners-2.json', 'Listeners'),
        },
      ],
    });
    expect(await readOutput(out, `${dir}/LoadBalancerTargetHealth.json`)).toEqual({
      LoadBalancerTargetHealth: [
        {
          TargetGroupArn: EXAMPLE_TG_ARN,
          TargetHealthDescriptions: raw(
            'elbv2/describe-target-health-1.json',
            'TargetHealthDescriptions',
          ),
        },
      ],
    });
    const attributes = await readOutput(out, `${dir}/TargetGroupAttributes.json`);
    expect(attributes.TargetGroupAttributes).toEqual([
      {
        TargetGroupArn: EXAMPLE_TG_ARN,
        Attributes: raw('elbv2/describe-target-group-attributes-1.json', 'Attributes'),
      },
    ]);
    const lbAttributes = await readOutput(out, `${dir}/LoadBalancerAttributes.json`);
    expect(lbAttributes.LoadBalancerAttributes).toEqual([
      {
        LoadBalancerArn: EXAMPLE_LB_ARN,
        Attributes: raw('elbv2/describe-load-balancer-attributes-1.json', 'Attributes'),
      },
    ]);
  });

  test('files are printed as the CLI prints them: 4-space indent, ISO timestamps with offset', async () => {
    const { out } = await collectOne(createFakeClients(cliExampleRegion()));
    const text = await readFile(
      path.join(out, 'accounts/123456789012/us-east-1/LoadBalancers.json'),
      'utf8',
    );
    expect(text.startsWith('{\n    "LoadBalancers": [\n        {\n')).toBe(true);
    expect(text).toContain('"CreatedTime": "2016-03-25T21:26:12.920000+00:00"');
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('collectSnapshot: pagination', () => {
  const group = (id: string): SecurityGroup => ({
    GroupId: id,
    OwnerId: '111122223333',
    VpcId: 'vpc-1',
  });

  test('merges every page of NextToken-paginated EC2 calls into one list', async () => {
    const fake = createFakeClients({ lists: {} });
    fake.ec2
      .on(DescribeSecurityGroupsCommand)
      .callsFake(
        pagesByToken(
          [
            { SecurityGroups: [group('sg-1'), group('sg-2')] },
            { SecurityGroups: [group('sg-3')] },
            { SecurityGroups: [group('sg-4')] },
          ],
          'NextToken',
        ),
      );
    fake.ec2
      .on(DescribeVpcEndpointServicesCommand)
      .callsFake(
        pagesByToken(
          [{ ServiceDetails: [{ ServiceName: 'a' }] }, { ServiceDetails: [{ ServiceName: 'b' }] }],
          'NextToken',
        ),
      );
    const { out } = await collectOne(fake);
    const dir = 'accounts/111122223333/us-east-1';
    const groups = (await readOutput(out, `${dir}/SecurityGroups.json`)).SecurityGroups;
    expect(groups).toEqual([group('sg-1'), group('sg-2'), group('sg-3'), group('sg-4')]);
    expect(fake.ec2).toHaveReceivedCommandTimes(DescribeSecurityGroupsCommand, 3);
    expect(fake.ec2).toHaveReceivedCommandWith(DescribeSecurityGroupsCommand, {
      NextToken: 'page-2',
    });
    const details = (await readOutput(out, `${dir}/ServiceDetails.json`)).ServiceDetails;
    expect(details).toEqual([{ ServiceName: 'a' }, { ServiceName: 'b' }]);
  });

  test('follows NextMarker across pages of load balancers and target groups', async () => {
    const lb = (n: number): LoadBalancer => ({ LoadBalancerArn: `arn:lb/${n}`, Type: 'network' });
    const tg = (n: number): TargetGroup => ({
      TargetGroupArn: `arn:tg/${n}`,
      LoadBalancerArns: [`arn:lb/${n}`],
    });
    const fake = createFakeClients({ lists: { SecurityGroups: [group('sg-1')] } });
    fake.elbv2
      .on(DescribeLoadBalancersCommand)
      .callsFake(
        pagesByToken([{ LoadBalancers: [lb(1)] }, { LoadBalancers: [lb(2)] }], 'NextMarker'),
      );
    fake.elbv2
      .on(DescribeTargetGroupsCommand)
      .callsFake(
        pagesByToken(
          [{ TargetGroups: [tg(1)] }, { TargetGroups: [tg(2)] }, { TargetGroups: [tg(3)] }],
          'NextMarker',
        ),
      );
    const { out } = await collectOne(fake);
    const dir = 'accounts/111122223333/us-east-1';
    expect((await readOutput(out, `${dir}/LoadBalancers.json`)).LoadBalancers).toEqual([
      lb(1),
      lb(2),
    ]);
    expect((await readOutput(out, `${dir}/TargetGroups.json`)).TargetGroups).toEqual([
      tg(1),
      tg(2),
      tg(3),
    ]);
    expect(fake.elbv2).toHaveReceivedCommandWith(DescribeTargetGroupsCommand, { Marker: 'page-2' });
    // One DescribeTargetHealth per target group of every page.
    expect(fake.elbv2).toHaveReceivedCommandTimes(DescribeTargetHealthCommand, 3);
  });
});

describe('collectSnapshot: failures', () => {
  const accessDenied = (name: string, message: string) =>
    Object.assign(new Error(message), { name });

  test('a denied call is reported by name and the rest of the region is still written', async () => {
    const fake = createFakeClients(cliExampleRegion());
    fake.ec2
      .on(DescribeVpcEndpointServiceConfigurationsCommand)
      .rejects(
        accessDenied(
          'UnauthorizedOperation',
          'You are not authorized to perform this operation.\nEncoded authorization failure message: xyz',
        ),
      );
    fake.elbv2
      .on(DescribeTargetHealthCommand)
      .rejects(
        accessDenied(
          'AccessDenied',
          'User is not authorized to perform: elasticloadbalancing:DescribeTargetHealth',
        ),
      );
    const { out, result } = await collectOne(fake);
    expect(result.complete).toBe(false);
    expect(result.failures).toEqual([
      {
        call: 'DescribeVpcEndpointServiceConfigurations',
        account: '123456789012',
        region: 'us-east-1',
        code: 'UnauthorizedOperation',
        message: 'You are not authorized to perform this operation.',
        key: 'ServiceConfigurations',
      },
      {
        call: 'DescribeTargetHealth',
        account: '123456789012',
        region: 'us-east-1',
        code: 'AccessDenied',
        message: 'User is not authorized to perform: elasticloadbalancing:DescribeTargetHealth',
        resource: EXAMPLE_TG_ARN,
        key: 'LoadBalancerTargetHealth',
      },
    ]);
    const files = await listFiles(out);
    // The failed list call leaves no file, so a reader cannot mistake it for "no services".
    expect(files).not.toContain('accounts/123456789012/us-east-1/ServiceConfigurations.json');
    expect(files).toHaveLength(Object.keys(SNAPSHOT_KEYS).length - 1);
    const health = await readOutput(
      out,
      'accounts/123456789012/us-east-1/LoadBalancerTargetHealth.json',
    );
    expect(health).toEqual({ LoadBalancerTargetHealth: [] });
    expect(result.regions[0]).toMatchObject({ failedCalls: 2 });
  });

  test('per-resource calls are not made when the list they come from failed', async () => {
    const fake = createFakeClients(cliExampleRegion());
    fake.elbv2.on(DescribeTargetGroupsCommand).rejects(accessDenied('AccessDenied', 'denied'));
    const { out, result } = await collectOne(fake);
    expect(result.failures.map((f) => f.call)).toEqual(['DescribeTargetGroups']);
    expect(fake.elbv2).not.toHaveReceivedCommand(DescribeTargetHealthCommand);
    const files = await listFiles(out);
    for (const key of ['TargetGroups', 'LoadBalancerTargetHealth', 'TargetGroupAttributes']) {
      expect(files).not.toContain(`accounts/123456789012/us-east-1/${key}.json`);
    }
  });
});

describe('collectSnapshot: accounts', () => {
  const region = (account: string): FakeRegion => ({
    lists: {
      Vpcs: [{ VpcId: `vpc-${account}`, OwnerId: account, CidrBlock: '10.0.0.0/16' }],
      SecurityGroups: [{ GroupId: `sg-${account}`, OwnerId: account }],
    },
  });

  test("two role ARNs give two account folders, each with its own account's data", async () => {
    const targets: CollectTarget[] = ['111111111111', '222222222222'].map((account) => ({
      label: `arn:aws:iam::${account}:role/ReadOnly`,
      accountId: account,
      credentials: undefined,
    }));
    const fakes = new Map(targets.map((t) => [t.label, createFakeClients(region(t.accountId!))]));
    const calls: string[] = [];
    const clients: ClientFactory = (target, regionName) => {
      calls.push(`${target.accountId} ${regionName}`);
      return fakes.get(target.label)!.clients;
    };
    const out = await tempDir();
    const result = await collectSnapshot({
      targets,
      regions: ['eu-west-1'],
      clients,
      writer: createSnapshotWriter(out),
    });
    expect(calls.sort()).toEqual(['111111111111 eu-west-1', '222222222222 eu-west-1']);
    expect(result.regions.map((r) => `${r.account} ${r.region}`)).toEqual([
      '111111111111 eu-west-1',
      '222222222222 eu-west-1',
    ]);
    for (const account of ['111111111111', '222222222222']) {
      const vpcs = await readOutput(out, `accounts/${account}/eu-west-1/Vpcs.json`);
      expect(vpcs).toEqual({
        Vpcs: [{ VpcId: `vpc-${account}`, OwnerId: account, CidrBlock: '10.0.0.0/16' }],
      });
    }
  });

  test("a role's account comes from its ARN even when the region holds another owner's VPC", async () => {
    const target: CollectTarget = {
      label: 'role',
      accountId: '333333333333',
      credentials: undefined,
    };
    const { result } = await collectOne(createFakeClients(region('444444444444')), target);
    expect(result.regions[0]?.account).toBe('333333333333');
  });

  test('every region of the base credentials goes to one account folder', async () => {
    const out = await tempDir();
    const withGroups = createFakeClients(region('555555555555'));
    const empty = createFakeClients({ lists: {} });
    const clients: ClientFactory = (_target, name) =>
      (name === 'us-east-1' ? withGroups : empty).clients;
    const result = await collectSnapshot({
      targets: [BASE],
      regions: ['us-east-1', 'ap-south-1'],
      clients,
      writer: createSnapshotWriter(out),
    });
    expect(result.regions.map((r) => `${r.account} ${r.region}`)).toEqual([
      '555555555555 us-east-1',
      '555555555555 ap-south-1',
    ]);
  });
});

describe('collectSnapshot: unknown account', () => {
  test('base credentials that see no group and no VPC write to accounts/unknown-account/', async () => {
    const fake = createFakeClients({ lists: { AvailabilityZones: [{ ZoneId: 'use1-az1' }] } });
    const { out, result } = await collectOne(fake);
    expect(result.regions[0]?.account).toBe('unknown-account');
    const zones = await readOutput(
      out,
      'accounts/unknown-account/us-east-1/AvailabilityZones.json',
    );
    expect(zones).toEqual({ AvailabilityZones: [{ ZoneId: 'use1-az1' }] });
  });
});

describe('collectSnapshot: endpoint services', () => {
  test('stops following NextToken when the same token comes back', async () => {
    const fake = createFakeClients({ lists: {} });
    fake.ec2
      .on(DescribeVpcEndpointServicesCommand)
      .resolves({ ServiceDetails: [{ ServiceName: 'a' }], NextToken: 'again' });
    const { result } = await collectOne(fake);
    expect(result.failures).toEqual([]);
    expect(fake.ec2).toHaveReceivedCommandTimes(DescribeVpcEndpointServicesCommand, 2);
  });
});

describe('collectSnapshot: prefix list entries', () => {
  test('reads entries of customer-managed lists and of AWS-managed lists a rule references', async () => {
    const fake = createFakeClients({
      lists: {
        PrefixLists: [
          { PrefixListId: 'pl-customer', OwnerId: '111122223333' },
          { PrefixListId: 'pl-s3', OwnerId: 'AWS', PrefixListName: 'com.amazonaws.us-east-1.s3' },
          {
            PrefixListId: 'pl-unused',
            OwnerId: 'AWS',
            PrefixListName: 'com.amazonaws.us-east-1.dynamodb',
          },
        ],
        SecurityGroups: [
          {
            GroupId: 'sg-1',
            OwnerId: '111122223333',
            IpPermissions: [],
            IpPermissionsEgress: [
              {
                IpProtocol: 'tcp',
                FromPort: 443,
                ToPort: 443,
                PrefixListIds: [{ PrefixListId: 'pl-s3' }],
              },
            ],
          },
        ],
      },
      prefixListEntries: { 'pl-s3': [{ Cidr: '52.216.0.0/15' }] },
    });
    fake.ec2
      .on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-customer' })
      .callsFake(
        pagesByToken(
          [{ Entries: [{ Cidr: '10.0.0.0/16' }] }, { Entries: [{ Cidr: '10.1.0.0/16' }] }],
          'NextToken',
        ),
      );
    const { out } = await collectOne(fake);
    const written = await readOutput(out, 'accounts/111122223333/us-east-1/PrefixListEntries.json');
    expect(written).toEqual({
      PrefixListEntries: [
        {
          PrefixListId: 'pl-customer',
          Entries: [{ Cidr: '10.0.0.0/16' }, { Cidr: '10.1.0.0/16' }],
        },
        { PrefixListId: 'pl-s3', Entries: [{ Cidr: '52.216.0.0/15' }] },
      ],
    });
    expect(fake.ec2).not.toHaveReceivedCommandWith(GetManagedPrefixListEntriesCommand, {
      PrefixListId: 'pl-unused',
    });
  });
});
