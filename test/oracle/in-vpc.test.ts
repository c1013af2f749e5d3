import { describe, expect, it } from 'vitest';
import {
  ALLOW_ALL_OUT,
  allowAllEntries,
  eni,
  naclEntry,
  networkAcl,
  permission,
  rawSnapshot,
  securityGroup,
  subnet,
  vpc,
  vpcEndpoint,
} from './build.js';
import { oracleTrace } from './evaluate.js';

const VPC = 'vpc-0a00000000000000a';
const OTHER_VPC = 'vpc-0b00000000000000b';
const SUBNET_A = 'subnet-0a0000000000000a1';
const SUBNET_B = 'subnet-0a0000000000000b2';
const CLIENT = 'eni-0c0000000000000c1';
const SERVER = 'eni-0d0000000000000d1';
const NEIGHBOUR = 'eni-0e0000000000000e1';
const SG_CLIENT = 'sg-0c0000000000000c1';
const SG_SERVER = 'sg-0d0000000000000d1';
const ZONE_A = { name: 'us-east-1a', id: 'use1-az1' };
const ZONE_B = { name: 'us-east-1b', id: 'use1-az2' };

type Permission = ReturnType<typeof permission>;
type Entry = ReturnType<typeof naclEntry>;

/**
 * One VPC, two subnets: the client (and a neighbour) in A, the server in B. The server's group
 * has the given inbound rules; subnets use the given NACL entries (default: allow all).
 */
function world(options: {
  serverIngress: Permission[];
  clientEgress?: Permission[];
  naclA?: Entry[];
  naclB?: Entry[];
  clientGroups?: string[];
  serverVpc?: string;
}) {
  const serverVpc = options.serverVpc ?? VPC;
  const customAcl = (id: string, subnetId: string, entries: Entry[] | undefined) =>
    entries === undefined
      ? []
      : [networkAcl({ id, vpcId: VPC, isDefault: false, subnetIds: [subnetId], entries })];
  return rawSnapshot({
    Vpcs: [
      vpc({ id: VPC, cidr: '10.0.0.0/16', ipv6Cidr: '2600:1f18:aaaa:100::/56' }),
      vpc({ id: OTHER_VPC, cidr: '10.0.0.0/16' }),
    ],
    Subnets: [
      subnet({
        id: SUBNET_A,
        vpcId: VPC,
        cidr: '10.0.1.0/24',
        ipv6Cidr: '2600:1f18:aaaa:101::/64',
        zone: ZONE_A,
      }),
      subnet({
        id: SUBNET_B,
        vpcId: serverVpc,
        cidr: '10.0.2.0/24',
        ipv6Cidr: '2600:1f18:aaaa:102::/64',
        zone: ZONE_B,
      }),
    ],
    SecurityGroups: [
      securityGroup({ id: SG_CLIENT, vpcId: VPC, egress: options.clientEgress ?? [ALLOW_ALL_OUT] }),
      securityGroup({
        id: SG_SERVER,
        vpcId: VPC,
        ingress: options.serverIngress,
        egress: [ALLOW_ALL_OUT],
      }),
    ],
    NetworkAcls: [
      networkAcl({
        id: 'acl-0a0000000000000d0',
        vpcId: VPC,
        isDefault: true,
        subnetIds: [],
        entries: allowAllEntries(),
      }),
      networkAcl({
        id: 'acl-0b0000000000000d0',
        vpcId: OTHER_VPC,
        isDefault: true,
        subnetIds: [],
        entries: allowAllEntries(),
      }),
      ...customAcl('acl-0a0000000000000a1', SUBNET_A, options.naclA),
      ...customAcl('acl-0a0000000000000b2', SUBNET_B, options.naclB),
    ],
    NetworkInterfaces: [
      eni({
        id: CLIENT,
        subnetId: SUBNET_A,
        vpcId: VPC,
        zoneName: ZONE_A.name,
        ip: '10.0.1.10',
        ipv6: '2600:1f18:aaaa:101::10',
        groups: options.clientGroups ?? [SG_CLIENT],
        instanceId: 'i-0c0000000000000c1',
      }),
      eni({
        id: NEIGHBOUR,
        subnetId: SUBNET_A,
        vpcId: VPC,
        zoneName: ZONE_A.name,
        ip: '10.0.1.30',
        groups: [SG_SERVER],
      }),
      eni({
        id: SERVER,
        subnetId: SUBNET_B,
        vpcId: serverVpc,
        zoneName: ZONE_B.name,
        ip: '10.0.2.20',
        ipv6: '2600:1f18:aaaa:102::20',
        groups: [SG_SERVER],
      }),
    ],
  });
}

