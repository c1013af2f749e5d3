import {
  type AvailabilityZone,
  DescribeAvailabilityZonesCommand,
  DescribeVpcEndpointServicesCommand,
  type ManagedPrefixList,
  type NetworkAcl,
  type NetworkInterface,
  paginateDescribeInstances,
  paginateDescribeManagedPrefixLists,
  paginateDescribeNetworkAcls,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpointConnections,
  paginateDescribeVpcEndpointServiceConfigurations,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
  type Reservation,
  type SecurityGroup,
  type ServiceConfiguration,
  type ServiceDetail,
  type Subnet,
  type Vpc,
  type VpcEndpoint,
  type VpcEndpointConnection,
} from '@aws-sdk/client-ec2';
import {
  type LoadBalancer,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from './types.js';

/** The item type each region-wide `describe-*` call lists, by snapshot key. */
export interface ListedItems {
  Vpcs: Vpc;
  Subnets: Subnet;
  AvailabilityZones: AvailabilityZone;
  NetworkAcls: NetworkAcl;
  SecurityGroups: SecurityGroup;
  PrefixLists: ManagedPrefixList;
  NetworkInterfaces: NetworkInterface;
  Reservations: Reservation;
  VpcEndpoints: VpcEndpoint;
  ServiceConfigurations: ServiceConfiguration;
  VpcEndpointConnections: VpcEndpointConnection;
  ServiceDetails: ServiceDetail;
  LoadBalancers: LoadBalancer;
  TargetGroups: TargetGroup;
}

/** The snapshot keys filled by one region-wide call each. */
export type ListKey = keyof ListedItems;

/** What each region-wide call returned, by key; a key is absent when its call failed. */
export type RegionLists = { [K in ListKey]?: ListedItems[K][] };

/** A region-wide call: its API operation name and how to list every page of it. */
export interface ListCall<K extends ListKey> {
  call: string;
  run: (clients: AwsClients) => Promise<ListedItems[K][]>;
}

/** Concatenates the items of every page; the SDK paginators follow NextToken / NextMarker. */
export async function collectPages<P, T>(
  pages: AsyncIterable<P>,
  pick: (page: P) => T[] | undefined,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...(pick(page) ?? []));
  return items;
}

/**
 * DescribeVpcEndpointServices pages with NextToken but the SDK ships no paginator for it, so
 * the token is followed here, stopping if a token comes back twice so that a misbehaving
 * endpoint cannot loop forever. Only `ServiceDetails` is kept: `ServiceNames` repeats the names.
 */
async function describeVpcEndpointServices({ ec2 }: AwsClients): Promise<ServiceDetail[]> {
  const details: ServiceDetail[] = [];
  const seenTokens = new Set<string>();
  let token: string | undefined;
  do {
    const page = await ec2.send(new DescribeVpcEndpointServicesCommand({ NextToken: token }));
    details.push(...(page.ServiceDetails ?? []));
    token = page.NextToken === '' ? undefined : page.NextToken;
    if (token !== undefined && seenTokens.has(token)) break;
    if (token !== undefined) seenTokens.add(token);
  } while (token !== undefined);
  return details;
}

/** Every region-wide read the collector makes, keyed by the snapshot key it fills. */
export const LIST_CALLS: { [K in ListKey]: ListCall<K> } = {
  Vpcs: {
    call: 'DescribeVpcs',
    run: ({ ec2 }) => collectPages(paginateDescribeVpcs({ client: ec2 }, {}), (p) => p.Vpcs),
  },
  Subnets: {
    call: 'DescribeSubnets',
    run: ({ ec2 }) => collectPages(paginateDescribeSubnets({ client: ec2 }, {}), (p) => p.Subnets),
  },
  AvailabilityZones: {
    call: 'DescribeAvailabilityZones',
    // Not paginated: one response holds every zone the account can use in the region.
    run: async ({ ec2 }) =>
      (await ec2.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones ?? [],
  },
  NetworkAcls: {
    call: 'DescribeNetworkAcls',
    run: ({ ec2 }) =>
      collectPages(paginateDescribeNetworkAcls({ client: ec2 }, {}), (p) => p.NetworkAcls),
  },
  SecurityGroups: {
    call: 'DescribeSecurityGroups',
    run: ({ ec2 }) =>
      collectPages(paginateDescribeSecurityGroups({ client: ec2 }, {}), (p) => p.SecurityGroups),
  },
  PrefixLists: {
    call: 'DescribeManagedPrefixLists',
    run: ({ ec2 }) =>
      collectPages(paginateDescribeManagedPrefixLists({ client: ec2 }, {}), (p) => p.PrefixLists),
  },
  NetworkInterfaces: {
    call: 'DescribeNetworkInterfaces',
    run: ({ ec2 }) =>
      collectPages(
        paginateDescribeNetworkInterfaces({ client: ec2 }, {}),
        (p) => p.NetworkInterfaces,
      ),
  },
  Reservations: {
    call: 'DescribeInstances',
    run: ({ ec2 }) =>
      collectPages(paginateDescribeInstances({ client: ec2 }, {}), (p) => p.Reservations),
  },
  VpcEndpoints: {
    call: 'DescribeVpcEndpoints',
    run: ({ ec2 }) =>
      collectPages(paginateDescribeVpcEndpoints({ client: ec2 }, {}), (p) => p.VpcEndpoints),
  },
  ServiceConfigurations: {
    call: 'DescribeVpcEndpointServiceConfigurations',
    run: ({ ec2 }) =>
      collectPages(
        paginateDescribeVpcEndpointServiceConfigurations({ client: ec2 }, {}),
        (p) => p.ServiceConfigurations,
      ),
  },
  VpcEndpointConnections: {
    call: 'DescribeVpcEndpointConnections',
    run: ({ ec2 }) =>
      collectPages(
        paginateDescribeVpcEndpointConnections({ client: ec2 }, {}),
        (p) => p.VpcEndpointConnections,
      ),
  },
  ServiceDetails: { call: 'DescribeVpcEndpointServices', run: describeVpcEndpointServices },
  LoadBalancers: {
    call: 'DescribeLoadBalancers',
    run: ({ elbv2 }) =>
      collectPages(paginateDescribeLoadBalancers({ client: elbv2 }, {}), (p) => p.LoadBalancers),
  },
  TargetGroups: {
    call: 'DescribeTargetGroups',
    run: ({ elbv2 }) =>
      collectPages(paginateDescribeTargetGroups({ client: elbv2 }, {}), (p) => p.TargetGroups),
  },
};

/** The region-wide keys, in the order their calls are queued. */
export const LIST_KEYS = Object.keys(LIST_CALLS) as ListKey[];
