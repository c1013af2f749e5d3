/** The fields of AWS documents the integrity checks read (AWS member names, aws-semantics §7). */

export interface VpcDoc {
  VpcId: string;
  CidrBlock: string;
  Ipv6CidrBlockAssociationSet?: { Ipv6CidrBlock: string }[];
}

export interface SubnetDoc {
  SubnetId: string;
  VpcId: string;
  CidrBlock: string;
  AvailabilityZone: string;
  AvailabilityZoneId: string;
  Ipv6CidrBlockAssociationSet: { Ipv6CidrBlock: string }[];
}

export interface ZoneDoc {
  ZoneId: string;
  ZoneName: string;
}

export interface NaclEntryDoc {
  RuleNumber: number;
  Egress: boolean;
  RuleAction: 'allow' | 'deny';
  CidrBlock?: string;
  Ipv6CidrBlock?: string;
}

export interface NaclDoc {
  NetworkAclId: string;
  VpcId: string;
  IsDefault: boolean;
  Associations: { NetworkAclId: string; SubnetId: string }[];
  Entries: NaclEntryDoc[];
}

export interface PermissionDoc {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges: { CidrIp: string }[];
  Ipv6Ranges: { CidrIpv6: string }[];
  PrefixListIds: { PrefixListId: string }[];
  UserIdGroupPairs: { GroupId: string; UserId: string; VpcId?: string }[];
}

export interface GroupDoc {
  GroupId: string;
  GroupName: string;
  VpcId: string;
  OwnerId: string;
  IpPermissions: PermissionDoc[];
  IpPermissionsEgress: PermissionDoc[];
}

export interface PrefixListDoc {
  PrefixListId: string;
  MaxEntries: number;
}

export interface PrefixListEntriesDoc {
  PrefixListId: string;
  Entries: { Cidr: string }[];
}

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

export interface ReservationDoc {
  Instances: {
    InstanceId: string;
    VpcId: string;
    NetworkInterfaces: { NetworkInterfaceId: string }[];
  }[];
}

export interface EndpointDoc {
  VpcEndpointId: string;
  VpcId: string;
  ServiceName: string;
  SubnetIds: string[];
  NetworkInterfaceIds: string[];
  Groups: { GroupId: string }[];
}

export interface ServiceConfigurationDoc {
  ServiceId: string;
  ServiceName: string;
  AvailabilityZoneIds: string[];
  NetworkLoadBalancerArns: string[];
}

export interface ConnectionDoc {
  ServiceId: string;
  VpcEndpointId: string;
}

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

export interface TargetGroupDoc {
  TargetGroupArn: string;
  VpcId: string;
  TargetType: string;
  LoadBalancerArns: string[];
}

export interface ListenersDoc {
  LoadBalancerArn: string;
  Listeners: {
    ListenerArn: string;
    LoadBalancerArn: string;
    DefaultActions: { TargetGroupArn: string }[];
  }[];
}

export interface TargetHealthDoc {
  TargetGroupArn: string;
  TargetHealthDescriptions: { Target: { Id: string; Port: number } }[];
}

export interface ArnAttributesDoc {
  LoadBalancerArn?: string;
  TargetGroupArn?: string;
}
