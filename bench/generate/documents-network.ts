/**
 * `describe-vpcs`, `describe-subnets`, `describe-availability-zones`, `describe-network-acls`,
 * `describe-security-groups`, `describe-managed-prefix-lists` and
 * `get-managed-prefix-list-entries`, shaped as the AWS CLI prints them (aws-semantics.md §7).
 */
import type { AccountSlice } from './account-slices.js';
import { cidr4Size } from './addressing.js';
import { derivedHex, REGION } from './ids.js';
import type { Lookups } from './lookups.js';
import type { NaclEntry, NetworkAcl, SecurityGroup, SgRule, Subnet, Vpc } from './model.js';
import { ZONE_IDS } from './topology.js';

const tags = (name: string) => [{ Key: 'Name', Value: name }];

/** One `describe-vpcs` item. */
export function renderVpc(vpc: Vpc) {
  return {
    VpcId: vpc.vpcId,
    OwnerId: vpc.accountId,
    CidrBlock: vpc.cidr,
    CidrBlockAssociationSet: [
      {
        AssociationId: `vpc-cidr-assoc-0${derivedHex(`${vpc.vpcId}/cidr`, 16)}`,
        CidrBlock: vpc.cidr,
        CidrBlockState: { State: 'associated' },
      },
    ],
    ...(vpc.ipv6Cidr
      ? {
          Ipv6CidrBlockAssociationSet: [
            {
              AssociationId: `vpc-cidr-assoc-0${derivedHex(`${vpc.vpcId}/v6`, 16)}`,
              Ipv6CidrBlock: vpc.ipv6Cidr,
              Ipv6CidrBlockState: { State: 'associated' },
              Ipv6Pool: 'Amazon',
              NetworkBorderGroup: REGION,
            },
          ],
        }
      : {}),
    DhcpOptionsId: `dopt-0${derivedHex(`${vpc.accountId}/dopt`, 16)}`,
    InstanceTenancy: 'default',
    IsDefault: false,
    State: 'available',
    Tags: tags(vpc.name),
  };
}

/** One `describe-subnets` item; `AvailableIpAddressCount` reflects the ENIs placed in it. */
export function renderSubnet(lookups: Lookups, subnet: Subnet) {
  return {
    SubnetId: subnet.subnetId,
    SubnetArn: `arn:aws:ec2:${REGION}:${subnet.accountId}:subnet/${subnet.subnetId}`,
    VpcId: subnet.vpcId,
    OwnerId: subnet.accountId,
    CidrBlock: subnet.cidr,
    Ipv6CidrBlockAssociationSet: subnet.ipv6Cidr
      ? [
          {
            AssociationId: `subnet-cidr-assoc-0${derivedHex(`${subnet.subnetId}/v6`, 16)}`,
            Ipv6CidrBlock: subnet.ipv6Cidr,
            Ipv6CidrBlockState: { State: 'associated' },
          },
        ]
      : [],
    AvailabilityZone: lookups.zoneName(subnet.accountId, subnet.zoneId),
    AvailabilityZoneId: subnet.zoneId,
    State: 'available',
    AvailableIpAddressCount:
      cidr4Size(subnet.cidr) - 5 - (lookups.usedAddresses.get(subnet.subnetId) ?? 0),
    DefaultForAz: false,
    MapPublicIpOnLaunch: false,
    AssignIpv6AddressOnCreation: subnet.ipv6Cidr !== undefined,
    Ipv6Native: false,
    EnableDns64: false,
    Tags: tags(subnet.name),
  };
}

/** The account's `describe-availability-zones` list (its own name for each zone ID). */
export function renderZones(lookups: Lookups, accountId: string) {
  return ZONE_IDS.map((zoneId) => ({
    ZoneId: zoneId,
    ZoneName: lookups.zoneName(accountId, zoneId),
    RegionName: REGION,
    GroupName: REGION,
    NetworkBorderGroup: REGION,
    OptInStatus: 'opt-in-not-required',
    State: 'available',
    ZoneType: 'availability-zone',
    Messages: [],
  })).sort((a, b) => (a.ZoneName < b.ZoneName ? -1 : 1));
}

