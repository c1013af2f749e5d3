/**
 * Builders for AWS-shaped `describe-*` items, with named options, for hand-made test snapshots
 * and for the random ones in arbitrary.ts. Each returns exactly the JSON AWS would print.
 */
import type { RawSnapshot } from './snapshot.js';

/** The account that owns everything the builders make. */
export const ACCOUNT = '111122223333';
/** The Region of every ARN the builders make. */
export const REGION = 'us-east-1';

/** A describe-vpcs item. */
export function vpc(options: { id: string; cidr: string; ipv6Cidr?: string }) {
  return {
    VpcId: options.id,
    OwnerId: ACCOUNT,
    CidrBlock: options.cidr,
    CidrBlockAssociationSet: [
      {
        AssociationId: `vpc-cidr-assoc-${options.id.slice(4)}`,
        CidrBlock: options.cidr,
        CidrBlockState: { State: 'associated' },
      },
    ],
    Ipv6CidrBlockAssociationSet: options.ipv6Cidr
      ? [{ Ipv6CidrBlock: options.ipv6Cidr, Ipv6CidrBlockState: { State: 'associated' } }]
      : [],
    IsDefault: false,
    State: 'available',
  };
}

/** A describe-subnets item. */
export function subnet(options: {
  id: string;
  vpcId: string;
  cidr: string;
  ipv6Cidr?: string;
  zone: { name: string; id: string };
}) {
  return {
    SubnetId: options.id,
    SubnetArn: `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/${options.id}`,
    VpcId: options.vpcId,
    OwnerId: ACCOUNT,
    CidrBlock: options.cidr,
    Ipv6CidrBlockAssociationSet: options.ipv6Cidr
      ? [{ Ipv6CidrBlock: options.ipv6Cidr, Ipv6CidrBlockState: { State: 'associated' } }]
      : [],
    AvailabilityZone: options.zone.name,
    AvailabilityZoneId: options.zone.id,
    State: 'available',
  };
}

/**
 * One IpPermission. `protocol` as AWS prints it: `-1`, `tcp`, `udp`, `icmp`, `icmpv6` or a
 * number.
 */
export function permission(options: {
  protocol: string;
  from?: number;
  to?: number;
  cidrs?: string[];
  ipv6Cidrs?: string[];
  prefixLists?: string[];
  groups?: string[];
  staleGroups?: string[];
}) {
  const ported = options.protocol !== '-1' && options.from !== undefined;
  return {
    IpProtocol: options.protocol,
    ...(ported ? { FromPort: options.from, ToPort: options.to ?? options.from } : {}),
    IpRanges: (options.cidrs ?? []).map((CidrIp) => ({ CidrIp })),
    Ipv6Ranges: (options.ipv6Cidrs ?? []).map((CidrIpv6) => ({ CidrIpv6 })),
    PrefixListIds: (options.prefixLists ?? []).map((PrefixListId) => ({ PrefixListId })),
    UserIdGroupPairs: [
      ...(options.groups ?? []).map((GroupId) => ({ GroupId, UserId: ACCOUNT })),
      ...(options.staleGroups ?? []).map((GroupId) => ({
        GroupId,
        UserId: '444455556666',
        VpcPeeringConnectionId: 'pcx-0a1b2c3d4e5f60718',
        PeeringStatus: 'deleted',
      })),
    ],
  };
}

type Permission = ReturnType<typeof permission>;

/** A describe-security-groups item. */
export function securityGroup(options: {
  id: string;
  vpcId: string;
  name?: string;
  ingress?: Permission[];
  egress?: Permission[];
}) {
  return {
    GroupId: options.id,
    GroupName: options.name ?? `group-${options.id.slice(3, 11)}`,
    Description: 'managed by tests',
    VpcId: options.vpcId,
    OwnerId: ACCOUNT,
    IpPermissions: options.ingress ?? [],
    IpPermissionsEgress: options.egress ?? [],
  };
}

