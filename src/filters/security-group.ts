import { type Cidr, formatCidr } from '../net/cidr.js';
import { mergePortRanges, type PortRange } from '../net/port-range.js';
import { formatProtocol } from '../net/protocol.js';
import type { Direction, L4Match, SecurityGroup, SecurityGroupRule } from '../network/types.js';
import type { Flow, Segment } from './flow.js';
import { blockContains, l4PortsMatched, protocolMatches } from './match.js';

/**
 * Evaluates the security groups of one ENI for one direction: allow-only, every rule of every
 * group merged, no order. Inbound rules judge the source, outbound rules the destination. A
 * group reference matches the packets that carry the group (see Flow). Only the request is ever
 * judged: groups are stateful, so replies pass whatever the rules say. An ENI without groups
 * does no filtering.
 */
export function evaluateSecurityGroups(
  groups: readonly SecurityGroup[],
  direction: Direction,
  flow: Flow,
): Segment[] {
  if (groups.length === 0) {
    return [
      { ports: flow.destinationPorts, allowed: true, decision: { kind: 'no-security-groups' } },
    ];
  }
  let open: PortRange[] = [flow.destinationPorts];
  const segments: Segment[] = [];
  for (const group of groups) {
    for (const rule of direction === 'ingress' ? group.inbound : group.outbound) {
      if (open.length === 0) break;
      // Protocol and ports first: they are cheap and reject most rules before the peer test.
      if (!protocolMatches(rule.protocol, flow) || !icmpFamilyMatches(rule.protocol, flow))
        continue;
      const matched = l4PortsMatched(rule.l4, flow);
      if (matched === undefined || !ruleMatchesPeer(rule, direction, flow)) continue;
      const decision = {
        kind: 'security-group-rule' as const,
        groupId: group.id,
        field: rule.field,
        summary: ruleSummary(rule),
      };
      const next: PortRange[] = [];
      for (const range of open) {
        const from = Math.max(range.from, matched.from);
        const to = Math.min(range.to, matched.to);
        if (from > to) {
          next.push(range);
          continue;
        }
        segments.push({ ports: { from, to }, allowed: true, decision });
        if (range.from < from) next.push({ from: range.from, to: from - 1 });
        if (to < range.to) next.push({ from: to + 1, to: range.to });
      }
      open = next;
    }
  }
  const groupIds = groups.map((group) => group.id);
  for (const range of mergePortRanges(open)) {
    segments.push({
      ports: range,
      allowed: false,
      decision: { kind: 'no-matching-rule', groupIds },
    });
  }
  return segments.sort((a, b) => a.ports.from - b.ports.from);
}

/** An `icmp` rule matches only IPv4 packets and an `icmpv6` rule only IPv6 ones, whatever the peer. */
function icmpFamilyMatches(protocol: SecurityGroupRule['protocol'], flow: Flow): boolean {
  if (protocol === 1) return flow.family === 4;
  if (protocol === 58) return flow.family === 6;
  return true;
}

function ruleMatchesPeer(rule: SecurityGroupRule, direction: Direction, flow: Flow): boolean {
  const address = direction === 'ingress' ? flow.source : flow.destination;
  const peer = rule.peer;
  switch (peer.kind) {
    case 'cidr':
      return blockContains(peer.cidr, address);
    case 'prefix-list':
      return peer.cidrs.some((block) => blockContains(block, address));
    case 'security-group': {
      if (peer.stale || !peer.known) return false;
      const carried = direction === 'ingress' ? flow.sourceGroups : flow.destinationGroups;
      return carried.includes(peer.groupId);
    }
  }
}

const summaries = new WeakMap<SecurityGroupRule, string>();

/** A rule's summary, formatted once per rule rather than once per trace that it decides. */
function ruleSummary(rule: SecurityGroupRule): string {
  let summary = summaries.get(rule);
  if (summary === undefined) {
    summary = describeSecurityGroupRule(rule);
    summaries.set(rule, summary);
  }
  return summary;
}

/** True when no group has a rule in that direction (AWS's `SG_HAS_NO_RULES`). */
export function hasNoRules(groups: readonly SecurityGroup[], direction: Direction): boolean {
  return groups.every((g) => (direction === 'ingress' ? g.inbound : g.outbound).length === 0);
}

/** `tcp 443 from 10.0.1.0/24`, in the order of the console's columns. */
export function describeSecurityGroupRule(rule: SecurityGroupRule): string {
  const preposition = rule.direction === 'ingress' ? 'from' : 'to';
  return `${formatProtocol(rule.protocol)}${describeL4(rule.l4)} ${preposition} ${describePeer(rule)}`;
}

function describeL4(l4: L4Match): string {
  if (l4.kind === 'ports') {
    if (l4.from === 0 && l4.to === 65535) return ' all ports';
    return l4.from === l4.to ? ` ${l4.from}` : ` ${l4.from}-${l4.to}`;
  }
  if (l4.kind === 'icmp') {
    if (l4.type === undefined) return ' all types';
    return l4.code === undefined ? ` type ${l4.type}` : ` type ${l4.type} code ${l4.code}`;
  }
  return '';
}

function describePeer(rule: SecurityGroupRule): string {
  const peer = rule.peer;
  if (peer.kind === 'cidr') return formatCidr(peer.cidr as Cidr);
  if (peer.kind === 'prefix-list') return peer.prefixListId;
  const owner = peer.userId === undefined ? '' : `${peer.userId}/`;
  const self = peer.groupId === rule.groupId ? ' (itself)' : '';
  return `${owner}${peer.groupId}${self}`;
}
