import { compact, type EmitContext, effectiveGroups, groupPairs } from './emit-context.js';
import type {
  IacEndpointService,
  IacInstance,
  IacNetworkInterface,
  IacVpcEndpoint,
} from './model.js';
import { idBody, managedInterfaceId } from './placeholder-ids.js';

/**
 * The tag an ENI carries when its private address is chosen by AWS at deployment (endpoint ENIs,
 * load balancer nodes, instances without a fixed IP): analyses read such an ENI as "some address
 * in its subnet" and say so.
 */
export const UNKNOWN_ADDRESS_TAG = {
  Key: 'vpcreach:address',
  Value: 'unknown-until-deployment',
} as const;

/** The fields an ENI needs beyond its ID, subnet and addresses. */
export interface InterfaceSpec {
  networkInterfaceId: string;
  subnetId: string;
  privateIpAddresses: string[];
  groupIds: string[];
  interfaceType: string;
  description: string;
  requesterManaged: boolean;
  attachment?: object;
  tags: Array<{ Key: string; Value: string }>;
  /** Terraform address or logical ID, for the note about an unknown address. */
  source: string;
}

/** One `NetworkInterfaces` item; with no known address it has none and carries the tag. */
export function emitInterface(context: EmitContext, spec: InterfaceSpec): object {
  const subnet = context.subnetById.get(spec.subnetId);
  const known = spec.privateIpAddresses.length > 0;
  if (!known) {
    context.notes.add(
      'ADDRESS_UNKNOWN_UNTIL_DEPLOYMENT',
      spec.source,
      `${spec.networkInterfaceId} gets its private IP from ${spec.subnetId} at deployment; analyses treat it as any address in that subnet`,
    );
  }
  return compact({
    NetworkInterfaceId: spec.networkInterfaceId,
    VpcId: subnet?.vpcId,
    SubnetId: spec.subnetId,
    AvailabilityZone: subnet?.availabilityZone,
    AvailabilityZoneId: subnet?.availabilityZoneId,
    OwnerId: context.network.accountId,
    InterfaceType: spec.interfaceType,
    Description: spec.description,
    RequesterManaged: spec.requesterManaged,
    Status: 'in-use',
    PrivateIpAddress: spec.privateIpAddresses[0],
    PrivateIpAddresses: spec.privateIpAddresses.map((PrivateIpAddress, index) => ({
      PrivateIpAddress,
      Primary: index === 0,
    })),
    Ipv6Addresses: [],
    Groups: groupPairs(context, spec.groupIds),
    SourceDestCheck: spec.interfaceType === 'interface',
    Attachment: spec.attachment,
    TagSet: known ? spec.tags : [...spec.tags, { ...UNKNOWN_ADDRESS_TAG }],
  });
}

function instanceGroups(context: EmitContext, instance: IacInstance): string[] {
  const vpcId = context.subnetById.get(instance.subnetId)?.vpcId ?? '';
  return effectiveGroups(context, {
    groupIds: instance.securityGroupIds,
    vpcId,
    source: instance.source,
  });
}

/** The instance's primary ENI (device index 0), where its address and groups live. */
export function emitInstanceInterface(context: EmitContext, instance: IacInstance): object {
  return emitInterface(context, {
    networkInterfaceId: instance.primaryNetworkInterfaceId,
    subnetId: instance.subnetId,
    privateIpAddresses: instance.privateIpAddress === undefined ? [] : [instance.privateIpAddress],
    groupIds: instanceGroups(context, instance),
    interfaceType: 'interface',
    description: '',
    requesterManaged: false,
    attachment: { InstanceId: instance.instanceId, DeviceIndex: 0, Status: 'attached' },
    tags: [],
    source: instance.source,
  });
}

/** The instance's view of its primary ENI (`Instances[].NetworkInterfaces[0]`). */
function primaryInterface(context: EmitContext, instance: IacInstance, groups: object[]): object {
  const address = instance.privateIpAddress;
  return compact({
    NetworkInterfaceId: instance.primaryNetworkInterfaceId,
    SubnetId: instance.subnetId,
    VpcId: context.subnetById.get(instance.subnetId)?.vpcId,
    PrivateIpAddress: address,
    PrivateIpAddresses: address === undefined ? [] : [{ PrivateIpAddress: address, Primary: true }],
    Ipv6Addresses: [],
    Groups: groups,
    SourceDestCheck: true,
    InterfaceType: 'interface',
    Attachment: { DeviceIndex: 0, NetworkCardIndex: 0, Status: 'attached' },
  });
}

/** One `Reservations` item holding one running instance. */
export function emitReservation(context: EmitContext, instance: IacInstance): object {
  const subnet = context.subnetById.get(instance.subnetId);
  const groups = groupPairs(context, instanceGroups(context, instance));
  return {
    ReservationId: `r-${idBody(instance.instanceId)}`,
    OwnerId: context.network.accountId,
    Instances: [
      compact({
        InstanceId: instance.instanceId,
        State: { Code: 16, Name: 'running' },
        VpcId: subnet?.vpcId,
        SubnetId: instance.subnetId,
        PrivateIpAddress: instance.privateIpAddress,
        Placement: compact({
          AvailabilityZone: instance.availabilityZone ?? subnet?.availabilityZone,
          AvailabilityZoneId: subnet?.availabilityZoneId,
        }),
        SecurityGroups: groups,
        SourceDestCheck: true,
        NetworkInterfaces: [primaryInterface(context, instance, groups)],
        Tags: instance.tags,
      }),
    ],
  };
}

