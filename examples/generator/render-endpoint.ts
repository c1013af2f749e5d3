import { awsId, hexFromSeed, REGION } from './ids.js';
import { groupRefs, type Json, nameTag } from './render-ec2.js';
import { renderEni } from './render-enis.js';
import {
  DEFAULT_SG,
  endpointEniId,
  endpointId,
  nlbArn,
  serviceId,
  serviceName,
  subnetId,
  subnetZoneId,
  vpcId,
} from './resolve-ids.js';
import type { NetworkSpec } from './spec.js';

const ENDPOINT_CREATED_AT = '2026-03-14T10:02:33.187000+00:00';

/** Hosted zone of every `*.vpce.amazonaws.com` name in us-east-1. */
const VPCE_HOSTED_ZONE = 'Z7HUB22UULQXV';

/** AWS's service account that owns the requester-managed ENIs of interface endpoints. */
const VPCE_REQUESTER = '727180483921';

/** An endpoint created without groups gets the VPC's default group, and AWS lists it. */
function endpointGroupKeys(spec: NetworkSpec): string[] {
  return spec.endpoint.groups.length === 0 ? [DEFAULT_SG] : spec.endpoint.groups;
}

/** Regional name first, then one zonal name per endpoint ENI, as AWS lists them. */
function dnsEntries(spec: NetworkSpec): Json[] {
  const base = `${endpointId(spec)}-${hexFromSeed(`dns:${endpointId(spec)}`, 8)}`;
  const domain = `${serviceId(spec)}.${REGION}.vpce.amazonaws.com`;
  const zones = spec.endpoint.enis.map((eni) => {
    const subnet = spec.consumer.subnets.find((s) => s.key === eni.subnet);
    return `-${subnet?.zone ?? ''}`;
  });
  return ['', ...zones].map((zone) => ({
    DnsName: `${base}${zone}.${domain}`,
    HostedZoneId: VPCE_HOSTED_ZONE,
  }));
}

function renderEndpoint(spec: NetworkSpec): Json {
  const { consumer, endpoint } = spec;
  return {
    VpcEndpointId: endpointId(spec),
    VpcEndpointType: 'Interface',
    VpcId: vpcId(consumer),
    ServiceName: serviceName(spec),
    State: endpoint.state,
    RouteTableIds: [],
    SubnetIds: endpoint.enis.map((eni) => subnetId(consumer, eni.subnet)),
    Groups: groupRefs(consumer, endpointGroupKeys(spec)),
    IpAddressType: 'ipv4',
    DnsOptions: { DnsRecordIpType: 'ipv4' },
    PrivateDnsEnabled: false,
    RequesterManaged: false,
    NetworkInterfaceIds: endpoint.enis.map((eni) => endpointEniId(spec, eni.subnet)),
    DnsEntries: dnsEntries(spec),
    CreationTimestamp: ENDPOINT_CREATED_AT,
    Tags: nameTag(endpoint.name),
    OwnerId: consumer.id,
    ServiceRegion: REGION,
  };
}

/** `describe-vpc-endpoints` of the consumer account. */
export function renderVpcEndpoints(spec: NetworkSpec): Json {
  return { VpcEndpoints: [renderEndpoint(spec)] };
}

/** The requester-managed ENIs AWS creates for the endpoint, one per chosen subnet. */
export function renderEndpointEnis(spec: NetworkSpec): Json[] {
  return spec.endpoint.enis.map((eni) => {
    const id = endpointEniId(spec, eni.subnet);
    return renderEni({
      account: spec.consumer,
      id,
      subnet: eni.subnet,
      ip: eni.ip,
      groups: groupRefs(spec.consumer, endpointGroupKeys(spec)),
      interfaceType: 'vpc_endpoint',
      description: `VPC Endpoint Interface ${endpointId(spec)}`,
      attachment: {
        AttachmentId: `ela-attach-${hexFromSeed(`attach:${id}`, 8)}`,
        DeleteOnTermination: false,
        DeviceIndex: 1,
        InstanceOwnerId: 'amazon-aws',
        Status: 'attached',
      },
      requesterId: VPCE_REQUESTER,
      sourceDestCheck: true,
    });
  });
}

/** Zones of the NLB's nodes, in the provider's naming and as IDs, both sorted. */
function serviceZones(spec: NetworkSpec): { names: string[]; ids: string[] } {
  const { provider } = spec;
  const subnets = spec.nlb.nodes.map((node) => node.subnet);
  const names = subnets.map((key) => provider.subnets.find((s) => s.key === key)?.zone ?? '');
  const ids = subnets.map((key) => subnetZoneId(provider, key));
  return { names: [...names].sort(), ids: [...ids].sort() };
}

/** `describe-vpc-endpoint-service-configurations` of the provider account. */
export function renderServiceConfigurations(spec: NetworkSpec): Json {
  const zones = serviceZones(spec);
  const service = {
    ServiceType: [{ ServiceType: 'Interface' }],
    ServiceId: serviceId(spec),
    ServiceName: serviceName(spec),
    ServiceState: 'Available',
    AvailabilityZoneIds: zones.ids,
    AvailabilityZones: zones.names,
    AcceptanceRequired: spec.service.acceptanceRequired,
    ManagesVpcEndpoints: false,
    NetworkLoadBalancerArns: [nlbArn(spec)],
    SupportedIpAddressTypes: ['ipv4'],
    BaseEndpointDnsNames: [`${serviceId(spec)}.${REGION}.vpce.amazonaws.com`],
    PayerResponsibility: 'ServiceOwner',
    SupportedRegions: [{ Region: REGION, ServiceState: 'Available' }],
    RemoteAccessEnabled: false,
    Tags: nameTag(spec.service.name),
  };
  return { ServiceConfigurations: [service] };
}

/** `describe-vpc-endpoint-connections`: the provider's view of the consumer's endpoint. */
export function renderVpcEndpointConnections(spec: NetworkSpec): Json {
  const connection = {
    ServiceId: serviceId(spec),
    VpcEndpointId: endpointId(spec),
    VpcEndpointOwner: spec.consumer.id,
    VpcEndpointState: spec.service.connectionState,
    CreationTimestamp: ENDPOINT_CREATED_AT,
    DnsEntries: dnsEntries(spec),
    NetworkLoadBalancerArns: [nlbArn(spec)],
    GatewayLoadBalancerArns: [],
    IpAddressType: 'ipv4',
    VpcEndpointConnectionId: awsId('vpce-con', `${spec.provider.id}/${endpointId(spec)}`),
    Tags: [],
    VpcEndpointRegion: REGION,
  };
  return { VpcEndpointConnections: [connection] };
}
