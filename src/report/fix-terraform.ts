import type { FixChange, FixResult } from '../analysis/fix/types.js';
import { describeQuestion } from './fix-aws-cli.js';

type Value = string | number | boolean;

/**
 * The fix as Terraform: one `aws_vpc_security_group_ingress_rule` / `_egress_rule` or
 * `aws_network_acl_rule` per change, naming the existing groups and ACLs by their IDs. Changes of
 * different accounts need different providers; each block says which account it belongs to.
 */
export function renderFixTerraform(result: FixResult): string {
  const blocks = [`# vpcreach fix: ${describeQuestion(result)}`];
  result.changes.forEach((change, index) => {
    blocks.push(block(change, `vpcreach_fix_${index + 1}`));
  });
  for (const step of result.manual) blocks.push(`# manual: ${step.what}`);
  return `${blocks.join('\n\n')}\n`;
}

function block(change: FixChange, name: string): string {
  const where = [change.account && `account ${change.account}`, change.region].filter(Boolean);
  const comments = [`# ${change.why}`];
  if (where.length > 0) comments.push(`# ${where.join(', ')}`);
  if (change.kind === 'network-acl-entry' && change.rule.operation === 'replace') {
    comments.push(`# replaces entry ${change.rule.ruleNumber}: remove its definition first`);
  }
  const [type, attributes] = resourceOf(change);
  const width = Math.max(...attributes.map(([key]) => key.length));
  const body = attributes.map(([key, value]) => `  ${key.padEnd(width)} = ${literal(value)}`);
  return [...comments, `resource "${type}" "${name}" {`, ...body, '}'].join('\n');
}

function resourceOf(change: FixChange): [string, [string, Value][]] {
  if (change.kind === 'security-group-rule') {
    const { rule } = change;
    const peer: [string, Value] =
      rule.peer.kind === 'security-group'
        ? ['referenced_security_group_id', rule.peer.groupId]
        : [rule.peer.cidr.includes(':') ? 'cidr_ipv6' : 'cidr_ipv4', rule.peer.cidr];
    return [
      `aws_vpc_security_group_${change.direction}_rule`,
      [
        ['security_group_id', rule.groupId],
        ['ip_protocol', rule.ipProtocol],
        ['from_port', rule.fromPort],
        ['to_port', rule.toPort],
        peer,
        ['description', rule.description],
      ],
    ];
  }
  const { rule } = change;
  return [
    'aws_network_acl_rule',
    [
      ['network_acl_id', rule.networkAclId],
      ['rule_number', rule.ruleNumber],
      ['egress', rule.egress],
      ['protocol', rule.protocol],
      ['rule_action', rule.action],
      [rule.cidr.includes(':') ? 'ipv6_cidr_block' : 'cidr_block', rule.cidr],
      ['from_port', rule.fromPort],
      ['to_port', rule.toPort],
    ],
  ];
}

function literal(value: Value): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
