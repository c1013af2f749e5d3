import { compact, type EmitContext, vpcHasIpv6 } from './emit-context.js';
import type {
  IacIpPermission,
  IacNetworkAcl,
  IacNetworkAclEntry,
  IacSecurityGroup,
  IacVpc,
} from './model.js';

const ALL_TRAFFIC = { protocol: '-1', ruleAction: 'allow' } as const;

/** AWS's default ACL: rule 100 admits all IPv4, rule 101 all IPv6 (IPv6 VPCs), both ways. */
export function defaultNetworkAclEntries(vpc: IacVpc): IacNetworkAclEntry[] {
  const entries: IacNetworkAclEntry[] = [];
  for (const egress of [true, false]) {
    entries.push({ ...ALL_TRAFFIC, ruleNumber: 100, egress, cidrBlock: '0.0.0.0/0' });
    if (vpc.ipv6CidrBlocks.length > 0) {
      entries.push({ ...ALL_TRAFFIC, ruleNumber: 101, egress, ipv6CidrBlock: '::/0' });
    }
  }
  return entries;
}

/**
 * The `*` entries AWS appends to every ACL and lists as rules 32767 (IPv4) and 32768 (IPv6, only
 * in VPCs with an IPv6 block): deny everything no numbered entry matched.
 */
function starEntries(ipv6: boolean): IacNetworkAclEntry[] {
  const entries: IacNetworkAclEntry[] = [];
  for (const egress of [true, false]) {
    const deny = { protocol: '-1', ruleAction: 'deny', egress } as const;
    entries.push({ ...deny, ruleNumber: 32767, cidrBlock: '0.0.0.0/0' });
    if (ipv6) entries.push({ ...deny, ruleNumber: 32768, ipv6CidrBlock: '::/0' });
  }
  return entries;
}

function emitEntry(entry: IacNetworkAclEntry): object {
  return compact({
    RuleNumber: entry.ruleNumber,
    Protocol: entry.protocol,
    RuleAction: entry.ruleAction,
    Egress: entry.egress,
    CidrBlock: entry.cidrBlock,
    Ipv6CidrBlock: entry.ipv6CidrBlock,
    PortRange: entry.portRange && { From: entry.portRange.from, To: entry.portRange.to },
    IcmpTypeCode: entry.icmpTypeCode && {
      Type: entry.icmpTypeCode.type,
      Code: entry.icmpTypeCode.code,
    },
  });
}

/** Egress entries first, each direction by rule number, as DescribeNetworkAcls lists them. */
function sortEntries(entries: IacNetworkAclEntry[]): IacNetworkAclEntry[] {
  return [...entries].sort(
    (a, b) => Number(b.egress) - Number(a.egress) || a.ruleNumber - b.ruleNumber,
  );
}

/**
 * One `NetworkAcls` item. Associations list every subnet that uses the ACL, the implicit users
 * of a default ACL included, as AWS does.
 */
export function emitNetworkAcl(
  context: EmitContext,
  acl: IacNetworkAcl,
  subnetIds: string[],
): object {
  const entries = [...acl.entries, ...starEntries(vpcHasIpv6(context, acl.vpcId))];
  return {
    NetworkAclId: acl.networkAclId,
    VpcId: acl.vpcId,
    OwnerId: context.network.accountId,
    IsDefault: acl.isDefault,
    Associations: subnetIds.map((subnetId) => ({
      NetworkAclAssociationId: `aclassoc-${subnetId.replace(/^subnet-/, '')}`,
      NetworkAclId: acl.networkAclId,
      SubnetId: subnetId,
    })),
    Entries: sortEntries(entries).map(emitEntry),
    Tags: acl.tags,
  };
}

interface EmittedPermission {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges: object[];
  Ipv6Ranges: object[];
  PrefixListIds: object[];
  UserIdGroupPairs: object[];
}

const PEER_LISTS = ['IpRanges', 'Ipv6Ranges', 'PrefixListIds', 'UserIdGroupPairs'] as const;

function appendDistinct(into: object[], items: object[]): void {
  const seen = new Set(into.map((item) => JSON.stringify(item)));
  for (const item of items) {
    if (!seen.has(JSON.stringify(item))) into.push(item);
  }
}

/**
 * Rules with the same protocol and ports become one IpPermission with all their peers (each
 * with its own description), which is how DescribeSecurityGroups reports them.
 */
