/**
 * The peer of a random security-group rule: another group (same VPC, itself, or a group in a
 * peered VPC of the same Region, the only place AWS allows a cross-VPC reference), a customer
 * prefix list, or a CIDR of the kinds real groups name.
 */
import {
  nestedCidr,
  randomHostCidr,
  randomOnPremCidr,
  randomPublicCidr,
  randomPublicCidr6,
} from './catalog.js';
import type { GenContext } from './context.js';
import { popularityCumulative } from './distributions.js';
import type { SecurityGroup, SgPeer } from './model.js';
import type { Rng } from './prng.js';

/** Probabilities that a free rule names a group, a prefix list, or (for references) another VPC. */
export interface RuleMix {
  readonly reference: number;
  readonly prefixList: number;
  readonly crossVpc: number;
}

/** Popular groups of a VPC: a random order with Zipf weights, computed once per VPC. */
export function popularGroups(ctx: GenContext, vpcId: string) {
  let entry = ctx.popularity.get(vpcId);
  if (entry === undefined) {
    const rng = ctx.stream(`popularity/${vpcId}`);
    const groups = rng.shuffle(
      ctx.sgsByVpc.get(vpcId)!.filter((g) => g.role === 'workload' || g.role === 'service'),
    );
    entry = { groups, cumulative: popularityCumulative(groups.length, 0.9) };
    ctx.popularity.set(vpcId, entry);
  }
  return entry;
}

function referencedGroup(ctx: GenContext, rng: Rng, group: SecurityGroup, mix: RuleMix): SgPeer {
  const peers = ctx.peersOf.get(group.vpcId) ?? [];
  const vpcId = peers.length > 0 && rng.chance(mix.crossVpc) ? rng.pick(peers) : group.vpcId;
  if (vpcId === group.vpcId && rng.chance(0.15)) {
    return { kind: 'group', groupId: group.groupId, accountId: group.accountId };
  }
  const { groups, cumulative } = popularGroups(ctx, vpcId);
  const target = groups.length > 0 ? groups[rng.pickCumulative(cumulative)]! : ctx.defaultSg(vpcId);
  return {
    kind: 'group',
    groupId: target.groupId,
    accountId: target.accountId,
    ...(vpcId === group.vpcId ? {} : { vpcId }),
  };
}

function prefixListPeer(ctx: GenContext, rng: Rng, budget: number): SgPeer | undefined {
  const fits = ctx.model.prefixLists.filter((l) => l.maxEntries <= budget);
  if (fits.length === 0) return undefined;
  // Small lists are referenced more often than big ones.
  const cumulative: number[] = [];
  let total = 0;
  for (const list of fits) {
    total += 1 / list.maxEntries;
    cumulative.push(total);
  }
  return { kind: 'prefix-list', prefixListId: fits[rng.pickCumulative(cumulative)]!.prefixListId };
}

function cidr4Peer(ctx: GenContext, rng: Rng, group: SecurityGroup, egress: boolean): SgPeer {
  const vpc = ctx.vpc(group.vpcId);
  const roll = rng.float();
  const pick = (): string => {
    if (roll < (egress ? 0.25 : 0.04)) return '0.0.0.0/0';
    if (roll < 0.3) return vpc.cidr;
    if (roll < 0.42) return rng.pick(ctx.subnetsByVpc.get(vpc.vpcId)!).cidr;
    if (roll < 0.5) return '10.0.0.0/8';
    if (roll < 0.58) return rng.pick(ctx.model.vpcs).cidr;
    if (roll < 0.72) return randomOnPremCidr(rng);
    if (roll < 0.86) return randomHostCidr(rng, rng.pick(ctx.subnetsByVpc.get(vpc.vpcId)!).cidr);
    if (roll < 0.93) return nestedCidr(rng, vpc.cidr, rng.int(19, 28));
    return randomPublicCidr(rng);
  };
  return { kind: 'cidr4', cidr: pick() };
}

function cidr6Peer(ctx: GenContext, rng: Rng, group: SecurityGroup): SgPeer {
  const vpc = ctx.vpc(group.vpcId);
  const roll = rng.float();
  if (roll < 0.3) return { kind: 'cidr6', cidr: '::/0' };
  if (roll < 0.6) return { kind: 'cidr6', cidr: vpc.ipv6Cidr! };
  if (roll < 0.8) {
    const subnet = rng.pick(ctx.subnetsByVpc.get(vpc.vpcId)!.filter((s) => s.ipv6Cidr));
    return { kind: 'cidr6', cidr: subnet.ipv6Cidr! };
  }
  return { kind: 'cidr6', cidr: randomPublicCidr6(rng) };
}

/** One random peer; `budget` is the rule weight still free in this direction. */
export function randomRulePeer(
  ctx: GenContext,
  rng: Rng,
  options: { group: SecurityGroup; egress: boolean; mix: RuleMix; budget: number },
): SgPeer {
  const { group, egress, mix } = options;
  const roll = rng.float();
  if (roll < mix.reference) return referencedGroup(ctx, rng, group, mix);
  if (roll < mix.reference + mix.prefixList) {
    const peer = prefixListPeer(ctx, rng, options.budget);
    if (peer !== undefined) return peer;
  }
  if (ctx.vpc(group.vpcId).ipv6Cidr !== undefined && rng.chance(0.2))
    return cidr6Peer(ctx, rng, group);
  return cidr4Peer(ctx, rng, group, egress);
}
