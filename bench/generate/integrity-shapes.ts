/** The fields of AWS documents the integrity checks read (AWS member names, aws-semantics §7). */

/** Fields of a `describe-vpcs` item. */
export interface VpcDoc {
  VpcId: string;
  CidrBlock: string;
  Ipv6CidrBlockAssociationSet?: { Ipv6CidrBlock: string }[];
}

/** Fields read from describe-subnets. */
export interface SubnetDoc {
  SubnetId: string;
  VpcId: string;
  CidrBlock: string;
  AvailabilityZone: string;
  AvailabilityZoneId: string;
  Ipv6CidrBlockAssociationSet: { Ipv6CidrBlock: string }[];
}

/** Fields read from describe-availability-zones. */
export interface ZoneDoc {
  ZoneId: string;
  ZoneName: string;
}

/** Fields read from a NACL entry. */
export interface NaclEntryDoc {
  RuleNumber: number;
  Egress: boolean;
  RuleAction: 'allow' | 'deny';
  CidrBlock?: string;
  Ipv6CidrBlock?: string;
}

/** Fields read from describe-network-acls. */
export interface NaclDoc {
  NetworkAclId: string;
  VpcId: string;
  IsDefault: boolean;
  Associations: { NetworkAclId: string; SubnetId: string }[];
  Entries: NaclEntryDoc[];
}

/** Fields read from an IpPermission. */
export interface PermissionDoc {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges: { CidrIp: string }[];
  Ipv6Ranges: { CidrIpv6: string }[];
  PrefixListIds: { PrefixListId: string }[];
  UserIdGroupPairs: { GroupId: string; UserId: string; VpcId?: string }[];
}

/** Fields read from describe-security-groups. */
export interface GroupDoc {
  GroupId: string;
  GroupName: string;
  VpcId: string;
  OwnerId: string;
  IpPermissions: PermissionDoc[];
  IpPermissionsEgress: PermissionDoc[];
}

/** Fields read from describe-managed-prefix-lists. */
export interface PrefixListDoc {
  PrefixListId: string;
  MaxEntries: number;
}

/** Fields read from the PrefixListEntries wrapper. */
export interface PrefixListEntriesDoc {
  PrefixListId: string;
  Entries: { Cidr: string }[];
}

/** Fields read from describe-network-interfaces. */
export interface EniDoc {
  NetworkInterfaceId: string;
  SubnetId: string;
  VpcId: string;
  InterfaceType: string;
  Description: string;
  PrivateIpAddress: string;
  PrivateIpAddresses: { PrivateIpAddress: string; Primary: boolean }[];
  Ipv6Addresses: { Ipv6Address: string }[];
  Groups: { GroupId: string; GroupName: string }[];
  Attachment?: { InstanceId?: string };
}

/** Fields read from describe-instances. */
export interface ReservationDoc {
  Instances: {
    InstanceId: string;
    VpcId: string;
    NetworkInterfaces: { NetworkInterfaceId: string }[];
  }[];
}

/** Fields read from describe-vpc-endpoints. */
export interface EndpointDoc {
  VpcEndpointId: string;
  VpcId: string;
  ServiceName: string;
  SubnetIds: string[];
  NetworkInterfaceIds: string[];
  Groups: { GroupId: string }[];
}

/** Fields read from describe-vpc-endpoint-service-configurations. */
export interface ServiceConfigurationDoc {
  ServiceId: string;
  ServiceName: string;
  AvailabilityZoneIds: string[];
  NetworkLoadBalancerArns: string[];
}

/** Fields read from describe-vpc-endpoint-connections. */
export interface ConnectionDoc {
  ServiceId: string;
  VpcEndpointId: string;
}

/** Fields read from describe-load-balancers. */
export interface LoadBalancerDoc {
  LoadBalancerArn: string;
  LoadBalancerName: string;
  VpcId: string;
  SecurityGroups?: string[];
  AvailabilityZones: {
    SubnetId: string;
    ZoneName: string;
    LoadBalancerAddresses: { PrivateIPv4Address?: string }[];
  }[];
}

/** Fields read from describe-target-groups. */
export interface TargetGroupDoc {
  TargetGroupArn: string;
  VpcId: string;
  TargetType: string;
  LoadBalancerArns: string[];
}

/** Fields read from the LoadBalancerListeners wrapper. */
export interface ListenersDoc {
  LoadBalancerArn: string;
  Listeners: {
    ListenerArn: string;
    LoadBalancerArn: string;
    DefaultActions: { TargetGroupArn: string }[];
  }[];
}

/** Fields read from the LoadBalancerTargetHealth wrapper. */
export interface TargetHealthDoc {
  TargetGroupArn: string;
  TargetHealthDescriptions: { Target: { Id: string; Port: number } }[];
}

/** Fields read from the attribute wrappers. */
export interface ArnAttributesDoc {
  LoadBalancerArn?: string;
  TargetGroupArn?: string;
}
