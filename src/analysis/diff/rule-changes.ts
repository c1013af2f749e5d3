import { compileNetworkAcl, compileSecurityGroupRules } from '../../filters/compile.js';
import { describeSecurityGroupRule } from '../../filters/security-group.js';
import { formatCidr } from '../../net/cidr.js';
import type { PacketSet } from '../../net/packet-set.js';
import { formatProtocol } from '../../net/protocol.js';
import type {
  Direction,
  Network,
  NetworkAcl,
  NetworkAclEntry,
  SecurityGroup,
  SecurityGroupRule,
} from '../../network/types.js';
import { describeResources } from './resource-fields.js';

/**
 * One difference between the two snapshots' configuration: a security group rule added or
 * removed, a network ACL entry added, removed or changed under its rule number, or a field of
 * another resource on a path (an ENI's groups, a subnet's NACL, a listener, a target group).
 */
export interface RuleChange {
  /** Stable key, for linking flows to changes in JSON and SARIF. */
  readonly id: string;
  readonly kind: 'security-group-rule' | 'network-acl-entry' | 'resource';
  /** The group, NACL or resource ID (an ARN for load balancers and target groups). */
  readonly component: string;
  readonly direction: Direction | null;
  /** The NACL rule number, for NACL entries. */
  readonly ruleNumber: number | null;
  readonly change: 'added' | 'removed' | 'changed';
  /** The rule or value in --before, as AWS's console words it; null when added. */
  readonly before: string | null;
  /** The rule or value in --after; null when removed. */
  readonly after: string | null;
  /** Where it sits in the describe output of the side holding it: `Entries[3]`. */
  readonly field: string | null;
}

/** A change and the request packets it can decide (absent when it is not a filter rule). */
export interface ChangeDetail {
  readonly change: RuleChange;
  /** Request packets (client to server) the rule matches, on whichever side holds it. */
  readonly matches: PacketSet | undefined;
  /** True when the rule judges replies, so a flow is compared reversed. */
  readonly judgesReplies: boolean;
}

/**
 * Every configuration difference between two networks. Security group rules are compared per
 * group and direction by what they match (protocol, ports, peer), so a reordered or re-described
 * rule is no change; NACL entries per NACL, direction and rule number, AWS's identity for them.
 */
export function diffRules(before: Network, after: Network): ChangeDetail[] {
  return [
    ...diffSecurityGroups(before, after),
    ...diffNetworkAcls(before, after),
    ...diffResources(before, after),
  ];
}

function diffSecurityGroups(before: Network, after: Network): ChangeDetail[] {
  const out: ChangeDetail[] = [];
  for (const id of unionKeys(before.securityGroups, after.securityGroups)) {
    for (const direction of ['ingress', 'egress'] as const) {
      const old = rulesByText(before.securityGroups.get(id), direction);
      const now = rulesByText(after.securityGroups.get(id), direction);
      for (const [text, rule] of old)
        if (!now.has(text)) out.push(groupRuleChange(before, rule, 'removed'));
      for (const [text, rule] of now)
        if (!old.has(text)) out.push(groupRuleChange(after, rule, 'added'));
    }
  }
  return out;
}

function rulesByText(group: SecurityGroup | undefined, direction: Direction) {
  const rules = direction === 'ingress' ? group?.inbound : group?.outbound;
  return new Map((rules ?? []).map((rule) => [describeSecurityGroupRule(rule), rule]));
}

function groupRuleChange(
  network: Network,
  rule: SecurityGroupRule,
  change: 'added' | 'removed',
): ChangeDetail {
  const text = describeSecurityGroupRule(rule);
  return {
    change: {
      id: `${rule.groupId} ${rule.direction} ${text}`,
      kind: 'security-group-rule',
      component: rule.groupId,
      direction: rule.direction,
      ruleNumber: null,
      change,
      before: change === 'removed' ? text : null,
      after: change === 'added' ? text : null,
      field: rule.field,
    },
    matches: compileSecurityGroupRules(network, [rule], rule.direction),
    judgesReplies: false,
  };
}

