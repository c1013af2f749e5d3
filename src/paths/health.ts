import { formatIp, type IpAddress } from '../net/address.js';
import type { LoadBalancer, Network, Target, TargetGroup } from '../network/types.js';
import type { TraceContext } from './context.js';
import { LOAD_BALANCER_PORTS, type Service } from './flows.js';
import type { Hop } from './hop.js';
import { targetLeg } from './load-balancer.js';

/** The health checks of one target as the filters decide them. */
export interface TargetHealthResult {
  readonly targetGroupArn: string;
  readonly targetId: string;
  readonly port: number;
  readonly healthy: boolean;
  /** Health-check legs that fail, from which node address. */
  readonly failedChecks: readonly { readonly from: string; readonly hops: readonly Hop[] }[];
  /** What `describe-target-health` said, when the snapshot has it. */
  readonly observedState: string | undefined;
}

const cache = new WeakMap<TraceContext, Map<string, TargetHealthResult>>();
/**
 * Results across traces of one network: a check depends only on the network, the load balancer,
 * the group, the target and the address family, so thousands of traces through one service run
 * its health checks once.
 */
const shared = new WeakMap<Network, Map<string, TargetHealthResult>>();

/**
 * Every node of the load balancer checks every target, from each of its private addresses,
 * whatever the cross-zone setting; a target counts as healthy only when all those checks pass
 * for every source port the node may pick. A reference to the NLB's group in the target's rules
 * admits health checks whatever the PrivateLink enforcement setting.
 * Approximation: AWS does not say how checks from different nodes combine into one state; a
 * target that one node cannot reach is treated as unhealthy.
 */
export function targetHealth(
  ctx: TraceContext,
  balancer: LoadBalancer,
  group: TargetGroup,
  target: Target,
): TargetHealthResult {
  let results = cache.get(ctx);
  if (results === undefined) {
    results = new Map();
    cache.set(ctx, results);
  }
  const key = `${group.arn} ${target.id} ${target.port ?? ''}`;
  const known = results.get(key);
  if (known !== undefined) return known;
  const result = sharedCheck(ctx, balancer, group, target, key);
  results.set(key, result);
  return result;
}

function sharedCheck(
  ctx: TraceContext,
  balancer: LoadBalancer,
  group: TargetGroup,
  target: Target,
  key: string,
): TargetHealthResult {
  let results = shared.get(ctx.network);
  if (results === undefined) {
    results = new Map();
    shared.set(ctx.network, results);
  }
  const sharedKey = `${ctx.service.family} ${balancer.arn} ${key}`;
  const known = results.get(sharedKey);
  if (known !== undefined) return known;
  const result = checkTarget(ctx, balancer, group, target);
  results.set(sharedKey, result);
  return result;
}

function checkTarget(
  ctx: TraceContext,
  balancer: LoadBalancer,
  group: TargetGroup,
  target: Target,
): TargetHealthResult {
  const targetPort = target.port ?? group.port ?? 0;
  const port = group.healthCheckPort === 'traffic-port' ? targetPort : group.healthCheckPort;
  const base = {
    targetGroupArn: group.arn,
    targetId: target.id,
    port,
    observedState: target.observedState,
  };
  if (!group.healthCheckEnabled) return { ...base, healthy: true, failedChecks: [] };
  // Health checks are TCP connections (HTTP and HTTPS checks too), even for UDP services.
  const service: Service = {
    family: ctx.service.family,
    protocol: 6,
    port,
    sourcePorts: LOAD_BALANCER_PORTS,
  };
  const failedChecks: { from: string; hops: Hop[] }[] = [];
  for (const node of balancer.nodes) {
    const addresses: IpAddress[] = node.ip === undefined ? [] : [node.ip, ...node.secondaryIps];
    for (const address of addresses) {
      const leg = targetLeg(ctx, {
        balancer,
        node,
        target,
        group,
        service,
        port,
        source: { address, groups: balancer.securityGroupIds },
        replyPorts: LOAD_BALANCER_PORTS,
        ephemeral: 'load-balancer',
      });
      const failing = [...leg.forward, ...leg.return].filter((hop) => hop.verdict !== 'pass');
      if (failing.length > 0) failedChecks.push({ from: formatIp(address), hops: failing });
    }
  }
  return { ...base, healthy: failedChecks.length === 0, failedChecks };
}

/** Every health result computed during a trace, for the report. */
export function healthResults(ctx: TraceContext): TargetHealthResult[] {
  return [...(cache.get(ctx)?.values() ?? [])];
}
