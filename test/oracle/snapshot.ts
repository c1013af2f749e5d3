/**
 * Reads a raw snapshot (a tree of `describe-*` JSON files, or the same content in memory) into
 * plain lists in AWS's own field names. Nothing is validated: the oracle trusts its input and
 * reads only the fields the model uses. The types below list those fields, nothing more.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Raw snapshot content: top-level key (`Vpcs`, `SecurityGroups`, …) to the list AWS returned. */
export type RawSnapshot = Record<string, unknown[]>;

/** The fields of AWS's IpPermission the oracle reads. */
export interface RawPermission {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: { CidrIp: string }[];
  Ipv6Ranges?: { CidrIpv6: string }[];
  PrefixListIds?: { PrefixListId: string }[];
  UserIdGroupPairs?: { GroupId?: string; PeeringStatus?: string }[];
}

/** The fields of a describe-security-groups item the oracle reads. */
export interface RawSecurityGroup {
  GroupId: string;
  GroupName?: string;
  VpcId?: string;
  IpPermissions?: RawPermission[];
  IpPermissionsEgress?: RawPermission[];
}

/** The fields of a network ACL entry the oracle reads. */
export interface RawNaclEntry {
  RuleNumber: number;
  Protocol: string;
  RuleAction: string;
  Egress: boolean;
  CidrBlock?: string;
  Ipv6CidrBlock?: string;
  PortRange?: { From?: number; To?: number };
  IcmpTypeCode?: { Type?: number; Code?: number };
}

/** The fields of a describe-network-acls item the oracle reads. */
export interface RawNetworkAcl {
  NetworkAclId: string;
  VpcId: string;
  IsDefault?: boolean;
  Associations?: { SubnetId?: string }[];
  Entries?: RawNaclEntry[];
}

/** The fields of a describe-subnets item the oracle reads. */
export interface RawSubnet {
  SubnetId: string;
  VpcId: string;
  CidrBlock?: string;
  Ipv6CidrBlockAssociationSet?: { Ipv6CidrBlock?: string }[];
  AvailabilityZone?: string;
  AvailabilityZoneId?: string;
  OwnerId?: string;
}

/** The fields of a describe-vpcs item the oracle reads. */
export interface RawVpc {
  VpcId: string;
  CidrBlock?: string;
  CidrBlockAssociationSet?: { CidrBlock?: string }[];
  Ipv6CidrBlockAssociationSet?: { Ipv6CidrBlock?: string }[];
}

/** The fields of a describe-network-interfaces item the oracle reads. */
export interface RawEni {
  NetworkInterfaceId: string;
  SubnetId: string;
  VpcId?: string;
  InterfaceType?: string;
  Description?: string;
  PrivateIpAddress?: string;
  PrivateIpAddresses?: { PrivateIpAddress: string; Primary?: boolean }[];
  Ipv6Addresses?: { Ipv6Address: string; IsPrimaryIpv6?: boolean }[];
  Groups?: { GroupId: string }[];
  Attachment?: { InstanceId?: string; DeviceIndex?: number };
}

/** The fields of a describe-instances instance the oracle reads. */
export interface RawInstance {
  InstanceId: string;
  SubnetId?: string;
  VpcId?: string;
  PrivateIpAddress?: string;
  NetworkInterfaces?: RawEni[];
}

/** The fields of a describe-vpc-endpoints item the oracle reads. */
export interface RawVpcEndpoint {
  VpcEndpointId: string;
  VpcEndpointType?: string;
  VpcId: string;
  ServiceName: string;
  State?: string;
  SubnetIds?: string[];
  NetworkInterfaceIds?: string[];
  Groups?: { GroupId: string }[];
}

/** The fields of an endpoint service configuration the oracle reads. */
export interface RawServiceConfiguration {
  ServiceId: string;
  ServiceName: string;
  AvailabilityZoneIds?: string[];
  AvailabilityZones?: string[];
  NetworkLoadBalancerArns?: string[];
}

/** The fields of a describe-vpc-endpoint-connections item the oracle reads. */
export interface RawEndpointConnection {
  ServiceId?: string;
  VpcEndpointId: string;
  VpcEndpointState?: string;
}