/** Everything out to anywhere: AWS's default egress rule for a new group. */
export const ALLOW_ALL_OUT = permission({
  protocol: '-1',
  cidrs: ['0.0.0.0/0'],
  ipv6Cidrs: ['::/0'],
});

/** One NACL entry; `protocol` is a number as text or `-1`, as the API prints it. */
export function naclEntry(options: {
  ruleNumber: number;
  egress: boolean;
  action: 'allow' | 'deny';
  protocol: string;
  cidr: string;
  ports?: { from: number; to: number };
  icmp?: { type: number; code: number };
}) {
  const family = options.cidr.includes(':')
    ? { Ipv6CidrBlock: options.cidr }
    : { CidrBlock: options.cidr };
  return {
    RuleNumber: options.ruleNumber,
    Egress: options.egress,
    RuleAction: options.action,
    Protocol: options.protocol,
    ...family,
    ...(options.ports ? { PortRange: { From: options.ports.from, To: options.ports.to } } : {}),
    ...(options.icmp ? { IcmpTypeCode: { Type: options.icmp.type, Code: options.icmp.code } } : {}),
  };
}

type NaclEntry = ReturnType<typeof naclEntry>;

/** The `*` entries AWS lists for each direction and family. */
function starEntries(): NaclEntry[] {
  return [true, false].flatMap((egress) => [
    naclEntry({ ruleNumber: 32767, egress, action: 'deny', protocol: '-1', cidr: '0.0.0.0/0' }),
    naclEntry({ ruleNumber: 32768, egress, action: 'deny', protocol: '-1', cidr: '::/0' }),
  ]);
}

/** Allow everything both ways, both families (a default NACL of an IPv6 VPC). */
export function allowAllEntries(): NaclEntry[] {
  return [true, false].flatMap((egress) => [
    naclEntry({ ruleNumber: 100, egress, action: 'allow', protocol: '-1', cidr: '0.0.0.0/0' }),
    naclEntry({ ruleNumber: 101, egress, action: 'allow', protocol: '-1', cidr: '::/0' }),
  ]);
}

/** A describe-network-acls item, with the `*` entries AWS always lists. */
export function networkAcl(options: {
  id: string;
  vpcId: string;
  isDefault: boolean;
  subnetIds: string[];
  entries: NaclEntry[];
}) {
  return {
    NetworkAclId: options.id,
    VpcId: options.vpcId,
    OwnerId: ACCOUNT,
    IsDefault: options.isDefault,
    Associations: options.subnetIds.map((SubnetId, i) => ({
      NetworkAclAssociationId: `aclassoc-${options.id.slice(4, 12)}${String(i).padStart(9, '0')}`,
      NetworkAclId: options.id,
      SubnetId,
    })),
    Entries: [...options.entries, ...starEntries()],
  };
}

/** A describe-network-interfaces item (instance-attached when `instanceId` is given). */
export function eni(options: {
  id: string;
  subnetId: string;
  vpcId: string;
  zoneName: string;
  ip: string;
  secondaryIps?: string[];
  ipv6?: string;
  groups: string[];
  instanceId?: string;
  interfaceType?: string;
  description?: string;
}) {
  const managed = options.interfaceType !== undefined && options.interfaceType !== 'interface';
  return {
    NetworkInterfaceId: options.id,
    SubnetId: options.subnetId,
    VpcId: options.vpcId,
    AvailabilityZone: options.zoneName,
    OwnerId: ACCOUNT,
    InterfaceType: options.interfaceType ?? 'interface',
    Description: options.description ?? '',
    RequesterManaged: managed,
    Status: 'in-use',
    PrivateIpAddress: options.ip,
    PrivateIpAddresses: [
      { PrivateIpAddress: options.ip, Primary: true },
      ...(options.secondaryIps ?? []).map((ip) => ({ PrivateIpAddress: ip, Primary: false })),
    ],
    Ipv6Addresses: options.ipv6 ? [{ Ipv6Address: options.ipv6, IsPrimaryIpv6: true }] : [],
    Groups: options.groups.map((GroupId) => ({
      GroupId,
      GroupName: `group-${GroupId.slice(3, 11)}`,
    })),
    SourceDestCheck: true,
    Attachment: options.instanceId
      ? {
          AttachmentId: `eni-attach-${options.id.slice(4)}`,
          InstanceId: options.instanceId,
          DeviceIndex: 0,
          Status: 'attached',
        }
      : {
          AttachmentId: `ela-attach-${options.id.slice(4, 12)}`,
          DeviceIndex: 1,
          InstanceOwnerId: 'amazon-aws',
          Status: 'attached',
        },
    TagSet: [],
  };
}

