import { formatIp } from '../net/address.js';
import type { Eni } from '../network/types.js';
import { endpointOf, eniAddress, type TraceContext } from './context.js';
import { crossSubnets, securityGroupHop } from './filter-hops.js';
import { replyFlow, requestFlow } from './flows.js';
import { gate, type Hop } from './hop.js';
import type { PathHops } from './path.js';

/**
 * ENI to ENI inside one VPC: the sender's groups (outbound), the two subnets' NACLs when the
 * packet crosses from one subnet to another, the receiver's groups (inbound); the reply crosses
 * the NACLs again, to the client's ephemeral port.
 */
export function intraVpcPath(
  ctx: TraceContext,
  source: Eni,
  destination: Eni,
): PathHops | undefined {
  const from = eniEnd(ctx, source);
  const to = eniEnd(ctx, destination);
  if (from === undefined || to === undefined) return undefined;
  const request = requestFlow(ctx.service, from, to);
  const reply = replyFlow(ctx.service, to, from, ctx.service.sourcePorts);
  const forward: Hop[] = [
    securityGroupHop(ctx.network, source.id, source.securityGroupIds, 'egress', request),
  ];
  if (source.vpcId !== destination.vpcId) forward.push(routingGate(source, destination));
  forward.push(
    ...crossSubnets(ctx.network, source.subnetId, destination.subnetId, request, 'forward'),
  );
  forward.push(
    securityGroupHop(ctx.network, destination.id, destination.securityGroupIds, 'ingress', request),
  );
  const back = crossSubnets(
    ctx.network,
    destination.subnetId,
    source.subnetId,
    reply,
    'return',
    'client',
  );
  return {
    waypoints: {
      source: { eniId: source.id, address: formatIp(from.address) },
      destination: { eniId: destination.id, address: formatIp(to.address) },
    },
    forward,
    return: back,
  };
}

export function eniEnd(ctx: TraceContext, eni: Eni) {
  const address = eniAddress(ctx, eni);
  return address === undefined ? undefined : endpointOf(eni, address);
}

/**
 * Routing between VPCs (peering, transit gateway) is not modelled, so a path that leaves the
 * VPC cannot be shown to work; the filters on it are still reported.
 */
export function routingGate(source: Eni, destination: Eni): Hop {
  return gate(
    'routing',
    `${source.vpcId} → ${destination.vpcId}`,
    false,
    `the path leaves ${source.vpcId} for ${destination.vpcId}; routes between VPCs (peering, transit gateway) are not modelled`,
    'DISCONNECTED_VPCS',
  );
}
