import { type Cidr, cidr } from '../net/cidr.js';
import type { BuildContext } from './context.js';
import { nameTag } from './context.js';
import { networkAclEntry, securityGroupRules } from './rules.js';
import type { NetworkAcl, SecurityGroup, Subnet, Vpc } from './types.js';

export function buildVpcs(ctx: BuildContext): Map<string, Vpc> {
  const vpcs = new Map<string, Vpc>();
  for (const data of ctx.snapshot.Vpcs) {
    const blocks = new Set<string>();
    if (data.CidrBlock !== undefined) blocks.add(data.CidrBlock);
    for (const assoc of data.CidrBlockAssociationSet ?? []) blocks.add(assoc.CidrBlock);
    for (const assoc of data.Ipv6CidrBlockAssociationSet ?? []) blocks.add(assoc.Ipv6CidrBlock);
    const defaultGroup = ctx.snapshot.SecurityGroups.find(
      (group) => group.VpcId === data.VpcId && group.GroupName === 'default',
    );
    const defaultAcl = ctx.snapshot.NetworkAcls.find(
      (acl) => acl.VpcId === data.VpcId && acl.IsDefault,
    );
    vpcs.set(data.VpcId, {
      id: data.VpcId,
      ownerId: data.OwnerId ?? ctx.accountOf(data),
      name: nameTag(data.Tags),
      cidrs: [...blocks].map((block) => cidr(block)),
      defaultSecurityGroupId: defaultGroup?.GroupId,
      defaultNetworkAclId: defaultAcl?.NetworkAclId,
    });
  }
  return vpcs;
}

export function buildNetworkAcls(ctx: BuildContext, vpcs: Map<string, Vpc>) {
  const acls = new Map<string, NetworkAcl>();
  for (const data of ctx.snapshot.NetworkAcls) {
    if (!vpcs.has(data.VpcId)) {
      throw ctx.dangling(
        data,
        data.NetworkAclId,
        'VpcId',
        data.VpcId,
        'include the describe-vpcs output of the account that owns the network ACL',
      );
    }
    const entries = data.Entries.map(networkAclEntry);
    const byNumber = (a: { ruleNumber: number }, b: { ruleNumber: number }) =>
      a.ruleNumber - b.ruleNumber;
    acls.set(data.NetworkAclId, {
      id: data.NetworkAclId,
      vpcId: data.VpcId,
      isDefault: data.IsDefault,
      inbound: entries.filter((entry) => !entry.egress).sort(byNumber),
      outbound: entries.filter((entry) => entry.egress).sort(byNumber),
      subnetIds: (data.Associations ?? []).map((assoc) => assoc.SubnetId),
    });
  }
  return acls;
}

/**
 * Each subnet uses the NACL that lists it in its associations, else its VPC's default NACL —
 * AWS associates every subnet with exactly one.
 */
export function buildSubnets(
  ctx: BuildContext,
  vpcs: Map<string, Vpc>,
  acls: Map<string, NetworkAcl>,
): Map<string, Subnet> {
  const aclOfSubnet = new Map<string, string>();
  for (const acl of acls.values()) for (const id of acl.subnetIds) aclOfSubnet.set(id, acl.id);
  const zoneIds = zoneIdsByAccount(ctx);
  const subnets = new Map<string, Subnet>();
  for (const data of ctx.snapshot.Subnets) {
    const vpc = vpcs.get(data.VpcId);
    if (vpc === undefined) {
      throw ctx.dangling(
        data,
        data.SubnetId,
        'VpcId',
        data.VpcId,
        'include the describe-vpcs output of the account that owns the subnet',
      );
    }
    const explicit = aclOfSubnet.get(data.SubnetId);
    const networkAclId = explicit ?? vpc.defaultNetworkAclId;
    if (networkAclId === undefined) {
      throw ctx.dangling(
        data,
        data.SubnetId,
        'VpcId',
        data.VpcId,
        'include the describe-network-acls output: every subnet has a network ACL, at least the VPC default',
      );
    }
    const blocks: Cidr[] = [];
    if (data.CidrBlock !== undefined) blocks.push(cidr(data.CidrBlock));
    for (const assoc of data.Ipv6CidrBlockAssociationSet ?? [])
      blocks.push(cidr(assoc.Ipv6CidrBlock));
    const account = data.OwnerId ?? ctx.accountOf(data);
    const zoneId = data.AvailabilityZoneId ?? zoneIds.get(`${account}/${data.AvailabilityZone}`);
    if (zoneId === undefined && data.AvailabilityZone !== undefined) {
      ctx.warn(
        'AZ_ID_UNKNOWN',
        data.SubnetId,
        `the zone ID of ${data.AvailabilityZone} is not known; zones are matched by name, which holds only inside one account (give describe-availability-zones output, or zone IDs for a plan)`,
      );
    }
    subnets.set(data.SubnetId, {
      id: data.SubnetId,
      vpcId: data.VpcId,
      ownerId: account,
      name: nameTag(data.Tags),
      cidrs: blocks,
      availabilityZone: data.AvailabilityZone,
      // Without an ID the name stands in for it: correct inside one account, a guess across two.
      availabilityZoneId: zoneId ?? data.AvailabilityZone,
      networkAclId,
      usesDefaultNetworkAcl: explicit === undefined,
    });
  }
  return subnets;
}

