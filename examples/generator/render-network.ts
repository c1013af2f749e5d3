import { REGION } from './ids.js';
import {
  type Json,
  renderAvailabilityZones,
  renderNetworkAcls,
  renderSecurityGroups,
  renderSubnets,
  renderVpcs,
} from './render-ec2.js';
import {
  renderEndpointEnis,
  renderServiceConfigurations,
  renderVpcEndpointConnections,
  renderVpcEndpoints,
} from './render-endpoint.js';
import { renderInstanceEni, renderReservations } from './render-enis.js';
import {
  renderListeners,
  renderLoadBalancerAttributes,
  renderLoadBalancers,
  renderNodeEnis,
  renderTargetGroupAttributes,
  renderTargetGroups,
  renderTargetHealth,
} from './render-nlb.js';
import type { AccountSpec, NetworkSpec } from './spec.js';

/** One snapshot document per file name (`Vpcs.json`), each holding one top-level key. */
export type AccountFiles = Map<string, Json>;

/** Files common to both accounts: the VPC, its subnets, filters and instances. */
function renderVpcFiles(
  account: AccountSpec,
  managed: { enis: Json[]; subnets: { subnet: string }[] },
): AccountFiles {
  const instanceEnis = account.instances.map((instance) => renderInstanceEni(account, instance));
  const enis = [...instanceEnis, ...managed.enis];
  const used = [...account.instances, ...managed.subnets];
  return new Map<string, Json>([
    ['AvailabilityZones.json', renderAvailabilityZones(account)],
    ['Vpcs.json', renderVpcs(account)],
    ['Subnets.json', renderSubnets(account, used)],
    ['SecurityGroups.json', renderSecurityGroups(account)],
    ['NetworkAcls.json', renderNetworkAcls(account)],
    ['NetworkInterfaces.json', { NetworkInterfaces: enis }],
    ['Reservations.json', renderReservations(account)],
  ]);
}

function renderConsumer(spec: NetworkSpec): AccountFiles {
  const managed = { enis: renderEndpointEnis(spec), subnets: spec.endpoint.enis };
  const files = renderVpcFiles(spec.consumer, managed);
  files.set('VpcEndpoints.json', renderVpcEndpoints(spec));
  return files;
}

function renderProvider(spec: NetworkSpec): AccountFiles {
  const managed = { enis: renderNodeEnis(spec), subnets: spec.nlb.nodes };
  const files = renderVpcFiles(spec.provider, managed);
  files.set('ServiceConfigurations.json', renderServiceConfigurations(spec));
  files.set('VpcEndpointConnections.json', renderVpcEndpointConnections(spec));
  files.set('LoadBalancers.json', renderLoadBalancers(spec));
  files.set('LoadBalancerListeners.json', renderListeners(spec));
  files.set('LoadBalancerAttributes.json', renderLoadBalancerAttributes(spec));
  files.set('TargetGroups.json', renderTargetGroups(spec));
  files.set('TargetGroupAttributes.json', renderTargetGroupAttributes(spec));
  files.set('LoadBalancerTargetHealth.json', renderTargetHealth(spec));
  return files;
}

/**
 * Every file of a two-account snapshot, keyed by its path below the snapshot root:
 * `accounts/<account-id>/us-east-1/<Key>.json`, as `collect` lays a directory out.
 */
export function renderNetwork(spec: NetworkSpec): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const [account, files] of [
    [spec.consumer, renderConsumer(spec)],
    [spec.provider, renderProvider(spec)],
  ] as const) {
    for (const [name, doc] of files) out.set(`accounts/${account.id}/${REGION}/${name}`, doc);
  }
  return out;
}
