import type { z } from 'zod';
import { InputError } from '../errors.js';
import { isSnapshotKey, type SnapshotKey } from './keys.js';
import * as ec2 from './schema/ec2.js';
import * as privatelink from './schema/privatelink.js';
import {
  emptyLists,
  type Origin,
  type SkippedFile,
  type Snapshot,
  type SnapshotNote,
} from './snapshot.js';

const ITEM_SCHEMAS: Record<SnapshotKey, z.ZodType> = {
  Vpcs: ec2.Vpc,
  Subnets: ec2.Subnet,
  AvailabilityZones: ec2.AvailabilityZone,
  NetworkAcls: ec2.NetworkAcl,
  SecurityGroups: ec2.SecurityGroup,
  PrefixLists: ec2.PrefixList,
  PrefixListEntries: ec2.PrefixListEntries,
  NetworkInterfaces: ec2.NetworkInterface,
  Reservations: ec2.Reservation,
  VpcEndpoints: privatelink.VpcEndpoint,
  ServiceConfigurations: privatelink.ServiceConfiguration,
  VpcEndpointConnections: privatelink.VpcEndpointConnection,
  ServiceDetails: privatelink.ServiceDetail,
  LoadBalancers: privatelink.LoadBalancer,
  TargetGroups: privatelink.TargetGroup,
  LoadBalancerListeners: privatelink.LoadBalancerListeners,
  LoadBalancerAttributes: privatelink.LoadBalancerAttributes,
  LoadBalancerTargetHealth: privatelink.LoadBalancerTargetHealth,
  TargetGroupAttributes: privatelink.TargetGroupAttributes,
};

/** Members that name the resource an item describes, most specific first. */
const ID_MEMBERS = [
  'NetworkAclId',
  'GroupId',
  'NetworkInterfaceId',
  'InstanceId',
  'VpcEndpointId',
  'ServiceId',
  'SubnetId',
  'PrefixListId',
  'ListenerArn',
  'LoadBalancerArn',
  'TargetGroupArn',
  'ZoneId',
  'VpcId',
  'ReservationId',
  'ServiceName',
];

/** Nested lists whose items are resources of their own (an instance inside a reservation). */
const NESTED_RESOURCES = new Set(['Instances', 'Listeners']);

/**
 * Outputs of calls AWS answers once per resource, saved without the resource they were made for.
 * vpcreach cannot tell which load balancer, target group or prefix list they describe, and
 * skipping them would silently drop listeners or health, so they are refused with the fix.
 */
const UNWRAPPED: Record<string, { call: string; wrapper: string }> = {
  Listeners: {
    call: 'aws elbv2 describe-listeners',
    wrapper: '{"LoadBalancerListeners": [{"LoadBalancerArn": ARN, "Listeners": [...]}]}',
  },
  Attributes: {
    call: 'aws elbv2 describe-load-balancer-attributes or describe-target-group-attributes',
    wrapper:
      '{"LoadBalancerAttributes": [{"LoadBalancerArn": ARN, "Attributes": [...]}]} (or TargetGroupAttributes with TargetGroupArn)',
  },
  TargetHealthDescriptions: {
    call: 'aws elbv2 describe-target-health',
    wrapper:
      '{"LoadBalancerTargetHealth": [{"TargetGroupArn": ARN, "TargetHealthDescriptions": [...]}]}',
  },
  Entries: {
    call: 'aws ec2 get-managed-prefix-list-entries',
    wrapper: '{"PrefixListEntries": [{"PrefixListId": ID, "Entries": [...]}]}',
  },
  Instances: {
    call: 'aws ec2 describe-instances with --query',
    wrapper: 'the complete output of aws ec2 describe-instances, {"Reservations": [...]}',
  },
};

/** One parsed JSON document and where it came from. */
export interface SourceDocument {
  readonly document: unknown;
  readonly origin: Origin;
}

/**
 * Validates documents against the schemas and merges them into one Snapshot. Throws an
 * InputError naming the file, the resource, the field and the bad value for the first problem.
 */
