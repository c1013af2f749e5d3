/**
 * Turns a drawn skeleton and rule set into describe-* JSON (arbitrary.ts draws them). Addresses
 * are laid out so nothing collides: VPC v is 10.v.0.0/16, its subnet s is 10.v.s.0/24, plain
 * ENIs use hosts 10-230 (their secondary addresses 231-237), endpoint ENIs 240-241 and NLB nodes
 * 250-252.
 */

import { addPrivateLink } from './arbitrary-privatelink.js';
import type { AddressPool } from './arbitrary-rules.js';
import * as build from './build.js';
import type { RawSnapshot } from './snapshot.js';

type Permission = ReturnType<typeof build.permission>;
type Entry = ReturnType<typeof build.naclEntry>;

/** The drawn shape of a PrivateLink setup (indices are taken modulo what exists). */
export interface PrivateLinkShape {
  providerVpc: number;
  consumerVpc: number;
  nodeSubnets: number[];
  endpointSubnets: number[];
  listeners: { port: number; protocol: string }[];
  targetGroupPort: number;
  targetType: 'instance' | 'ip';
  targets: number[];
  crossZone: boolean;
  targetGroupCrossZone: string | undefined;
  healthCheckPort: string;
  minimumHealthy: string | undefined;
  preserveClientIp: string | undefined;
  nlbGroup: boolean;
  enforce: 'on' | 'off' | undefined;
  endpointGroups: number;
  endpointState: string;
  serviceZones: 'ids' | 'names' | 'first';
  connectionState: string | undefined;
  nodeAddressesListed: boolean;
}

/** The drawn structure of a scenario, before any rule. */
export interface Skeleton {
  vpcCount: number;
  ipv6: [boolean, boolean];
  subnetZones: [number[], number[]];
  enis: {
    vpc: number;
    subnet: number;
    host: number;
    ipv6: boolean;
    instance: boolean;
    secondary: boolean;
  }[];
  groupCount: number;
  prefixListCount: number;
  /**
   * Every drawn group also admits everything from 10.0.0.0/8, so most forward packets pass and
   * return rules, zones and health decide.
   */
  openGroups: boolean;
  privateLink: PrivateLinkShape | null;
}

/** The drawn rules: group permissions, NACL entries, prefix-list CIDRs. */
export interface Rules {
  groups: { ingress: Permission[]; egress: Permission[] | undefined }[];
  eniGroups: (number[] | 'all')[];
  defaultNacls: [Entry[] | null, Entry[] | null];
  customNacls: Entry[][];
  subnetNacl: number[];
  prefixLists: string[][];
  nlbIngress: Permission[];
  /** Inbound rules of the endpoint's own group. */
  endpointIngress: Permission[];
}

/** A plain (instance-style) ENI of a scenario, with every name a question may use. */
export interface PlainEni {
  id: string;
  subnetId: string;
  vpcId: string;
  ip: string;
  ipv6?: string;
  instanceId?: string;
}

/** A random snapshot and the handles questions are drawn from. */
export interface Scenario {
  raw: RawSnapshot;
  pool: AddressPool;
  plainEnis: PlainEni[];
  privateLink?: {
    endpointId: string;
    serviceId: string;
    nlbArn: string;
    nlbName: string;
    endpointEnis: { id: string; ip: string }[];
    nodeIps: string[];
    listenerPorts: number[];
  };
}

/** Zone names deliberately map to IDs of other numbers, as they do per account in AWS. */
export const ZONES = [
  { name: 'us-east-1a', id: 'use1-az4' },
  { name: 'us-east-1b', id: 'use1-az1' },
  { name: 'us-east-1c', id: 'use1-az2' },
];

/** The NLB's security group, when the drawn NLB has one. */
export const NLB_GROUP = 'sg-0b0000000000000b0';
/** The interface endpoint's own security group. */
export const ENDPOINT_GROUP = 'sg-0e0000000000000e0';

/** An AWS-looking ID: prefix, then 17 hex digits. */
export function hexId(prefix: string, n: number): string {
  return `${prefix}-0${n.toString(16).padStart(16, '0')}`;
}

/** Where everything of a skeleton sits: IDs, CIDRs, addresses. */
export interface Layout {
  vpcs: { id: string; cidr: string; ipv6?: string }[];
  subnets: {
    id: string;
    vpc: number;
    index: number;
    cidr: string;
    ipv6?: string;
    zone: (typeof ZONES)[number];
  }[];
  plain: (Omit<PlainEni, 'subnetId' | 'vpcId'> & {
    vpc: number;
    subnet: Layout['subnets'][number];
    secondaryIp?: string;
  })[];
  customGroups: { id: string; vpc: number }[];
  defaultGroups: string[];
  prefixListIds: string[];
  openGroups: boolean;
}

