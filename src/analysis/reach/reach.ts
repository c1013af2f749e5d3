import { UsageError } from '../../errors.js';
import { formatIp, parseIp } from '../../net/address.js';
import { hostCidr } from '../../net/cidr.js';
import { PacketSet } from '../../net/packet-set.js';
import {
  type AddressSummary,
  formatProtocolLabel,
  summarizeDestinations,
  summarizeSources,
} from '../../net/packet-set-summary.js';
import {
  ALL_PORTS,
  EPHEMERAL_PORTS,
  formatPortRange,
  type PortRange,
} from '../../net/port-range.js';
import { parseProtocol } from '../../net/protocol.js';
import type { Eni, Network } from '../../network/types.js';
import { DEFAULT_MODEL_OPTIONS, type Limitation, type ModelOptions } from '../../paths/context.js';
import { resolveDestination } from '../../paths/resolve.js';
import {
  type DestinationSide,
  endpointSide,
  plainSide,
  type ReachScope,
  type SideContext,
} from './destinations.js';
import { sendingSide } from './sides.js';

/** A reach question: `to` a destination, `from` a source, or neither for the matrix. */
export interface ReachQuestion {
  readonly to?: string;
  readonly from?: string;
  /** `tcp` (default), `udp`, `all`, or a protocol number without ports. */
  readonly protocol?: string | number;
  /** @default every port */
  readonly ports?: PortRange;
  /** @default 1024-65535 */
  readonly sourcePorts?: PortRange;
}

/** Addresses admitted for a protocol and its ports, as rules would be written. */
export interface AdmittedItem {
  readonly cidrs: readonly string[];
  readonly protocol: string;
  readonly ports: readonly string[];
}

export interface ReachingSource {
  readonly eniId: string;
  readonly instanceId: string | null;
  readonly name: string | null;
  readonly addresses: readonly string[];
  readonly reaches: readonly AdmittedItem[];
}

export interface ReachToResult {
  readonly version: 1;
  readonly question: {
    readonly to: string;
    readonly protocol: string;
    readonly ports: string;
    readonly sourcePorts: string;
  };
  readonly destinations: readonly {
    readonly eniId: string;
    readonly label: string;
    readonly addresses: readonly string[];
  }[];
  /** The source addresses the destination side of every path lets through, per protocol and ports. */
  readonly admitted: readonly AdmittedItem[];
  /** ENIs of the snapshot that really reach the destination, their own filters applied. */
  readonly sources: readonly ReachingSource[];
  readonly limitations: readonly Limitation[];
}

export function resolveScope(question: ReachQuestion): ReachScope {
  const text = String(question.protocol ?? 'tcp');
  const protocol = text === 'all' ? 'all' : parseProtocol(text, { names: true });
  if (protocol === undefined || protocol === 1 || protocol === 58) {
    throw new UsageError(
      `--protocol ${text} is not supported by reach`,
      'use tcp, udp, all, or a protocol number without ports; trace answers ICMP one packet at a time',
    );
  }
  return {
    protocol,
    ports: question.ports ?? ALL_PORTS,
    sourcePorts: question.sourcePorts ?? EPHEMERAL_PORTS,
  };
}

export function sideContext(network: Network, options: Partial<ModelOptions>): SideContext {
  return { network, options: { ...DEFAULT_MODEL_OPTIONS, ...options }, limitations: [] };
}

/** Where a destination is reached: each ENI, with what its side admits. */
export function destinationSides(
  ctx: SideContext,
  to: string,
  scope: ReachScope,
): DestinationSide[] {
  const destination = resolveDestination(ctx.network, to);
  if (destination.kind === 'load-balancer') {
    throw new UsageError(
      `reach --to ${to}: a load balancer reached directly is not supported by reach`,
      'trace it with `vpcreach trace`, or ask reach about the endpoint or service in front of it',
    );
  }
  const sides =
    destination.kind === 'eni'
      ? [plainSide(ctx, destination.eni, scope)]
      : destination.enis.map((eni) => endpointSide(ctx, eni, scope, destination.label));
  // An address names one of the ENI's addresses, not all of them.
  const named = parseIp(to);
  if (!named.ok) return sides;
  const only = PacketSet.of({ destinations: [hostCidr(named.value)] });
  return sides.map((side) => ({ ...side, admitted: side.admitted.intersect(only) }));
}

/**
 * Who can reach a destination, exactly: the admitted source space (every address the
 * destination side lets through, whatever sends it), and the ENIs of the snapshot that get
 * through with their own groups and network ACLs applied.
 */
export function reachTo(
  network: Network,
  question: ReachQuestion & { to: string },
  options: Partial<ModelOptions> = {},
): ReachToResult {
  const scope = resolveScope(question);
  const ctx = sideContext(network, options);
  const sides = destinationSides(ctx, question.to, scope);
  const admitted = PacketSet.unionAll(sides.map((side) => side.admitted));
  const sources: ReachingSource[] = [];
  for (const eni of candidateSources(network, sides)) {
    const reaching = PacketSet.unionAll(
      sides
        .filter((side) => side.eni.vpcId === eni.vpcId && side.eni.id !== eni.id)
        .map((side) => side.admitted.intersect(sendingSide(network, eni, side.eni))),
    );
    if (!reaching.isEmpty()) sources.push(describeSource(network, eni, reaching));
  }
  return {
    version: 1,
    question: describeQuestion(question.to, scope),
    destinations: sides.map((side) => ({
      eniId: side.eni.id,
      label: side.label,
      addresses: addressesOf(side.eni),
    })),
    admitted: toItems(summarizeSources(admitted)),
    sources,
    limitations: dedupe(ctx.limitations),
  };
}

/** ENIs that start flows (not endpoint or load-balancer ENIs) in the destinations' VPCs. */
export function candidateSources(network: Network, sides: readonly DestinationSide[]): Eni[] {
  const vpcs = new Set(sides.map((side) => side.eni.vpcId));
  return [...network.enis.values()]
    .filter((eni) => vpcs.has(eni.vpcId) && (eni.kind === 'instance' || eni.kind === 'other'))
    .sort((a, b) => a.id.localeCompare(b.id));
}

function describeSource(network: Network, eni: Eni, reaching: PacketSet): ReachingSource {
  const instance = eni.instanceId === undefined ? undefined : network.instances.get(eni.instanceId);
  return {
    eniId: eni.id,
    instanceId: eni.instanceId ?? null,
    name: instance?.name ?? eni.name ?? null,
    addresses: addressesOf(eni),
    reaches: toItems(summarizeDestinations(reaching)),
  };
}

export function describeQuestion(to: string, scope: ReachScope) {
  return {
    to,
    protocol: scope.protocol === 'all' ? 'all' : formatProtocolLabel(scope.protocol),
    ports: formatPortRange(scope.ports),
    sourcePorts: formatPortRange(scope.sourcePorts),
  };
}

export function addressesOf(eni: Eni): string[] {
  return [...eni.ipv4, ...eni.ipv6].map(formatIp);
}

/** Summary lines as the JSON items of the contract: `{ cidrs, protocol, ports }`. */
export function toItems(summary: readonly AddressSummary[]): AdmittedItem[] {
  return summary.map((item) => ({
    cidrs: item.cidrs,
    protocol: formatProtocolLabel(item.protocol),
    ports: item.kind === 'ports' ? item.ports.map(formatPortRange) : ['all'],
  }));
}

export function dedupe(limitations: readonly Limitation[]): Limitation[] {
  const seen = new Map(limitations.map((l) => [`${l.code} ${l.component} ${l.detail}`, l]));
  return [...seen.values()];
}
