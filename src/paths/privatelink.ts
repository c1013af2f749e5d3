import { formatIp, type IpAddress } from '../net/address.js';
import { formatPortRange } from '../net/port-range.js';
import type { EndpointService, Eni, LoadBalancer, NlbNode, VpcEndpoint } from '../network/types.js';
import { addLimitation, type TraceContext } from './context.js';
import { crossSubnets, networkAclHop, securityGroupHop } from './filter-hops.js';
import { type Endpoint, LOAD_BALANCER_PORTS, replyFlow, requestFlow } from './flows.js';
import { gate, type Hop } from './hop.js';
import { eniEnd, routingGate } from './intra-vpc.js';
import {
  forwardedGroups,
  listenerGate,
  matchListener,
  nodeComponent,
  rewriteHop,
  targetLeg,
  targetWaypoint,
} from './load-balancer.js';
import type { PathHops, PathWaypoints } from './path.js';
import { chooseTargets } from './target-choice.js';

/**
 * Client to an interface endpoint ENI and through PrivateLink to the provider's targets: one
 * path per (endpoint ENI, NLB node, target). The consumer side is filtered like any ENI-to-ENI
 * hop; PrivateLink then enters the NLB node in the endpoint ENI's zone (matched by zone ID,
 * since zone names differ between accounts), which rewrites the source to its own address.
 */
export function privateLinkPaths(
  ctx: TraceContext,
  client: Eni,
  endpointEni: Eni,
  state: { healthDecided: boolean },
): PathHops[] {
  const from = eniEnd(ctx, client);
  const to = eniEnd(ctx, endpointEni);
  if (from === undefined || to === undefined) return [];
  const endpoint = ctx.network.vpcEndpoints.get(endpointEni.vpcEndpointId ?? '');
  const endpointGroups =
    endpointEni.securityGroupIds.length > 0
      ? endpointEni.securityGroupIds
      : (endpoint?.securityGroupIds ?? []);
  const request = requestFlow(ctx.service, from, { ...to, groups: endpointGroups });
  const forward: Hop[] = [
    securityGroupHop(ctx.network, client.id, client.securityGroupIds, 'egress', request),
  ];
  if (client.vpcId !== endpointEni.vpcId) forward.push(routingGate(client, endpointEni));
  forward.push(
    ...crossSubnets(ctx.network, client.subnetId, endpointEni.subnetId, request, 'forward'),
  );
  forward.push(securityGroupHop(ctx.network, endpointEni.id, endpointGroups, 'ingress', request));
  const reply = replyFlow(ctx.service, to, from, ctx.service.sourcePorts);
  const back = crossSubnets(
    ctx.network,
    endpointEni.subnetId,
    client.subnetId,
    reply,
    'return',
    'client',
  );
  const waypoints: PathWaypoints = {
    source: { eniId: client.id, address: formatIp(from.address) },
    endpoint: {
      vpcEndpointId: endpointEni.vpcEndpointId ?? endpointEni.id,
      eniId: endpointEni.id,
      address: formatIp(to.address),
      availabilityZoneId: endpointEni.availabilityZoneId,
    },
  };
  return serviceSide(ctx, endpointEni, { waypoints, forward, return: back }, from, state);
}

/**
 * PrivateLink's gates and the provider's paths for one endpoint ENI, without the hops that depend
 * on the client's address (the NLB's inbound groups, the NLB subnet's NACL): symbolic analyses
 * judge those over sets of clients. Returns no paths when the service is not in the snapshot.
 */
export function providerSide(
  ctx: TraceContext,
  endpointEni: Eni,
  state: { healthDecided: boolean },
) {
  const waypoints: PathWaypoints = { source: { eniId: endpointEni.id, address: '' } };
  const serviceKnown =
    findService(ctx, ctx.network.vpcEndpoints.get(endpointEni.vpcEndpointId ?? '')) !== undefined;
  return {
    serviceKnown,
    paths: serviceSide(ctx, endpointEni, { waypoints, forward: [], return: [] }, undefined, state),
  };
}

function serviceSide(
  ctx: TraceContext,
  endpointEni: Eni,
  consumer: PathHops,
  client: Endpoint | undefined,
  state: { healthDecided: boolean },
): PathHops[] {
  const endpoint = ctx.network.vpcEndpoints.get(endpointEni.vpcEndpointId ?? '');
  const forward = consumer.forward;
  const gates = endpointGates(ctx, endpoint, endpointEni);
  if (gates.blocked || gates.service === undefined) {
    return [{ ...consumer, forward: [...forward, ...gates.hops] }];
  }
  const nodes = nodesInZone(ctx, gates.service, endpointEni);
  if (nodes.length === 0) {
    const detail = `no load balancer of ${gates.service.id} has a node in ${endpointEni.availabilityZoneId}, the zone of ${endpointEni.id}`;
    const hop = gate(
      'endpoint-service',
      gates.service.id,
      false,
      detail,
      'VPCE_SERVICE_NOT_INSTALLED_IN_AZ',
    );
    return [{ ...consumer, forward: [...forward, ...gates.hops, hop] }];
  }
  return nodes.flatMap(({ balancer, node }) =>
    providerPaths(
      ctx,
      { ...consumer, forward: [...forward, ...gates.hops] },
      client,
      balancer,
      node,
      state,
    ),
  );
}

