import type { LoadBalancer, NlbNode, Target, TargetGroup } from '../network/types.js';
import { addLimitation, type TraceContext } from './context.js';
import { targetHealth } from './health.js';
import { gate, type Hop } from './hop.js';

/** The targets a node sends a new flow to, or the gate that stops it. */
export interface TargetChoice {
  readonly routed: readonly Target[];
  readonly blocked?: Hop;
  /** Health changed which targets get traffic (some excluded, or failover to unhealthy ones). */
  readonly healthDecided: boolean;
}

/**
 * AWS's choice of targets for a node: with cross-zone off only targets in the node's own zone,
 * with it on targets in every zone enabled on the load balancer (a target group attribute
 * overrides the load balancer's). Among those, the healthy ones — unless fewer than the
 * group's `minimum_healthy_targets.count` (default 1) are healthy, in which case the node sends
 * to all of them, healthy or not (routing failover, and fail-open when none is healthy).
 */
export function chooseTargets(
  ctx: TraceContext,
  balancer: LoadBalancer,
  node: NlbNode,
  group: TargetGroup,
): TargetChoice {
  const crossZone = crossZoneFor(balancer, group);
  const enabledZones = new Set(balancer.nodes.map((n) => n.availabilityZoneId));
  const candidates = group.targets.filter((target) => {
    const zone = targetZone(ctx, target);
    if (zone === undefined) return crossZone;
    return enabledZones.has(zone) && (crossZone || zone === node.availabilityZoneId);
  });
  if (candidates.length === 0) {
    const code = group.targets.length === 0 ? 'ELBV2_LISTENER_HAS_NO_TG' : 'ELBV2_NO_TARGETS_IN_AZ';
    const where = crossZone
      ? 'in any zone enabled on the load balancer'
      : `in ${node.availabilityZoneId} (cross-zone load balancing is off)`;
    const detail = `${group.name ?? group.arn} has no registered target ${where}`;
    return {
      routed: [],
      blocked: gate('target-group', group.arn, false, detail, code),
      healthDecided: false,
    };
  }
  const healthy = candidates.filter((target) => targetHealth(ctx, balancer, group, target).healthy);
  if (!crossZone && healthy.length === 0 && noneHealthy(ctx, balancer, group)) {
    return failOpen(ctx, balancer, group, candidates, enabledZones);
  }
  const minimum = Number(
    group.attributes.get(
      'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count',
    ) ?? '1',
  );
  if (healthy.length >= (Number.isFinite(minimum) ? minimum : 1)) {
    return { routed: healthy, healthDecided: healthy.length < candidates.length };
  }
  return { routed: candidates, healthDecided: healthy.length < candidates.length };
}

function noneHealthy(ctx: TraceContext, balancer: LoadBalancer, group: TargetGroup): boolean {
  return group.targets.every((target) => !targetHealth(ctx, balancer, group, target).healthy);
}

/**
 * Every target of the group is unhealthy and cross-zone is off: the NLB fails open, but AWS does
 * not say whether a node then reaches beyond its own zone. The default keeps it in its zone;
 * the option lets it reach every enabled zone. Either way the trace says the choice mattered.
 */
function failOpen(
  ctx: TraceContext,
  balancer: LoadBalancer,
  group: TargetGroup,
  inZone: readonly Target[],
  enabledZones: ReadonlySet<string | undefined>,
): TargetChoice {
  const everyZone = group.targets.filter((target) => enabledZones.has(targetZone(ctx, target)));
  if (everyZone.length !== inZone.length) {
    addLimitation(ctx, {
      code: ctx.options.failOpenAcrossZones
        ? 'ASSUMPTION_FAIL_OPEN_ACROSS_ZONES'
        : 'ASSUMPTION_FAIL_OPEN_IN_ZONE',
      component: group.arn,
      detail: `every target of ${group.name ?? group.arn} is unhealthy and cross-zone load balancing is off; AWS does not document whether failing open crosses zones, and the trace assumes it ${ctx.options.failOpenAcrossZones ? 'does' : 'does not'} (--fail-open-across-zones ${ctx.options.failOpenAcrossZones ? 'is set' : 'assumes it does'})`,
    });
  }
  return { routed: ctx.options.failOpenAcrossZones ? everyZone : inZone, healthDecided: true };
}

export function crossZoneFor(balancer: LoadBalancer, group: TargetGroup): boolean {
  const own = group.attributes.get('load_balancing.cross_zone.enabled');
  if (own === 'true') return true;
  if (own === 'false') return false;
  return balancer.crossZone;
}

export function targetZone(ctx: TraceContext, target: Target): string | undefined {
  if (target.eniId === undefined) return undefined;
  return ctx.network.enis.get(target.eniId)?.availabilityZoneId;
}
