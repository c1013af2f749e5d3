/**
 * `describe-network-interfaces` and `describe-instances`. Interface types, requester fields and
 * descriptions follow what AWS shows for each kind: `network_load_balancer` nodes described
 * `ELB net/<name>/<id>`, `vpc_endpoint` ENIs, `lambda` Hyperplane ENIs and ECS task ENIs.
 */
import { derivedHex, derivedTime } from './ids.js';
import { groupPairs, type Lookups } from './lookups.js';
import type { Eni, Instance } from './model.js';

const INTERFACE_TYPES = {
  instance: 'interface',
  ecs: 'interface',
  lambda: 'lambda',
  endpoint: 'vpc_endpoint',
  nlb: 'network_load_balancer',
} as const;

/** The `ip-a-b-c-d.ec2.internal` name AWS gives a private address in us-east-1. */
export function privateDnsName(ip: string): string {
  return `ip-${ip.replaceAll('.', '-')}.ec2.internal`;
}

function mac(eniId: string): string {
  const hex = `02${derivedHex(`${eniId}/mac`, 10)}`;
  return hex.match(/../g)!.join(':');
}

function attachment(eni: Eni) {
  if (eni.kind === 'endpoint') return {};
  if (eni.kind !== 'instance') {
    // AWS-managed ENIs (Lambda, ECS, NLB nodes) are attached to AWS's own resources.
    return {
      Attachment: {
        AttachmentId: `ela-attach-0${derivedHex(`${eni.eniId}/attach`, 16)}`,
        DeleteOnTermination: false,
        DeviceIndex: 1,
        InstanceOwnerId: 'amazon-aws',
        Status: 'attached',
      },
    };
  }
  return {
    Attachment: {
      AttachTime: derivedTime(eni.instanceId!),
      AttachmentId: `eni-attach-0${derivedHex(`${eni.eniId}/attach`, 16)}`,
      DeleteOnTermination: eni.deviceIndex === 0,
      DeviceIndex: eni.deviceIndex,
      InstanceId: eni.instanceId,
      InstanceOwnerId: eni.accountId,
      NetworkCardIndex: 0,
      Status: 'attached',
    },
  };
}

function addressFields(eni: Eni) {
  return {
    PrivateDnsName: privateDnsName(eni.ipv4[0]!),
    PrivateIpAddress: eni.ipv4[0],
    PrivateIpAddresses: eni.ipv4.map((ip, i) => ({
      Primary: i === 0,
      PrivateDnsName: privateDnsName(ip),
      PrivateIpAddress: ip,
    })),
    Ipv6Addresses: eni.ipv6.map((ip) => ({ Ipv6Address: ip, IsPrimaryIpv6: false })),
  };
}

/** One `describe-network-interfaces` item. */
export function renderNetworkInterface(lookups: Lookups, eni: Eni) {
  const subnet = lookups.subnet.get(eni.subnetId)!;
  return {
    NetworkInterfaceId: eni.eniId,
    ...attachment(eni),
    AvailabilityZone: lookups.zoneName(eni.accountId, subnet.zoneId),
    Description: eni.description,
    Groups: groupPairs(lookups, eni.groupIds),
    InterfaceType: INTERFACE_TYPES[eni.kind],
    MacAddress: mac(eni.eniId),
    OwnerId: eni.accountId,
    ...addressFields(eni),
    ...(eni.requesterId ? { RequesterId: eni.requesterId } : {}),
    RequesterManaged: eni.kind !== 'instance',
    SourceDestCheck: eni.kind !== 'nlb',
    Status: 'in-use',
    SubnetId: eni.subnetId,
    TagSet: [],
    VpcId: eni.vpcId,
  };
}

function instanceInterface(lookups: Lookups, eni: Eni) {
  const full = renderNetworkInterface(lookups, eni);
  const { AvailabilityZone: _zone, RequesterManaged: _managed, TagSet: _tags, ...rest } = full;
  return rest;
}

/** One `describe-instances` reservation holding one running instance and its ENIs. */
export function renderReservation(lookups: Lookups, instance: Instance) {
  const enis = instance.eniIds.map((id) => lookups.eni.get(id)!);
  const primary = enis[0]!;
  const subnet = lookups.subnet.get(primary.subnetId)!;
  return {
    ReservationId: `r-0${derivedHex(`${instance.instanceId}/reservation`, 16)}`,
    OwnerId: instance.accountId,
    Groups: [],
    Instances: [
      {
        InstanceId: instance.instanceId,
        InstanceType: instance.instanceType,
        ImageId: `ami-0${derivedHex(instance.instanceType, 16)}`,
        Architecture: instance.instanceType.startsWith('m7g') ? 'arm64' : 'x86_64',
        LaunchTime: derivedTime(instance.instanceId),
        Placement: {
          AvailabilityZone: lookups.zoneName(instance.accountId, subnet.zoneId),
          GroupName: '',
          Tenancy: 'default',
        },
        PrivateDnsName: privateDnsName(primary.ipv4[0]!),
        PrivateIpAddress: primary.ipv4[0],
        ...(primary.ipv6[0] ? { Ipv6Address: primary.ipv6[0] } : {}),
        SecurityGroups: groupPairs(lookups, primary.groupIds),
        SourceDestCheck: true,
        State: { Code: 16, Name: 'running' },
        SubnetId: primary.subnetId,
        VpcId: primary.vpcId,
        NetworkInterfaces: enis.map((eni) => instanceInterface(lookups, eni)),
        Tags: [{ Key: 'Name', Value: `host-${instance.instanceId.slice(-6)}` }],
      },
    ],
  };
}
