import { type Cidr, formatCidr } from '../../net/cidr.js';
import type { PortRange } from '../../net/port-range.js';
import type { Protocol } from '../../net/protocol.js';
import type {
  L4Match,
  NetworkAcl,
  NetworkAclEntry,
  SecurityGroupRule,
} from '../../network/types.js';

/**
 * AWS CLI commands for the changes the audit suggests, in the CLI's shorthand syntax, so a
 * reader can paste them. They follow the parameters of `aws ec2` and `aws elbv2` as documented.
 */

/** `allow tcp 443 from 10.0.1.0/24`: a NACL entry as the console lists it. */
export function describeAclEntry(entry: NetworkAclEntry): string {
  const where = entry.egress ? 'to' : 'from';
  return `${entry.action} ${protocolName(entry.protocol)}${l4Text(entry.l4)} ${where} ${formatCidr(entry.cidr)}`;
}

/** `rule 100 inbound`: how a NACL entry is referred to. */
export function aclEntryRef(entry: NetworkAclEntry): string {
  return `rule ${entry.ruleNumber} ${entry.egress ? 'outbound' : 'inbound'}`;
}

/** `aws ec2 delete-network-acl-entry` for one entry. */
export function deleteAclEntryCommand(aclId: string, entry: NetworkAclEntry): string {
  return `aws ec2 delete-network-acl-entry --network-acl-id ${aclId} --rule-number ${entry.ruleNumber} ${entry.egress ? '--egress' : '--ingress'}`;
}

/** A new NACL entry: which way, its number, and what it allows. */
export interface AclEntryChange {
  readonly aclId: string;
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly protocol: Protocol;
  readonly ports?: PortRange;
  readonly cidr: Cidr | string;
  readonly action?: 'allow' | 'deny';
  /** `replace` rewrites an existing entry with the same number. */
  readonly verb?: 'create' | 'replace';
}

/** `aws ec2 create-network-acl-entry` (or `replace-…`) for a new allow or deny entry. */
export function aclEntryCommand(change: AclEntryChange): string {
  const cidr = typeof change.cidr === 'string' ? change.cidr : formatCidr(change.cidr);
  const family = cidr.includes(':') ? '--ipv6-cidr-block' : '--cidr-block';
  const ports =
    change.ports === undefined || (change.protocol !== 6 && change.protocol !== 17)
      ? ''
      : ` --port-range From=${change.ports.from},To=${change.ports.to}`;
  return [
    `aws ec2 ${change.verb ?? 'create'}-network-acl-entry --network-acl-id ${change.aclId}`,
    `--rule-number ${change.ruleNumber} ${change.egress ? '--egress' : '--ingress'}`,
    `--protocol ${change.protocol === 'all' ? '-1' : change.protocol}${ports}`,
    `${family} ${cidr} --rule-action ${change.action ?? 'allow'}`,
  ].join(' ');
}

/** The `--ip-permissions` shorthand of one security group rule. */
export function ipPermission(rule: SecurityGroupRule): string {
  const parts = [`IpProtocol=${rule.protocol === 'all' ? '-1' : protocolName(rule.protocol)}`];
  parts.push(...l4Fields(rule.l4));
  const peer = rule.peer;
  if (peer.kind === 'cidr') {
    const text = formatCidr(peer.cidr);
    parts.push(
      text.includes(':') ? `Ipv6Ranges=[{CidrIpv6=${text}}]` : `IpRanges=[{CidrIp=${text}}]`,
    );
  } else if (peer.kind === 'prefix-list') {
    parts.push(`PrefixListIds=[{PrefixListId=${peer.prefixListId}}]`);
  } else {
    const owner = peer.userId === undefined ? '' : `,UserId=${peer.userId}`;
    parts.push(`UserIdGroupPairs=[{GroupId=${peer.groupId}${owner}}]`);
  }
  return parts.join(',');
}

/** `aws ec2 revoke-security-group-ingress` (or `-egress`) removing exactly one rule. */
export function revokeRuleCommand(rule: SecurityGroupRule): string {
  const verb = rule.direction === 'ingress' ? 'ingress' : 'egress';
  return `aws ec2 revoke-security-group-${verb} --group-id ${rule.groupId} --ip-permissions '${ipPermission(rule)}'`;
}

/** Admits TCP (or UDP) on one port from some CIDRs, as one inbound permission. */
export function authorizeIngressCommand(
  groupId: string,
  protocol: number,
  ports: PortRange,
  cidrs: readonly string[],
): string {
  const name = protocol === 17 ? 'udp' : 'tcp';
  const ranges = cidrs.map((c) => `{CidrIp=${c}}`).join(',');
  return `aws ec2 authorize-security-group-ingress --group-id ${groupId} --ip-permissions 'IpProtocol=${name},FromPort=${ports.from},ToPort=${ports.to},IpRanges=[${ranges}]'`;
}

function protocolName(protocol: Protocol): string {
  if (protocol === 'all') return 'all';
  const names: Record<number, string> = { 6: 'tcp', 17: 'udp', 1: 'icmp', 58: 'icmpv6' };
  return names[protocol] ?? String(protocol);
}

function l4Text(l4: L4Match): string {
  if (l4.kind === 'ports') {
    if (l4.from === 0 && l4.to === 65535) return ' all ports';
    return l4.from === l4.to ? ` ${l4.from}` : ` ${l4.from}-${l4.to}`;
  }
  if (l4.kind === 'icmp' && l4.type !== undefined)
    return l4.code === undefined ? ` type ${l4.type}` : ` type ${l4.type} code ${l4.code}`;
  return '';
}

function l4Fields(l4: L4Match): string[] {
  if (l4.kind === 'ports') return [`FromPort=${l4.from}`, `ToPort=${l4.to}`];
  if (l4.kind === 'icmp') return [`FromPort=${l4.type ?? -1}`, `ToPort=${l4.code ?? -1}`];
  return [];
}

/**
 * A rule number for a new entry: the lowest multiple of 10 from 100 that no entry of that
 * direction uses, leaving room on both sides. Entries below still decide first, so the caller
 * says when a lower deny would hide the new entry.
 */
export function freeRuleNumber(acl: NetworkAcl, egress: boolean): number {
  const used = new Set((egress ? acl.outbound : acl.inbound).map((e) => e.ruleNumber));
  let n = 100;
  while (used.has(n) || used.has(n + 1)) n += 10;
  return n;
}