/** The fields of a describe-load-balancers item the oracle reads. */
export interface RawLoadBalancer {
  LoadBalancerArn: string;
  LoadBalancerName?: string;
  Type?: string;
  VpcId?: string;
  AvailabilityZones?: {
    ZoneName?: string;
    SubnetId: string;
    LoadBalancerAddresses?: { PrivateIPv4Address?: string }[];
  }[];
  SecurityGroups?: string[];
  EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic?: string;
}

/** The fields of a describe-listeners item the oracle reads. */
export interface RawListener {
  Port: number;
  Protocol: string;
  DefaultActions?: {
    Type: string;
    TargetGroupArn?: string;
    ForwardConfig?: { TargetGroups?: { TargetGroupArn: string; Weight?: number }[] };
  }[];
}

/** The fields of a describe-target-groups item the oracle reads. */
export interface RawTargetGroup {
  TargetGroupArn: string;
  Port?: number;
  Protocol?: string;
  TargetType?: string;
  HealthCheckPort?: string;
  HealthCheckProtocol?: string;
}

/** The fields of a describe-target-health item the oracle reads. */
export interface RawTargetHealthDescription {
  Target: { Id: string; Port?: number; AvailabilityZone?: string };
  TargetHealth?: { State?: string };
}

/** A describe-availability-zones item, with the account it came from. */
export interface RawZone {
  ZoneName: string;
  ZoneId: string;
  /** The account whose `accounts/<id>/` subtree held this entry, when known. */
  account?: string;
}

/** The snapshot as plain lists, per-ARN wrappers flattened into maps keyed by that ARN. */
export interface OracleSnapshot {
  vpcs: RawVpc[];
  subnets: RawSubnet[];
  zones: RawZone[];
  networkAcls: RawNetworkAcl[];
  securityGroups: RawSecurityGroup[];
  prefixLists: { PrefixListId: string; cidrs: string[] }[];
  enis: RawEni[];
  instances: RawInstance[];
  vpcEndpoints: RawVpcEndpoint[];
  serviceConfigurations: RawServiceConfiguration[];
  /** The consumer's view of services (AWS-managed ones included): ID and name only. */
  serviceDetails: { ServiceId: string; ServiceName: string }[];
  endpointConnections: RawEndpointConnection[];
  loadBalancers: RawLoadBalancer[];
  listeners: { loadBalancerArn: string; listener: RawListener }[];
  loadBalancerAttributes: Map<string, Map<string, string>>;
  targetGroups: RawTargetGroup[];
  targetGroupAttributes: Map<string, Map<string, string>>;
  targetHealth: Map<string, RawTargetHealthDescription[]>;
}

const accountOfItem = new WeakMap<object, string>();

function appendDocument(raw: RawSnapshot, document: unknown, account: string | undefined): void {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return;
  for (const [key, value] of Object.entries(document)) {
    if (!Array.isArray(value)) continue;
    for (const item of value) {
      if (account !== undefined && typeof item === 'object' && item !== null) {
        accountOfItem.set(item, account);
      }
    }
    raw[key] = [...(raw[key] ?? []), ...value];
  }
}

function readTree(raw: RawSnapshot, directory: string, account: string | undefined): void {
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) {
      // accounts/<id>/<region>/ subtrees merge into one network; remember whose they were.
      const parent = directory.split(/[\\/]/).pop();
      readTree(raw, path, parent === 'accounts' ? name : account);
    } else if (name.endsWith('.json')) {
      appendDocument(raw, JSON.parse(readFileSync(path, 'utf8')), account);
    }
  }
}

/**
 * Loads a raw snapshot: a directory tree of `describe-*` JSON files (merged by top-level key),
 * a single JSON file, or an in-memory object already keyed that way (returned as is).
 */
export function loadRaw(source: string | RawSnapshot): RawSnapshot {
  if (typeof source !== 'string') return source;
  const raw: RawSnapshot = {};
  if (statSync(source).isDirectory()) readTree(raw, source, undefined);
  else appendDocument(raw, JSON.parse(readFileSync(source, 'utf8')), undefined);
  return raw;
}

function list<T>(raw: RawSnapshot, key: string): T[] {
  return (raw[key] ?? []) as T[];
}

