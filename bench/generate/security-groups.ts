/**
 * Security groups: each VPC's default group, groups made for a role (NLB, endpoint, service
 * targets), and workload groups whose rule counts follow the workload's Zipf law. Rules keep
 * AWS's quotas: at most 1,000 rules per direction, a customer prefix list counting as its
 * `MaxEntries` (aws-semantics.md §1.4, §1.8).
 */

import { randomService } from './catalog.js';
import type { GenContext } from './context.js';
import { createZipfSampler } from './distributions.js';
import type { SecurityGroup, SgPeer, SgRole, SgRule, Vpc } from './model.js';
import type { Rng } from './prng.js';
import { type RuleMix, randomRulePeer } from './sg-peers.js';

/** AWS's per-direction ceiling on rules × SGs per ENI, and on rules in one group. */
export const RULE_QUOTA = 1000;

const ALL_V4: SgPeer = { kind: 'cidr4', cidr: '0.0.0.0/0' };
const ALL_V6: SgPeer = { kind: 'cidr6', cidr: '::/0' };

/** The default group AWS creates with every VPC: all from itself in, all out (§1.5). */
export function createDefaultSecurityGroup(ctx: GenContext, vpc: Vpc): SecurityGroup {
  const self: SgPeer = { kind: 'group', groupId: '', accountId: vpc.accountId };
  const groupId = ctx.ids.resource('sg');
  const rules: SgRule[] = [
    { egress: false, protocol: '-1', peer: { ...self, groupId } },
    { egress: true, protocol: '-1', peer: ALL_V4 },
  ];
  if (vpc.ipv6Cidr) rules.push({ egress: true, protocol: '-1', peer: ALL_V6 });
  return ctx.addSecurityGroup({
    groupId,
    groupName: 'default',
    description: 'default VPC security group',
    vpcId: vpc.vpcId,
    accountId: vpc.accountId,
    role: 'default',
    rules,
  });
}

/** A group created for a purpose, starting with the rules that purpose needs. */
export function createRoleSecurityGroup(
  ctx: GenContext,
  options: { vpc: Vpc; role: SgRole; name: string; description: string; rules?: SgRule[] },
): SecurityGroup {
  return ctx.addSecurityGroup({
    groupId: ctx.ids.resource('sg'),
    groupName: options.name,
    description: options.description,
    vpcId: options.vpc.vpcId,
    accountId: options.vpc.accountId,
    role: options.role,
    rules: options.rules ?? [],
  });
}

/** Per-direction rule weight: prefix lists count as their `MaxEntries`. */
export function ruleWeights(
  ctx: GenContext,
  group: SecurityGroup,
): { ingress: number; egress: number } {
  const weights = { ingress: 0, egress: 0 };
  for (const rule of group.rules) {
    const w = rule.peer.kind === 'prefix-list' ? ctx.prefixListWeight(rule.peer.prefixListId) : 1;
    if (rule.egress) weights.egress += w;
    else weights.ingress += w;
  }
  return weights;
}

/** Creates the workload groups, spread over VPCs in proportion to their ENIs. */
export function createWorkloadSecurityGroups(
  ctx: GenContext,
  enisPerVpc: Map<string, number>,
): void {
  const rng = ctx.stream('sg-workload');
  const budget = ctx.spec.securityGroups - ctx.model.securityGroups.length;
  const vpcs = ctx.model.vpcs;
  const total = vpcs.reduce((s, v) => s + (enisPerVpc.get(v.vpcId) ?? 0) + 1, 0);
  let remaining = budget;
  vpcs.forEach((vpc, i) => {
    const share = ((enisPerVpc.get(vpc.vpcId) ?? 0) + 1) / total;
    const count =
      i === vpcs.length - 1 ? remaining : Math.min(remaining, Math.round(budget * share));
    remaining -= count;
    for (let k = 0; k < count; k++) {
      const tier = rng.pick(['web', 'app', 'db', 'cache', 'batch', 'mgmt', 'mesh', 'ops']);
      createRoleSecurityGroup(ctx, {
        vpc,
        role: 'workload',
        name: `${vpc.name}-${tier}-${String(k).padStart(3, '0')}`,
        description: `${tier} tier`,
      });
    }
  });
}

interface RulePlan {
  readonly group: SecurityGroup;
  readonly ingress: number;
  readonly egress: number;
}

