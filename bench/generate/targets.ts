/**
 * Registers targets once the provider VPCs have workloads: instance targets by instance ID,
 * IP targets by primary private IP, a few per enabled zone (sometimes none in one zone, which
 * with cross-zone off is a dead end, aws-semantics.md §4.3). Chained services register the
 * ENIs of an interface endpoint as IP targets. Targets get the service's group.
 */
import type { GenContext } from './context.js';
import type { Eni, Target, TargetGroup } from './model.js';
import type { PendingTargets } from './privatelink.js';
import type { Rng } from './prng.js';

function health(rng: Rng): Target['health'] {
  const roll = rng.float();
  return roll < 0.85 ? 'healthy' : roll < 0.95 ? 'unhealthy' : 'initial';
}

function candidates(
  ctx: GenContext,
  vpcEnis: readonly Eni[],
  group: TargetGroup,
  zoneId: string,
): Eni[] {
  return vpcEnis.filter(
    (e) =>
      !ctx.pinnedEnis.has(e.eniId) &&
      ctx.subnet(e.subnetId).zoneId === zoneId &&
      (group.targetType === 'instance'
        ? e.kind === 'instance' && e.deviceIndex === 0
        : e.kind === 'instance' || e.kind === 'ecs'),
  );
}

function registerWorkloadTargets(
  ctx: GenContext,
  rng: Rng,
  pending: PendingTargets,
  group: TargetGroup,
  byZone: Map<string, Eni[]>,
): void {
  const zones = pending.nlb.nodes.map((n) => ctx.subnet(n.subnetId).zoneId);
  zones.forEach((zoneId, i) => {
    const pool = byZone.get(zoneId) ?? [];
    const skipZone = i > 0 && rng.chance(0.07);
    if (pool.length === 0 || skipZone) return;
    for (const eni of rng.sample(pool, rng.int(1, 3))) {
      const port = rng.chance(0.9) ? group.port : group.port + 1;
      const id = group.targetType === 'instance' ? eni.instanceId! : eni.ipv4[0]!;
      if (group.targets.some((t) => t.id === id && t.port === port)) continue;
      group.targets.push({ id, port, zoneId, health: health(rng) });
      if (!eni.groupIds.includes(pending.serviceGroupId)) eni.groupIds.push(pending.serviceGroupId);
    }
  });
}

function registerEndpointTargets(
  ctx: GenContext,
  group: TargetGroup,
  eniIds: readonly string[],
): void {
  for (const eniId of eniIds) {
    const eni = ctx.eniById.get(eniId)!;
    group.targets.push({
      id: eni.ipv4[0]!,
      port: group.port,
      zoneId: ctx.subnet(eni.subnetId).zoneId,
      health: 'healthy',
    });
  }
}

/** Fills every pending target group. */
export function registerTargets(ctx: GenContext): void {
  const rng = ctx.stream('targets');
  const enisByVpc = new Map<string, Eni[]>();
  for (const eni of ctx.model.enis) {
    const list = enisByVpc.get(eni.vpcId) ?? [];
    list.push(eni);
    enisByVpc.set(eni.vpcId, list);
  }
  for (const pending of ctx.pendingTargets) {
    for (const listener of pending.nlb.listeners) {
      const group = ctx.model.targetGroups.find(
        (g) => g.targetGroupArn === listener.targetGroupArn,
      )!;
      if (pending.source.kind === 'endpoint') {
        registerEndpointTargets(ctx, group, pending.source.endpoint.eniIds);
        continue;
      }
      const zones = pending.nlb.nodes.map((n) => ctx.subnet(n.subnetId).zoneId);
      const vpcEnis = enisByVpc.get(group.vpcId) ?? [];
      const byZone = new Map(zones.map((z) => [z, candidates(ctx, vpcEnis, group, z)]));
      registerWorkloadTargets(ctx, rng, pending, group, byZone);
    }
  }
}
