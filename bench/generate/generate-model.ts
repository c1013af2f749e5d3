/**
 * The order of generation: topology, prefix lists, PrivateLink (services, endpoints, AWS
 * service endpoints), workload ENIs, targets, pinned groups, workload groups and their rules,
 * group assignment, and NACLs. Each step draws from its own seeded stream.
 */
import {
  createAlternatingNacls,
  createFragmentGroups,
  createPrivateLinkChain,
} from './adversarial.js';
import {
  addCeilingRules,
  createPrefixListCeilingGroup,
  createRuleCeilingGroup,
} from './ceiling-groups.js';
import { GenContext } from './context.js';
import { createWorkloadEnis } from './enis.js';
import type { NetworkModel } from './model.js';
import { createCustomNetworkAcls } from './network-acls.js';
import { createPrefixLists } from './prefix-lists.js';
import { createAwsServiceEndpoints, createPrivateLink } from './privatelink.js';
import { createWorkloadSecurityGroups, fillSecurityGroupRules } from './security-groups.js';
import { assignSecurityGroups } from './sg-assignment.js';
import { registerTargets } from './targets.js';
import { createTopology } from './topology.js';
import type { WorkloadSpec } from './workload-spec.js';

function createPrivateLinkPart(ctx: GenContext): void {
  const { spec } = ctx;
  const depth = spec.adversarial?.chainDepth ?? 0;
  if (depth > 0) createPrivateLinkChain(ctx, depth);
  createPrivateLink(ctx, {
    services: spec.endpointServices - depth,
    endpoints: spec.interfaceEndpoints - depth,
  });
  const target = Math.round(spec.enis * spec.eniMix.privateLink);
  createAwsServiceEndpoints(ctx, target - ctx.model.enis.length);
}

function createWorkloads(ctx: GenContext): void {
  const { spec } = ctx;
  const remaining = spec.enis - ctx.model.enis.length;
  const share = spec.eniMix.instance / (spec.eniMix.instance + spec.eniMix.container);
  const instance = Math.round(remaining * share);
  createWorkloadEnis(ctx, { instance, container: remaining - instance });
}

function enisPerVpc(model: NetworkModel): Map<string, number> {
  const counts = new Map<string, number>();
  for (const eni of model.enis) counts.set(eni.vpcId, (counts.get(eni.vpcId) ?? 0) + 1);
  return counts;
}

/** Builds the whole model of one workload from its spec and seed. */
export function generateModel(spec: WorkloadSpec, seed: number): NetworkModel {
  const ctx = new GenContext(spec, seed);
  createTopology(ctx);
  createPrefixLists(ctx);
  createPrivateLinkPart(ctx);
  createWorkloads(ctx);
  registerTargets(ctx);
  if (spec.adversarial) createFragmentGroups(ctx, spec.adversarial);
  const ceiling = spec.ceilingSg ? createRuleCeilingGroup(ctx, spec.ceilingSg) : undefined;
  if (spec.prefixListCeilingSg) createPrefixListCeilingGroup(ctx, 5);
  createWorkloadSecurityGroups(ctx, enisPerVpc(ctx.model));
  if (ceiling && spec.ceilingSg) addCeilingRules(ctx, ceiling, spec.ceilingSg.rules);
  fillSecurityGroupRules(ctx);
  assignSecurityGroups(ctx, ctx.pinnedEnis);
  if (spec.adversarial) createAlternatingNacls(ctx, spec.adversarial);
  else createCustomNetworkAcls(ctx);
  return ctx.model;
}
