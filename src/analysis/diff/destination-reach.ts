import { UsageError } from '../../errors.js';
import { compileNetworkAcl, compileSecurityGroups } from '../../filters/compile.js';
import { PacketSet } from '../../net/packet-set.js';
import type { Eni, Network } from '../../network/types.js';
import {
  type DestinationSide,
  endpointSide,
  plainSide,
  type ReachScope,
  type SideContext,
} from '../reach/destinations.js';
import { destinationSides } from '../reach/reach.js';
import { eniBlocks } from '../reach/sides.js';
import { compareText } from './rule-changes.js';

/** What one snapshot lets reach one destination. */
export interface DestinationReach {
  /** The ENI or interface endpoint ID, as both snapshots name it. */
  readonly label: string;
  readonly sides: readonly DestinationSide[];
  /** Request packets the destination side admits, whatever sends them. */
  readonly admitted: PacketSet;
  /** The part of `admitted` that ENIs of the snapshot really send, their own filters applied. */
  readonly reached: PacketSet;
  /** For an endpoint, what each working provider path admits (see DestinationSide.paths). */
  readonly paths: ReadonlyMap<string, PacketSet>;
}

/**
 * Every destination of a network — each ENI that is not a load balancer node, and each interface
 * endpoint with all its ENIs — or only the named ones, with what reaches it. A name that does not
 * resolve in this snapshot is a destination absent from it (empty sets), not an error: the
 * other snapshot may hold it.
 */
export function reachOfDestinations(
  ctx: SideContext,
  scope: ReachScope,
  only: readonly string[] | undefined,
): Map<string, DestinationReach> {
  const groups = only === undefined ? allDestinations(ctx, scope) : named(ctx, scope, only);
  const senders = new SenderSets(ctx.network);
  const out = new Map<string, DestinationReach>();
  for (const [label, sides] of groups) {
    // Left unsimplified: an unchanged destination then yields the very same boxes on both
    // sides, which the diff recognises without set operations.
    const admitted = PacketSet.unionAll(sides.map((side) => side.admitted));
    const reached = PacketSet.unionAll(
      sides.map((side) =>
        side.admitted
          .intersect(senders.towards(side.eni))
          // An ENI talking to itself is not a network path.
          .subtract(PacketSet.of({ sources: eniBlocks(side.eni) })),
      ),
    );
    const paths = new Map(
      sides.flatMap((side) => side.paths ?? []).map((p) => [p.key, p.admitted]),
    );
    out.set(label, { label, sides, admitted, reached, paths });
  }
  return out;
}

function allDestinations(ctx: SideContext, scope: ReachScope): Map<string, DestinationSide[]> {
  const groups = new Map<string, DestinationSide[]>();
  const enis = [...ctx.network.enis.values()].sort((a, b) => compareText(a.id, b.id));
  for (const eni of enis) {
    if (eni.kind === 'nlb-node') continue;
    const label = eni.kind === 'vpc-endpoint' ? (eni.vpcEndpointId ?? eni.id) : eni.id;
    const side =
      eni.kind === 'vpc-endpoint'
        ? endpointSide(ctx, eni, scope, label)
        : plainSide(ctx, eni, scope);
    groups.set(label, [...(groups.get(label) ?? []), side]);
  }
  return groups;
}

function named(ctx: SideContext, scope: ReachScope, only: readonly string[]) {
  const groups = new Map<string, DestinationSide[]>();
  for (const to of only) {
    try {
      groups.set(to, destinationSides(ctx, to, scope));
    } catch (error) {
      if (
        !(error instanceof UsageError) ||
        !/matches nothing|no interface endpoint/.test(error.message)
      )
        throw error;
      groups.set(to, []);
    }
  }
  return groups;
}

/**
 * What the snapshot's sending ENIs let out, as one set per destination subnet: ENIs that share
 * a VPC, subnet and groups are filtered alike, so each such class is compiled once; a class in
 * the destination's subnet crosses no NACL, the others cross their own subnet's NACL both ways.
 */
class SenderSets {
  readonly #network: Network;
  readonly #classes: { vpcId: string; subnetId: string; same: PacketSet; other: PacketSet }[];
  readonly #bySubnet = new Map<string, PacketSet>();

  constructor(network: Network) {
    this.#network = network;
    const byKey = new Map<string, Eni[]>();
    for (const eni of network.enis.values()) {
      if (eni.kind !== 'instance' && eni.kind !== 'other') continue;
      const key = `${eni.vpcId} ${eni.subnetId} ${[...eni.securityGroupIds].sort().join(',')}`;
      byKey.set(key, [...(byKey.get(key) ?? []), eni]);
    }
    this.#classes = [...byKey.values()].map((members) => this.#compile(members));
  }

  #compile(members: Eni[]) {
    const first = members[0]!;
    const same = PacketSet.of({ sources: members.flatMap(eniBlocks) }).intersect(
      compileSecurityGroups(this.#network, first.securityGroupIds, 'egress'),
    );
    const subnet = this.#network.subnets.get(first.subnetId)!;
    const acl = this.#network.networkAcls.get(subnet.networkAclId)!;
    const other = same
      .intersect(compileNetworkAcl(acl, 'egress'))
      .intersect(compileNetworkAcl(acl, 'ingress').reverse());
    return { vpcId: first.vpcId, subnetId: first.subnetId, same, other };
  }

  /** Everything the VPC's senders let out towards an ENI (routing stays inside the VPC). */
  towards(destination: Eni): PacketSet {
    const key = `${destination.vpcId} ${destination.subnetId}`;
    const known = this.#bySubnet.get(key);
    if (known !== undefined) return known;
    const set = PacketSet.unionAll(
      this.#classes
        .filter((c) => c.vpcId === destination.vpcId)
        .map((c) => (c.subnetId === destination.subnetId ? c.same : c.other)),
    ).simplify();
    this.#bySubnet.set(key, set);
    return set;
  }
}
