import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { compileNetworkAcl, compileSecurityGroups } from '../../src/filters/compile.js';
import type { Flow } from '../../src/filters/flow.js';
import { evaluateNetworkAcl } from '../../src/filters/network-acl.js';
import { evaluateSecurityGroups } from '../../src/filters/security-group.js';
import { ip, ipKey } from '../../src/net/address.js';
import type { Packet } from '../../src/net/packet-set.js';
import { buildNetwork } from '../../src/network/build.js';
import type { Direction, Network } from '../../src/network/types.js';
import { buildSnapshot } from '../../src/snapshot/validate.js';

// Concrete evaluation (one packet, with the rule that decided) and symbolic compilation (the set
// of packets a filter lets through) are two implementations of one semantics: for random rules
// and random packets they must agree. Addresses come from two tiny blocks so that random CIDRs
// and random packets meet often; ports and protocols from the values rules get wrong.

const V4 = Array.from({ length: 8 }, (_, i) => `10.0.0.${i}`);
const V6 = Array.from({ length: 4 }, (_, i) => `2001:db8::${i}`);
const PORTS = [0, 1, 22, 443, 1023, 1024, 32768, 65535];
const PROTOCOLS = ['6', '17', '1', '58', '47', '-1'];

const v4Cidr = fc
  .tuple(fc.constantFrom(...V4), fc.constantFrom(0, 24, 29, 30, 31, 32))
  .map(([a, p]) => `${a}/${p}`);
const v6Cidr = fc
  .tuple(fc.constantFrom(...V6), fc.constantFrom(0, 64, 126, 127, 128))
  .map(([a, p]) => `${a}/${p}`);
const portPair = fc
  .tuple(fc.constantFrom(...PORTS), fc.constantFrom(...PORTS))
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
const icmpField = fc.constantFrom(-1, 0, 3, 8);

const aclEntry = fc.record({
  Protocol: fc.constantFrom(...PROTOCOLS),
  RuleAction: fc.constantFrom('allow', 'deny'),
  Egress: fc.boolean(),
  v6: fc.boolean(),
  v4Cidr,
  v6Cidr,
  ports: portPair,
  type: icmpField,
  code: icmpField,
});

type AclEntryArb = typeof aclEntry extends fc.Arbitrary<infer T> ? T : never;

function toEntry(e: AclEntryArb, ruleNumber: number): Record<string, unknown> {
  return {
    RuleNumber: ruleNumber,
    Protocol: e.Protocol,
    RuleAction: e.RuleAction,
    Egress: e.Egress,
    ...(e.v6 ? { Ipv6CidrBlock: e.v6Cidr } : { CidrBlock: e.v4Cidr }),
    ...(['6', '17'].includes(e.Protocol)
      ? { PortRange: { From: e.ports[0], To: e.ports[1] } }
      : {}),
    ...(['1', '58'].includes(e.Protocol)
      ? { IcmpTypeCode: { Type: e.type, Code: e.type === -1 ? -1 : e.code } }
      : {}),
  };
}

const sgPeer = fc.oneof(
  v4Cidr.map((c) => ({ IpRanges: [{ CidrIp: c }] })),
  v6Cidr.map((c) => ({ Ipv6Ranges: [{ CidrIpv6: c }] })),
  fc.constantFrom('sg-0a', 'sg-0b', 'sg-0c').map((g) => ({ UserIdGroupPairs: [{ GroupId: g }] })),
  fc.constant({ PrefixListIds: [{ PrefixListId: 'pl-01' }] }),
);

const sgRule = fc.record({
  IpProtocol: fc.constantFrom('tcp', 'udp', 'icmp', 'icmpv6', '47', '-1'),
  ports: portPair,
  type: icmpField,
  code: icmpField,
  peer: sgPeer,
});

type SgRuleArb = typeof sgRule extends fc.Arbitrary<infer T> ? T : never;

function toPermission(r: SgRuleArb): Record<string, unknown> {
  const ports = ['tcp', 'udp'].includes(r.IpProtocol)
    ? { FromPort: r.ports[0], ToPort: r.ports[1] }
    : ['icmp', 'icmpv6'].includes(r.IpProtocol)
      ? { FromPort: r.type, ToPort: r.type === -1 ? -1 : r.code }
      : {};
  return { IpProtocol: r.IpProtocol, ...ports, ...r.peer };
}

const groupOf = fc.subarray(['sg-0a', 'sg-0b', 'sg-0c']);

/** A one-VPC network with the random NACL and groups, and ENIs that own some of the addresses. */
function network(
  entries: AclEntryArb[],
  rules: { a: SgRuleArb[]; b: SgRuleArb[] },
  memberships: string[][],
): Network {
  const enis = memberships.map((groups, i) => ({
    NetworkInterfaceId: `eni-0${i}`,
    SubnetId: 'subnet-01',
    VpcId: 'vpc-01',
    PrivateIpAddresses: [{ PrivateIpAddress: V4[i]!, Primary: true }],
    Ipv6Addresses: i < V6.length ? [{ Ipv6Address: V6[i]! }] : [],
    Groups: groups.map((GroupId) => ({ GroupId })),
  }));
  const document = {
    Vpcs: [{ VpcId: 'vpc-01', CidrBlock: '10.0.0.0/16' }],
    Subnets: [{ SubnetId: 'subnet-01', VpcId: 'vpc-01', CidrBlock: '10.0.0.0/24' }],
    NetworkAcls: [
      {
        NetworkAclId: 'acl-01',
        VpcId: 'vpc-01',
        IsDefault: true,
        Entries: entries.map((e, i) => toEntry(e, (i + 1) * 10)),
      },
    ],
    SecurityGroups: [
      {
        GroupId: 'sg-0a',
        IpPermissions: rules.a.map(toPermission),
        IpPermissionsEgress: rules.b.map(toPermission),
      },
      {
        GroupId: 'sg-0b',
        IpPermissions: rules.b.map(toPermission),
        IpPermissionsEgress: rules.a.map(toPermission),
      },
      { GroupId: 'sg-0c', IpPermissions: [], IpPermissionsEgress: [] },
    ],
    PrefixListEntries: [
      { PrefixListId: 'pl-01', Entries: [{ Cidr: '10.0.0.2/31' }, { Cidr: '2001:db8::/127' }] },
    ],
    NetworkInterfaces: enis,
  };
  return buildNetwork(buildSnapshot([{ document, origin: { file: 'random.json' } }]));
}

