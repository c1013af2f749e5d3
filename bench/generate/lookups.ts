/** Model-wide indexes the document renderers need (names of groups, zones, owners, …). */
import type { AccountSlice } from './account-slices.js';
import type {
  EndpointService,
  Eni,
  Instance,
  LoadBalancer,
  NetworkModel,
  SecurityGroup,
  Subnet,
  TargetGroup,
  Vpc,
} from './model.js';

/** Indexes over the whole model, shared by the document renderers. */
export interface Lookups {
  readonly model: NetworkModel;
  readonly vpc: Map<string, Vpc>;
  readonly subnet: Map<string, Subnet>;
  readonly group: Map<string, SecurityGroup>;
  readonly eni: Map<string, Eni>;
  readonly instance: Map<string, Instance>;
  readonly service: Map<string, EndpointService>;
  readonly loadBalancer: Map<string, LoadBalancer>;
  readonly targetGroup: Map<string, TargetGroup>;
  /** Subnet ID → number of private IPv4 addresses in use. */
  readonly usedAddresses: Map<string, number>;
  zoneName(accountId: string, zoneId: string): string;
}

function indexBy<T, K extends keyof T>(items: readonly T[], key: K): Map<T[K] & string, T> {
  return new Map(items.map((item) => [item[key] as T[K] & string, item]));
}

/** Builds the indexes once per workload. */
export function createLookups(model: NetworkModel): Lookups {
  const accounts = indexBy(model.accounts, 'accountId');
  const usedAddresses = new Map<string, number>();
  for (const eni of model.enis) {
    usedAddresses.set(eni.subnetId, (usedAddresses.get(eni.subnetId) ?? 0) + eni.ipv4.length);
  }
  return {
    model,
    vpc: indexBy(model.vpcs, 'vpcId'),
    subnet: indexBy(model.subnets, 'subnetId'),
    group: indexBy(model.securityGroups, 'groupId'),
    eni: indexBy(model.enis, 'eniId'),
    instance: indexBy(model.instances, 'instanceId'),
    service: indexBy(model.endpointServices, 'serviceId'),
    loadBalancer: indexBy(model.loadBalancers, 'loadBalancerArn'),
    targetGroup: indexBy(model.targetGroups, 'targetGroupArn'),
    usedAddresses,
    zoneName: (accountId, zoneId) => accounts.get(accountId)!.zoneNames.get(zoneId)!,
  };
}

/** Renders `{GroupId, GroupName}` pairs, as ENIs, instances and endpoints list their groups. */
export function groupPairs(lookups: Lookups, groupIds: readonly string[]) {
  return groupIds.map((id) => ({ GroupId: id, GroupName: lookups.group.get(id)!.groupName }));
}

/** Re-exported for renderers that import lookups only. */
export type { AccountSlice };
