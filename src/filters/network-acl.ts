import type { PortRange } from '../net/port-range.js';
import type { Direction, NetworkAcl } from '../network/types.js';
import type { Flow, Segment } from './flow.js';
import { blockContains, l4PortsMatched, protocolMatches } from './match.js';

/**
 * Evaluates a network ACL the way AWS does: the entries of one direction by ascending rule
 * number, the first whose protocol, ports (the packet's destination port) and CIDR (the source
 * for inbound, the destination for outbound) match decides; nothing matching meets the final
 * `*` entry, which denies. Works on a range of destination ports at once, so the reply to an
 * unknown ephemeral port comes back as stretches of ports, each with the entry that decided it.
 */
export function evaluateNetworkAcl(acl: NetworkAcl, direction: Direction, flow: Flow): Segment[] {
  const entries = direction === 'ingress' ? acl.inbound : acl.outbound;
  const peer = direction === 'ingress' ? flow.source : flow.destination;
  let open: PortRange[] = [flow.destinationPorts];
  const segments: Segment[] = [];
  for (const entry of entries) {
    if (open.length === 0) break;
    if (!protocolMatches(entry.protocol, flow) || !blockContains(entry.cidr, peer)) continue;
    const matched = l4PortsMatched(entry.l4, flow);
    if (matched === undefined) continue;
    const isStar = entry.ruleNumber > 32766;
    const decision = {
      kind: 'network-acl-entry' as const,
      ruleNumber: isStar ? ('*' as const) : entry.ruleNumber,
      action: entry.action,
      ...(isStar ? {} : { field: entry.field }),
    };
    const next: PortRange[] = [];
    for (const range of open) {
      const from = Math.max(range.from, matched.from);
      const to = Math.min(range.to, matched.to);
      if (from > to) {
        next.push(range);
        continue;
      }
      segments.push({ ports: { from, to }, allowed: entry.action === 'allow', decision });
      if (range.from < from) next.push({ from: range.from, to: from - 1 });
      if (to < range.to) next.push({ from: to + 1, to: range.to });
    }
    open = next;
  }
  for (const range of open) {
    segments.push({
      ports: range,
      allowed: false,
      decision: { kind: 'network-acl-entry', ruleNumber: '*', action: 'deny' },
    });
  }
  return segments.sort((a, b) => a.ports.from - b.ports.from);
}