function attributeMap(items: {
  Attributes?: { Key: string; Value: string }[];
}): Map<string, string> {
  return new Map((items.Attributes ?? []).map((a) => [a.Key, a.Value]));
}

function collectEnis(raw: RawSnapshot, instances: RawInstance[]): RawEni[] {
  const enis = [...list<RawEni>(raw, 'NetworkInterfaces')];
  // An instance's interfaces may be described only inside describe-instances.
  for (const instance of instances) {
    for (const nested of instance.NetworkInterfaces ?? []) {
      if (enis.some((e) => e.NetworkInterfaceId === nested.NetworkInterfaceId)) continue;
      enis.push({
        ...nested,
        Attachment: { ...nested.Attachment, InstanceId: instance.InstanceId },
      });
    }
  }
  return enis;
}

function collectPrefixLists(raw: RawSnapshot): OracleSnapshot['prefixLists'] {
  type Listed = { PrefixListId: string; Cidrs?: string[] };
  type Entries = { PrefixListId: string; Entries?: { Cidr: string }[] };
  const lists = list<Listed>(raw, 'PrefixLists').map((p) => ({
    PrefixListId: p.PrefixListId,
    cidrs: [...(p.Cidrs ?? [])],
  }));
  for (const wrapper of list<Entries>(raw, 'PrefixListEntries')) {
    let target = lists.find((p) => p.PrefixListId === wrapper.PrefixListId);
    if (target === undefined) {
      target = { PrefixListId: wrapper.PrefixListId, cidrs: [] };
      lists.push(target);
    }
    target.cidrs.push(...(wrapper.Entries ?? []).map((e) => e.Cidr));
  }
  return lists;
}

/** Turns a raw snapshot into the plain lists the oracle reads. */
export function toOracleSnapshot(raw: RawSnapshot): OracleSnapshot {
  type LbWrapper = { LoadBalancerArn: string; Listeners?: RawListener[] };
  type AttrWrapper = { Attributes?: { Key: string; Value: string }[] };
  type HealthWrapper = {
    TargetGroupArn: string;
    TargetHealthDescriptions?: RawTargetHealthDescription[];
  };
  const reservations = list<{ Instances?: RawInstance[] }>(raw, 'Reservations');
  const instances = reservations.flatMap((r) => r.Instances ?? []);
  const zones = list<RawZone>(raw, 'AvailabilityZones').map((z) => ({
    ZoneName: z.ZoneName,
    ZoneId: z.ZoneId,
    account: accountOfItem.get(z),
  }));
  return {
    vpcs: list(raw, 'Vpcs'),
    subnets: list(raw, 'Subnets'),
    zones,
    networkAcls: list(raw, 'NetworkAcls'),
    securityGroups: list(raw, 'SecurityGroups'),
    prefixLists: collectPrefixLists(raw),
    enis: collectEnis(raw, instances),
    instances,
    vpcEndpoints: list(raw, 'VpcEndpoints'),
    serviceConfigurations: list(raw, 'ServiceConfigurations'),
    serviceDetails: list(raw, 'ServiceDetails'),
    endpointConnections: list(raw, 'VpcEndpointConnections'),
    loadBalancers: list(raw, 'LoadBalancers'),
    listeners: list<LbWrapper>(raw, 'LoadBalancerListeners').flatMap((w) =>
      (w.Listeners ?? []).map((listener) => ({ loadBalancerArn: w.LoadBalancerArn, listener })),
    ),
    loadBalancerAttributes: new Map(
      list<AttrWrapper & { LoadBalancerArn: string }>(raw, 'LoadBalancerAttributes').map((w) => [
        w.LoadBalancerArn,
        attributeMap(w),
      ]),
    ),
    targetGroups: list(raw, 'TargetGroups'),
    targetGroupAttributes: new Map(
      list<AttrWrapper & { TargetGroupArn: string }>(raw, 'TargetGroupAttributes').map((w) => [
        w.TargetGroupArn,
        attributeMap(w),
      ]),
    ),
    targetHealth: new Map(
      list<HealthWrapper>(raw, 'LoadBalancerTargetHealth').map((w) => [
        w.TargetGroupArn,
        w.TargetHealthDescriptions ?? [],
      ]),
    ),
  };
}
