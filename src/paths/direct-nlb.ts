import { formatIp, type IpAddress, sameIp } from '../net/address.js';
import { formatPortRange } from '../net/port-range.js';
import type { Eni, LoadBalancer, NlbNode, Target, TargetGroup } from '../network/types.js';
import type { TraceContext } from './context.js';
import { crossSubnets, securityGroupHop } from './filter-hops.js';
import { LOAD_BALANCER_PORTS, replyFlow, requestFlow } from './flows.js';
import { gate, type Hop } from './hop.js';
import { eniEnd } from './intra-vpc.js';
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
 * A client talking to an NLB node directly. Unlike PrivateLink, the client's address may reach
 * the target unchanged: `preserve_client_ip.enabled` defaults on for instance targets and for
 * UDP ip targets, off for TCP and TLS ip targets.
 */
export function directNlbPaths(
  ctx: TraceContext,
  client: Eni,
  balancer: LoadBalancer,
  node: NlbNode,
  state: { healthDecided: boolean },
): PathHops[] {
  const from = eniEnd(ctx, client);
  if (from === undefined || node.ip === undefined) return [];
  const nodeEnd = { address: node.ip, groups: balancer.securityGroupIds };
  const request = requestFlow(ctx.service, from, nodeEnd);
  const forward: Hop[] = [
    securityGroupHop(ctx.network, client.id, client.securityGroupIds, 'egress', request),
  ];
  if (client.vpcId !== balancer.vpcId) {
    forward.push(
      gate(
        'routing',
        `${client.vpcId} → ${balancer.vpcId}`,
        false,
        `the path leaves ${client.vpcId} for ${balancer.vpcId}; routes between VPCs are not modelled`,
        'DISCONNECTED_VPCS',
      ),
    );
  }
  forward.push(...crossSubnets(ctx.network, client.subnetId, node.subnetId, request, 'forward'));
  if (balancer.securityGroupIds.length > 0) {
    forward.push(
      securityGroupHop(
        ctx.network,
        nodeComponent(node, balancer),
        balancer.securityGroupIds,
        'ingress',
        request,
      ),
    );
  }
  const back = crossSubnets(
    ctx.network,
    node.subnetId,
    client.subnetId,
    replyFlow(ctx.service, nodeEnd, from, ctx.service.sourcePorts),
    'return',
    'client',
  );
  const waypoints: PathWaypoints = {
    source: { eniId: client.id, address: formatIp(from.address) },
    loadBalancer: {
      arn: balancer.arn,
      nodeEniId: node.eniId,
      nodeAddress: formatIp(node.ip),
      availabilityZoneId: node.availabilityZoneId,
    },
  };
  const listener = matchListener(balancer, ctx.service);
  forward.push(listenerGate(balancer, ctx.service, listener));
  if (listener === undefined) return [{ waypoints, forward, return: back }];
  const paths: PathHops[] = [];
  for (const group of forwardedGroups(ctx, listener)) {
    const choice = chooseTargets(ctx, balancer, node, group);
    if (choice.healthDecided) state.healthDecided = true;
    if (choice.blocked !== undefined) {
      paths.push({ waypoints, forward: [...forward, choice.blocked], return: back });
      continue;
    }
    const preserved = preservesClientIp(group, ctx.service.protocol);
    for (const target of choice.routed) {
      const port = target.port ?? group.port ?? ctx.service.port;
      const source = preserved
        ? { address: from.address, groups: balancer.securityGroupIds }
        : { address: node.ip, groups: balancer.securityGroupIds };
      const leg = targetLeg(ctx, {
        balancer,
        node,
        target,
        group,
        service: ctx.service,
        port,
        source,
        replyPorts: preserved ? ctx.service.sourcePorts : LOAD_BALANCER_PORTS,
        ephemeral: preserved ? 'client' : 'load-balancer',
      });
      const after = `${target.ip ? formatIp(target.ip) : target.id}:${port}`;
      const rewrite = preserved
        ? rewriteHop(
            `destination ${formatIp(node.ip)}:${ctx.service.port}`,
            `${after}, keeping the client's address`,
            balancer,
          )
        : rewriteHop(
            `${formatIp(from.address)}:client port → ${formatIp(node.ip)}:${formatPortRange(LOAD_BALANCER_PORTS)}`,
            after,
            balancer,
          );
      const loop = preserved ? loopback(from.address, target, balancer, group) : undefined;
      paths.push({
        waypoints: { ...waypoints, target: targetWaypoint(ctx, target, group, port) },
        forward: [...forward, rewrite, ...(loop ? [loop] : []), ...leg.forward],
        return: [...leg.return, ...back],
      });
    }
  }
  return paths;
}

/**
 * A client that is itself a target, handed its own connection with its address kept: the packet
 * arrives with its own address as both source and destination, which the host drops, so the
 * connection times out (AWS's NLB troubleshooting guide, "loopback timeout"). Only that target
 * fails; others behind the same node still answer, which is why it fails intermittently.
 */
function loopback(
  client: IpAddress,
  target: Target,
  balancer: LoadBalancer,
  group: TargetGroup,
): Hop | undefined {
  if (target.ip === undefined || !sameIp(target.ip, client)) return undefined;
  return gate(
    'target',
    target.id,
    false,
    `${balancer.name} hands ${formatIp(client)} its own connection with the client's address ` +
      `preserved, so source and destination are the same address and the host drops it; ` +
      `turn off preserve_client_ip.enabled on ${group.name ?? group.arn} ` +
      'or register the target by IP',
    'NLB_LOOPBACK_WITH_CLIENT_IP_PRESERVED',
  );
}

/** `preserve_client_ip.enabled`, or AWS's default for the target type and protocol. */
export function preservesClientIp(group: TargetGroup, protocol: number): boolean {
  const set = group.attributes.get('preserve_client_ip.enabled');
  if (set === 'true') return true;
  if (set === 'false') return false;
  if (group.targetType === 'instance') return true;
  const udp = ['UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC'].includes(group.protocol ?? '');
  return udp || (group.protocol === undefined && protocol === 17);
}
