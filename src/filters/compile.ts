import type { Cidr } from '../net/cidr.js';
import { hostCidr } from '../net/cidr.js';
import { PacketSet, type PacketSpec } from '../net/packet-set.js';
import type {
  Direction,
  L4Match,
  Network,
  NetworkAcl,
  NetworkAclEntry,
  Peer,
  SecurityGroupRule,
} from '../network/types.js';

/**
 * The symbolic side of the filters: each compiles to the set of packets it lets through in one
 * direction, and the concrete evaluators in network-acl.ts and security-group.ts must agree with
 * these sets packet by packet (a property test holds them to it).
 *
 * One difference is deliberate: a concrete packet carries the security groups of its sender, and
 * a group reference matches that identity; a set has only addresses, so a reference becomes the
 * private addresses of the group's members. The two agree for every packet an ENI sends from its
 * own address; they differ only behind an NLB, which the path builders handle by hop.
 */
export function compileSecurityGroupRules(
  network: Network,
  rules: readonly SecurityGroupRule[],
  direction: Direction,
  references: GroupReferences = 'members',
): PacketSet {
  const sets: PacketSet[] = [];
  for (const rule of rules) {
    const peers =
      references === 'none' && rule.peer.kind === 'security-group'
        ? []
        : peerCidrs(network, rule.peer);
    sets.push(PacketSet.of(securityGroupSpec(rule.protocol, rule.l4, peers, direction)));
  }
  return PacketSet.unionAll(sets);
}

/**
 * What a group reference stands for: the members' addresses, or nothing for packets that reach
 * the groups without their sender's identity (a consumer's packets arriving through PrivateLink).
 */
export type GroupReferences = 'members' | 'none';

const groupCache = new WeakMap<Network, Map<string, PacketSet>>();

/** The packets an ENI's groups admit in one direction; no groups means no filtering. */
export function compileSecurityGroups(
  network: Network,
  groupIds: readonly string[],
  direction: Direction,
  references: GroupReferences = 'members',
): PacketSet {
  if (groupIds.length === 0) return PacketSet.all();
  let cache = groupCache.get(network);
  if (cache === undefined) {
    cache = new Map();
    groupCache.set(network, cache);
  }
  const key = `${direction} ${references} ${[...groupIds].sort().join(',')}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const rules = groupIds.flatMap((id) => {
    const group = network.securityGroups.get(id);
    if (group === undefined) return [];
    return direction === 'ingress' ? group.inbound : group.outbound;
  });
  const set = compileSecurityGroupRules(network, rules, direction, references).simplify();
  cache.set(key, set);
  return set;
}

function peerCidrs(network: Network, peer: Peer): Cidr[] {
  switch (peer.kind) {
    case 'cidr':
      return [peer.cidr];
    case 'prefix-list':
      return [...peer.cidrs];
    case 'security-group': {
      if (peer.stale || !peer.known) return [];
      const members = network.groupMembers.get(peer.groupId) ?? [];
      return members.flatMap((eni) => [...eni.ipv4, ...eni.ipv6].map(hostCidr));
    }
  }
}

function ruleSpec(
  protocol: SecurityGroupRule['protocol'],
  l4: L4Match,
  peers: Cidr[],
  direction: Direction,
): PacketSpec {
  const where = direction === 'ingress' ? { sources: peers } : { destinations: peers };
  return { protocol, ...where, ...l4Spec(l4) };
}

/** Security-group `icmp` rules match IPv4 only and `icmpv6` rules IPv6 only (NACLs differ). */
function securityGroupSpec(
  protocol: SecurityGroupRule['protocol'],
  l4: L4Match,
  peers: Cidr[],
  direction: Direction,
): PacketSpec {
  const spec = ruleSpec(protocol, l4, peers, direction);
  if (protocol === 1) return { ...spec, family: 4 };
  if (protocol === 58) return { ...spec, family: 6 };
  return spec;
}

function l4Spec(l4: L4Match): Partial<PacketSpec> {
  if (l4.kind === 'ports') return { destinationPorts: { from: l4.from, to: l4.to } };
  if (l4.kind === 'icmp')
    return {
      icmp: {
        ...(l4.type === undefined ? {} : { type: l4.type }),
        ...(l4.code === undefined ? {} : { code: l4.code }),
      },
    };
  return {};
}

const aclCache = new WeakMap<NetworkAcl, Map<Direction, PacketSet>>();

/**
 * The packets a network ACL allows in one direction: each allow entry contributes what it
 * matches minus everything a lower-numbered entry already decided; the final `*` denies the rest.
 */
export function compileNetworkAcl(acl: NetworkAcl, direction: Direction): PacketSet {
  let cache = aclCache.get(acl);
  if (cache === undefined) {
    cache = new Map();
    aclCache.set(acl, cache);
  }
  const known = cache.get(direction);
  if (known !== undefined) return known;
  let allowed = PacketSet.empty();
  let decided = PacketSet.empty();
  for (const entry of direction === 'ingress' ? acl.inbound : acl.outbound) {
    const matched = PacketSet.of(entrySpec(entry, direction));
    if (entry.action === 'allow') allowed = allowed.union(matched.subtract(decided));
    decided = decided.union(matched);
  }
  const set = allowed.simplify();
  cache.set(direction, set);
  return set;
}

/** The packets one NACL entry matches in its direction, whatever lower-numbered entries decide. */
export function compileNetworkAclEntry(entry: NetworkAclEntry): PacketSet {
  return PacketSet.of(entrySpec(entry, entry.egress ? 'egress' : 'ingress'));
}

function entrySpec(entry: NetworkAclEntry, direction: Direction): PacketSpec {
  return ruleSpec(entry.protocol, entry.l4, [entry.cidr], direction);
}
