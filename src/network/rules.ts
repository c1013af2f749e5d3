import { type Cidr, cidr } from '../net/cidr.js';
import { hasPorts, ICMP, ICMPV6, isIcmp, type Protocol, parseProtocol } from '../net/protocol.js';
import type { IpPermissionData, NetworkAclEntryData } from '../snapshot/schema/ec2.js';
import type { Direction, L4Match, NetworkAclEntry, Peer, SecurityGroupRule } from './types.js';

const ANY: L4Match = { kind: 'any' };

/** Resolves what a rule peer points at; the network builder knows the prefix lists and groups. */
export interface PeerResolver {
  prefixList(id: string): { cidrs: readonly Cidr[]; resolved: boolean };
  groupKnown(id: string): boolean;
}

/**
 * Splits AWS's `IpPermission` (one protocol and port range, several peers) into one rule per
 * peer, as DescribeSecurityGroupRules lists them, each remembering where it came from.
 */
export function securityGroupRules(
  groupId: string,
  direction: Direction,
  permissions: readonly IpPermissionData[],
  resolver: PeerResolver,
): SecurityGroupRule[] {
  const list = direction === 'ingress' ? 'IpPermissions' : 'IpPermissionsEgress';
  const rules: SecurityGroupRule[] = [];
  permissions.forEach((permission, p) => {
    const protocol = parseProtocol(permission.IpProtocol, { names: true })!;
    const l4 = securityGroupL4(protocol, permission.FromPort, permission.ToPort);
    const base = `${list}[${p}]`;
    const add = (peer: Peer, field: string, description: string | undefined) =>
      rules.push({
        groupId,
        direction,
        protocol,
        l4,
        peer,
        description,
        field: `${base}.${field}`,
      });
    permission.IpRanges?.forEach((range, i) => {
      add({ kind: 'cidr', cidr: cidr(range.CidrIp) }, `IpRanges[${i}]`, range.Description);
    });
    permission.Ipv6Ranges?.forEach((range, i) => {
      add({ kind: 'cidr', cidr: cidr(range.CidrIpv6) }, `Ipv6Ranges[${i}]`, range.Description);
    });
    permission.PrefixListIds?.forEach((entry, i) => {
      const resolved = resolver.prefixList(entry.PrefixListId);
      const peer: Peer = { kind: 'prefix-list', prefixListId: entry.PrefixListId, ...resolved };
      add(peer, `PrefixListIds[${i}]`, entry.Description);
    });
    permission.UserIdGroupPairs?.forEach((pair, i) => {
      const id = pair.GroupId ?? pair.GroupName ?? '';
      const stale = pair.PeeringStatus !== undefined && pair.PeeringStatus !== 'active';
      const peer: Peer = {
        kind: 'security-group',
        groupId: id,
        userId: pair.UserId,
        stale,
        known: resolver.groupKnown(id),
      };
      add(peer, `UserIdGroupPairs[${i}]`, pair.Description);
    });
  });
  return rules;
}

/**
 * Security-group port semantics: tcp/udp use FromPort..ToPort; icmp and icmpv6 keep the ICMP
 * type in FromPort and the code in ToPort, -1 meaning any (icmpv6 may omit both); every other
 * protocol, and -1, matches all ports whatever range was given.
 */
export function securityGroupL4(protocol: Protocol, from?: number, to?: number): L4Match {
  if (hasPorts(protocol)) return { kind: 'ports', from: from ?? 0, to: to ?? 65535 };
  if (isIcmp(protocol)) {
    const type = from === undefined || from < 0 ? undefined : from;
    const code = type === undefined || to === undefined || to < 0 ? undefined : to;
    return {
      kind: 'icmp',
      ...(type === undefined ? {} : { type }),
      ...(code === undefined ? {} : { code }),
    };
  }
  return ANY;
}

/** Converts one NACL entry; ICMPv6 with an IPv4 block matches every type, as AWS documents. */
export function networkAclEntry(entry: NetworkAclEntryData, index: number): NetworkAclEntry {
  const protocol = parseProtocol(entry.Protocol, { names: false })!;
  const block = cidr(entry.CidrBlock ?? entry.Ipv6CidrBlock!);
  return {
    ruleNumber: entry.RuleNumber,
    action: entry.RuleAction,
    egress: entry.Egress,
    protocol,
    cidr: block,
    l4: networkAclL4(protocol, block, entry),
    field: `Entries[${index}]`,
  };
}

function networkAclL4(protocol: Protocol, block: Cidr, entry: NetworkAclEntryData): L4Match {
  if (hasPorts(protocol) && entry.PortRange !== undefined) {
    return { kind: 'ports', from: entry.PortRange.From, to: entry.PortRange.To };
  }
  const icmpApplies = protocol === ICMP || (protocol === ICMPV6 && block.network.family === 6);
  if (icmpApplies && entry.IcmpTypeCode !== undefined) {
    const { Type: type, Code: code } = entry.IcmpTypeCode;
    if (type < 0) return { kind: 'icmp' };
    return code < 0 ? { kind: 'icmp', type } : { kind: 'icmp', type, code };
  }
  return ANY;
}
