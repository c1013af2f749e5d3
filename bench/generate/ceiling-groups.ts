/**
 * Groups at the rule-quota ceiling. AWS caps rules per direction × groups per ENI at 1,000
 * (aws-semantics.md §1.8), so a group of 1,000 rules (W2), or one naming a 1,000-entry prefix
 * list (W3), can only sit alone on its ENIs.
 */
import type { GenContext } from './context.js';
import type { SecurityGroup } from './model.js';
import { addRandomRules, createRoleSecurityGroup } from './security-groups.js';

function pinAlone(ctx: GenContext, group: SecurityGroup, count: number): void {
  const rng = ctx.stream(`pin/${group.groupId}`);
  const free = ctx.model.enis.filter(
    (e) =>
      e.vpcId === group.vpcId &&
      e.kind === 'instance' &&
      e.groupIds.length === 0 &&
      !ctx.pinnedEnis.has(e.eniId),
  );
  for (const eni of rng.sample(free, count)) {
    eni.groupIds = [group.groupId];
    ctx.pinnedEnis.add(eni.eniId);
  }
}

/**
 * W2: one group with AWS's default egress, pinned alone on `enis` ENIs. Its ingress rules come
 * from `addCeilingRules` once the groups they may reference exist.
 */
export function createRuleCeilingGroup(ctx: GenContext, options: { enis: number }): SecurityGroup {
  const rng = ctx.stream('ceiling');
  const vpc = rng.pick(ctx.model.vpcs);
  const group = createRoleSecurityGroup(ctx, {
    vpc,
    role: 'ceiling',
    name: `${vpc.name}-quota-ceiling`,
    description: 'at the 1,000-rule quota',
    rules: [{ egress: true, protocol: '-1', peer: { kind: 'cidr4', cidr: '0.0.0.0/0' } }],
  });
  pinAlone(ctx, group, options.enis);
  return group;
}

/** Fills the ceiling group with `rules` ingress rules (no prefix lists: each counts 1). */
export function addCeilingRules(ctx: GenContext, group: SecurityGroup, rules: number): void {
  const rng = ctx.stream('ceiling-rules');
  const mix = { reference: ctx.spec.sgReferenceShare, prefixList: 0, crossVpc: 0 };
  addRandomRules(ctx, rng, group, { egress: false, count: rules, mix });
}

/** W3: one group whose only ingress rule names the largest prefix list (1,000 effective rules). */
export function createPrefixListCeilingGroup(ctx: GenContext, enis: number): void {
  const rng = ctx.stream('pl-ceiling');
  const largest = [...ctx.model.prefixLists].sort((a, b) => b.maxEntries - a.maxEntries)[0];
  if (largest === undefined) return;
  const vpc = rng.pick(ctx.model.vpcs);
  const group = createRoleSecurityGroup(ctx, {
    vpc,
    role: 'ceiling',
    name: `${vpc.name}-partner-allow`,
    description: 'one prefix list at the quota',
    rules: [
      {
        egress: false,
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        peer: { kind: 'prefix-list', prefixListId: largest.prefixListId },
      },
      { egress: true, protocol: '-1', peer: { kind: 'cidr4', cidr: '0.0.0.0/0' } },
    ],
  });
  pinAlone(ctx, group, enis);
}
