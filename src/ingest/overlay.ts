import { isSnapshotKey } from '../snapshot/keys.js';
import type { SourceDocument } from '../snapshot/validate.js';

/** The member that identifies an item of each list, for replacing items by ID. */
const ID_MEMBER: Record<string, string> = {
  Vpcs: 'VpcId',
  Subnets: 'SubnetId',
  AvailabilityZones: 'ZoneId',
  NetworkAcls: 'NetworkAclId',
  SecurityGroups: 'GroupId',
  PrefixLists: 'PrefixListId',
  PrefixListEntries: 'PrefixListId',
  NetworkInterfaces: 'NetworkInterfaceId',
  Reservations: 'ReservationId',
  VpcEndpoints: 'VpcEndpointId',
  ServiceConfigurations: 'ServiceId',
  VpcEndpointConnections: 'VpcEndpointId',
  ServiceDetails: 'ServiceName',
  LoadBalancers: 'LoadBalancerArn',
  TargetGroups: 'TargetGroupArn',
  LoadBalancerListeners: 'LoadBalancerArn',
  LoadBalancerAttributes: 'LoadBalancerArn',
  LoadBalancerTargetHealth: 'TargetGroupArn',
  TargetGroupAttributes: 'TargetGroupArn',
};

/**
 * Lays planned documents over a snapshot: an item of the change replaces the snapshot's item
 * with the same ID (the resource as it will be), and new items are added.
 */
export function overlay(
  base: readonly SourceDocument[],
  change: readonly SourceDocument[],
): SourceDocument[] {
  const replaced = new Map<string, Set<string>>();
  for (const source of change) {
    for (const [key, items] of Object.entries(source.document as Record<string, unknown>)) {
      if (!isSnapshotKey(key) || !Array.isArray(items)) continue;
      const ids = replaced.get(key) ?? new Set<string>();
      for (const item of items) ids.add(String((item as Record<string, unknown>)[ID_MEMBER[key]!]));
      replaced.set(key, ids);
    }
  }
  const kept = base.map((source) => {
    const document = source.document as Record<string, unknown>;
    const filtered: Record<string, unknown> = {};
    for (const [key, items] of Object.entries(document)) {
      const ids = replaced.get(key);
      filtered[key] =
        ids === undefined || !Array.isArray(items)
          ? items
          : items.filter(
              (item) => !ids.has(String((item as Record<string, unknown>)[ID_MEMBER[key]!])),
            );
    }
    return { ...source, document: filtered };
  });
  return [...kept, ...change];
}