function layoutOf(skeleton: Skeleton): Layout {
  const vpcs = Array.from({ length: skeleton.vpcCount }, (_, v) => ({
    id: hexId('vpc', 0xa00 + v),
    cidr: `10.${v}.0.0/16`,
    ...(skeleton.ipv6[v] ? { ipv6: `2600:1f18:aaaa:${v + 1}00::/56` } : {}),
  }));
  const subnets = vpcs.flatMap((vpc, v) =>
    (skeleton.subnetZones[v] ?? [0]).map((zone, s) => ({
      id: hexId('subnet', 0x100 * (v + 1) + s),
      vpc: v,
      index: s,
      cidr: `10.${v}.${s}.0/24`,
      ...(vpc.ipv6 ? { ipv6: `2600:1f18:aaaa:${v + 1}0${s}::/64` } : {}),
      zone: ZONES[zone % ZONES.length] ?? ZONES[0]!,
    })),
  );
  const taken = new Set<string>();
  const plain = skeleton.enis.map((e, k) => {
    const v = e.vpc % skeleton.vpcCount;
    const inVpc = subnets.filter((s) => s.vpc === v);
    const subnet = inVpc[e.subnet % inVpc.length]!;
    // Primaries stay in 10-230, so they never meet a secondary address (231 and up).
    let host = e.host;
    while (taken.has(`${subnet.id}/${host}`)) host = host >= 230 ? 10 : host + 1;
    taken.add(`${subnet.id}/${host}`);
    const base = `10.${v}.${subnet.index}`;
    return {
      id: hexId('eni', 0xe00 + k),
      ip: `${base}.${host}`,
      ...(subnet.ipv6 && e.ipv6
        ? { ipv6: `2600:1f18:aaaa:${v + 1}0${subnet.index}::${host.toString(16)}` }
        : {}),
      ...(e.instance ? { instanceId: hexId('i', 0x100 + k) } : {}),
      ...(e.secondary ? { secondaryIp: `${base}.${231 + k}` } : {}),
      vpc: v,
      subnet,
    };
  });
  const customGroups = Array.from({ length: skeleton.groupCount }, (_, g) => ({
    id: hexId('sg', 0x500 + g),
    vpc: g % skeleton.vpcCount,
  }));
  const defaultGroups = vpcs.map((_, v) => hexId('sg', 0xd00 + v));
  const prefixListIds = Array.from({ length: skeleton.prefixListCount }, (_, p) =>
    hexId('pl', 0x700 + p),
  );
  return {
    vpcs,
    subnets,
    plain,
    customGroups,
    defaultGroups,
    prefixListIds,
    openGroups: skeleton.openGroups,
  };
}

/** The IDs of the groups whose rules are drawn (the VPC default groups keep AWS's defaults). */
export function customGroupIds(skeleton: Skeleton): string[] {
  return layoutOf(skeleton).customGroups.map((g) => g.id);
}

function poolOf(layout: Layout, skeleton: Skeleton): AddressPool {
  const pl = skeleton.privateLink;
  return {
    v4Cidrs: [...layout.vpcs.map((v) => v.cidr), ...layout.subnets.map((s) => s.cidr)],
    v6Cidrs: [...layout.vpcs, ...layout.subnets].flatMap((x) => (x.ipv6 ? [x.ipv6] : [])),
    v4Hosts: [
      ...layout.plain.map((e) => e.ip),
      ...(pl ? layout.subnets.map((s) => `10.${s.vpc}.${s.index}.250`) : []),
    ],
    v6Hosts: layout.plain.flatMap((e) => (e.ipv6 ? [e.ipv6] : [])),
    groupIds: [
      ...layout.customGroups.map((g) => g.id),
      ...layout.defaultGroups,
      ...(pl?.nlbGroup ? [NLB_GROUP] : []),
      ...(pl && pl.endpointGroups > 0 ? [ENDPOINT_GROUP] : []),
    ],
    prefixListIds: layout.prefixListIds,
  };
}

function groupsOf(layout: Layout, rules: Rules | undefined): object[] {
  const defaults = layout.defaultGroups.map((id, v) =>
    build.securityGroup({
      id,
      vpcId: layout.vpcs[v]!.id,
      name: 'default',
      ingress: [build.permission({ protocol: '-1', groups: [id] })],
      egress: [build.ALLOW_ALL_OUT],
    }),
  );
  const customs = layout.customGroups.map((g, i) =>
    build.securityGroup({
      id: g.id,
      vpcId: layout.vpcs[g.vpc]!.id,
      ingress: openedUp(rules?.groups[i]?.ingress ?? [], layout.openGroups),
      egress: rules?.groups[i]?.egress ?? [build.ALLOW_ALL_OUT],
    }),
  );
  return [...defaults, ...customs];
}

/** The rules, with an allow-all from 10.0.0.0/8 in front when the scenario is open. */
export function openedUp(ingress: Permission[], open: boolean): Permission[] {
  return open ? [build.permission({ protocol: '-1', cidrs: ['10.0.0.0/8'] }), ...ingress] : ingress;
}

