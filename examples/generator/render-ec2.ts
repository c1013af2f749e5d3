import { awsId, REGION } from './ids.js';
import {
  DEFAULT_SG,
  naclId,
  securityGroupId,
  subnetId,
  subnetZoneId,
  vpcId,
} from './resolve-ids.js';
import type {
  AccountSpec,
  NaclEntrySpec,
  NaclSpec,
  SecurityGroupSpec,
  SgRuleSpec,
} from './spec.js';

/** A JSON object as an AWS response holds it. */
export type Json = Record<string, unknown>;

/** The `Tags` list of a resource named in the console (`Name` tag). */
export function nameTag(name: string): Json[] {
  return [{ Key: 'Name', Value: name }];
}

/** `{GroupId, GroupName}` pairs, as ENIs, instances and endpoints list their groups. */
export function groupRefs(account: AccountSpec, keys: string[]): Json[] {
  return keys.map((key) => ({
    GroupId: securityGroupId(account, key),
    GroupName: groupName(account, key),
  }));
}

function groupName(account: AccountSpec, key: string): string {
  if (key === DEFAULT_SG) return 'default';
  const group = account.securityGroups.find((g) => g.key === key);
  if (group === undefined) throw new Error(`example network: no security group ${key}`);
  return group.name;
}

/** `describe-vpcs`: one VPC with its single IPv4 CIDR association. */
export function renderVpcs(account: AccountSpec): Json {
  const vpc = {
    CidrBlock: account.vpcCidr,
    DhcpOptionsId: awsId('dopt', `${account.id}/dhcp`),
    State: 'available',
    VpcId: vpcId(account),
    OwnerId: account.id,
    InstanceTenancy: 'default',
    CidrBlockAssociationSet: [
      {
        AssociationId: awsId('vpc-cidr-assoc', `${account.id}/vpc`),
        CidrBlock: account.vpcCidr,
        CidrBlockState: { State: 'associated' },
      },
    ],
    IsDefault: false,
    Tags: nameTag(account.vpcName),
  };
  return { Vpcs: [vpc] };
}

/** `describe-availability-zones`: the account's own name-to-ID mapping of us-east-1. */
export function renderAvailabilityZones(account: AccountSpec): Json {
  const zones = account.zones.map((zone) => ({
    OptInStatus: 'opt-in-not-required',
    Messages: [],
    RegionName: REGION,
    ZoneName: zone.name,
    ZoneId: zone.id,
    GroupName: `${REGION}-zg-1`,
    NetworkBorderGroup: REGION,
    ZoneType: 'availability-zone',
    GroupLongName: 'US East (N. Virginia) 1',
    State: 'available',
  }));
  return { AvailabilityZones: zones };
}

/**
 * Subnets with the free-address count AWS reports: the /24's 256 addresses minus the five AWS
 * reserves, minus one per address in use.
 */
export function renderSubnets(account: AccountSpec, usedIps: { subnet: string }[]): Json {
  const subnets = account.subnets.map((subnet) => {
    const id = subnetId(account, subnet.key);
    const used = usedIps.filter((u) => u.subnet === subnet.key).length;
    return {
      AvailabilityZone: subnet.zone,
      AvailabilityZoneId: subnetZoneId(account, subnet.key),
      AvailableIpAddressCount: 251 - used,
      CidrBlock: subnet.cidr,
      DefaultForAz: false,
      MapPublicIpOnLaunch: false,
      MapCustomerOwnedIpOnLaunch: false,
      State: 'available',
      SubnetId: id,
      VpcId: vpcId(account),
      OwnerId: account.id,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      Tags: nameTag(subnet.name),
      SubnetArn: `arn:aws:ec2:${REGION}:${account.id}:subnet/${id}`,
      EnableDns64: false,
      Ipv6Native: false,
      PrivateDnsNameOptionsOnLaunch: {
        HostnameType: 'ip-name',
        EnableResourceNameDnsARecord: false,
        EnableResourceNameDnsAAAARecord: false,
      },
    };
  });
  return { Subnets: subnets };
}

function renderPermission(account: AccountSpec, rule: SgRuleSpec): Json {
  const ports =
    rule.ports === undefined ? {} : { FromPort: rule.ports.from, ToPort: rule.ports.to };
  return {
    IpProtocol: rule.protocol,
    ...ports,
    UserIdGroupPairs: (rule.groups ?? []).map((key) => ({
      UserId: account.id,
      GroupId: securityGroupId(account, key),
    })),
    IpRanges: (rule.cidrs ?? []).map((c) =>
      c.description === undefined
        ? { CidrIp: c.cidr }
        : { CidrIp: c.cidr, Description: c.description },
    ),
    Ipv6Ranges: [],
    PrefixListIds: [],
  };
}

