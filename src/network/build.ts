import { ipKey } from '../net/address.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { assignAssumedAddresses } from './assumed-addresses.js';
import { buildEnis, buildInstances } from './build-enis.js';
import {
  buildEndpointServices,
  buildLoadBalancers,
  buildTargetGroups,
  buildVpcEndpoints,
  endpointOfEni,
} from './build-privatelink.js';
import { buildNetworkAcls, buildSecurityGroups, buildSubnets, buildVpcs } from './build-vpc.js';
import { BuildContext } from './context.js';
import type { Eni, Network } from './types.js';

/**
 * Resolves every reference of a validated snapshot once: subnets to their NACL, ENIs to their
 * subnet and groups, rule peers to CIDRs and member ENIs, endpoints to services, load balancers
 * and targets. A reference that must resolve but does not is an InputError here, before any
 * analysis runs; one that may legitimately point outside the snapshot becomes a warning.
 */
export function buildNetwork(snapshot: Snapshot): Network {
  const ctx = new BuildContext(snapshot);
  for (const note of snapshot.notes) ctx.warn(note.code, note.resource, note.message);
  const vpcs = buildVpcs(ctx);
  const networkAcls = buildNetworkAcls(ctx, vpcs);
  const subnets = buildSubnets(ctx, vpcs, networkAcls);
  const securityGroups = buildSecurityGroups(ctx);
  const lbArns = snapshot.LoadBalancers.map((lb) => lb.LoadBalancerArn);
  const enis = buildEnis(ctx, subnets, securityGroups, lbArns, endpointOfEni(ctx));
  assignAssumedAddresses(ctx, enis, subnets);
  const instances = buildInstances(ctx, enis);
  const eniByIp = new Map<string, Eni>();
  const sharedAddresses = new Map<string, Eni[]>();
  const groupMembers = new Map<string, Eni[]>();
  for (const eni of enis.values()) {
    for (const address of [...eni.ipv4, ...eni.ipv6]) {
      const key = ipKey(address);
      const first = eniByIp.get(key);
      if (first === undefined) eniByIp.set(key, eni);
      else if (first !== eni)
        sharedAddresses.set(key, [...(sharedAddresses.get(key) ?? [first]), eni]);
    }
    for (const groupId of eni.securityGroupIds) {
      const members = groupMembers.get(groupId);
      if (members === undefined) groupMembers.set(groupId, [eni]);
      else members.push(eni);
    }
  }
  const vpcEndpoints = buildVpcEndpoints(ctx, vpcs, enis);
  const endpointServices = buildEndpointServices(ctx);
  const loadBalancers = buildLoadBalancers(ctx, subnets, enis);
  const targetGroups = buildTargetGroups(ctx, enis, instances, eniByIp, sharedAddresses);
  return {
    snapshot,
    vpcs,
    subnets,
    networkAcls,
    securityGroups,
    enis,
    instances,
    vpcEndpoints,
    endpointServices,
    loadBalancers,
    targetGroups,
    eniByIp,
    sharedAddresses,
    groupMembers,
    warnings: ctx.warnings,
  };
}
