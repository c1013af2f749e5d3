/**
 * Which security groups each workload ENI carries: a count drawn from the workload's law,
 * groups drawn by popularity from the ENI's VPC, then trimmed to AWS's quotas — at most 16
 * groups, and (largest group's rules per direction) × (groups) ≤ 1,000 (aws-semantics.md §1.8).
 */
import type { GenContext } from './context.js';
import { createGeometricSampler } from './distributions.js';
import type { Eni } from './model.js';
import type { Rng } from './prng.js';
import { RULE_QUOTA, ruleWeights } from './security-groups.js';
import { popularGroups } from './sg-peers.js';

/** AWS allows at most 16 groups on one ENI (aws-semantics.md §1.8). */
export const MAX_SGS_PER_ENI = 16;

/** Per-group weight for the ENI quota: the heavier direction, prefix lists at `MaxEntries`. */
export function groupWeights(ctx: GenContext): Map<string, number> {
  const weights = new Map<string, number>();
  for (const group of ctx.model.securityGroups) {
    const w = ruleWeights(ctx, group);
    weights.set(group.groupId, Math.max(w.ingress, w.egress, 1));
  }
  return weights;
}

/** Drops the heaviest groups (those not in `keep` first) until the ENI quota holds. */
export function trimToQuota(
  groupIds: string[],
  weights: Map<string, number>,
  keep: ReadonlySet<string>,
): string[] {
  const out = [...groupIds];
  const heaviest = () => Math.max(...out.map((id) => weights.get(id) ?? 1));
  while (out.length > MAX_SGS_PER_ENI || (out.length > 1 && heaviest() * out.length > RULE_QUOTA)) {
    // Groups the ENI must keep go last; if they alone break the quota, the heaviest goes too.
    const optional = out.filter((id) => !keep.has(id));
    const droppable = optional.length > 0 ? optional : out;
    const drop = droppable.reduce((a, b) =>
      (weights.get(b) ?? 1) > (weights.get(a) ?? 1) ? b : a,
    );
    out.splice(out.indexOf(drop), 1);
  }
  return out;
}

function drawGroups(ctx: GenContext, rng: Rng, eni: Eni, count: number): string[] {
  const { groups, cumulative } = popularGroups(ctx, eni.vpcId);
  const chosen = new Set(eni.groupIds);
  if (groups.length === 0 || rng.chance(0.04)) {
    // Launched without naming a group: AWS attaches the VPC's default group.
    chosen.add(ctx.defaultSg(eni.vpcId).groupId);
    return [...chosen];
  }
  for (let tries = 0; chosen.size < count && tries < count * 50; tries++) {
    chosen.add(groups[rng.pickCumulative(cumulative)]!.groupId);
  }
  return [...chosen];
}

/** Assigns groups to every instance, Lambda and ECS ENI not pinned to a group of its own. */
export function assignSecurityGroups(ctx: GenContext, pinned: ReadonlySet<string>): void {
  const rng = ctx.stream('sg-assignment');
  const { min, max, mean } = ctx.spec.sgsPerEni;
  const sampler = createGeometricSampler({ min, max, mean });
  const weights = groupWeights(ctx);
  for (const eni of ctx.model.enis) {
    if (eni.kind === 'endpoint' || eni.kind === 'nlb' || pinned.has(eni.eniId)) continue;
    const keep = new Set(eni.groupIds);
    const drawn = drawGroups(ctx, rng, eni, Math.max(sampler.sample(rng), keep.size));
    eni.groupIds = trimToQuota(drawn, weights, keep);
  }
}