/** A describe-vpc-endpoints item of type Interface. */
export function vpcEndpoint(options: {
  id: string;
  vpcId: string;
  serviceName: string;
  subnetIds: string[];
  eniIds: string[];
  groups: string[];
  state?: string;
}) {
  return {
    VpcEndpointId: options.id,
    VpcEndpointType: 'Interface',
    VpcId: options.vpcId,
    ServiceName: options.serviceName,
    State: options.state ?? 'available',
    RouteTableIds: [],
    SubnetIds: options.subnetIds,
    NetworkInterfaceIds: options.eniIds,
    Groups: options.groups.map((GroupId) => ({
      GroupId,
      GroupName: `group-${GroupId.slice(3, 11)}`,
    })),
    IpAddressType: 'ipv4',
    PrivateDnsEnabled: false,
    RequesterManaged: false,
    DnsEntries: [],
    OwnerId: ACCOUNT,
  };
}

/** A describe-vpc-endpoint-service-configurations item. */
export function serviceConfiguration(options: {
  id: string;
  nlbArns: string[];
  zoneIds?: string[];
  zoneNames?: string[];
}) {
  return {
    ServiceType: [{ ServiceType: 'Interface' }],
    ServiceId: options.id,
    ServiceName: `com.amazonaws.vpce.${REGION}.${options.id}`,
    ServiceState: 'Available',
    AvailabilityZoneIds: options.zoneIds ?? [],
    AvailabilityZones: options.zoneNames ?? [],
    AcceptanceRequired: false,
    ManagesVpcEndpoints: false,
    NetworkLoadBalancerArns: options.nlbArns,
    SupportedIpAddressTypes: ['ipv4'],
    BaseEndpointDnsNames: [`${options.id}.${REGION}.vpce.amazonaws.com`],
  };
}

/** A network load balancer ARN. */
export function nlbArn(name: string, id: string): string {
  return `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/net/${name}/${id}`;
}

/** A target group ARN. */
export function targetGroupArn(name: string, id: string): string {
  return `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/${name}/${id}`;
}

/** A describe-load-balancers item of type network. */
export function loadBalancer(options: {
  arn: string;
  vpcId: string;
  zones: { name: string; subnetId: string; privateIp?: string }[];
  securityGroups?: string[];
  enforcePrivateLink?: 'on' | 'off';
}) {
  const name = options.arn.split('/')[2] ?? 'nlb';
  return {
    LoadBalancerArn: options.arn,
    LoadBalancerName: name,
    DNSName: `${name}-${options.arn.split('/')[3]}.elb.${REGION}.amazonaws.com`,
    Scheme: 'internal',
    VpcId: options.vpcId,
    State: { Code: 'active' },
    Type: 'network',
    IpAddressType: 'ipv4',
    AvailabilityZones: options.zones.map((z) => ({
      ZoneName: z.name,
      SubnetId: z.subnetId,
      LoadBalancerAddresses: z.privateIp ? [{ PrivateIPv4Address: z.privateIp }] : [],
    })),
    ...(options.securityGroups ? { SecurityGroups: options.securityGroups } : {}),
    ...(options.enforcePrivateLink
      ? { EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: options.enforcePrivateLink }
      : {}),
  };
}

function listenerArn(lbArn: string, index: number): string {
  const suffix = String(index).padStart(16, '0');
  return `${lbArn.replace(':loadbalancer/', ':listener/')}/${suffix}`;
}