const tcpFrom = (cidr: string, from: number, to = from) =>
  permission({ protocol: 'tcp', from, to, cidrs: [cidr] });

const allowAll = (egress: boolean, ruleNumber = 100) =>
  naclEntry({ ruleNumber, egress, action: 'allow', protocol: '-1', cidr: '0.0.0.0/0' });

describe('oracle, network ACLs', () => {
  it('lets the first matching entry decide, so a deny numbered lower shadows a later allow', () => {
    const naclB = [
      naclEntry({
        ruleNumber: 90,
        egress: false,
        action: 'deny',
        protocol: '6',
        cidr: '10.0.1.0/24',
        ports: { from: 443, to: 443 },
      }),
      allowAll(false),
      allowAll(true),
    ];
    const raw = world({ serverIngress: [tcpFrom('0.0.0.0/0', 443, 444)], naclB });
    const answer = oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 });
    expect(answer.verdict).toBe('unreachable');
    expect(answer.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'network-acl',
      component: 'acl-0a0000000000000b2',
      direction: 'ingress',
      rule: 90,
    });
    const open = oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 444 });
    expect(open.verdict).toBe('reachable');
  });

  it('denies with the * rule when no entry of the direction matches', () => {
    const raw = world({ serverIngress: [tcpFrom('0.0.0.0/0', 443)], naclB: [allowAll(true)] });
    const answer = oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 });
    expect(answer.paths[0]?.forwardBlockedAt).toMatchObject({ kind: 'network-acl', rule: '*' });
  });

  it('evaluates no NACL between two ENIs of one subnet', () => {
    const denyAll = [
      naclEntry({
        ruleNumber: 1,
        egress: false,
        action: 'deny',
        protocol: '-1',
        cidr: '0.0.0.0/0',
      }),
    ];
    const raw = world({ serverIngress: [tcpFrom('0.0.0.0/0', 443)], naclA: denyAll });
    expect(
      oracleTrace(raw, { from: CLIENT, to: NEIGHBOUR, protocol: 'tcp', port: 443 }).verdict,
    ).toBe('reachable');
    const across = oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 });
    expect(across.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'network-acl',
      direction: 'egress',
      rule: '*',
    });
  });

  it('is partially reachable when the client subnet admits replies to only part of the client ports', () => {
    const naclA = [
      naclEntry({
        ruleNumber: 100,
        egress: false,
        action: 'allow',
        protocol: '6',
        cidr: '10.0.2.0/24',
        ports: { from: 32768, to: 65535 },
      }),
      allowAll(true),
    ];
    const raw = world({ serverIngress: [tcpFrom('0.0.0.0/0', 443)], naclA });
    const answer = oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 });
    expect(answer.verdict).toBe('partially-reachable');
    expect(answer.paths[0]?.clientPortsPassing).toEqual([[32768, 65535]]);
    const narrow = oracleTrace(raw, {
      from: CLIENT,
      to: SERVER,
      protocol: 'tcp',
      port: 443,
      sourcePorts: { from: 40000, to: 50000 },
    });
    expect(narrow.verdict).toBe('reachable');
  });

  it('judges the reply to each client port, a deny in the middle splitting the pass-set', () => {
    const naclB = [
      naclEntry({
        ruleNumber: 10,
        egress: true,
        action: 'deny',
        protocol: '6',
        cidr: '10.0.1.10/32',
        ports: { from: 5000, to: 5009 },
      }),
      allowAll(true, 20),
      allowAll(false),
    ];
    const raw = world({ serverIngress: [tcpFrom('0.0.0.0/0', 443)], naclB });
    const answer = oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 });
    expect(answer.paths[0]?.clientPortsPassing).toEqual([
      [1024, 4999],
      [5010, 65535],
    ]);
  });
});