export function mergePermissions(permissions: EmittedPermission[]): EmittedPermission[] {
  const merged = new Map<string, EmittedPermission>();
  for (const permission of permissions) {
    const key = [permission.IpProtocol, permission.FromPort, permission.ToPort].join('|');
    const existing = merged.get(key);
    if (existing === undefined) {
      merged.set(key, {
        ...permission,
        ...Object.fromEntries(PEER_LISTS.map((name) => [name, [...permission[name]]])),
      });
      continue;
    }
    for (const name of PEER_LISTS) appendDistinct(existing[name], permission[name]);
  }
  return [...merged.values()];
}

function emitPermission(context: EmitContext, permission: IacIpPermission): EmittedPermission {
  const description = permission.description;
  return compact({
    IpProtocol: permission.ipProtocol,
    FromPort: permission.fromPort,
    ToPort: permission.toPort,
    IpRanges: permission.cidrIpv4.map((CidrIp) => compact({ CidrIp, Description: description })),
    Ipv6Ranges: permission.cidrIpv6.map((CidrIpv6) =>
      compact({ CidrIpv6, Description: description }),
    ),
    PrefixListIds: permission.prefixListIds.map((PrefixListId) =>
      compact({ PrefixListId, Description: description }),
    ),
    UserIdGroupPairs: permission.groupIds.map((groupId) =>
      groupPair(context, groupId, description),
    ),
  });
}

/** `account/sg-…` names a group of another account; AWS splits it into UserId and GroupId. */
function groupPair(context: EmitContext, groupId: string, description?: string): object {
  const slash = groupId.indexOf('/');
  const userId = slash < 0 ? context.network.accountId : groupId.slice(0, slash);
  const id = slash < 0 ? groupId : groupId.slice(slash + 1);
  return compact({ GroupId: id, UserId: userId, Description: description });
}

/** One `SecurityGroups` item, with the rules declared apart from the group folded in. */
export function emitSecurityGroup(context: EmitContext, group: IacSecurityGroup): object {
  const separate = context.network.securityGroupRules.filter(
    (rule) => rule.groupId === group.groupId,
  );
  const rulesOf = (direction: 'ingress' | 'egress') => {
    const inline = (direction === 'ingress' ? group.ingress : group.egress).map((permission) => ({
      source: group.source,
      permission,
    }));
    const apart = separate.filter((rule) => rule.direction === direction);
    const all = [...inline, ...apart];
    for (const rule of all) notePeerless(context, rule.source, rule.permission);
    return mergePermissions(all.map((rule) => emitPermission(context, rule.permission)));
  };
  return {
    GroupId: group.groupId,
    GroupName: group.groupName,
    Description: group.description,
    VpcId: group.vpcId,
    OwnerId: context.network.accountId,
    IpPermissions: rulesOf('ingress'),
    IpPermissionsEgress: rulesOf('egress'),
    Tags: group.tags,
  };
}

/** A rule whose peer could not be read admits nothing; say so rather than drop it silently. */
function notePeerless(context: EmitContext, source: string, permission: IacIpPermission): void {
  const peers =
    permission.cidrIpv4.length +
    permission.cidrIpv6.length +
    permission.prefixListIds.length +
    permission.groupIds.length;
  if (peers > 0) return;
  context.notes.add(
    'RULE_WITHOUT_PEER',
    source,
    `a ${permission.ipProtocol} rule names no CIDR, prefix list or group that the reader could read (a group named only by name, or an unknown value); it admits nothing here`,
  );
}

/**
 * AWS's default group of a VPC: inbound everything from its own members, outbound everything
 * to `0.0.0.0/0` (and `::/0` in an IPv6 VPC).
 */
export function defaultSecurityGroup(vpc: IacVpc): IacSecurityGroup {
  const all = { ipProtocol: '-1', cidrIpv4: [], cidrIpv6: [], prefixListIds: [], groupIds: [] };
  return {
    source: vpc.source,
    tags: [],
    groupId: vpc.defaultSecurityGroupId,
    groupName: 'default',
    description: 'default VPC security group',
    vpcId: vpc.vpcId,
    isDefault: true,
    ingress: [{ ...all, groupIds: [vpc.defaultSecurityGroupId] }],
    egress: [
      { ...all, cidrIpv4: ['0.0.0.0/0'], cidrIpv6: vpc.ipv6CidrBlocks.length > 0 ? ['::/0'] : [] },
    ],
  };
}
