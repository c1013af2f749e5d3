/**
 * Security groups and network ACLs judged one concrete packet at a time, straight from the raw
 * rule text (aws-semantics.md §1 and §2).
 */
import { type Address, cidrContains, type Family } from './ip.js';
import type { OracleSnapshot, RawNaclEntry, RawNetworkAcl, RawPermission } from './snapshot.js';
import { cidrOf, findSecurityGroup } from './world.js';

/** Inbound (ingress) or outbound (egress), as AWS names rule directions. */
export type Direction = 'ingress' | 'egress';

/** One concrete packet. ICMP type and code are their own fields, never ports. */
export interface Packet {
  family: Family;
  protocol: number;
  src: bigint;
  dst: bigint;
  srcPort: number;
  dstPort: number;
  icmpType: number;
  icmpCode: number;
}

const PROTOCOL_NAMES: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, icmpv6: 58 };

/** `tcp`, `6`, `-1`, … as a number; -1 means every protocol. */
export function protocolNumber(text: string): number {
  const named = PROTOCOL_NAMES[text.toLowerCase()];
  return named ?? Number(text);
}

function isIcmp(protocol: number): boolean {
  return protocol === 1 || protocol === 58;
}

function permissionMatchesLayer4(permission: RawPermission, packet: Packet): boolean {
  const protocol = protocolNumber(permission.IpProtocol);
  if (protocol === -1) return true;
  if (protocol !== packet.protocol) return false;
  // An `icmp` rule is ICMP for IPv4 and an `icmpv6` rule ICMPv6 for IPv6: neither protocol
  // number means anything in the other family, whatever the rule's peer.
  if ((protocol === 1 && packet.family !== 4) || (protocol === 58 && packet.family !== 6))
    return false;
  if (protocol === 6 || protocol === 17) {
    const from = permission.FromPort ?? 0;
    const to = permission.ToPort ?? 65535;
    if (from === -1) return true;
    return from <= packet.dstPort && packet.dstPort <= to;
  }
  if (isIcmp(protocol)) {
    // FromPort is the ICMP type and ToPort the code; -1 (or absent) means any.
    const type = permission.FromPort ?? -1;
    const code = permission.ToPort ?? -1;
    return (type === -1 || type === packet.icmpType) && (code === -1 || code === packet.icmpCode);
  }
  // Any other protocol number has no ports: the rule admits all of that protocol.
  return true;
}

function addressMatches(cidrText: string, address: Address): boolean {
  return cidrContains(cidrOf(cidrText), address);
}

function permissionMatchesPeer(
  snapshot: OracleSnapshot,
  permission: RawPermission,
  peer: Address,
  peerGroups: string[],
): boolean {
  if ((permission.IpRanges ?? []).some((r) => addressMatches(r.CidrIp, peer))) return true;
  if ((permission.Ipv6Ranges ?? []).some((r) => addressMatches(r.CidrIpv6, peer))) return true;
  for (const ref of permission.PrefixListIds ?? []) {
    const list = snapshot.prefixLists.find((p) => p.PrefixListId === ref.PrefixListId);
    if ((list?.cidrs ?? []).some((c) => addressMatches(c, peer))) return true;
  }
  // A group reference matches by identity: the packet carries the group. Stale references and
  // groups missing from the snapshot match nothing.
  return (permission.UserIdGroupPairs ?? []).some(
    (pair) =>
      pair.GroupId !== undefined &&
      pair.PeeringStatus !== 'deleted' &&
      findSecurityGroup(snapshot, pair.GroupId) !== undefined &&
      peerGroups.includes(pair.GroupId),
  );
}

/** The outcome of the groups on one ENI for one packet. */
export interface SecurityGroupDecision {
  allowed: boolean;
  /** SG_HAS_NO_RULES when no group has a rule in the direction, else ENI_SG_RULES_MISMATCH. */
  code?: 'SG_HAS_NO_RULES' | 'ENI_SG_RULES_MISMATCH';
}

/**
 * Allow-only union of every rule of every group on the ENI. Inbound rules judge the source,
 * outbound rules the destination. `peerGroups` are the groups the peer carries: the sender's
 * for inbound, the destination ENI's for outbound. An ENI with no groups filters nothing.
 */
export function evaluateSecurityGroups(
  snapshot: OracleSnapshot,
  groupIds: string[],
  direction: Direction,
  packet: Packet,
  peerGroups: string[],
): SecurityGroupDecision {
  if (groupIds.length === 0) return { allowed: true };
  const peer: Address = {
    family: packet.family,
    value: direction === 'ingress' ? packet.src : packet.dst,
  };
  let ruleCount = 0;
  for (const groupId of groupIds) {
    const group = findSecurityGroup(snapshot, groupId);
    const permissions =
      (direction === 'ingress' ? group?.IpPermissions : group?.IpPermissionsEgress) ?? [];
    ruleCount += permissions.length;
    for (const permission of permissions) {
      if (!permissionMatchesLayer4(permission, packet)) continue;
      if (permissionMatchesPeer(snapshot, permission, peer, peerGroups)) return { allowed: true };
    }
  }
  return { allowed: false, code: ruleCount === 0 ? 'SG_HAS_NO_RULES' : 'ENI_SG_RULES_MISMATCH' };
}

function entryMatchesLayer4(entry: RawNaclEntry, packet: Packet, entryFamily: Family): boolean {
  const protocol = protocolNumber(entry.Protocol);
  if (protocol === -1) return true;
  if (protocol !== packet.protocol) return false;
  if (protocol === 6 || protocol === 17) {
    const from = entry.PortRange?.From ?? 0;
    const to = entry.PortRange?.To ?? 65535;
    return from <= packet.dstPort && packet.dstPort <= to;
  }
  // ICMP type/code: protocol 1, or 58 on an IPv6 entry; 58 on an IPv4 entry matches all.
  if (protocol === 1 || (protocol === 58 && entryFamily === 6)) {
    const type = entry.IcmpTypeCode?.Type ?? -1;
    const code = entry.IcmpTypeCode?.Code ?? -1;
    return (type === -1 || type === packet.icmpType) && (code === -1 || code === packet.icmpCode);
  }
  return true;
}

/** The outcome of one NACL for one packet: the first matching entry, else the `*` rule. */
export interface NetworkAclDecision {
  allowed: boolean;
  rule: number | '*';
}

/** Entries of the direction in ascending rule number; the API's 32767/32768 are the `*` rule. */
export function entriesOf(acl: RawNetworkAcl, direction: Direction): RawNaclEntry[] {
  return (acl.Entries ?? [])
    .filter((e) => e.Egress === (direction === 'egress'))
    .sort((a, b) => a.RuleNumber - b.RuleNumber);
}

/**
 * First match by ascending rule number decides; no match denies. Inbound entries match the
 * source, outbound the destination; the port range is the destination port both ways.
 */
export function evaluateNetworkAcl(
  acl: RawNetworkAcl,
  direction: Direction,
  packet: Packet,
): NetworkAclDecision {
  const peer: Address = {
    family: packet.family,
    value: direction === 'ingress' ? packet.src : packet.dst,
  };
  for (const entry of entriesOf(acl, direction)) {
    const cidrText = packet.family === 4 ? entry.CidrBlock : entry.Ipv6CidrBlock;
    if (cidrText === undefined || !addressMatches(cidrText, peer)) continue;
    if (!entryMatchesLayer4(entry, packet, packet.family)) continue;
    return {
      allowed: entry.RuleAction.toLowerCase() === 'allow',
      rule: entry.RuleNumber >= 32767 ? '*' : entry.RuleNumber,
    };
  }
  return { allowed: false, rule: '*' };
}