/** Decides how many free rules each group gets in each direction; adds default egress rules. */
function planRules(ctx: GenContext, rng: Rng): RulePlan[] {
  const sampler = createZipfSampler(ctx.spec.rulesPerSg);
  const plans: RulePlan[] = [];
  for (const group of ctx.model.securityGroups) {
    if (group.role === 'default' || group.role === 'fragment' || group.role === 'ceiling') continue;
    const target = Math.max(sampler.sample(rng), group.rules.length);
    let free = target - group.rules.length;
    if (free === 0) {
      plans.push({ group, ingress: 0, egress: 0 });
      continue;
    }
    const hasEgress = group.rules.some((r) => r.egress);
    if (!hasEgress && rng.chance(0.75)) {
      // AWS adds allow-all egress to every new group; most teams leave it.
      group.rules.push({ egress: true, protocol: '-1', peer: ALL_V4 });
      free -= 1;
      if (free > 0 && ctx.vpc(group.vpcId).ipv6Cidr && rng.chance(0.5)) {
        group.rules.push({ egress: true, protocol: '-1', peer: ALL_V6 });
        free -= 1;
      }
      plans.push({ group, ingress: free, egress: 0 });
    } else {
      const egress = hasEgress ? Math.round(free * 0.2) : Math.max(1, Math.round(free * 0.4));
      plans.push({ group, ingress: free - egress, egress });
    }
  }
  return plans;
}

/** Probabilities for free rules so the whole workload hits its reference and prefix-list shares. */
function ruleMix(ctx: GenContext, plans: RulePlan[]): RuleMix {
  let fixed = 0;
  let fixedRefs = 0;
  let fixedLists = 0;
  for (const group of ctx.model.securityGroups) {
    // Pinned groups have their own fixed make-up; shares are those of everyday groups.
    if (group.role === 'fragment' || group.role === 'ceiling') continue;
    fixed += group.rules.length;
    fixedRefs += group.rules.filter((r) => r.peer.kind === 'group').length;
    fixedLists += group.rules.filter((r) => r.peer.kind === 'prefix-list').length;
  }
  const free = plans.reduce((s, p) => s + p.ingress + p.egress, 0);
  const total = fixed + free;
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return {
    reference: free === 0 ? 0 : clamp((ctx.spec.sgReferenceShare * total - fixedRefs) / free),
    prefixList: free === 0 ? 0 : clamp((ctx.spec.prefixListShare * total - fixedLists) / free),
    crossVpc: ctx.spec.crossVpcReferenceShare,
  };
}

function ruleKey(rule: SgRule): string {
  const p = rule.peer;
  const peer = p.kind === 'group' ? p.groupId : p.kind === 'prefix-list' ? p.prefixListId : p.cidr;
  return `${rule.egress}|${rule.protocol}|${rule.fromPort}|${rule.toPort}|${peer}`;
}

/** Adds `count` random rules in one direction, skipping duplicates AWS would reject. */
export function addRandomRules(
  ctx: GenContext,
  rng: Rng,
  group: SecurityGroup,
  options: { egress: boolean; count: number; mix: RuleMix },
): void {
  const seen = new Set(group.rules.map(ruleKey));
  let weight = ruleWeights(ctx, group)[options.egress ? 'egress' : 'ingress'];
  for (let i = 0, tries = 0; i < options.count && tries < options.count * 5; tries++) {
    const budget = RULE_QUOTA - weight - (options.count - i - 1);
    const peer = randomRulePeer(ctx, rng, {
      group,
      egress: options.egress,
      mix: options.mix,
      budget,
    });
    const ipv6 =
      peer.kind === 'cidr6' ||
      (peer.kind === 'prefix-list' && ctx.prefixListIsV6(peer.prefixListId));
    const service = randomService(rng, { ipv6 });
    const rule: SgRule = {
      egress: options.egress,
      protocol: service.protocol,
      ...(service.from === undefined ? {} : { fromPort: service.from, toPort: service.to }),
      peer,
    };
    const key = ruleKey(rule);
    if (seen.has(key)) continue;
    seen.add(key);
    group.rules.push(rule);
    weight += peer.kind === 'prefix-list' ? ctx.prefixListWeight(peer.prefixListId) : 1;
    i++;
  }
}

/** Gives every non-default group its Zipf-drawn number of rules. */
export function fillSecurityGroupRules(ctx: GenContext): void {
  const rng = ctx.stream('sg-rules');
  const plans = planRules(ctx, rng);
  const mix = ruleMix(ctx, plans);
  for (const plan of plans) {
    addRandomRules(ctx, rng, plan.group, { egress: false, count: plan.ingress, mix });
    addRandomRules(ctx, rng, plan.group, { egress: true, count: plan.egress, mix });
  }
}
