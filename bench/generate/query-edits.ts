/**
 * Single-rule edits for the "edit, then re-query" benchmark: half remove an existing SG rule or
 * NACL entry, half add one (a new SG rule, or a NACL entry under an unused rule number).
 */
import { TCP_PORTS } from './catalog.js';
import type { NaclEntry, NetworkAcl, NetworkModel, SecurityGroup, SgRule } from './model.js';
import type { Rng } from './prng.js';
import type { NaclEntrySpec, RuleEdit, SgRuleSpec } from './queries.js';

function sgRuleSpec(rule: SgRule): SgRuleSpec {
  const p = rule.peer;
  const peer =
    p.kind === 'cidr4'
      ? { CidrIp: p.cidr }
      : p.kind === 'cidr6'
        ? { CidrIpv6: p.cidr }
        : p.kind === 'prefix-list'
          ? { PrefixListId: p.prefixListId }
          : { GroupId: p.groupId };
  return {
    IpProtocol: rule.protocol,
    ...(rule.fromPort === undefined ? {} : { FromPort: rule.fromPort, ToPort: rule.toPort }),
    ...peer,
  };
}

function naclEntrySpec(entry: NaclEntry): NaclEntrySpec {
  return {
    RuleNumber: entry.ruleNumber,
    Egress: entry.egress,
    Protocol: entry.protocol,
    RuleAction: entry.action,
    ...(entry.cidr4 ? { CidrBlock: entry.cidr4 } : { Ipv6CidrBlock: entry.cidr6 }),
    ...(entry.ports ? { PortRange: { From: entry.ports.from, To: entry.ports.to } } : {}),
    ...(entry.icmp ? { IcmpTypeCode: { Type: entry.icmp.type, Code: entry.icmp.code } } : {}),
  };
}

function sgEdit(rng: Rng, model: NetworkModel, groups: SecurityGroup[]): RuleEdit {
  const group = rng.pick(groups);
  if (group.rules.length > 0 && rng.chance(0.5)) {
    const rule = rng.pick(group.rules);
    return {
      kind: 'security-group',
      action: 'remove',
      groupId: group.groupId,
      direction: rule.egress ? 'egress' : 'ingress',
      rule: sgRuleSpec(rule),
    };
  }
  const port = rng.pick(TCP_PORTS);
  const vpc = model.vpcs.find((v) => v.vpcId === group.vpcId)!;
  return {
    kind: 'security-group',
    action: 'add',
    groupId: group.groupId,
    direction: 'ingress',
    rule: {
      IpProtocol: 'tcp',
      FromPort: port,
      ToPort: port,
      ...(rng.chance(0.5) ? { CidrIp: vpc.cidr } : { GroupId: group.groupId }),
    },
  };
}

function naclEdit(rng: Rng, acls: NetworkAcl[]): RuleEdit {
  const acl = rng.pick(acls);
  const user = acl.entries.filter((e) => e.ruleNumber < 32767);
  if (user.length > 0 && rng.chance(0.5)) {
    return {
      kind: 'network-acl',
      action: 'remove',
      networkAclId: acl.networkAclId,
      entry: naclEntrySpec(rng.pick(user)),
    };
  }
  const egress = rng.chance(0.5);
  const taken = new Set(user.filter((e) => e.egress === egress).map((e) => e.ruleNumber));
  let ruleNumber = rng.int(1, 32766);
  while (taken.has(ruleNumber)) ruleNumber = rng.int(1, 32766);
  const port = rng.pick(TCP_PORTS);
  return {
    kind: 'network-acl',
    action: 'add',
    networkAclId: acl.networkAclId,
    entry: {
      RuleNumber: ruleNumber,
      Egress: egress,
      Protocol: '6',
      RuleAction: rng.chance(0.5) ? 'allow' : 'deny',
      CidrBlock: '10.0.0.0/8',
      PortRange: { From: port, To: port },
    },
  };
}

/** `count` edits, two thirds on security groups and one third on NACLs. */
export function drawEdits(rng: Rng, model: NetworkModel, count: number): RuleEdit[] {
  const groups = model.securityGroups;
  const acls = model.networkAcls.filter((a) => !a.isDefault);
  return Array.from({ length: count }, () =>
    acls.length === 0 || rng.chance(2 / 3) ? sgEdit(rng, model, groups) : naclEdit(rng, acls),
  );
}
