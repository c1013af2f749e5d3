import { awsId, CREATED_AT, hexFromSeed, macAddress, privateDnsName } from './ids.js';
import { groupRefs, type Json, nameTag } from './render-ec2.js';
import { instanceEniId, instanceId, subnetId, subnetZoneId, vpcId } from './resolve-ids.js';
import type { AccountSpec, InstanceSpec } from './spec.js';

/** What differs between an instance's ENI, an endpoint's and an NLB node's. */
export interface EniOptions {
  account: AccountSpec;
  id: string;
  subnet: string;
  ip: string;
  groups: Json[];
  interfaceType: 'interface' | 'vpc_endpoint' | 'network_load_balancer';
  description: string;
  attachment: Json;
  /** The AWS service account that manages the ENI, for requester-managed ones. */
  requesterId?: string;
  sourceDestCheck: boolean;
}

function zoneName(account: AccountSpec, subnetKey: string): string {
  const subnet = account.subnets.find((s) => s.key === subnetKey);
  if (subnet === undefined) throw new Error(`example network: no subnet ${subnetKey}`);
  return subnet.zone;
}

function privateIps(ip: string): Json[] {
  return [{ Primary: true, PrivateDnsName: privateDnsName(ip), PrivateIpAddress: ip }];
}

/** One entry of `describe-network-interfaces`. */
export function renderEni(options: EniOptions): Json {
  const { account, id, subnet, ip } = options;
  const requester =
    options.requesterId === undefined
      ? { RequesterManaged: false }
      : { RequesterId: options.requesterId, RequesterManaged: true };
  return {
    Attachment: options.attachment,
    AvailabilityZone: zoneName(account, subnet),
    Description: options.description,
    Groups: options.groups,
    InterfaceType: options.interfaceType,
    Ipv6Addresses: [],
    MacAddress: macAddress(id),
    NetworkInterfaceId: id,
    OwnerId: account.id,
    PrivateDnsName: privateDnsName(ip),
    PrivateIpAddress: ip,
    PrivateIpAddresses: privateIps(ip),
    ...requester,
    SourceDestCheck: options.sourceDestCheck,
    Status: 'in-use',
    SubnetId: subnetId(account, subnet),
    TagSet: [],
    VpcId: vpcId(account),
  };
}

function instanceAttachment(account: AccountSpec, instance: InstanceSpec): Json {
  return {
    AttachTime: CREATED_AT,
    AttachmentId: awsId('eni-attach', `${account.id}/${instance.key}`),
    DeleteOnTermination: true,
    DeviceIndex: 0,
    NetworkCardIndex: 0,
    Status: 'attached',
  };
}

/** The primary ENI of an instance, as `describe-network-interfaces` lists it. */
export function renderInstanceEni(account: AccountSpec, instance: InstanceSpec): Json {
  return renderEni({
    account,
    id: instanceEniId(account, instance.key),
    subnet: instance.subnet,
    ip: instance.ip,
    groups: groupRefs(account, instance.groups),
    interfaceType: 'interface',
    description: '',
    attachment: {
      ...instanceAttachment(account, instance),
      InstanceId: instanceId(account, instance.key),
      InstanceOwnerId: account.id,
    },
    sourceDestCheck: true,
  });
}

/** The same ENI as `describe-instances` nests it in the instance. */
function nestedEni(account: AccountSpec, instance: InstanceSpec): Json {
  const id = instanceEniId(account, instance.key);
  return {
    Attachment: instanceAttachment(account, instance),
    Description: '',
    Groups: groupRefs(account, instance.groups),
    Ipv6Addresses: [],
    MacAddress: macAddress(id),
    NetworkInterfaceId: id,
    OwnerId: account.id,
    PrivateDnsName: privateDnsName(instance.ip),
    PrivateIpAddress: instance.ip,
    PrivateIpAddresses: privateIps(instance.ip),
    SourceDestCheck: true,
    Status: 'in-use',
    SubnetId: subnetId(account, instance.subnet),
    VpcId: vpcId(account),
    InterfaceType: 'interface',
  };
}

function renderInstance(account: AccountSpec, instance: InstanceSpec): Json {
  const id = instanceId(account, instance.key);
  return {
    AmiLaunchIndex: 0,
    ImageId: awsId('ami', 'al2023-x86_64'),
    InstanceId: id,
    InstanceType: 't3.small',
    LaunchTime: CREATED_AT,
    Monitoring: { State: 'disabled' },
    Placement: {
      AvailabilityZoneId: subnetZoneId(account, instance.subnet),
      AvailabilityZone: zoneName(account, instance.subnet),
      GroupName: '',
      Tenancy: 'default',
    },
    PrivateDnsName: privateDnsName(instance.ip),
    PrivateIpAddress: instance.ip,
    ProductCodes: [],
    PublicDnsName: '',
    State: { Code: 16, Name: 'running' },
    StateTransitionReason: '',
    SubnetId: subnetId(account, instance.subnet),
    VpcId: vpcId(account),
    Architecture: 'x86_64',
    BlockDeviceMappings: [
      {
        DeviceName: '/dev/xvda',
        Ebs: {
          AttachTime: CREATED_AT,
          DeleteOnTermination: true,
          Status: 'attached',
          VolumeId: awsId('vol', `${account.id}/${instance.key}`),
        },
      },
    ],
    ClientToken: hexUuid(`${account.id}/${instance.key}`),
    EbsOptimized: true,
    EnaSupport: true,
    Hypervisor: 'xen',
    NetworkInterfaces: [nestedEni(account, instance)],
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    SecurityGroups: groupRefs(account, instance.groups),
    SourceDestCheck: true,
    Tags: nameTag(instance.name),
    VirtualizationType: 'hvm',
    CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
    CapacityReservationSpecification: { CapacityReservationPreference: 'open' },
    HibernationOptions: { Configured: false },
    MetadataOptions: {
      State: 'applied',
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 2,
      HttpEndpoint: 'enabled',
      HttpProtocolIpv6: 'disabled',
      InstanceMetadataTags: 'disabled',
    },
    EnclaveOptions: { Enabled: false },
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    UsageOperationUpdateTime: CREATED_AT,
    PrivateDnsNameOptions: {
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
    MaintenanceOptions: { AutoRecovery: 'default' },
    CurrentInstanceBootMode: 'legacy-bios',
  };
}

function hexUuid(seed: string): string {
  const h = hexFromSeed(`token:${seed}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** One reservation per instance, as instances launched one at a time get. */
export function renderReservations(account: AccountSpec): Json {
  const reservations = account.instances.map((instance) => ({
    Groups: [],
    Instances: [renderInstance(account, instance)],
    OwnerId: account.id,
    ReservationId: awsId('r', `${account.id}/${instance.key}`),
  }));
  return { Reservations: reservations };
}
