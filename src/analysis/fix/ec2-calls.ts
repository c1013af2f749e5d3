import type { FixChange, NetworkAclEntrySpec, SecurityGroupRuleSpec } from './types.js';

/** The EC2 API operations a fix uses, named as the SDK names them. */
export type Ec2Operation =
  | 'AuthorizeSecurityGroupIngress'
  | 'AuthorizeSecurityGroupEgress'
  | 'RevokeSecurityGroupIngress'
  | 'RevokeSecurityGroupEgress'
  | 'CreateNetworkAclEntry'
  | 'ReplaceNetworkAclEntry'
  | 'DeleteNetworkAclEntry';

/** One EC2 API call with its input in the SDK's (and the API's) member names. */
export interface Ec2Call {
  readonly operation: Ec2Operation;
  readonly input: Readonly<Record<string, unknown>>;
  /** The Region to call, when the snapshot says which one owns the resource. */
  readonly region?: string;
  readonly account?: string;
}

/** The `IpPermissions` item that holds exactly one rule. */
export function ipPermissionOf(spec: SecurityGroupRuleSpec): Record<string, unknown> {
  const base = { IpProtocol: spec.ipProtocol, FromPort: spec.fromPort, ToPort: spec.toPort };
  const { peer, description: Description } = spec;
  if (peer.kind === 'security-group') {
    const pair = { GroupId: peer.groupId, ...(peer.userId ? { UserId: peer.userId } : {}) };
    return { ...base, UserIdGroupPairs: [{ ...pair, Description }] };
  }
  if (peer.cidr.includes(':'))
    return { ...base, Ipv6Ranges: [{ CidrIpv6: peer.cidr, Description }] };
  return { ...base, IpRanges: [{ CidrIp: peer.cidr, Description }] };
}

/** The call that makes a change. */
export function callOf(change: FixChange): Ec2Call {
  const where = placeOf(change);
  if (change.kind === 'security-group-rule') {
    const operation =
      change.direction === 'ingress'
        ? 'AuthorizeSecurityGroupIngress'
        : 'AuthorizeSecurityGroupEgress';
    const input = { GroupId: change.rule.groupId, IpPermissions: [ipPermissionOf(change.rule)] };
    return { operation, input, ...where };
  }
  const operation =
    change.rule.operation === 'replace' ? 'ReplaceNetworkAclEntry' : 'CreateNetworkAclEntry';
  return { operation, input: entryInput(change.rule), ...where };
}

/** The call that takes a change back: revoke the rule, delete the entry, or restore it. */
export function inverseOf(change: FixChange): Ec2Call {
  const where = placeOf(change);
  if (change.kind === 'security-group-rule') {
    const operation =
      change.direction === 'ingress' ? 'RevokeSecurityGroupIngress' : 'RevokeSecurityGroupEgress';
    const input = { GroupId: change.rule.groupId, IpPermissions: [ipPermissionOf(change.rule)] };
    return { operation, input, ...where };
  }
  const { rule } = change;
  if (rule.operation === 'replace' && rule.previous !== undefined) {
    return { operation: 'ReplaceNetworkAclEntry', input: restoreInput(rule), ...where };
  }
  const input = {
    NetworkAclId: rule.networkAclId,
    RuleNumber: rule.ruleNumber,
    Egress: rule.egress,
  };
  return { operation: 'DeleteNetworkAclEntry', input, ...where };
}

function entryInput(rule: NetworkAclEntrySpec): Record<string, unknown> {
  return {
    NetworkAclId: rule.networkAclId,
    RuleNumber: rule.ruleNumber,
    Protocol: rule.protocol,
    RuleAction: rule.action,
    Egress: rule.egress,
    ...(rule.cidr.includes(':') ? { Ipv6CidrBlock: rule.cidr } : { CidrBlock: rule.cidr }),
    PortRange: { From: rule.fromPort, To: rule.toPort },
  };
}

function restoreInput(rule: NetworkAclEntrySpec): Record<string, unknown> {
  const previous = rule.previous ?? {};
  const keep = [
    'Protocol',
    'RuleAction',
    'CidrBlock',
    'Ipv6CidrBlock',
    'PortRange',
    'IcmpTypeCode',
  ];
  const fields = Object.fromEntries(Object.entries(previous).filter(([key]) => keep.includes(key)));
  return {
    NetworkAclId: rule.networkAclId,
    RuleNumber: rule.ruleNumber,
    Egress: rule.egress,
    ...fields,
  };
}

function placeOf(change: FixChange): { region?: string; account?: string } {
  return {
    ...(change.region === undefined ? {} : { region: change.region }),
    ...(change.account === undefined ? {} : { account: change.account }),
  };
}
