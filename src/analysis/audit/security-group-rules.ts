import { compileNetworkAcl, compileSecurityGroupRules } from '../../filters/compile.js';
import { describeSecurityGroupRule } from '../../filters/security-group.js';
import { formatCidr } from '../../net/cidr.js';
import { PacketSet } from '../../net/packet-set.js';
import type { Direction, Eni, Network, SecurityGroupRule } from '../../network/types.js';
import { eniBlocks } from '../reach/sides.js';
import { revokeRuleCommand } from './aws-commands.js';
import type { Finding, Severity } from './finding.js';

/**
 * Security group rules that add nothing: on every ENI that carries the group, the rule's packets
 * are admitted by other rules of that ENI's groups. Groups are judged per ENI because the same
 * group sits beside different groups on different ENIs. Of two identical rules only the later
 * one (in the ENI's group order, then rule order) is reported, so revoking it is safe.
 */
export function auditRedundantRules(network: Network): Finding[] {
  const findings: Finding[] = [];
  for (const group of network.securityGroups.values()) {
    const members = network.groupMembers.get(group.id) ?? [];
    if (members.length === 0) continue;
    for (const direction of ['ingress', 'egress'] as const) {
      const rules = direction === 'ingress' ? group.inbound : group.outbound;
      for (const rule of rules) {
        const covering = coveredOnEvery(network, rule, members, direction);
        if (covering !== undefined) findings.push(redundant(rule, covering, members));
      }
    }
  }
  return findings;
}

/** The rules that cover `rule` on every member, or undefined when some ENI needs it. */
function coveredOnEvery(
  network: Network,
  rule: SecurityGroupRule,
  members: readonly Eni[],
  direction: Direction,
): SecurityGroupRule[] | undefined {
  const own = ruleSet(network, rule);
  if (own.isEmpty()) return undefined;
  const covering = new Set<SecurityGroupRule>();
  const seen = new Set<string>();
  for (const eni of members) {
    const key = [...eni.securityGroupIds].sort().join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const ordered = eniRules(network, eni, direction);
    const position = ordered.indexOf(rule);
    const others = ordered.filter(
      (other, i) => other !== rule && !(i > position && ruleSet(network, other).equals(own)),
    );
    const overlapping = others.filter((other) => ruleSet(network, other).overlaps(own));
    const union = PacketSet.unionAll(overlapping.map((other) => ruleSet(network, other)));
    if (!own.isSubsetOf(union)) return undefined;
    for (const other of overlapping) covering.add(other);
  }
  return [...covering];
}

const ruleSets = new WeakMap<SecurityGroupRule, PacketSet>();

/** One rule's packets; rules belong to one Network, so the rule object is the cache key. */
function ruleSet(network: Network, rule: SecurityGroupRule): PacketSet {
  let set = ruleSets.get(rule);
  if (set === undefined) {
    set = compileSecurityGroupRules(network, [rule], rule.direction).simplify();
    ruleSets.set(rule, set);
  }
  return set;
}

function eniRules(network: Network, eni: Eni, direction: Direction): SecurityGroupRule[] {
  return [...new Set(eni.securityGroupIds)].flatMap((id) => {
    const group = network.securityGroups.get(id);
    if (group === undefined) return [];
    return direction === 'ingress' ? group.inbound : group.outbound;
  });
}

