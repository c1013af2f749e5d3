import type { IpAddress } from '../net/address.js';
import { type Cidr, cidrWordRanges, type WordRange } from '../net/cidr.js';
import type { PortRange } from '../net/port-range.js';
import type { Protocol } from '../net/protocol.js';
import type { L4Match } from '../network/types.js';
import type { Flow } from './flow.js';

const wordRanges = new WeakMap<Cidr, readonly WordRange[]>();

/** Whether a CIDR block holds an address; the block's word bounds are computed once. */
export function blockContains(block: Cidr, address: IpAddress): boolean {
  if (block.network.family !== address.family) return false;
  let ranges = wordRanges.get(block);
  if (ranges === undefined) {
    ranges = cidrWordRanges(block);
    wordRanges.set(block, ranges);
  }
  for (let i = 0; i < 4; i++) {
    const word = address.words[i]!;
    const range = ranges[i]!;
    if (word < range.lo || word > range.hi) return false;
  }
  return true;
}

export function protocolMatches(rule: Protocol, flow: Flow): boolean {
  return rule === 'all' || rule === flow.protocol;
}

/**
 * The destination ports of the flow a rule's port part matches, or undefined when it matches
 * none. Rules without ports (`any`) match the whole range; ICMP rules match on type and code.
 */
export function l4PortsMatched(l4: L4Match, flow: Flow): PortRange | undefined {
  switch (l4.kind) {
    case 'any':
      return flow.destinationPorts;
    case 'ports': {
      const from = Math.max(l4.from, flow.destinationPorts.from);
      const to = Math.min(l4.to, flow.destinationPorts.to);
      return from <= to ? { from, to } : undefined;
    }
    case 'icmp': {
      // A port rule never matches ICMP and an ICMP rule never matches a packet without ICMP.
      if (flow.icmp === undefined) return undefined;
      if (l4.type !== undefined && l4.type !== flow.icmp.type) return undefined;
      if (l4.code !== undefined && l4.code !== flow.icmp.code) return undefined;
      return flow.destinationPorts;
    }
  }
}