function renderEntry(entry: NaclEntry) {
  return {
    RuleNumber: entry.ruleNumber,
    Protocol: entry.protocol,
    RuleAction: entry.action,
    Egress: entry.egress,
    ...(entry.cidr4 ? { CidrBlock: entry.cidr4 } : { Ipv6CidrBlock: entry.cidr6 }),
    ...(entry.ports ? { PortRange: { From: entry.ports.from, To: entry.ports.to } } : {}),
    ...(entry.icmp ? { IcmpTypeCode: { Type: entry.icmp.type, Code: entry.icmp.code } } : {}),
  };
}

/** Entries sorted as AWS lists them: egress first, then by rule number. */
export function renderNetworkAcl(acl: NetworkAcl) {
  const entries = [...acl.entries].sort(
    (a, b) => Number(b.egress) - Number(a.egress) || a.ruleNumber - b.ruleNumber,
  );
  return {
    NetworkAclId: acl.networkAclId,
    VpcId: acl.vpcId,
    OwnerId: acl.accountId,
    IsDefault: acl.isDefault,
    Associations: acl.subnetIds.map((subnetId) => ({
      NetworkAclAssociationId: `aclassoc-0${derivedHex(`${acl.networkAclId}/${subnetId}`, 16)}`,
      NetworkAclId: acl.networkAclId,
      SubnetId: subnetId,
    })),
    Entries: entries.map(renderEntry),
    Tags: [],
  };
}

interface Permission {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges: { CidrIp: string }[];
  Ipv6Ranges: { CidrIpv6: string }[];
  PrefixListIds: { PrefixListId: string }[];
  UserIdGroupPairs: { GroupId: string; UserId: string; VpcId?: string }[];
}

/**
 * Groups rules with one protocol and port range into one `IpPermission`, one peer per rule.
 * Not modelled: a reference across a peering carries `UserId` and `VpcId` but no
 * `VpcPeeringConnectionId` or `PeeringStatus`, as no peering connection is written yet.
 */
function renderPermissions(rules: readonly SgRule[]): Permission[] {
  const byKey = new Map<string, Permission>();
  for (const rule of rules) {
    const key = `${rule.protocol}|${rule.fromPort}|${rule.toPort}`;
    let permission = byKey.get(key);
    if (permission === undefined) {
      permission = {
        IpProtocol: rule.protocol,
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      };
      if (rule.fromPort !== undefined)
        Object.assign(permission, { FromPort: rule.fromPort, ToPort: rule.toPort });
      byKey.set(key, permission);
    }
    const peer = rule.peer;
    if (peer.kind === 'cidr4') permission.IpRanges.push({ CidrIp: peer.cidr });
    else if (peer.kind === 'cidr6') permission.Ipv6Ranges.push({ CidrIpv6: peer.cidr });
    else if (peer.kind === 'prefix-list')
      permission.PrefixListIds.push({ PrefixListId: peer.prefixListId });
    else
      permission.UserIdGroupPairs.push({
        GroupId: peer.groupId,
        UserId: peer.accountId,
        ...(peer.vpcId ? { VpcId: peer.vpcId } : {}),
      });
  }
  return [...byKey.values()];
}

/** One `describe-security-groups` item. */
export function renderSecurityGroup(group: SecurityGroup) {
  return {
    GroupId: group.groupId,
    GroupName: group.groupName,
    Description: group.description,
    VpcId: group.vpcId,
    OwnerId: group.accountId,
    SecurityGroupArn: `arn:aws:ec2:${REGION}:${group.accountId}:security-group/${group.groupId}`,
    IpPermissions: renderPermissions(group.rules.filter((r) => !r.egress)),
    IpPermissionsEgress: renderPermissions(group.rules.filter((r) => r.egress)),
    Tags: group.role === 'default' ? [] : tags(group.groupName),
  };
}

/** The managed-prefix-list items and their `PrefixListEntries` wrappers. */
export function renderPrefixLists(slice: AccountSlice) {
  return {
    PrefixLists: slice.prefixLists.map((list) => ({
      PrefixListId: list.prefixListId,
      PrefixListName: list.name,
      AddressFamily: list.family,
      MaxEntries: list.maxEntries,
      Version: 1,
      State: 'create-complete',
      OwnerId: list.accountId,
      PrefixListArn: `arn:aws:ec2:${REGION}:${list.accountId}:prefix-list/${list.prefixListId}`,
      Tags: tags(list.name),
    })),
    PrefixListEntries: slice.prefixLists.map((list) => ({
      PrefixListId: list.prefixListId,
      Entries: list.cidrs.map((cidr) => ({ Cidr: cidr })),
    })),
  };
}