function diffNetworkAcls(before: Network, after: Network): ChangeDetail[] {
  const out: ChangeDetail[] = [];
  for (const id of unionKeys(before.networkAcls, after.networkAcls)) {
    for (const direction of ['ingress', 'egress'] as const) {
      const old = entriesByNumber(before.networkAcls.get(id), direction);
      const now = entriesByNumber(after.networkAcls.get(id), direction);
      for (const number of [...new Set([...old.keys(), ...now.keys()])].sort((a, b) => a - b)) {
        const a = old.get(number);
        const b = now.get(number);
        const textA = a === undefined ? null : describeEntry(a);
        const textB = b === undefined ? null : describeEntry(b);
        if (textA === textB) continue;
        out.push(entryChange(id, direction, { number, a, b, textA, textB }, before, after));
      }
    }
  }
  return out;
}

function entriesByNumber(acl: NetworkAcl | undefined, direction: Direction) {
  const entries = direction === 'ingress' ? acl?.inbound : acl?.outbound;
  return new Map((entries ?? []).map((entry) => [entry.ruleNumber, entry]));
}

/** `allow tcp 443 from 10.0.1.0/24`, as the console lists an entry. */
export function describeEntry(entry: NetworkAclEntry): string {
  const where = entry.egress ? 'to' : 'from';
  const l4 =
    entry.l4.kind === 'ports'
      ? entry.l4.from === entry.l4.to
        ? ` ${entry.l4.from}`
        : ` ${entry.l4.from}-${entry.l4.to}`
      : entry.l4.kind === 'icmp' && entry.l4.type !== undefined
        ? ` type ${entry.l4.type}${entry.l4.code === undefined ? '' : ` code ${entry.l4.code}`}`
        : '';
  return `${entry.action} ${formatProtocol(entry.protocol)}${l4} ${where} ${formatCidr(entry.cidr)}`;
}

interface EntryPair {
  readonly number: number;
  readonly a: NetworkAclEntry | undefined;
  readonly b: NetworkAclEntry | undefined;
  readonly textA: string | null;
  readonly textB: string | null;
}

function entryChange(
  aclId: string,
  direction: Direction,
  pair: EntryPair,
  before: Network,
  after: Network,
): ChangeDetail {
  const sets: PacketSet[] = [];
  if (pair.a !== undefined) sets.push(entryMatches(before, aclId, pair.a, direction));
  if (pair.b !== undefined) sets.push(entryMatches(after, aclId, pair.b, direction));
  const matches = sets.length === 2 ? sets[0]!.union(sets[1]!) : sets[0];
  return {
    change: {
      id: `${aclId} ${direction} ${pair.number}`,
      kind: 'network-acl-entry',
      component: aclId,
      direction,
      ruleNumber: pair.number,
      change: pair.a === undefined ? 'added' : pair.b === undefined ? 'removed' : 'changed',
      before: pair.textA,
      after: pair.textB,
      field: (pair.b ?? pair.a)!.field,
    },
    matches,
    // Both directions of a NACL see requests of some flows and replies of others; the caller
    // tries the flow both ways.
    judgesReplies: true,
  };
}

/** What one entry matches, whatever its action: the entry alone, compiled as an allow. */
function entryMatches(
  network: Network,
  aclId: string,
  entry: NetworkAclEntry,
  direction: Direction,
): PacketSet {
  const acl = network.networkAcls.get(aclId)!;
  const alone: NetworkAcl = {
    ...acl,
    inbound: direction === 'ingress' ? [{ ...entry, action: 'allow' }] : [],
    outbound: direction === 'egress' ? [{ ...entry, action: 'allow' }] : [],
  };
  return compileNetworkAcl(alone, direction);
}

function diffResources(before: Network, after: Network): ChangeDetail[] {
  const old = describeResources(before);
  const now = describeResources(after);
  const out: ChangeDetail[] = [];
  for (const id of unionKeys(old, now)) {
    const a = old.get(id);
    const b = now.get(id);
    for (const field of [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])]) {
      const va = a?.[field] ?? null;
      const vb = b?.[field] ?? null;
      if (va === vb) continue;
      out.push({
        change: {
          id: `${id} ${field}`,
          kind: 'resource',
          component: id,
          direction: null,
          ruleNumber: null,
          change: va === null ? 'added' : vb === null ? 'removed' : 'changed',
          before: va,
          after: vb,
          field,
        },
        matches: undefined,
        judgesReplies: false,
      });
    }
  }
  return out;
}

function unionKeys<K>(a: ReadonlyMap<K, unknown>, b: ReadonlyMap<K, unknown>): K[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort(compareText);
}

/** Code-unit order, so output never depends on the machine's locale. */
export function compareText(a: unknown, b: unknown): number {
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