interface Gates {
  readonly hops: Hop[];
  readonly blocked: boolean;
  readonly service?: EndpointService;
}

/** PrivateLink's own conditions: TCP or UDP, an available endpoint, a service in the zone. */
function endpointGates(ctx: TraceContext, endpoint: VpcEndpoint | undefined, eni: Eni): Gates {
  const hops: Hop[] = [];
  const id = endpoint?.id ?? eni.id;
  if (ctx.service.protocol !== 6 && ctx.service.protocol !== 17) {
    hops.push(
      gate(
        'protocol',
        id,
        false,
        'interface endpoints carry only TCP and UDP; they do not answer ICMP',
        'PROTOCOL_RESTRICTION',
      ),
    );
    return { hops, blocked: true };
  }
  const state = endpoint?.state;
  if (state !== undefined && state.toLowerCase() !== 'available') {
    hops.push(
      gate(
        'endpoint-state',
        id,
        false,
        `the endpoint is ${state}; only an available endpoint carries traffic`,
        'BAD_STATE',
      ),
    );
    return { hops, blocked: true };
  }
  const service = findService(ctx, endpoint);
  if (service === undefined) {
    addLimitation(ctx, {
      code: 'SERVICE_OUTSIDE_SNAPSHOT',
      component: id,
      detail: `the service behind ${id} (${endpoint?.serviceName ?? 'unknown'}) is not in the snapshot; the path is checked up to the endpoint's network interface`,
    });
    return { hops, blocked: false };
  }
  const connection = endpoint === undefined ? undefined : service.connectionStates.get(endpoint.id);
  if (connection !== undefined && connection.toLowerCase() !== 'available') {
    hops.push(
      gate(
        'endpoint-state',
        id,
        false,
        `the provider sees the endpoint connection as ${connection}; it must accept it before traffic flows`,
        'BAD_STATE',
      ),
    );
    return { hops, blocked: true, service };
  }
  if (service.state !== undefined && service.state.toLowerCase() !== 'available') {
    hops.push(
      gate(
        'endpoint-service',
        service.id,
        false,
        `the endpoint service is ${service.state}`,
        'BAD_STATE',
      ),
    );
    return { hops, blocked: true, service };
  }
  const zone = eni.availabilityZoneId;
  if (
    service.availabilityZoneIds !== undefined &&
    (zone === undefined || !service.availabilityZoneIds.includes(zone))
  ) {
    hops.push(
      gate(
        'endpoint-service',
        service.id,
        false,
        `${service.id} is not offered in ${zone ?? `the zone of ${eni.id}`} (zones: ${service.availabilityZoneIds.join(', ')})`,
        'VPCE_SERVICE_NOT_INSTALLED_IN_AZ',
      ),
    );
    return { hops, blocked: true, service };
  }
  hops.push(
    gate(
      'endpoint-service',
      service.id,
      true,
      `PrivateLink carries the flow to ${service.id} in ${zone}`,
    ),
  );
  return { hops, blocked: false, service };
}

function findService(
  ctx: TraceContext,
  endpoint: VpcEndpoint | undefined,
): EndpointService | undefined {
  if (endpoint === undefined) return undefined;
  for (const service of ctx.network.endpointServices.values()) {
    if (service.name === endpoint.serviceName) return service;
  }
  return undefined;
}

function nodesInZone(ctx: TraceContext, service: EndpointService, eni: Eni) {
  const found: { balancer: LoadBalancer; node: NlbNode }[] = [];
  for (const arn of service.loadBalancerArns) {
    const balancer = ctx.network.loadBalancers.get(arn);
    if (balancer === undefined) {
      addLimitation(ctx, {
        code: 'LOAD_BALANCER_OUTSIDE_SNAPSHOT',
        component: arn,
        detail: `${service.id} is served by a load balancer that is not in the snapshot`,
      });
      continue;
    }
    const node = balancer.nodes.find(
      (n) => n.availabilityZoneId !== undefined && n.availabilityZoneId === eni.availabilityZoneId,
    );
    if (node !== undefined) found.push({ balancer, node });
  }
  return found;
}

