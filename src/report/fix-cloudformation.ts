import { stringify } from 'yaml';
import type { FixChange, FixResult } from '../analysis/fix/types.js';
import { describeQuestion } from './fix-aws-cli.js';

/**
 * The fix as CloudFormation: one YAML template per account and Region (a stack lives in one),
 * separated by `---`, with an `AWS::EC2::SecurityGroupIngress`, `AWS::EC2::SecurityGroupEgress`
 * or `AWS::EC2::NetworkAclEntry` resource per change, naming existing resources by ID.
 */
export function renderFixCloudFormation(result: FixResult): string {
  const byPlace = new Map<string, FixChange[]>();
  for (const change of result.changes) {
    const place = [change.account, change.region].filter(Boolean).join(' ') || 'unknown';
    byPlace.set(place, [...(byPlace.get(place) ?? []), change]);
  }
  const documents = [...byPlace].map(([place, changes]) => {
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `vpcreach fix: ${describeQuestion(result)} (account ${place})`,
      Resources: Object.fromEntries(changes.map((c, i) => [`VpcreachFix${i + 1}`, resourceOf(c)])),
    };
    // Quoted, as AWS's own templates write it: some YAML readers take a bare date for a date.
    const yaml = stringify(template, { lineWidth: 0 }).replace(
      /^AWSTemplateFormatVersion: 2010-09-09$/m,
      'AWSTemplateFormatVersion: "2010-09-09"',
    );
    return `# account ${place}\n${yaml}`;
  });
  if (documents.length === 0) return '# vpcreach fix: no rule change is needed or possible\n';
  return documents.join('---\n');
}

function resourceOf(change: FixChange): Record<string, unknown> {
  const Metadata = { Why: change.why };
  if (change.kind === 'network-acl-entry') {
    const { rule } = change;
    return {
      Type: 'AWS::EC2::NetworkAclEntry',
      Metadata,
      Properties: {
        NetworkAclId: rule.networkAclId,
        RuleNumber: rule.ruleNumber,
        Protocol: Number(rule.protocol),
        RuleAction: rule.action,
        Egress: rule.egress,
        [rule.cidr.includes(':') ? 'Ipv6CidrBlock' : 'CidrBlock']: rule.cidr,
        PortRange: { From: rule.fromPort, To: rule.toPort },
      },
    };
  }
  const { rule } = change;
  const ingress = change.direction === 'ingress';
  const peer =
    rule.peer.kind === 'security-group'
      ? {
          [ingress ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId']: rule.peer.groupId,
          ...(ingress && rule.peer.userId ? { SourceSecurityGroupOwnerId: rule.peer.userId } : {}),
        }
      : { [rule.peer.cidr.includes(':') ? 'CidrIpv6' : 'CidrIp']: rule.peer.cidr };
  return {
    Type: ingress ? 'AWS::EC2::SecurityGroupIngress' : 'AWS::EC2::SecurityGroupEgress',
    Metadata,
    Properties: {
      GroupId: rule.groupId,
      IpProtocol: rule.ipProtocol,
      FromPort: rule.fromPort,
      ToPort: rule.toPort,
      ...peer,
      Description: rule.description,
    },
  };
}