const packetArb = fc.record({
  v6: fc.boolean(),
  protocol: fc.constantFrom(6, 17, 1, 58, 47, 50),
  source: fc.nat(7),
  destination: fc.nat(7),
  sourcePort: fc.constantFrom(...PORTS),
  destinationPort: fc.constantFrom(...PORTS),
  type: fc.constantFrom(0, 3, 8, 11),
  code: fc.constantFrom(0, 1, 4),
});

type PacketArb = typeof packetArb extends fc.Arbitrary<infer T> ? T : never;

function toPacket(p: PacketArb): Packet {
  const pool = p.v6 ? V6 : V4;
  const icmp = p.protocol === 1 || p.protocol === 58;
  const ports = p.protocol === 6 || p.protocol === 17;
  return {
    family: p.v6 ? 6 : 4,
    protocol: p.protocol,
    source: ip(pool[p.source % pool.length]!),
    destination: ip(pool[p.destination % pool.length]!),
    sourcePort: ports ? p.sourcePort : 0,
    destinationPort: ports ? p.destinationPort : 0,
    ...(icmp ? { icmpType: p.type, icmpCode: p.code } : {}),
  };
}

function toFlow(packet: Packet, net: Network): Flow {
  const groupsAt = (address: Packet['source']) =>
    net.eniByIp.get(ipKey(address))?.securityGroupIds ?? [];
  return {
    family: packet.family,
    protocol: packet.protocol,
    source: packet.source,
    destination: packet.destination,
    destinationPorts: { from: packet.destinationPort, to: packet.destinationPort },
    ...(packet.icmpType === undefined
      ? {}
      : { icmp: { type: packet.icmpType, code: packet.icmpCode ?? 0 } }),
    sourceGroups: groupsAt(packet.source),
    destinationGroups: groupsAt(packet.destination),
  };
}

const direction = fc.constantFrom<Direction>('ingress', 'egress');

describe('concrete evaluation agrees with the compiled packet sets', () => {
  test.prop(
    [
      fc.array(aclEntry, { maxLength: 12 }),
      fc.array(packetArb, { minLength: 1, maxLength: 20 }),
      direction,
    ],
    { numRuns: 300 },
  )('network ACL: first match by rule number, `*` denies', (entries, packets, dir) => {
    const net = network(entries, { a: [], b: [] }, []);
    const acl = net.networkAcls.get('acl-01')!;
    const compiled = compileNetworkAcl(acl, dir);
    for (const p of packets) {
      const packet = toPacket(p);
      const concrete = evaluateNetworkAcl(acl, dir, toFlow(packet, net));
      expect(concrete).toHaveLength(1);
      expect(compiled.contains(packet)).toBe(concrete[0]!.allowed);
    }
  });

  test.prop(
    [
      fc.array(sgRule, { maxLength: 8 }),
      fc.array(sgRule, { maxLength: 8 }),
      fc.array(groupOf, { maxLength: 8 }),
      groupOf,
      fc.array(packetArb, { minLength: 1, maxLength: 20 }),
      direction,
    ],
    { numRuns: 300 },
  )(
    'security groups: any rule of any group; references match member addresses',
    (a, b, memberships, attached, packets, dir) => {
      const net = network([], { a, b }, memberships);
      const groups = attached.map((id) => net.securityGroups.get(id)!);
      const compiled = compileSecurityGroups(net, attached, dir);
      for (const p of packets) {
        const packet = toPacket(p);
        const concrete = evaluateSecurityGroups(groups, dir, toFlow(packet, net));
        expect(compiled.contains(packet)).toBe(concrete[0]!.allowed);
      }
    },
  );

  test.prop([fc.array(aclEntry, { maxLength: 10 }), packetArb, direction], { numRuns: 200 })(
    'a range of destination ports is split exactly where the compiled set changes',
    (entries, p, dir) => {
      const net = network(entries, { a: [], b: [] }, []);
      const acl = net.networkAcls.get('acl-01')!;
      const packet = toPacket({ ...p, protocol: 6 });
      const flow = { ...toFlow(packet, net), destinationPorts: { from: 0, to: 65535 } };
      const compiled = compileNetworkAcl(acl, dir);
      for (const segment of evaluateNetworkAcl(acl, dir, flow)) {
        for (const port of new Set([
          segment.ports.from,
          segment.ports.to,
          ...PORTS.filter((x) => x >= segment.ports.from && x <= segment.ports.to),
        ])) {
          expect(compiled.contains({ ...packet, destinationPort: port })).toBe(segment.allowed);
        }
      }
    },
  );
});