/** A standalone ENI (`aws_network_interface`, `AWS::EC2::NetworkInterface`). */
export function emitNetworkInterface(context: EmitContext, eni: IacNetworkInterface): object {
  const vpcId = context.subnetById.get(eni.subnetId)?.vpcId ?? '';
  const attachment = eni.attachment && {
    InstanceId: eni.attachment.instanceId,
    DeviceIndex: eni.attachment.deviceIndex,
    Status: 'attached',
  };
  return emitInterface(context, {
    networkInterfaceId: eni.networkInterfaceId,
    subnetId: eni.subnetId,
    privateIpAddresses: eni.privateIpAddresses,
    groupIds: effectiveGroups(context, {
      groupIds: eni.securityGroupIds,
      vpcId,
      source: eni.source,
    }),
    interfaceType: 'interface',
    description: eni.description,
    requesterManaged: false,
    attachment,
    tags: eni.tags,
    source: eni.source,
  });
}

function endpointOwner(endpoint: IacVpcEndpoint) {
  return { groupIds: endpoint.securityGroupIds, vpcId: endpoint.vpcId, source: endpoint.source };
}

/** The ENIs an interface endpoint has: one per subnet, with the endpoint's groups. */
export function endpointInterfaces(
  context: EmitContext,
  endpoint: IacVpcEndpoint,
): InterfaceSpec[] {
  if (endpoint.vpcEndpointType.toLowerCase() !== 'interface') return [];
  const groupIds = effectiveGroups(context, endpointOwner(endpoint));
  return endpoint.subnetIds.map((subnetId) => {
    const designated = endpoint.designatedIpv4[subnetId];
    return {
      networkInterfaceId: managedInterfaceId(endpoint.vpcEndpointId, subnetId),
      subnetId,
      privateIpAddresses: designated === undefined ? [] : [designated],
      groupIds,
      interfaceType: 'vpc_endpoint',
      description: `VPC Endpoint Interface ${endpoint.vpcEndpointId}`,
      requesterManaged: true,
      tags: [],
      source: endpoint.source,
    };
  });
}

/** One `VpcEndpoints` item; its `NetworkInterfaceIds` name the ENIs built beside it. */
export function emitVpcEndpoint(
  context: EmitContext,
  endpoint: IacVpcEndpoint,
  interfaceIds: string[],
): object {
  const isInterface = endpoint.vpcEndpointType.toLowerCase() === 'interface';
  const groups = isInterface
    ? groupPairs(context, effectiveGroups(context, endpointOwner(endpoint)))
    : [];
  return {
    VpcEndpointId: endpoint.vpcEndpointId,
    VpcEndpointType: endpoint.vpcEndpointType,
    VpcId: endpoint.vpcId,
    ServiceName: endpoint.serviceName,
    State: endpoint.state ?? 'available',
    RouteTableIds: [],
    SubnetIds: isInterface ? endpoint.subnetIds : [],
    NetworkInterfaceIds: interfaceIds,
    Groups: groups,
    IpAddressType: endpoint.ipAddressType,
    PrivateDnsEnabled: endpoint.privateDnsEnabled,
    RequesterManaged: false,
    DnsEntries: [],
    OwnerId: context.network.accountId,
    Tags: endpoint.tags,
  };
}

/**
 * The distinct values, sorted, when every subnet gives one; otherwise undefined, because a
 * partial (or empty) zone list would claim the service is missing from the other zones.
 */
function knownForAll(values: Array<string | undefined>): string[] | undefined {
  if (values.length === 0 || values.some((value) => value === undefined)) return undefined;
  return [...new Set(values as string[])].sort();
}

/**
 * One `ServiceConfigurations` item. Its zones are those of its load balancers' subnets, the
 * zones AWS offers the service in; a list is left out when the file does not give it for every
 * subnet (zone IDs are usually known only after deployment).
 */
export function emitServiceConfiguration(
  context: EmitContext,
  service: IacEndpointService,
): object {
  const subnets = context.network.loadBalancers
    .filter((lb) => service.networkLoadBalancerArns.includes(lb.loadBalancerArn))
    .flatMap((lb) => lb.subnets.map((mapping) => context.subnetById.get(mapping.subnetId)));
  const zones = knownForAll(subnets.map((subnet) => subnet?.availabilityZone));
  const zoneIds = knownForAll(subnets.map((subnet) => subnet?.availabilityZoneId));
  return compact({
    ServiceId: service.serviceId,
    ServiceName: service.serviceName,
    ServiceType: [{ ServiceType: 'Interface' }],
    ServiceState: service.state ?? 'Available',
    AvailabilityZones: zones,
    AvailabilityZoneIds: zoneIds,
    AcceptanceRequired: service.acceptanceRequired,
    ManagesVpcEndpoints: false,
    NetworkLoadBalancerArns: service.networkLoadBalancerArns,
    GatewayLoadBalancerArns: [],
    SupportedIpAddressTypes: service.supportedIpAddressTypes,
    BaseEndpointDnsNames: [],
    Tags: service.tags,
  });
}
