import { describe, expect, it } from 'vitest';
import {
  aclEntry,
  IDS,
  item,
  privateLinkDocs,
  tcpRule,
} from '../../fixtures/privatelink-network.js';
import { entriesOf, findings, groupOf } from './helpers.js';

type Json = Record<string, unknown>;

describe('audit: redundant security group rules', () => {
  it('reports a rule contained in another rule of the same group', () => {
    const docs = privateLinkDocs();
    (groupOf(docs, IDS.endpointSg).IpPermissions as Json[]).push(
      tcpRule(443, 443, ['10.0.1.0/25']),
    );
    const found = findings(docs, 'SG_RULE_REDUNDANT');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'low',
      resource: IDS.endpointSg,
      rule: { ref: 'IpPermissions[1].IpRanges[0]', summary: 'tcp 443 from 10.0.1.0/25' },
    });
    expect(found[0]!.suggestion.commands[0]).toBe(
      `aws ec2 revoke-security-group-ingress --group-id ${IDS.endpointSg} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=10.0.1.0/25}]'`,
    );
  });

  it('reports only the later of two identical rules', () => {
    const docs = privateLinkDocs();
    (groupOf(docs, IDS.endpointSg).IpPermissions as Json[]).push(
      tcpRule(443, 443, ['10.0.1.0/24']),
    );
    expect(findings(docs, 'SG_RULE_REDUNDANT').map((f) => f.rule?.ref)).toEqual([
      'IpPermissions[1].IpRanges[0]',
    ]);
  });

  it('keeps a rule that some ENI carrying the group still needs', () => {
    // A second group on target 1 only admits node 1; the shared group's rule for node 1 is
    // covered there but not on target 2, so only the extra group's rule is redundant.
    const docs = privateLinkDocs();
    docs.SecurityGroups.push({
      GroupId: 'sg-0a00000000000extra',
      GroupName: 'extra',
      VpcId: 'vpc-0a0000000000000a1',
      IpPermissions: [tcpRule(8443, 8443, ['10.1.1.10/32'])],
      IpPermissionsEgress: [],
    });
    const eni = item(docs, 'NetworkInterfaces', IDS.target1Eni);
    eni.Groups = [{ GroupId: IDS.targetSg }, { GroupId: 'sg-0a00000000000extra' }];
    const found = findings(docs, 'SG_RULE_REDUNDANT');
    expect(found.map((f) => [f.resource, f.rule?.ref])).toEqual([
      ['sg-0a00000000000extra', 'IpPermissions[0].IpRanges[0]'],
    ]);
  });

  it("rates a repeated 'all traffic to 0.0.0.0/0' egress rule as info", () => {
    const docs = privateLinkDocs();
    docs.SecurityGroups.push({
      GroupId: 'sg-0a00000000000extra',
      GroupName: 'extra',
      VpcId: 'vpc-0a0000000000000a1',
      IpPermissions: [],
      IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    });
    item(docs, 'NetworkInterfaces', IDS.target1Eni).Groups = [
      { GroupId: IDS.targetSg },
      { GroupId: 'sg-0a00000000000extra' },
    ];
    const found = findings(docs, 'SG_RULE_REDUNDANT');
    expect(found.map((f) => [f.resource, f.severity])).toEqual([['sg-0a00000000000extra', 'info']]);
  });

  it('finds no redundant rule in the correct network', () => {
    expect(findings(privateLinkDocs(), 'SG_RULE_REDUNDANT')).toEqual([]);
  });
});

describe('audit: rules open to every address', () => {
  function openSsh() {
    const docs = privateLinkDocs();
    (groupOf(docs, IDS.clientSg).IpPermissions as Json[]).push(tcpRule(22, 22, ['0.0.0.0/0']));
    return docs;
  }

  it('reports 0.0.0.0/0 when the subnet NACL lets outside addresses in and replies out', () => {
    const docs = openSsh();
    entriesOf(docs, IDS.clientAcl).push(
      aclEntry(200, false, 'allow', '0.0.0.0/0', [22, 22]),
      aclEntry(200, true, 'allow', '0.0.0.0/0', [1024, 65535]),
    );
    const found = findings(docs, 'SG_OPEN_TO_WORLD');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'medium',
      resource: IDS.clientSg,
      rule: { ref: 'IpPermissions[0].IpRanges[0]', summary: 'tcp 22 from 0.0.0.0/0' },
      related: [IDS.clientEni],
    });
  });

  it('does not report it when the NACL already admits only the VPC', () => {
    expect(findings(openSsh(), 'SG_OPEN_TO_WORLD')).toEqual([]);
  });

  it('does not report it when the NACL admits outsiders in but never lets the replies out', () => {
    const docs = openSsh();
    entriesOf(docs, IDS.clientAcl).push(aclEntry(200, false, 'allow', '0.0.0.0/0', [22, 22]));
    expect(findings(docs, 'SG_OPEN_TO_WORLD')).toEqual([]);
  });

  it('rates an all-traffic rule open to the world high', () => {
    const docs = privateLinkDocs();
    (groupOf(docs, IDS.clientSg).IpPermissions as Json[]).push({
      IpProtocol: '-1',
      IpRanges: [{ CidrIp: '0.0.0.0/0' }],
    });
    entriesOf(docs, IDS.clientAcl).push(
      aclEntry(200, false, 'allow', '0.0.0.0/0'),
      aclEntry(200, true, 'allow', '0.0.0.0/0'),
    );
    expect(findings(docs, 'SG_OPEN_TO_WORLD').map((f) => f.severity)).toEqual(['high']);
  });
});