/** Zone name to zone ID per account (`describe-availability-zones` of that account). */
export function zoneIdsByAccount(ctx: BuildContext): Map<string, string> {
  const map = new Map<string, string>();
  for (const zone of ctx.snapshot.AvailabilityZones) {
    map.set(`${ctx.accountOf(zone)}/${zone.ZoneName}`, zone.ZoneId);
  }
  return map;
}

export function buildSecurityGroups(ctx: BuildContext): Map<string, SecurityGroup> {
  const knownGroups = new Set(ctx.snapshot.SecurityGroups.map((group) => group.GroupId));
  const prefixLists = prefixListCidrs(ctx);
  const resolver = {
    prefixList: (id: string) => {
      const cidrs = prefixLists.get(id);
      return cidrs === undefined ? { cidrs: [], resolved: false } : { cidrs, resolved: true };
    },
    groupKnown: (id: string) => knownGroups.has(id),
  };
  const groups = new Map<string, SecurityGroup>();
  for (const data of ctx.snapshot.SecurityGroups) {
    const inbound = securityGroupRules(data.GroupId, 'ingress', data.IpPermissions ?? [], resolver);
    const outbound = securityGroupRules(
      data.GroupId,
      'egress',
      data.IpPermissionsEgress ?? [],
      resolver,
    );
    for (const rule of [...inbound, ...outbound]) warnAboutPeer(ctx, rule.groupId, rule.peer);
    groups.set(data.GroupId, {
      id: data.GroupId,
      name: data.GroupName,
      vpcId: data.VpcId,
      ownerId: data.OwnerId ?? ctx.accountOf(data),
      isDefault: data.GroupName === 'default',
      inbound,
      outbound,
    });
  }
  return groups;
}

function warnAboutPeer(
  ctx: BuildContext,
  groupId: string,
  peer: SecurityGroup['inbound'][number]['peer'],
) {
  if (peer.kind === 'prefix-list' && !peer.resolved) {
    ctx.warn(
      'PREFIX_LIST_UNRESOLVED',
      groupId,
      `a rule references prefix list ${peer.prefixListId}, whose entries are not in the snapshot; the rule matches nothing here`,
    );
  }
  if (peer.kind === 'security-group' && !peer.known) {
    ctx.warn(
      'SG_REFERENCE_OUTSIDE_SNAPSHOT',
      groupId,
      `a rule references ${peer.userId ? `${peer.userId}/` : ''}${peer.groupId}, which is not in the snapshot (another account?); the rule matches no one here`,
    );
  }
  if (peer.kind === 'security-group' && peer.stale) {
    ctx.warn(
      'SG_REFERENCE_STALE',
      groupId,
      `a rule references ${peer.groupId} across a peering connection that is no longer active; AWS keeps the rule but it matches nothing`,
    );
  }
}

/** Prefix-list entries from `PrefixListEntries` wrappers, or Batfish's inline `Cidrs`. */
function prefixListCidrs(ctx: BuildContext): Map<string, Cidr[]> {
  const lists = new Map<string, Cidr[]>();
  for (const list of ctx.snapshot.PrefixLists) {
    if (list.Cidrs !== undefined)
      lists.set(
        list.PrefixListId,
        list.Cidrs.map((text) => cidr(text)),
      );
  }
  for (const wrapper of ctx.snapshot.PrefixListEntries) {
    const cidrs = wrapper.Entries.map((entry) => cidr(entry.Cidr));
    lists.set(wrapper.PrefixListId, [...(lists.get(wrapper.PrefixListId) ?? []), ...cidrs]);
  }
  return lists;
}