function eniGroupIds(layout: Layout, vpc: number, choice: number[] | 'all' | undefined): string[] {
  const available = [
    ...layout.customGroups.filter((g) => g.vpc === vpc).map((g) => g.id),
    layout.defaultGroups[vpc]!,
  ];
  if (choice === 'all') return available;
  const picked = (choice ?? [0]).map((i) => available[i % available.length]!);
  return [...new Set(picked)];
}

function plainEnisOf(layout: Layout, rules: Rules | undefined) {
  return layout.plain.map((e, k) =>
    build.eni({
      id: e.id,
      subnetId: e.subnet.id,
      vpcId: layout.vpcs[e.vpc]!.id,
      zoneName: e.subnet.zone.name,
      ip: e.ip,
      ...(e.secondaryIp ? { secondaryIps: [e.secondaryIp] } : {}),
      ...(e.ipv6 ? { ipv6: e.ipv6 } : {}),
      groups: eniGroupIds(layout, e.vpc, rules?.eniGroups[k]),
      ...(e.instanceId ? { instanceId: e.instanceId } : {}),
    }),
  );
}

function naclsOf(layout: Layout, rules: Rules | undefined): object[] {
  const defaults = layout.vpcs.map((vpc, v) =>
    build.networkAcl({
      id: hexId('acl', 0xd00 + v),
      vpcId: vpc.id,
      isDefault: true,
      subnetIds: [],
      entries: rules?.defaultNacls[v] ?? build.allowAllEntries(),
    }),
  );
  const customs = (rules?.customNacls ?? []).map((entries, c) => {
    const vpc = c % layout.vpcs.length;
    const subnetIds = layout.subnets
      .filter((s, t) => s.vpc === vpc && rules?.subnetNacl[t] === c + 1)
      .map((s) => s.id);
    return build.networkAcl({
      id: hexId('acl', 0xc00 + c),
      vpcId: layout.vpcs[vpc]!.id,
      isDefault: false,
      subnetIds,
      entries,
    });
  });
  return [...defaults, ...customs];
}

function prefixListsOf(layout: Layout, rules: Rules | undefined) {
  const lists = layout.prefixListIds.map((id, p) => ({
    PrefixListId: id,
    PrefixListName: `test-list-${p}`,
    AddressFamily: 'IPv4',
    MaxEntries: 5,
    State: 'create-complete',
    Version: 1,
    OwnerId: build.ACCOUNT,
  }));
  const entries = layout.prefixListIds.map((id, p) => ({
    PrefixListId: id,
    Entries: (rules?.prefixLists[p] ?? []).map((Cidr) => ({ Cidr })),
  }));
  return { lists, entries };
}

/** Builds the scenario; without rules, every group and NACL keeps AWS's defaults. */
export function assembleScenario(skeleton: Skeleton, rules: Rules | undefined): Scenario {
  const layout = layoutOf(skeleton);
  const plainEnis = plainEnisOf(layout, rules);
  const prefixLists = prefixListsOf(layout, rules);
  const raw = build.rawSnapshot({
    Vpcs: layout.vpcs.map((v) =>
      build.vpc({ id: v.id, cidr: v.cidr, ...(v.ipv6 ? { ipv6Cidr: v.ipv6 } : {}) }),
    ),
    Subnets: layout.subnets.map((s) =>
      build.subnet({
        id: s.id,
        vpcId: layout.vpcs[s.vpc]!.id,
        cidr: s.cidr,
        zone: s.zone,
        ...(s.ipv6 ? { ipv6Cidr: s.ipv6 } : {}),
      }),
    ),
    AvailabilityZones: ZONES.map((z) => ({
      ZoneName: z.name,
      ZoneId: z.id,
      State: 'available',
      RegionName: build.REGION,
    })),
    SecurityGroups: groupsOf(layout, rules),
    NetworkAcls: naclsOf(layout, rules),
    NetworkInterfaces: plainEnis,
    Reservations: plainEnis
      .filter((e) => e.Attachment.InstanceId)
      .map((e) => build.instanceReservation(e.Attachment.InstanceId as string, [e])),
    PrefixLists: prefixLists.lists,
    PrefixListEntries: prefixLists.entries,
  });
  const scenario: Scenario = {
    raw,
    pool: poolOf(layout, skeleton),
    plainEnis: layout.plain.map(({ id, ip, ipv6, instanceId, subnet, vpc }) => ({
      id,
      subnetId: subnet.id,
      vpcId: layout.vpcs[vpc]!.id,
      ip,
      ...(ipv6 ? { ipv6 } : {}),
      ...(instanceId ? { instanceId } : {}),
    })),
  };
  if (skeleton.privateLink !== null) addPrivateLink(scenario, layout, skeleton.privateLink, rules);
  return scenario;
}