describe('oracle, security groups', () => {
  it('matches a group reference when the sender carries the group', () => {
    const byGroup = permission({ protocol: 'tcp', from: 443, groups: [SG_CLIENT] });
    const raw = world({ serverIngress: [byGroup] });
    expect(oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 }).verdict).toBe(
      'reachable',
    );
    const outsider = world({ serverIngress: [byGroup], clientGroups: [SG_SERVER] });
    const answer = oracleTrace(outsider, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 });
    expect(answer.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'security-group',
      component: SERVER,
      direction: 'ingress',
    });
  });

  it('matches nothing with a stale reference, even from a member of the group', () => {
    const stale = permission({ protocol: 'tcp', from: 443, staleGroups: [SG_CLIENT] });
    const raw = world({ serverIngress: [stale] });
    expect(oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 }).verdict).toBe(
      'unreachable',
    );
  });

  it('never matches an IPv4 packet with an IPv6 rule, nor the reverse', () => {
    const raw = world({
      serverIngress: [permission({ protocol: 'tcp', from: 443, ipv6Cidrs: ['::/0'] })],
    });
    expect(oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 }).verdict).toBe(
      'unreachable',
    );
    const v6 = oracleTrace(raw, {
      from: CLIENT,
      to: '2600:1f18:aaaa:102::20',
      protocol: 'tcp',
      port: 443,
    });
    expect(v6.verdict).toBe('reachable');
    const v4only = world({ serverIngress: [tcpFrom('0.0.0.0/0', 443)] });
    const blocked = oracleTrace(v4only, {
      from: CLIENT,
      to: '2600:1f18:aaaa:102::20',
      protocol: 'tcp',
      port: 443,
    });
    expect(blocked.verdict).toBe('unreachable');
  });

  it('reads an ICMP rule as type and code, -1 meaning any code', () => {
    const echo = permission({ protocol: 'icmp', from: 8, to: -1, cidrs: ['10.0.0.0/16'] });
    const raw = world({ serverIngress: [echo] });
    const question = { from: CLIENT, to: SERVER, protocol: 'icmp' as const, port: 0 };
    expect(oracleTrace(raw, { ...question, icmp: { type: 8, code: 0 } }).verdict).toBe('reachable');
    expect(oracleTrace(raw, { ...question, icmp: { type: 13, code: 0 } }).verdict).toBe(
      'unreachable',
    );
  });

  it('matches an ICMP NACL entry on type and code', () => {
    const naclB = [
      naclEntry({
        ruleNumber: 10,
        egress: false,
        action: 'allow',
        protocol: '1',
        cidr: '0.0.0.0/0',
        icmp: { type: 8, code: 0 },
      }),
      allowAll(true),
    ];
    const anyIcmp = permission({ protocol: 'icmp', from: -1, to: -1, cidrs: ['0.0.0.0/0'] });
    const raw = world({ serverIngress: [anyIcmp], naclB });
    const question = { from: CLIENT, to: SERVER, protocol: 'icmp' as const, port: 0 };
    expect(oracleTrace(raw, { ...question, icmp: { type: 8, code: 0 } }).verdict).toBe('reachable');
    expect(oracleTrace(raw, { ...question, icmp: { type: 8, code: 1 } }).verdict).toBe(
      'unreachable',
    );
  });

  it('lets protocol -1 match every protocol and port, and another number match all its ports', () => {
    const raw = world({ serverIngress: [permission({ protocol: '-1', cidrs: ['10.0.1.0/24'] })] });
    expect(oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'udp', port: 53 }).verdict).toBe(
      'reachable',
    );
    const gre = world({
      serverIngress: [permission({ protocol: '47', from: 5, to: 5, cidrs: ['0.0.0.0/0'] })],
    });
    expect(oracleTrace(gre, { from: CLIENT, to: SERVER, protocol: 47, port: 0 }).verdict).toBe(
      'reachable',
    );
    expect(oracleTrace(gre, { from: CLIENT, to: SERVER, protocol: 'udp', port: 5 }).verdict).toBe(
      'unreachable',
    );
  });

  it('judges the sender egress against the destination, with SG_HAS_NO_RULES when it has none', () => {
    const raw = world({ serverIngress: [tcpFrom('0.0.0.0/0', 443)], clientEgress: [] });
    const answer = oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 });
    expect(answer.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'security-group',
      component: CLIENT,
      direction: 'egress',
      code: 'SG_HAS_NO_RULES',
    });
  });

  it('resolves an instance to its primary ENI and an IP to the ENI that owns it', () => {
    const raw = world({ serverIngress: [tcpFrom('10.0.1.10/32', 443)] });
    const answer = oracleTrace(raw, {
      from: 'i-0c0000000000000c1',
      to: '10.0.2.20',
      protocol: 'tcp',
      port: 443,
    });
    expect(answer.verdict).toBe('reachable');
    expect(answer.paths[0]?.target).toBe(SERVER);
  });
});