export function buildSnapshot(
  sources: readonly SourceDocument[],
  notes: readonly SnapshotNote[] = [],
): Snapshot {
  const lists = emptyLists();
  const origin = new WeakMap<object, Origin>();
  const skipped: SkippedFile[] = [];
  for (const source of sources) {
    const { document } = source;
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      throw new InputError({
        file: source.origin.file,
        message: 'is not a describe-* output: expected a JSON object such as {"Vpcs": [...]}',
        hint: 'save the whole output of the AWS CLI call with --output json; output shaped with --query cannot be read',
      });
    }
    const keys = Object.keys(document);
    const known = keys.filter(isSnapshotKey);
    const unwrapped = keys.find((key) => Object.hasOwn(UNWRAPPED, key));
    if (known.length === 0 && unwrapped !== undefined) {
      const { call, wrapper } = UNWRAPPED[unwrapped]!;
      throw new InputError({
        file: source.origin.file,
        message: `holds "${unwrapped}" from ${call}, which does not say which resource it describes`,
        hint: `wrap it as ${wrapper}`,
      });
    }
    if (known.length === 0) skipped.push({ file: source.origin.file, keys });
    for (const key of known) {
      const items = validateList(key, (document as Record<string, unknown>)[key], source.origin);
      for (const item of items) origin.set(item, source.origin);
      (lists[key] as unknown[]).push(...items);
    }
  }
  const files = [...new Set(sources.map((source) => source.origin.file))];
  return { ...lists, origin, skipped, files, notes };
}

function validateList(key: SnapshotKey, value: unknown, origin: Origin): object[] {
  if (!Array.isArray(value)) {
    throw new InputError({
      file: origin.file,
      field: key,
      message: 'must be a list, as the AWS CLI prints it',
    });
  }
  const schema = ITEM_SCHEMAS[key];
  return value.map((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) return parsed.data as object;
    throw toInputError(key, index, item, parsed.error.issues[0]!, origin);
  });
}

function toInputError(
  key: SnapshotKey,
  index: number,
  item: unknown,
  issue: z.core.$ZodIssue,
  origin: Origin,
): InputError {
  let resource = idOf(item) ?? `${key}[${index}]`;
  let fieldPath: PropertyKey[] = [];
  let cursor: unknown = item;
  for (let i = 0; i < issue.path.length; i++) {
    const segment = issue.path[i]!;
    const next = at(cursor, segment);
    fieldPath.push(segment);
    if (typeof segment === 'number' && NESTED_RESOURCES.has(String(issue.path[i - 1]))) {
      const nestedId = idOf(next);
      if (nestedId !== undefined) {
        resource = nestedId;
        fieldPath = [];
      }
    }
    cursor = next;
  }
  const field = formatPath(fieldPath);
  return new InputError({
    file: origin.file,
    resource,
    field: field === '' ? undefined : field,
    value: 'input' in issue && issue.input !== undefined ? issue.input : cursor,
    message: describeIssue(issue, cursor),
    hint: hintFor(issue, cursor),
  });
}

function at(value: unknown, segment: PropertyKey): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as Record<PropertyKey, unknown>)[segment];
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const member of ID_MEMBERS) {
    const id = (value as Record<string, unknown>)[member];
    if (typeof id === 'string') return id;
  }
  return undefined;
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    text +=
      typeof segment === 'number' ? `[${segment}]` : `${text === '' ? '' : '.'}${String(segment)}`;
  }
  return text;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  if (value === undefined && issue.code !== 'custom') return 'is missing';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${article(issue.expected)}`;
    case 'too_small':
      return `is below the minimum ${String(issue.minimum)}`;
    case 'too_big':
      return `is above the maximum ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function hintFor(issue: z.core.$ZodIssue, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (issue.message.includes('prefix length is missing')) {
    return `write ${value}/${value.includes(':') ? 128 : 32} for one address`;
  }
  if (issue.message.includes('leading zero')) return 'write each octet without leading zeros';
  return undefined;
}
