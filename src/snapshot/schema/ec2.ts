import { z } from 'zod';
import {
  cidrAny,
  cidrV4,
  cidrV6,
  ipv4,
  ipv6,
  networkAclProtocol,
  port,
  rulePort,
  securityGroupProtocol,
  tags,
} from './fields.js';
import { checkIpPermission, checkNetworkAclEntry } from './rule-checks.js';

// Shapes of the EC2 describe-* outputs, as the AWS CLI prints them. Only the members vpcreach
// reads are checked; every other member passes through untouched so a snapshot can be written
// back exactly as it was read.

export const Vpc = z.looseObject({
  VpcId: z.string(),
  OwnerId: z.string().optional(),
  CidrBlock: cidrV4.optional(),
  CidrBlockAssociationSet: z.array(z.looseObject({ CidrBlock: cidrV4 })).optional(),
  Ipv6CidrBlockAssociationSet: z.array(z.looseObject({ Ipv6CidrBlock: cidrV6 })).optional(),
  IsDefault: z.boolean().optional(),
  Tags: tags,
});

export const Subnet = z.looseObject({
  SubnetId: z.string(),
  VpcId: z.string(),
  OwnerId: z.string().optional(),
  CidrBlock: cidrV4.optional(),
  Ipv6CidrBlockAssociationSet: z.array(z.looseObject({ Ipv6CidrBlock: cidrV6 })).optional(),
  AvailabilityZone: z.string().optional(),
  AvailabilityZoneId: z.string().optional(),
  Tags: tags,
});

export const AvailabilityZone = z.looseObject({
  ZoneName: z.string(),
  ZoneId: z.string(),
  RegionName: z.string().optional(),
});

export const NetworkAclEntry = z
  .looseObject({
    RuleNumber: z.number().int().min(1).max(32768),
    Protocol: networkAclProtocol,
    RuleAction: z.enum(['allow', 'deny']),
    Egress: z.boolean(),
    CidrBlock: cidrV4.optional(),
    Ipv6CidrBlock: cidrV6.optional(),
    PortRange: z.looseObject({ From: port, To: port }).optional(),
    IcmpTypeCode: z
      .looseObject({
        Type: z.number().int().min(-1).max(255),
        Code: z.number().int().min(-1).max(255),
      })
      .optional(),
  })
  .superRefine(checkNetworkAclEntry);

export const NetworkAcl = z.looseObject({
  NetworkAclId: z.string(),
  VpcId: z.string(),
  OwnerId: z.string().optional(),
  IsDefault: z.boolean(),
  Associations: z.array(z.looseObject({ SubnetId: z.string() })).optional(),
  Entries: z.array(NetworkAclEntry),
  Tags: tags,
});

const described = { Description: z.string().optional() };

export const IpPermission = z
  .looseObject({
    IpProtocol: securityGroupProtocol,
    FromPort: rulePort.optional(),
    ToPort: rulePort.optional(),
    IpRanges: z.array(z.looseObject({ CidrIp: cidrV4, ...described })).optional(),
    Ipv6Ranges: z.array(z.looseObject({ CidrIpv6: cidrV6, ...described })).optional(),
    PrefixListIds: z.array(z.looseObject({ PrefixListId: z.string(), ...described })).optional(),
    UserIdGroupPairs: z
      .array(
        z.looseObject({
          GroupId: z.string().optional(),
          GroupName: z.string().optional(),
          UserId: z.string().optional(),
          VpcId: z.string().optional(),
          VpcPeeringConnectionId: z.string().optional(),
          PeeringStatus: z.string().optional(),
          ...described,
        }),
      )
      .optional(),
  })
  .superRefine(checkIpPermission);

export const SecurityGroup = z.looseObject({
  GroupId: z.string(),
  GroupName: z.string().optional(),
  VpcId: z.string().optional(),
  OwnerId: z.string().optional(),
  IpPermissions: z.array(IpPermission).optional(),
  IpPermissionsEgress: z.array(IpPermission).optional(),
  Tags: tags,
});

/** DescribeManagedPrefixLists, or Batfish's variant that carries the entries as `Cidrs`. */
export const PrefixList = z.looseObject({
  PrefixListId: z.string(),
  PrefixListName: z.string().optional(),
  AddressFamily: z.string().optional(),
  OwnerId: z.string().optional(),
  MaxEntries: z.number().int().optional(),
  Cidrs: z.array(cidrAny).optional(),
});

export const PrefixListEntries = z.looseObject({
  PrefixListId: z.string(),
  Entries: z.array(z.looseObject({ Cidr: cidrAny, ...described })),
});

const privateIp = z.looseObject({
  PrivateIpAddress: ipv4,
  Primary: z.boolean().optional(),
});

export const NetworkInterface = z.looseObject({
  NetworkInterfaceId: z.string(),
  VpcId: z.string(),
  SubnetId: z.string(),
  OwnerId: z.string().optional(),
  AvailabilityZone: z.string().optional(),
  InterfaceType: z.string().optional(),
  Description: z.string().optional(),
  RequesterManaged: z.boolean().optional(),
  Status: z.string().optional(),
  PrivateIpAddress: ipv4.optional(),
  PrivateIpAddresses: z.array(privateIp).optional(),
  Ipv6Addresses: z.array(z.looseObject({ Ipv6Address: ipv6 })).optional(),
  Groups: z.array(z.looseObject({ GroupId: z.string(), GroupName: z.string().optional() })),
  Attachment: z
    .looseObject({ InstanceId: z.string().optional(), DeviceIndex: z.number().int().optional() })
    .optional(),
  SourceDestCheck: z.boolean().optional(),
  TagSet: tags,
});

const InstanceNetworkInterface = z.looseObject({
  NetworkInterfaceId: z.string(),
  Attachment: z.looseObject({ DeviceIndex: z.number().int().optional() }).optional(),
});

export const Instance = z.looseObject({
  InstanceId: z.string(),
  VpcId: z.string().optional(),
  SubnetId: z.string().optional(),
  PrivateIpAddress: ipv4.optional(),
  State: z.looseObject({ Name: z.string().optional() }).optional(),
  NetworkInterfaces: z.array(InstanceNetworkInterface).optional(),
  SecurityGroups: z.array(z.looseObject({ GroupId: z.string() })).optional(),
  Tags: tags,
});

export const Reservation = z.looseObject({
  ReservationId: z.string().optional(),
  OwnerId: z.string().optional(),
  Instances: z.array(Instance),
});

export type VpcData = z.infer<typeof Vpc>;
export type SubnetData = z.infer<typeof Subnet>;
export type AvailabilityZoneData = z.infer<typeof AvailabilityZone>;
export type NetworkAclData = z.infer<typeof NetworkAcl>;
export type NetworkAclEntryData = z.infer<typeof NetworkAclEntry>;
export type SecurityGroupData = z.infer<typeof SecurityGroup>;
export type IpPermissionData = z.infer<typeof IpPermission>;
export type PrefixListData = z.infer<typeof PrefixList>;
export type PrefixListEntriesData = z.infer<typeof PrefixListEntries>;
export type NetworkInterfaceData = z.infer<typeof NetworkInterface>;
export type InstanceData = z.infer<typeof Instance>;
export type ReservationData = z.infer<typeof Reservation>;
