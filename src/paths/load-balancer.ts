import { formatIp, type IpAddress } from '../net/address.js';
import type { PortRange } from '../net/port-range.js';
import type { Listener, LoadBalancer, NlbNode, Target, TargetGroup } from '../network/types.js';
import type { TraceContext } from './context.js';
import { crossSubnets, securityGroupHop } from './filter-hops.js';
import { type Endpoint, replyFlow, requestFlow, type Service } from './flows.js';
import { type EphemeralOwner, gate, type Hop } from './hop.js';

const CARRIES: Record<number, readonly string[]> = {
  6: ['TCP', 'TLS', 'TCP_UDP', 'TCP_QUIC'],
  17: ['UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC'],
};

/** The listener that takes the packet: same port, and a protocol that carries it. */
export function matchListener(balancer: LoadBalancer, service: Service): Listener | undefined {
  const accepted = CARRIES[service.protocol] ?? [];
  return balancer.listeners.find(
    (listener) => listener.port === service.port && accepted.includes(listener.protocol ?? ''),
  );
}

export function listenerGate(
  balancer: LoadBalancer,
  service: Service,
  listener: Listener | undefined,
): Hop {
  const name = `${balancer.name}`;
  if (listener !== undefined) {
    return gate(
      'listener',
      listener.arn ?? balancer.arn,
      true,
      `${name} listener ${listener.protocol}:${listener.port} takes the packet`,
    );
  }
  const ports = balancer.listeners.map((l) => `${l.protocol}:${l.port}`).join(', ') || 'none';
  return gate(
    'listener',
    balancer.arn,
    false,
    `no listener of ${name} takes ${service.protocol === 17 ? 'UDP' : 'TCP'} port ${service.port} (listeners: ${ports}); the load balancer drops it`,
    'ELBV2_LISTENERS_MISMATCH',
  );
}

/** The target groups a listener forwards to with a weight above 0, that the snapshot has. */
export function forwardedGroups(ctx: TraceContext, listener: Listener): TargetGroup[] {
  const groups: TargetGroup[] = [];
  for (const forward of listener.forwards) {
    if (forward.weight <= 0) continue;
    const group = ctx.network.targetGroups.get(forward.targetGroupArn);
    if (group !== undefined) groups.push(group);
    else {
      ctx.limitations.push({
        code: 'TARGET_GROUP_OUTSIDE_SNAPSHOT',
        component: forward.targetGroupArn,
        detail:
          'the listener forwards to a target group that is not in the snapshot; paths through it cannot be checked',
      });
    }
  }
  return groups;
}

/** How the load balancer hands a flow to a target. */
export interface LegInput {
  readonly balancer: LoadBalancer;
  readonly node: NlbNode;
  readonly target: Target;
  readonly group: TargetGroup;
  readonly service: Service;
  /** Destination port at the target: the target port, or the health-check port. */
  readonly port: number;
  /** Source as the target sees it (the node, or the client when its IP is preserved). */
  readonly source: Endpoint;
  /** Destination ports of the reply: the NLB's ephemeral range, or the client's ports. */
  readonly replyPorts: PortRange;
  readonly ephemeral: EphemeralOwner;
}

/**
 * Node to target, with the reply: the NLB's groups outbound (if it has any), the NACLs of the
 * node's and the target's subnets when they differ, the target's groups inbound.
 */
export function targetLeg(ctx: TraceContext, input: LegInput): { forward: Hop[]; return: Hop[] } {
  const eni =
    input.target.eniId === undefined ? undefined : ctx.network.enis.get(input.target.eniId);
  const address = input.target.ip;
  if (eni === undefined || address === undefined) {
    const detail = `target ${input.target.id} is not in the snapshot, so the filters in front of it cannot be checked`;
    return {
      forward: [gate('target', input.target.id, false, detail, 'UNKNOWN_DESTINATION')],
      return: [],
    };
  }
  const target: Endpoint = { address, groups: eni.securityGroupIds };
  const request = requestFlow(input.service, input.source, target, input.port);
  const forward: Hop[] = [];
  if (input.balancer.securityGroupIds.length > 0) {
    const nodeView = { ...request, sourceGroups: input.balancer.securityGroupIds };
    forward.push(
      securityGroupHop(
        ctx.network,
        nodeComponent(input.node, input.balancer),
        input.balancer.securityGroupIds,
        'egress',
        nodeView,
      ),
    );
  }
  forward.push(...crossSubnets(ctx.network, input.node.subnetId, eni.subnetId, request, 'forward'));
  forward.push(securityGroupHop(ctx.network, eni.id, eni.securityGroupIds, 'ingress', request));
  const reply = replyFlow(input.service, target, input.source, input.replyPorts);
  return {
    forward,
    return: crossSubnets(
      ctx.network,
      eni.subnetId,
      input.node.subnetId,
      reply,
      'return',
      input.ephemeral,
    ),
  };
}

/** The component a load balancer's groups are reported on: its node's ENI. */
export function nodeComponent(node: NlbNode, balancer: LoadBalancer): string {
  return node.eniId ?? `${balancer.name} node in ${node.subnetId}`;
}

export function rewriteHop(before: string, after: string, balancer: LoadBalancer): Hop {
  return {
    ...gate('nlb-rewrite', balancer.arn, true, `${balancer.name} rewrites ${before} → ${after}`),
  };
}

export function describeEnd(address: IpAddress | undefined, port: string): string {
  return `${address === undefined ? '?' : formatIp(address)}:${port}`;
}

/** Where a path meets its target, for the path's waypoints. */
export function targetWaypoint(
  ctx: TraceContext,
  target: Target,
  group: TargetGroup,
  port: number,
) {
  const eni = target.eniId === undefined ? undefined : ctx.network.enis.get(target.eniId);
  return {
    id: target.id,
    targetGroupArn: group.arn,
    eniId: target.eniId,
    address: target.ip && formatIp(target.ip),
    port,
    availabilityZoneId: eni?.availabilityZoneId,
  };
}
