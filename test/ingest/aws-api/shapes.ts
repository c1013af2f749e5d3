import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RegionLists } from '../../../src/ingest/aws-api/list-calls.js';
import { AWS_CLI_EXAMPLES, SHARED_DATA as DATA } from '../../real-data.js';
import type { FakeRegion } from './fake-aws.js';

/** The real public data of `test/data/`. */
export const SHARED_DATA = locateSharedData();
const CLI_EXAMPLES = AWS_CLI_EXAMPLES;

/** Members the AWS APIs type as timestamps (the SDK parses them into Date objects). */
const TIMESTAMP_MEMBER = /(Time|Timestamp)$/;

/** Parses a JSON file of AWS CLI output. */
export function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** CLI output turned back into what the SDK returns: timestamp strings become Date objects. */
export function reviveTimestamps(value: unknown): unknown {
  return mapTimestamps(value, (text) => new Date(Date.parse(text.replace(' ', 'T'))));
}

/**
 * Timestamps as epoch milliseconds, so outputs written in different CLI timestamp formats
 * (`2020-02-25 04:56:34+00:00`, `2020-02-25T04:56:34.000Z`) compare equal when they are the
 * same instant.
 */
export function normalizeTimestamps(value: unknown): unknown {
  return mapTimestamps(value, (text) => Date.parse(text.replace(' ', 'T')));
}

function mapTimestamps(value: unknown, convert: (text: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapTimestamps(item, convert));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const isTimestamp = TIMESTAMP_MEMBER.test(key) && typeof member === 'string';
    out[key] = isTimestamp ? convert(member) : mapTimestamps(member, convert);
  }
  return out;
}

/** The list under `key` of a CLI example file, as the SDK would return it. */
export function cliExample<T>(file: string, key: string): T[] {
  const document = readJson(path.join(CLI_EXAMPLES, file));
  return reviveTimestamps(document[key]) as T[];
}

export const EXAMPLE_LB_ARN =
  'arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/my-load-balancer/50dc6c495c0c9188';
export const EXAMPLE_TG_ARN =
  'arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067';
export const EXAMPLE_PREFIX_LIST_ID = 'pl-0123456abcabcabc1';

/** Where each region-wide list of the CLI-example region comes from. */
export const EXAMPLE_LIST_FILES: Record<keyof RegionLists, [file: string, key: string]> = {
  Vpcs: ['ec2/describe-vpcs-1.json', 'Vpcs'],
  Subnets: ['ec2/describe-subnets-1.json', 'Subnets'],
  AvailabilityZones: [
    '../batfish-aws/test-load-balancer/aws_configs/AvailabilityZones.json',
    'AvailabilityZones',
  ],
  NetworkAcls: ['ec2/describe-network-acls-1.json', 'NetworkAcls'],
  SecurityGroups: ['ec2/describe-security-groups-1.json', 'SecurityGroups'],
  PrefixLists: ['ec2/describe-managed-prefix-lists-1.json', 'PrefixLists'],
  NetworkInterfaces: ['ec2/describe-network-interfaces-1.json', 'NetworkInterfaces'],
  Reservations: ['ec2/describe-instances-1.json', 'Reservations'],
  VpcEndpoints: ['ec2/describe-vpc-endpoints-1.json', 'VpcEndpoints'],
  ServiceConfigurations: [
    'ec2/describe-vpc-endpoint-service-configurations-1.json',
    'ServiceConfigurations',
  ],
  VpcEndpointConnections: [
    'ec2/describe-vpc-endpoint-connections-1.json',
    'VpcEndpointConnections',
  ],
  ServiceDetails: ['ec2/describe-vpc-endpoint-services-1.json', 'ServiceDetails'],
  LoadBalancers: ['elbv2/describe-load-balancers-1.json', 'LoadBalancers'],
  TargetGroups: ['elbv2/describe-target-groups-1.json', 'TargetGroups'],
};

/**
 * One region answered with the AWS CLI documentation's example responses: every list, the
 * entries of one customer-managed prefix list, and the per-ARN outputs of the example load
 * balancer and target group (whose ARNs agree across the elbv2 examples).
 */
export function cliExampleRegion(): FakeRegion {
  const lists: Record<string, unknown[]> = {};
  for (const [key, [file, member]] of Object.entries(EXAMPLE_LIST_FILES)) {
    lists[key] = cliExample(file, member);
  }
  return {
    lists: lists as RegionLists,
    prefixListEntries: {
      [EXAMPLE_PREFIX_LIST_ID]: cliExample('ec2/get-managed-prefix-list-entries-1.json', 'Entries'),
    },
    listeners: { [EXAMPLE_LB_ARN]: cliExample('elbv2/describe-listeners-2.json', 'Listeners') },
    loadBalancerAttributes: {
      [EXAMPLE_LB_ARN]: cliExample('elbv2/describe-load-balancer-attributes-1.json', 'Attributes'),
    },
    targetHealth: {
      [EXAMPLE_TG_ARN]: cliExample(
        'elbv2/describe-target-health-1.json',
        'TargetHealthDescriptions',
      ),
    },
    targetGroupAttributes: {
      [EXAMPLE_TG_ARN]: cliExample('elbv2/describe-target-group-attributes-1.json', 'Attributes'),
    },
  };
}

function locateSharedData(): string {
  if (!existsSync(AWS_CLI_EXAMPLES)) {
    throw new Error(`AWS CLI examples not found at ${AWS_CLI_EXAMPLES}: set VPCREACH_SHARED_DATA`);
  }
  return DATA;
}