/** The VPC's default group as AWS creates it: all traffic from its own members, all out. */
function defaultSecurityGroup(): SecurityGroupSpec {
  return {
    key: DEFAULT_SG,
    name: 'default',
    description: 'default VPC security group',
    ingress: [{ protocol: '-1', groups: [DEFAULT_SG] }],
    egress: [{ protocol: '-1', cidrs: [{ cidr: '0.0.0.0/0' }] }],
  };
}

function renderSecurityGroup(account: AccountSpec, group: SecurityGroupSpec): Json {
  const id = securityGroupId(account, group.key);
  return {
    GroupId: id,
    IpPermissionsEgress: group.egress.map((rule) => renderPermission(account, rule)),
    ...(group.tagName === undefined ? {} : { Tags: nameTag(group.tagName) }),
    VpcId: vpcId(account),
    SecurityGroupArn: `arn:aws:ec2:${REGION}:${account.id}:security-group/${id}`,
    OwnerId: account.id,
    GroupName: group.name,
    Description: group.description,
    IpPermissions: group.ingress.map((rule) => renderPermission(account, rule)),
  };
}

/** `describe-security-groups`: the VPC's default group first, then the account's own. */
export function renderSecurityGroups(account: AccountSpec): Json {
  const groups = [defaultSecurityGroup(), ...account.securityGroups];
  return { SecurityGroups: groups.map((group) => renderSecurityGroup(account, group)) };
}

function renderEntry(entry: NaclEntrySpec): Json {
  return {
    CidrBlock: entry.cidr,
    Egress: entry.egress,
    ...(entry.ports === undefined
      ? {}
      : { PortRange: { From: entry.ports.from, To: entry.ports.to } }),
    Protocol: entry.protocol,
    RuleAction: entry.ruleAction,
    RuleNumber: entry.ruleNumber,
  };
}

/** The `*` entry of each direction, which the API lists as rule 32767. */
function starEntries(): NaclEntrySpec[] {
  return [true, false].map((egress) => ({
    ruleNumber: 32767,
    egress,
    ruleAction: 'deny',
    protocol: '-1',
    cidr: '0.0.0.0/0',
  }));
}

/** AWS lists outbound entries first, each direction by ascending rule number. */
function sortEntries(entries: NaclEntrySpec[]): NaclEntrySpec[] {
  return [...entries].sort(
    (a, b) => Number(b.egress) - Number(a.egress) || a.ruleNumber - b.ruleNumber,
  );
}

function renderNacl(account: AccountSpec, nacl: NaclSpec, isDefault: boolean): Json {
  const id = naclId(account, nacl.key);
  return {
    Associations: nacl.subnets.map((subnet) => ({
      NetworkAclAssociationId: awsId('aclassoc', `${account.id}/${subnet}`),
      NetworkAclId: id,
      SubnetId: subnetId(account, subnet),
    })),
    Entries: sortEntries([...nacl.entries, ...starEntries()]).map(renderEntry),
    IsDefault: isDefault,
    NetworkAclId: id,
    Tags: isDefault ? [] : nameTag(nacl.name),
    VpcId: vpcId(account),
    OwnerId: account.id,
  };
}

/** The default NACL allows everything both ways and keeps every subnet no custom NACL took. */
function defaultNacl(account: AccountSpec): NaclSpec {
  const taken = new Set(account.nacls.flatMap((n) => n.subnets));
  const allowAll = [true, false].map((egress) => ({
    ruleNumber: 100,
    egress,
    ruleAction: 'allow' as const,
    protocol: '-1',
    cidr: '0.0.0.0/0',
  }));
  return {
    key: 'default-acl',
    name: 'default',
    subnets: account.subnets.map((s) => s.key).filter((key) => !taken.has(key)),
    entries: allowAll,
  };
}

/** `describe-network-acls`: the default NACL, then the custom ones with their `*` entries. */
export function renderNetworkAcls(account: AccountSpec): Json {
  const nacls = [
    renderNacl(account, defaultNacl(account), true),
    ...account.nacls.map((nacl) => renderNacl(account, nacl, false)),
  ];
  return { NetworkAcls: nacls };
}
