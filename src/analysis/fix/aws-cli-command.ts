import type { Ec2Call } from './ec2-calls.js';

/**
 * An EC2 call as the `aws ec2` command that makes it: what `fix --format aws-cli` prints and what
 * the audit suggests, so both say the same thing the same way.
 */

/** One call as the argument vector of an `aws ec2` command. */
export function cliArgv(call: Ec2Call): string[] {
  const input = call.input;
  const region = call.region === undefined ? [] : ['--region', call.region];
  switch (call.operation) {
    case 'AuthorizeSecurityGroupIngress':
    case 'AuthorizeSecurityGroupEgress':
    case 'RevokeSecurityGroupIngress':
    case 'RevokeSecurityGroupEgress':
      return [
        'aws',
        'ec2',
        kebab(call.operation),
        ...region,
        '--group-id',
        String(input.GroupId),
        '--ip-permissions',
        JSON.stringify(input.IpPermissions),
      ];
    case 'CreateNetworkAclEntry':
    case 'ReplaceNetworkAclEntry':
      return [...aclHead(call, region), ...entryFlags(input)];
    case 'DeleteNetworkAclEntry':
      return aclHead(call, region);
  }
}

function aclHead(call: Ec2Call, region: string[]): string[] {
  const input = call.input;
  return [
    'aws',
    'ec2',
    kebab(call.operation),
    ...region,
    '--network-acl-id',
    String(input.NetworkAclId),
    input.Egress === true ? '--egress' : '--ingress',
    '--rule-number',
    String(input.RuleNumber),
  ];
}

function entryFlags(input: Readonly<Record<string, unknown>>): string[] {
  const flags = ['--protocol', String(input.Protocol)];
  const range = input.PortRange as { From: number; To: number } | undefined;
  if (range !== undefined) flags.push('--port-range', `From=${range.From},To=${range.To}`);
  const icmp = input.IcmpTypeCode as { Type: number; Code: number } | undefined;
  if (icmp !== undefined) flags.push('--icmp-type-code', `Type=${icmp.Type},Code=${icmp.Code}`);
  if (typeof input.CidrBlock === 'string') flags.push('--cidr-block', input.CidrBlock);
  if (typeof input.Ipv6CidrBlock === 'string') flags.push('--ipv6-cidr-block', input.Ipv6CidrBlock);
  flags.push('--rule-action', String(input.RuleAction));
  return flags;
}

/** The argument vector as one shell line; arguments that need it are single-quoted. */
export function commandLine(call: Ec2Call): string {
  return cliArgv(call).map(shellQuote).join(' ');
}

function shellQuote(argument: string): string {
  if (/^[\w@%+=:,./-]+$/.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

function kebab(operation: string): string {
  return operation.replace(/[A-Z]/g, (c, at: number) => (at === 0 ? '' : '-') + c.toLowerCase());
}