function redundant(
  rule: SecurityGroupRule,
  covering: readonly SecurityGroupRule[],
  members: readonly Eni[],
): Finding {
  const by = covering
    .slice(0, 3)
    .map((c) => `${c.groupId} ${c.field} (${describeSecurityGroupRule(c)})`)
    .join(', ');
  const more = covering.length > 3 ? ` and ${covering.length - 3} more` : '';
  // AWS adds "all traffic to 0.0.0.0/0" to every new group; repeated across groups it is normal.
  const defaultEgress =
    rule.direction === 'egress' &&
    rule.protocol === 'all' &&
    rule.peer.kind === 'cidr' &&
    rule.peer.cidr.prefixLength === 0;
  return {
    code: 'SG_RULE_REDUNDANT',
    severity: defaultEgress ? 'info' : 'low',
    resource: rule.groupId,
    rule: { ref: rule.field, summary: describeSecurityGroupRule(rule) },
    message: `on every ENI carrying ${rule.groupId} (${members.map((m) => m.id).join(', ')}), what ${rule.field} admits is already admitted by ${by}${more}, so it changes nothing and hides the real intent.`,
    suggestion: {
      text: `revoke ${rule.field} of ${rule.groupId}`,
      commands: [revokeRuleCommand(rule)],
    },
    related: members.map((m) => m.id),
  };
}

/**
 * Inbound rules open to every address (0.0.0.0/0, ::/0) where the path really exposes the ENI:
 * some address outside the VPC gets past the rule and the subnet's NACL, both ways. A NACL that
 * admits only the VPC closes the exposure, and then nothing is reported.
 * Approximation: routing beyond the VPC is not modelled; an outside address counts as able to
 * arrive whenever the NACL admits it.
 */
export function auditOpenRules(network: Network): Finding[] {
  const findings: Finding[] = [];
  for (const group of network.securityGroups.values()) {
    for (const rule of group.inbound) {
      if (rule.peer.kind !== 'cidr' || rule.peer.cidr.prefixLength !== 0) continue;
      const exposed = (network.groupMembers.get(group.id) ?? [])
        .map((eni) => ({
          eni,
          set: exposure(network, rule, eni),
          vpcCidrs: (network.vpcs.get(eni.vpcId)?.cidrs ?? []).map(formatCidr),
        }))
        .filter((e) => !e.set.isEmpty());
      if (exposed.length > 0) findings.push(openFinding(rule, exposed));
    }
  }
  return findings;
}

function exposure(network: Network, rule: SecurityGroupRule, eni: Eni): PacketSet {
  const subnet = network.subnets.get(eni.subnetId);
  const vpc = network.vpcs.get(eni.vpcId);
  if (subnet === undefined || vpc === undefined) return PacketSet.empty();
  const acl = network.networkAcls.get(subnet.networkAclId);
  let set = compileSecurityGroupRules(network, [rule], 'ingress')
    .intersect(PacketSet.of({ destinations: eniBlocks(eni) }))
    .subtract(PacketSet.of({ sources: [...vpc.cidrs, ...subnet.cidrs] }));
  if (acl !== undefined) {
    set = set
      .intersect(compileNetworkAcl(acl, 'ingress'))
      .intersect(compileNetworkAcl(acl, 'egress').reverse());
  }
  return set.simplify();
}

function openFinding(
  rule: SecurityGroupRule,
  exposed: readonly { eni: Eni; set: PacketSet; vpcCidrs: readonly string[] }[],
): Finding {
  const wide =
    rule.protocol === 'all' || (rule.l4.kind === 'ports' && rule.l4.to - rule.l4.from >= 65535);
  const severity: Severity = wide ? 'high' : 'medium';
  const outside = exposed[0]!.vpcCidrs;
  return {
    code: 'SG_OPEN_TO_WORLD',
    severity,
    resource: rule.groupId,
    rule: { ref: rule.field, summary: describeSecurityGroupRule(rule) },
    message: `${rule.field} admits every address, and the subnet NACLs let addresses from outside the VPC through both ways, so ${exposed.map((e) => e.eni.id).join(', ')} ${exposed.length === 1 ? 'accepts' : 'accept'} ${describeSecurityGroupRule(rule).replace(/ from .*$/, '')} from beyond ${outside.join(', ')}.`,
    suggestion: {
      text: `replace ${rule.field} with rules naming the networks that need access (a CIDR, prefix list or security group)`,
      commands: [revokeRuleCommand(rule)],
    },
    related: exposed.map((e) => e.eni.id),
  };
}
