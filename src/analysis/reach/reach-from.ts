import { PacketSet } from '../../net/packet-set.js';
import { summarizeDestinations } from '../../net/packet-set-summary.js';
import type { Eni, Network } from '../../network/types.js';
import type { Limitation, ModelOptions } from '../../paths/context.js';
import { resolveSource } from '../../paths/resolve.js';
import {
  type DestinationSide,
  endpointSide,
  plainSide,
  type ReachScope,
  type SideContext,
} from './destinations.js';
import {
  type AdmittedItem,
  addressesOf,
  dedupe,
  describeQuestion,
  type ReachQuestion,
  resolveScope,
  sideContext,
  toItems,
} from './reach.js';
import { sendingSide } from './sides.js';

export interface ReachedDestination {
  /** An ENI ID, or an interface endpoint ID for all of its ENIs. */
  readonly destination: string;
  readonly kind: 'network-interface' | 'vpc-endpoint';
  /** The endpoint service, for an endpoint. */
  readonly service: string | null;
  readonly addresses: readonly string[];
  readonly reaches: readonly AdmittedItem[];
}

export interface ReachFromResult {
  readonly version: 1;
  readonly question: ReturnType<typeof describeQuestion> & { readonly from: string };
  readonly destinations: readonly ReachedDestination[];
  readonly limitations: readonly Limitation[];
}

/** Everything a source reaches in its VPC — ENIs and interface endpoints — and on what. */
export function reachFrom(
  network: Network,
  question: ReachQuestion & { from: string },
  options: Partial<ModelOptions> = {},
): ReachFromResult {
  const scope = resolveScope(question);
  const ctx = sideContext(network, options);
  const source = resolveSource(network, question.from);
  const reached: ReachedDestination[] = [];
  for (const [label, sides] of destinationGroups(ctx, source, scope)) {
    const set = PacketSet.unionAll(
      sides.map((side) => side.admitted.intersect(sendingSide(network, source, side.eni))),
    );
    if (set.isEmpty()) continue;
    const endpoint = network.vpcEndpoints.get(label);
    reached.push({
      destination: label,
      kind: endpoint === undefined ? 'network-interface' : 'vpc-endpoint',
      service: endpoint === undefined ? null : serviceIdOf(network, endpoint.serviceName),
      addresses: sides.flatMap((side) => addressesOf(side.eni)),
      reaches: toItems(summarizeDestinations(set)),
    });
  }
  return {
    version: 1,
    question: { ...describeQuestion('*', scope), from: question.from },
    destinations: reached,
    limitations: dedupe(ctx.limitations),
  };
}

/** Every destination in the source's VPC: plain ENIs one by one, endpoints with all their ENIs. */
export function destinationGroups(
  ctx: SideContext,
  source: Eni,
  scope: ReachScope,
): Map<string, DestinationSide[]> {
  const groups = new Map<string, DestinationSide[]>();
  const enis = [...ctx.network.enis.values()]
    .filter((eni) => eni.vpcId === source.vpcId && eni.id !== source.id)
    .sort((a, b) => a.id.localeCompare(b.id));
  for (const eni of enis) {
    if (eni.kind === 'nlb-node') continue;
    if (eni.kind === 'vpc-endpoint') {
      const label = eni.vpcEndpointId ?? eni.id;
      groups.set(label, [...(groups.get(label) ?? []), endpointSide(ctx, eni, scope, label)]);
    } else {
      groups.set(eni.id, [plainSide(ctx, eni, scope)]);
    }
  }
  return groups;
}

function serviceIdOf(network: Network, name: string): string | null {
  return [...network.endpointServices.values()].find((s) => s.name === name)?.id ?? name;
}
