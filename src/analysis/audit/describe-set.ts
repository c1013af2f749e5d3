import type { PacketSet } from '../../net/packet-set.js';
import {
  type AddressSummary,
  formatProtocolLabel,
  summarizeDestinations,
  summarizeSources,
} from '../../net/packet-set-summary.js';
import { formatPortRange } from '../../net/port-range.js';
import type { Direction } from '../../network/types.js';

/**
 * A packet set in words, as rules are written: `tcp 443 from 10.0.1.0/24`. Inbound sets are
 * described by their sources, outbound ones by their destinations, the address a rule names.
 */
export function describeSet(set: PacketSet, direction: Direction, limit = 3): string {
  const lines =
    direction === 'ingress'
      ? summarizeSources(set.simplify())
      : summarizeDestinations(set.simplify());
  const where = direction === 'ingress' ? 'from' : 'to';
  const parts = lines.slice(0, limit).map((line) => `${what(line)} ${where} ${cidrs(line)}`);
  if (lines.length > limit) parts.push(`and ${lines.length - limit} more`);
  return parts.join('; ');
}

function what(line: AddressSummary): string {
  const protocol = formatProtocolLabel(line.protocol);
  if (line.kind === 'ports') return `${protocol} ${line.ports.map(formatPortRange).join(', ')}`;
  return protocol;
}

function cidrs(line: AddressSummary): string {
  const shown = line.cidrs.slice(0, 4).join(', ');
  return line.cidrs.length > 4 ? `${shown} (+${line.cidrs.length - 4} blocks)` : shown;
}
