import { compileNetworkAcl, compileSecurityGroups } from '../../filters/compile.js';
import { hostCidr } from '../../net/cidr.js';
import { PacketSet } from '../../net/packet-set.js';
import type { Eni, Network } from '../../network/types.js';

/** The addresses of an ENI, both families, as one-address blocks. */
export function eniBlocks(eni: Eni) {
  return [...eni.ipv4, ...eni.ipv6].map(hostCidr);
}

/**
 * What the receiving side of an ENI lets in, over every source in its VPC: its groups inbound;
 * for sources in another subnet also its subnet's NACL inbound, and outbound for the reply — a
 * reply is the request reversed, so the outbound set is reversed into the request's terms (its
 * destination port becomes the request's source port). Sources in the ENI's own subnet cross no
 * NACL. Routing beyond the VPC is not modelled, so sources are addresses of the VPC.
 */
export function receivingSide(
  network: Network,
  eni: Eni,
  groupIds: readonly string[],
  toEni: PacketSet,
): PacketSet {
  const subnet = network.subnets.get(eni.subnetId)!;
  const vpc = network.vpcs.get(eni.vpcId)!;
  const acl = network.networkAcls.get(subnet.networkAclId)!;
  const inVpc = PacketSet.of({ sources: [...vpc.cidrs, ...subnet.cidrs] });
  const sameSubnet = PacketSet.of({ sources: [...subnet.cidrs] });
  const crossing = compileNetworkAcl(acl, 'ingress').intersect(
    compileNetworkAcl(acl, 'egress').reverse(),
  );
  const allowedSources = sameSubnet
    .union(inVpc.subtract(sameSubnet).intersect(crossing))
    .subtract(silentSources(network));
  return toEni
    .intersect(compileSecurityGroups(network, groupIds, 'ingress'))
    .intersect(allowedSources);
}

const silent = new WeakMap<Network, PacketSet>();

/**
 * Addresses that never open a flow: interface endpoint ENIs and NLB nodes only answer. They can
 * match a group reference (an endpoint in the VPC's default group admits its fellow members), but
 * no request ever comes from them, so they are not sources.
 */
function silentSources(network: Network): PacketSet {
  let set = silent.get(network);
  if (set === undefined) {
    const blocks = [...network.enis.values()]
      .filter((eni) => eni.kind === 'vpc-endpoint' || eni.kind === 'nlb-node')
      .flatMap(eniBlocks);
    set = PacketSet.of({ sources: blocks });
    silent.set(network, set);
  }
  return set;
}

/**
 * What a sending ENI lets out towards a destination ENI: its groups outbound and, when the
 * destination is in another subnet, its own subnet's NACL outbound and inbound for the reply.
 */
export function sendingSide(network: Network, source: Eni, destination: Eni): PacketSet {
  const fromSource = PacketSet.of({ sources: eniBlocks(source) });
  const out = fromSource.intersect(
    compileSecurityGroups(network, source.securityGroupIds, 'egress'),
  );
  if (source.subnetId === destination.subnetId) return out;
  const acl = network.networkAcls.get(network.subnets.get(source.subnetId)!.networkAclId)!;
  return out
    .intersect(compileNetworkAcl(acl, 'egress'))
    .intersect(compileNetworkAcl(acl, 'ingress').reverse());
}
