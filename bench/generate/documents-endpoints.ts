/**
 * PrivateLink documents: `describe-vpc-endpoints` (consumer), and on the provider side
 * `describe-vpc-endpoint-service-configurations` and `describe-vpc-endpoint-connections`; plus
 * the consumer's `describe-vpc-endpoint-services` view of the services its endpoints use.
 */
import type { AccountSlice } from './account-slices.js';
import { derivedHex, derivedTime, REGION } from './ids.js';
import { groupPairs, type Lookups } from './lookups.js';
import type { EndpointService, VpcEndpoint } from './model.js';
import { ZONE_IDS } from './topology.js';

const VPCE_ZONE = 'Z7HUB22UULQXV';

/**
 * The `ServiceName` an endpoint names: `com.amazonaws.vpce.<region>.<service id>`, or the AWS
 * service's own name.
 */
export function serviceName(endpoint: VpcEndpoint): string {
  return endpoint.service.kind === 'aws'
    ? endpoint.service.name
    : `com.amazonaws.vpce.${REGION}.${endpoint.service.serviceId}`;
}

function dnsEntries(lookups: Lookups, endpoint: VpcEndpoint) {
  const token = derivedHex(`${endpoint.vpcEndpointId}/dns`, 8);
  const suffix =
    endpoint.service.kind === 'aws'
      ? `${endpoint.service.name.split('.').slice(3).join('.')}.${REGION}.vpce.amazonaws.com`
      : `${endpoint.service.serviceId}.${REGION}.vpce.amazonaws.com`;
  const zonal = endpoint.subnetIds.map((subnetId) => {
    const zone = lookups.zoneName(endpoint.accountId, lookups.subnet.get(subnetId)!.zoneId);
    return {
      DnsName: `${endpoint.vpcEndpointId}-${token}-${zone}.${suffix}`,
      HostedZoneId: VPCE_ZONE,
    };
  });
  return [
    { DnsName: `${endpoint.vpcEndpointId}-${token}.${suffix}`, HostedZoneId: VPCE_ZONE },
    ...zonal,
  ];
}

/** One `describe-vpc-endpoints` item; ENI addresses live on the ENIs, as in AWS. */
export function renderVpcEndpoint(lookups: Lookups, endpoint: VpcEndpoint) {
  return {
    VpcEndpointId: endpoint.vpcEndpointId,
    VpcEndpointType: 'Interface',
    VpcId: endpoint.vpcId,
    ServiceName: serviceName(endpoint),
    State: endpoint.state,
    RouteTableIds: [],
    SubnetIds: endpoint.subnetIds,
    Groups: groupPairs(lookups, endpoint.groupIds),
    IpAddressType: 'ipv4',
    DnsOptions: { DnsRecordIpType: 'ipv4' },
    PrivateDnsEnabled: endpoint.service.kind === 'aws',
    RequesterManaged: false,
    NetworkInterfaceIds: endpoint.eniIds,
    DnsEntries: dnsEntries(lookups, endpoint),
    CreationTimestamp: derivedTime(endpoint.vpcEndpointId),
    OwnerId: endpoint.accountId,
    Tags: [],
  };
}

function zonesOf(lookups: Lookups, accountId: string, zoneIds: readonly string[]) {
  const ids = [...zoneIds].sort();
  return {
    AvailabilityZones: ids.map((z) => lookups.zoneName(accountId, z)).sort(),
    AvailabilityZoneIds: ids,
  };
}

/** One `describe-vpc-endpoint-service-configurations` item (provider view). */
export function renderServiceConfiguration(lookups: Lookups, service: EndpointService) {
  return {
    ServiceType: [{ ServiceType: 'Interface' }],
    ServiceId: service.serviceId,
    ServiceName: `com.amazonaws.vpce.${REGION}.${service.serviceId}`,
    ServiceState: 'Available',
    ...zonesOf(lookups, service.accountId, service.zoneIds),
    AcceptanceRequired: service.acceptanceRequired,
    ManagesVpcEndpoints: false,
    NetworkLoadBalancerArns: [service.loadBalancerArn],
    SupportedIpAddressTypes: ['ipv4'],
    BaseEndpointDnsNames: [`${service.serviceId}.${REGION}.vpce.amazonaws.com`],
    PayerResponsibility: 'ServiceOwner',
    Tags: [],
  };
}

/** One `describe-vpc-endpoint-connections` item (provider view of a consumer endpoint). */
export function renderConnection(lookups: Lookups, endpoint: VpcEndpoint) {
  const serviceId = endpoint.service.kind === 'generated' ? endpoint.service.serviceId : '';
  const service = lookups.service.get(serviceId)!;
  return {
    ServiceId: serviceId,
    VpcEndpointId: endpoint.vpcEndpointId,
    VpcEndpointOwner: endpoint.accountId,
    VpcEndpointState: endpoint.state,
    VpcEndpointConnectionId: `vpce-con-0${derivedHex(`${endpoint.vpcEndpointId}/con`, 16)}`,
    CreationTimestamp: derivedTime(endpoint.vpcEndpointId),
    DnsEntries: dnsEntries(lookups, endpoint),
    NetworkLoadBalancerArns: [service.loadBalancerArn],
    GatewayLoadBalancerArns: [],
    IpAddressType: 'ipv4',
  };
}

function awsServiceDetail(lookups: Lookups, accountId: string, name: string) {
  const short = name.split('.').slice(3).join('.');
  return {
    ServiceName: name,
    ServiceId: `vpce-svc-0${derivedHex(name, 16)}`,
    ServiceType: [{ ServiceType: 'Interface' }],
    ...zonesOf(lookups, accountId, ZONE_IDS),
    Owner: 'amazon',
    BaseEndpointDnsNames: [`${short}.${REGION}.vpce.amazonaws.com`],
    PrivateDnsName: `${short}.${REGION}.amazonaws.com`,
    PrivateDnsNameVerificationState: 'verified',
    VpcEndpointPolicySupported: true,
    AcceptanceRequired: false,
    ManagesVpcEndpoints: false,
    SupportedIpAddressTypes: ['ipv4'],
    Tags: [],
  };
}

/** The consumer's view of each distinct service its endpoints connect to. */
export function renderServiceDetails(lookups: Lookups, slice: AccountSlice) {
  const names = new Map<string, VpcEndpoint>();
  for (const endpoint of slice.vpcEndpoints) names.set(serviceName(endpoint), endpoint);
  return [...names.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, endpoint]) => {
      if (endpoint.service.kind === 'aws') return awsServiceDetail(lookups, slice.accountId, name);
      const service = lookups.service.get(endpoint.service.serviceId)!;
      return {
        ServiceName: name,
        ServiceId: service.serviceId,
        ServiceType: [{ ServiceType: 'Interface' }],
        ...zonesOf(lookups, slice.accountId, service.zoneIds),
        Owner: service.accountId,
        BaseEndpointDnsNames: [`${service.serviceId}.${REGION}.vpce.amazonaws.com`],
        VpcEndpointPolicySupported: false,
        AcceptanceRequired: service.acceptanceRequired,
        ManagesVpcEndpoints: false,
        SupportedIpAddressTypes: ['ipv4'],
        Tags: [],
      };
    });
}