/** A LoadBalancerListeners wrapper: the describe-listeners output for one NLB. */
export function listenersOf(
  lbArn: string,
  listeners: { port: number; protocol: string; targetGroupArns: string[] }[],
) {
  return {
    LoadBalancerArn: lbArn,
    Listeners: listeners.map((l, i) => ({
      ListenerArn: listenerArn(lbArn, i),
      LoadBalancerArn: lbArn,
      Port: l.port,
      Protocol: l.protocol,
      DefaultActions: [
        l.targetGroupArns.length === 1
          ? { Type: 'forward', TargetGroupArn: l.targetGroupArns[0] }
          : {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: l.targetGroupArns.map((TargetGroupArn) => ({
                  TargetGroupArn,
                  Weight: 1,
                })),
              },
            },
      ],
    })),
  };
}

/** A describe-target-groups item. */
export function targetGroup(options: {
  arn: string;
  vpcId: string;
  port: number;
  protocol: string;
  targetType: 'instance' | 'ip';
  healthCheckPort?: string;
  lbArns: string[];
}) {
  return {
    TargetGroupArn: options.arn,
    TargetGroupName: options.arn.split('/')[1],
    Protocol: options.protocol,
    Port: options.port,
    VpcId: options.vpcId,
    HealthCheckProtocol: 'TCP',
    HealthCheckPort: options.healthCheckPort ?? 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 10,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    TargetType: options.targetType,
    LoadBalancerArns: options.lbArns,
    IpAddressType: 'ipv4',
  };
}

/** A LoadBalancerTargetHealth wrapper: describe-target-health for one group. */
export function targetHealthOf(tgArn: string, targets: { id: string; port?: number }[]) {
  return {
    TargetGroupArn: tgArn,
    TargetHealthDescriptions: targets.map((t) => ({
      Target: { Id: t.id, ...(t.port === undefined ? {} : { Port: t.port }) },
      HealthCheckPort: String(t.port ?? 'traffic-port'),
      TargetHealth: { State: 'healthy' },
    })),
  };
}

/** An attributes wrapper: `{ <ArnKey>: arn, Attributes: [{ Key, Value }] }`. */
export function attributesOf(
  arnKey: 'LoadBalancerArn' | 'TargetGroupArn',
  arn: string,
  values: Record<string, string>,
) {
  return {
    [arnKey]: arn,
    Attributes: Object.entries(values).map(([Key, Value]) => ({ Key, Value })),
  };
}

/** A describe-instances reservation holding one instance with these ENIs. */
export function instanceReservation(instanceId: string, enis: ReturnType<typeof eni>[]) {
  const primary = enis[0];
  return {
    ReservationId: `r-${instanceId.slice(2)}`,
    OwnerId: ACCOUNT,
    Instances: [
      {
        InstanceId: instanceId,
        State: { Code: 16, Name: 'running' },
        VpcId: primary?.VpcId,
        SubnetId: primary?.SubnetId,
        PrivateIpAddress: primary?.PrivateIpAddress,
        Placement: { AvailabilityZone: primary?.AvailabilityZone },
        SecurityGroups: primary?.Groups ?? [],
        NetworkInterfaces: enis.map((e, i) => ({
          NetworkInterfaceId: e.NetworkInterfaceId,
          SubnetId: e.SubnetId,
          VpcId: e.VpcId,
          PrivateIpAddress: e.PrivateIpAddress,
          PrivateIpAddresses: e.PrivateIpAddresses,
          Ipv6Addresses: e.Ipv6Addresses,
          Groups: e.Groups,
          InterfaceType: 'interface',
          Attachment: {
            AttachmentId: e.Attachment.AttachmentId,
            DeviceIndex: i,
            Status: 'attached',
          },
        })),
      },
    ],
  };
}

/** Assembles parts into a raw snapshot keyed like describe-* outputs (absent keys omitted). */
export function rawSnapshot(parts: Partial<Record<string, object[]>>): RawSnapshot {
  const raw: RawSnapshot = {};
  for (const [key, items] of Object.entries(parts)) {
    if (items !== undefined) raw[key] = items;
  }
  return raw;
}