/** From the NLB node on: its groups, the listener, the choice of targets, each target's leg. */
function providerPaths(
  ctx: TraceContext,
  consumer: PathHops,
  client: Endpoint | undefined,
  balancer: LoadBalancer,
  node: NlbNode,
  state: { healthDecided: boolean },
): PathHops[] {
  const waypoints: PathWaypoints = {
    ...consumer.waypoints,
    loadBalancer: {
      arn: balancer.arn,
      nodeEniId: node.eniId,
      nodeAddress: node.ip && formatIp(node.ip),
      availabilityZoneId: node.availabilityZoneId,
    },
  };
  const forward = [...consumer.forward];
  if (node.ip === undefined) {
    forward.push(
      gate(
        'endpoint-service',
        balancer.arn,
        false,
        `the node of ${balancer.name} in ${node.subnetId} has no known address`,
        'UNKNOWN_DESTINATION',
      ),
    );
    return [{ ...consumer, waypoints, forward }];
  }
  if (client !== undefined) clientHopsAtNode(ctx, forward, client, balancer, node, node.ip);
  const listener = matchListener(balancer, ctx.service);
  forward.push(listenerGate(balancer, ctx.service, listener));
  if (listener === undefined) return [{ ...consumer, waypoints, forward }];
  const paths: PathHops[] = [];
  for (const group of forwardedGroups(ctx, listener)) {
    const choice = chooseTargets(ctx, balancer, node, group);
    if (choice.healthDecided) state.healthDecided = true;
    if (choice.blocked !== undefined) {
      paths.push({ ...consumer, waypoints, forward: [...forward, choice.blocked] });
      continue;
    }
    for (const target of choice.routed) {
      const port = target.port ?? group.port ?? ctx.service.port;
      const carried = balancer.enforceInboundRulesOnPrivateLink ? balancer.securityGroupIds : [];
      const leg = targetLeg(ctx, {
        balancer,
        node,
        target,
        group,
        service: ctx.service,
        port,
        source: { address: node.ip, groups: carried },
        replyPorts: LOAD_BALANCER_PORTS,
        ephemeral: 'load-balancer',
      });
      const rewrite = rewriteHop(
        `${client === undefined ? 'client' : formatIp(client.address)}:client port → ${formatIp(node.ip)}:${formatPortRange(LOAD_BALANCER_PORTS)}`,
        `${target.ip ? formatIp(target.ip) : target.id}:${port}`,
        balancer,
      );
      paths.push({
        waypoints: { ...waypoints, target: targetWaypoint(ctx, target, group, port) },
        forward: [...forward, rewrite, ...leg.forward],
        return: [...leg.return, ...consumer.return],
      });
    }
  }
  return paths;
}

/**
 * The hops at the NLB node that judge the consumer client's own address: the NLB's inbound
 * groups when PrivateLink enforcement is on, and (as an option) the NLB subnet's inbound NACL.
 */
function clientHopsAtNode(
  ctx: TraceContext,
  forward: Hop[],
  client: Endpoint,
  balancer: LoadBalancer,
  node: NlbNode,
  address: IpAddress,
) {
  // The endpoint hands the packet over without the consumer's groups. AWS says the inbound rules
  // judge the consumer's address and is silent on group references; vpcreach lets none match.
  const atNode = requestFlow(
    ctx.service,
    { address: client.address, groups: [] },
    { address, groups: balancer.securityGroupIds },
  );
  if (balancer.securityGroupIds.length > 0 && balancer.enforceInboundRulesOnPrivateLink) {
    forward.push(
      securityGroupHop(
        ctx.network,
        nodeComponent(node, balancer),
        balancer.securityGroupIds,
        'ingress',
        atNode,
      ),
    );
  }
  nlbSubnetAclHop(ctx, forward, node, atNode, balancer);
}

/**
 * Whether the NLB subnet's inbound NACL entries see PrivateLink packets is not documented. By
 * default they are not evaluated; either way the trace notes when the other choice would block.
 */
function nlbSubnetAclHop(
  ctx: TraceContext,
  forward: Hop[],
  node: NlbNode,
  flow: ReturnType<typeof requestFlow>,
  balancer: LoadBalancer,
) {
  const hop = networkAclHop(ctx.network, node.subnetId, 'ingress', flow, 'forward');
  if (ctx.options.nlbSubnetAclOnPrivateLink) {
    forward.push(hop);
    if (hop.verdict !== 'pass')
      addLimitation(ctx, {
        code: 'ASSUMPTION_NLB_SUBNET_ACL_ON_PRIVATELINK',
        component: hop.component,
        detail: `the verdict assumes ${balancer.name}'s subnet NACL judges PrivateLink packets (AWS does not document it); without that assumption this hop would not block`,
      });
  } else if (hop.verdict !== 'pass') {
    addLimitation(ctx, {
      code: 'ASSUMPTION_NLB_SUBNET_ACL_NOT_ON_PRIVATELINK',
      component: hop.component,
      detail: `${hop.component} (the subnet of ${balancer.name}'s node) would deny the PrivateLink packet inbound if AWS evaluated it there; AWS does not document that, so it is not counted (--nlb-subnet-acl-on-privatelink counts it)`,
    });
  }
}
