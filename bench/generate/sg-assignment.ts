/**
 * Which security groups each workload ENI carries: a count drawn from the workload's law,
 * groups drawn by popularity from the ENI's VPC, then trimmed to AWS's quotas — at most 16
 * groups, and (largest group's rules per direction) × (groups) ≤ 1,000 (aws-semantics.md §1.8).
 */
import type { GenContext } from './context.js';
import { createGeometricSampler, popularityCumulative } from './distributions.js';
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

/**
 * Drops the heaviest groups (those not in `keep` first) until the ENI's limits hold: at most
 * `maxGroups` groups (and AWS's 16), and rules × groups ≤ 1,000.
 */
export function trimToQuota(
  groupIds: string[],
  weights: Map<string, number>,
  options: { keep: ReadonlySet<string>; maxGroups: number },
): string[] {
  const out = [...groupIds];
  const heaviest = () => Math.max(...out.map((id) => weights.get(id) ?? 1));
  while (
    out.length > Math.min(MAX_SGS_PER_ENI, options.maxGroups) ||
    (out.length > 1 && heaviest() * out.length > RULE_QUOTA)
  ) {
    // Groups the ENI must keep go last; if they alone break the quota, the heaviest goes too.
    const optional = out.filter((id) => !options.keep.has(id));
    const droppable = optional.length > 0 ? optional : out;
    const drop = droppable.reduce((a, b) =>
      (weights.get(b) ?? 1) > (weights.get(a) ?? 1) ? b : a,
    );
    out.splice(out.indexOf(drop), 1);
  }
  return out;
}

/** `count` distinct groups of the VPC, drawn by popularity. */
function drawGroups(ctx: GenContext, rng: Rng, vpcId: string, count: number): string[] {
  const { groups, cumulative } = popularGroups(ctx, vpcId);
  if (groups.length === 0) return [ctx.defaultSg(vpcId).groupId];
  const chosen = new Set<string>();
  for (let tries = 0; chosen.size < count && tries < count * 50; tries++) {
    chosen.add(groups[rng.pickCumulative(cumulative)]!.groupId);
  }
  return [...chosen];
}

/** ENIs per launch profile on average: an Auto Scaling group, ECS service or Lambda function. */
const ENIS_PER_PROFILE = 5;

interface Profiles {
  readonly sets: string[][];
  readonly cumulative: Float64Array;
}

/**
 * The VPC's launch profiles: group sets shared by every ENI launched from them, as fleets
 * share one launch template. Some profiles are large, most are small.
 */
function createProfiles(
  ctx: GenContext,
  rng: Rng,
  vpcId: string,
  enis: number,
  draw: () => number,
): Profiles {
  const count = Math.max(1, Math.round(enis / ENIS_PER_PROFILE));
  const sets = Array.from({ length: count }, () => drawGroups(ctx, rng, vpcId, draw()));
  return { sets, cumulative: popularityCumulative(count, 0.8) };
}

/**
 * Assigns groups to every instance, Lambda and ECS ENI not pinned to a group of its own: the
 * group set of a launch profile, plus any group the ENI must keep (a service's target group),
 * trimmed to the quotas. A few ENIs were launched without naming a group and carry the VPC's
 * default group, as AWS attaches it then.
 */
export function assignSecurityGroups(ctx: GenContext, pinned: ReadonlySet<string>): void {
  const rng = ctx.stream('sg-assignment');
  const { min, max, mean } = ctx.spec.sgsPerEni;
  const sampler = createGeometricSampler({ min, max, mean });
  const weights = groupWeights(ctx);
  const workload = ctx.model.enis.filter(
    (e) => e.kind !== 'endpoint' && e.kind !== 'nlb' && !pinned.has(e.eniId),
  );
  const perVpc = new Map<string, number>();
  for (const eni of workload) perVpc.set(eni.vpcId, (perVpc.get(eni.vpcId) ?? 0) + 1);
  const profiles = new Map<string, Profiles>();
  for (const eni of workload) {
    let vpcProfiles = profiles.get(eni.vpcId);
    if (vpcProfiles === undefined) {
      vpcProfiles = createProfiles(ctx, rng, eni.vpcId, perVpc.get(eni.vpcId)!, () =>
        sampler.sample(rng),
      );
      profiles.set(eni.vpcId, vpcProfiles);
    }
    const keep = new Set(eni.groupIds);
    const base = rng.chance(0.04)
      ? [ctx.defaultSg(eni.vpcId).groupId]
      : vpcProfiles.sets[rng.pickCumulative(vpcProfiles.cumulative)]!;
    eni.groupIds = trimToQuota([...new Set([...eni.groupIds, ...base])], weights, {
      keep,
      maxGroups: max,
    });
  }
}