describe('oracle, group references and prefix lists', () => {
  it('matches an outbound group reference when the destination ENI has the group', () => {
    const toServers = [permission({ protocol: 'tcp', from: 443, groups: [SG_SERVER] })];
    const raw = world({ serverIngress: [tcpFrom('0.0.0.0/0', 443)], clientEgress: toServers });
    expect(oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 }).verdict).toBe(
      'reachable',
    );
    const toClients = [permission({ protocol: 'tcp', from: 443, groups: [SG_CLIENT] })];
    const other = world({ serverIngress: [tcpFrom('0.0.0.0/0', 443)], clientEgress: toClients });
    const answer = oracleTrace(other, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 });
    expect(answer.paths[0]?.forwardBlockedAt).toMatchObject({
      component: CLIENT,
      direction: 'egress',
    });
  });

  it('expands a prefix list into its CIDRs, from describe-managed-prefix-lists and its entries', () => {
    const raw = world({
      serverIngress: [
        permission({ protocol: 'tcp', from: 443, prefixLists: ['pl-0a1b2c3d4e5f60718'] }),
      ],
    });
    raw.PrefixLists = [
      { PrefixListId: 'pl-0a1b2c3d4e5f60718', AddressFamily: 'IPv4', PrefixListName: 'clients' },
    ];
    raw.PrefixListEntries = [
      { PrefixListId: 'pl-0a1b2c3d4e5f60718', Entries: [{ Cidr: '10.0.1.0/28' }] },
    ];
    expect(oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 }).verdict).toBe(
      'reachable',
    );
    raw.PrefixListEntries = [
      { PrefixListId: 'pl-0a1b2c3d4e5f60718', Entries: [{ Cidr: '10.0.1.16/28' }] },
    ];
    expect(oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 }).verdict).toBe(
      'unreachable',
    );
  });
});

describe('oracle, path gates', () => {
  it('reports the filters, then routing, for ENIs in different VPCs', () => {
    const raw = world({ serverIngress: [tcpFrom('0.0.0.0/0', 443)], serverVpc: OTHER_VPC });
    const answer = oracleTrace(raw, { from: CLIENT, to: SERVER, protocol: 'tcp', port: 443 });
    expect(answer.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'routing',
      code: 'DISCONNECTED_VPCS',
    });
  });

  it('never lets an interface-endpoint ENI start a flow', () => {
    const raw = world({ serverIngress: [tcpFrom('0.0.0.0/0', 443)] });
    raw.VpcEndpoints = [
      vpcEndpoint({
        id: 'vpce-0f0000000000000f1',
        vpcId: VPC,
        serviceName: 'com.amazonaws.us-east-1.s3',
        subnetIds: [SUBNET_A],
        eniIds: [NEIGHBOUR],
        groups: [],
      }),
    ];
    const answer = oracleTrace(raw, { from: NEIGHBOUR, to: SERVER, protocol: 'tcp', port: 443 });
    expect(answer.verdict).toBe('unreachable');
    expect(answer.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'source',
      code: 'VPCE_INTRA_VPC_TRAFFIC',
    });
  });
});
