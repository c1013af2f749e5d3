import { describe, expect, it } from 'vitest';
import {
  aclEntry,
  IDS,
  item,
  privateLinkDocs,
  tcpRule,
} from '../../fixtures/privatelink-network.js';
import { entriesOf, findings, groupOf } from './helpers.js';

describe('audit: target rules admitting clients PrivateLink never delivers', () => {
  it('reports a target group rule naming the consumer subnet instead of the nodes, medium', () => {
    const docs = privateLinkDocs();
    groupOf(docs, IDS.targetSg).IpPermissions = [tcpRule(8443, 8443, ['10.0.1.0/24'])];
    const found = findings(docs, 'TARGET_SG_ADMITS_CLIENTS');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'medium',
      resource: IDS.targetSg,
      rule: { ref: 'IpPermissions[0].IpRanges[0]', summary: 'tcp 8443 from 10.0.1.0/24' },
    });
    expect(found[0]!.related).toEqual([IDS.nlb, IDS.target1Eni, IDS.target2Eni]);
    expect(found[0]!.suggestion.commands[0]).toContain('CidrIp=10.1.1.10/32');
  });

  it('rates it low when the rule also admits direct clients whose address the NLB preserves', () => {
    const docs = privateLinkDocs();
    // One rule (a prefix list) names the consumers and clients inside the provider VPC, which
    // reach the instance targets directly with their address preserved.
    docs.PrefixLists.push({ PrefixListId: 'pl-0c1', AddressFamily: 'IPv4' });
    docs.PrefixListEntries.push({
      PrefixListId: 'pl-0c1',
      Entries: [{ Cidr: '10.0.1.0/24' }, { Cidr: '10.1.20.0/24' }],
    });
    groupOf(docs, IDS.targetSg).IpPermissions = [
      tcpRule(8443, 8443, ['10.1.1.10/32', '10.1.2.10/32']),
      {
        IpProtocol: 'tcp',
        FromPort: 8443,
        ToPort: 8443,
        PrefixListIds: [{ PrefixListId: 'pl-0c1' }],
      },
    ];
    const found = findings(docs, 'TARGET_SG_ADMITS_CLIENTS');
    expect(found.map((f) => [f.rule?.ref, f.severity])).toEqual([
      ['IpPermissions[1].PrefixListIds[0]', 'low'],
    ]);
  });

  it('keeps it medium when the target group does not preserve client addresses', () => {
    const docs = privateLinkDocs();
    docs.PrefixLists.push({ PrefixListId: 'pl-0c1', AddressFamily: 'IPv4' });
    docs.PrefixListEntries.push({
      PrefixListId: 'pl-0c1',
      Entries: [{ Cidr: '10.0.1.0/24' }, { Cidr: '10.1.20.0/24' }],
    });
    groupOf(docs, IDS.targetSg).IpPermissions = [
      tcpRule(8443, 8443, ['10.1.1.10/32', '10.1.2.10/32']),
      {
        IpProtocol: 'tcp',
        FromPort: 8443,
        ToPort: 8443,
        PrefixListIds: [{ PrefixListId: 'pl-0c1' }],
      },
    ];
    item(docs, 'TargetGroupAttributes', IDS.targetGroup).Attributes = [
      { Key: 'preserve_client_ip.enabled', Value: 'false' },
    ];
    expect(findings(docs, 'TARGET_SG_ADMITS_CLIENTS').map((f) => f.severity)).toEqual(['medium']);
  });

  it('does not report a rule that admits the node addresses too', () => {
    const docs = privateLinkDocs();
    groupOf(docs, IDS.targetSg).IpPermissions = [tcpRule(8443, 8443, ['10.0.0.0/15'])];
    expect(findings(docs, 'TARGET_SG_ADMITS_CLIENTS')).toEqual([]);
  });

  it('reports a target subnet NACL entry admitting the consumers instead of the NLB subnets', () => {
    const docs = privateLinkDocs();
    const entries = entriesOf(docs, IDS.targetAcl);
    entries.splice(
      0,
      entries.length,
      ...entries.filter((e) => e.Egress === true || Number(e.RuleNumber) > 32000),
    );
    entries.push(aclEntry(100, false, 'allow', '10.0.0.0/16', [8443, 8443]));
    const found = findings(docs, 'TARGET_NACL_ADMITS_CLIENTS');
    expect(found.map((f) => [f.resource, f.rule?.ref])).toEqual([
      [IDS.targetAcl, 'rule 100 inbound'],
    ]);
    expect(found[0]!.suggestion.commands[0]).toContain('--cidr-block 10.1.1.0/24');
  });

  it('finds no client rule on the targets of the correct network', () => {
    const docs = privateLinkDocs();
    expect(findings(docs, 'TARGET_SG_ADMITS_CLIENTS')).toEqual([]);
    expect(findings(docs, 'TARGET_NACL_ADMITS_CLIENTS')).toEqual([]);
  });
});

describe('audit: node addresses and health checks at the targets', () => {
  it('reports a target refusing the other zone node while cross-zone sends from it', () => {
    const docs = privateLinkDocs();
    groupOf(docs, IDS.targetSg).IpPermissions = [tcpRule(8443, 8443, ['10.1.1.10/32'])];
    const found = findings(docs, 'TARGET_NODE_NOT_ADMITTED');
    expect(found.map((f) => f.resource).sort()).toEqual([IDS.target1Eni, IDS.target2Eni]);
    expect(found.every((f) => f.severity === 'high' && f.message.includes('10.1.2.10'))).toBe(true);
    expect(found.some((f) => f.message.includes('10.1.1.10'))).toBe(false);
    expect(found[0]!.suggestion.commands[0]).toContain('"CidrIp":"10.1.2.10/32"');
  });

  it('does not report the other zone node when cross-zone is off and it never sends there', () => {
    const docs = privateLinkDocs();
    item(docs, 'LoadBalancerAttributes', IDS.nlb).Attributes = [
      { Key: 'load_balancing.cross_zone.enabled', Value: 'false' },
    ];
    const eni2 = item(docs, 'NetworkInterfaces', IDS.target2Eni);
    eni2.Groups = [{ GroupId: 'sg-0a0000000000000a2' }];
    groupOf(docs, IDS.targetSg).IpPermissions = [tcpRule(8443, 8443, ['10.1.1.10/32'])];
    docs.SecurityGroups.push({
      GroupId: 'sg-0a0000000000000a2',
      GroupName: 'targets-az2',
      VpcId: 'vpc-0a0000000000000a1',
      IpPermissions: [tcpRule(8443, 8443, ['10.1.2.10/32'])],
      IpPermissionsEgress: [],
    });
    expect(findings(docs, 'TARGET_NODE_NOT_ADMITTED')).toEqual([]);
    // Health checks still come from every node, whatever the cross-zone setting.
    expect(
      findings(docs, 'HEALTH_CHECK_BLOCKED')
        .map((f) => f.resource)
        .sort(),
    ).toEqual([IDS.target1Eni, IDS.target2Eni]);
  });

  it('reports health checks on a port the filters do not admit', () => {
    const docs = privateLinkDocs();
    Object.assign(item(docs, 'TargetGroups', IDS.targetGroup), { HealthCheckPort: '8080' });
    const found = findings(docs, 'HEALTH_CHECK_BLOCKED');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.message.includes('port 8080'))).toBe(true);
    expect(found.map((f) => f.resource)).toContain(IDS.nlbAcl);
    expect(findings(docs, 'TARGET_NODE_NOT_ADMITTED')).toEqual([]);
  });

  it('reports the NLB subnets without a return rule', () => {
    const docs = privateLinkDocs();
    const entries = entriesOf(docs, IDS.nlbAcl);
    entries.splice(
      0,
      entries.length,
      ...entries.filter((e) => e.Egress === true || Number(e.RuleNumber) > 32000),
    );
    const found = findings(docs, 'NLB_SUBNET_NO_RETURN');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ resource: IDS.nlbAcl, rule: { ref: 'rule * inbound' } });
    expect(found[0]!.suggestion.commands.join('\n')).toContain(
      '--ingress --rule-number 10 --protocol 6 --port-range From=1024,To=65535 --cidr-block 10.1.11.0/24',
    );
  });

  it('reports NLB subnets admitting only part of the ephemeral range as partial', () => {
    const docs = privateLinkDocs();
    for (const entry of entriesOf(docs, IDS.nlbAcl))
      if (entry.Egress === false && entry.PortRange !== undefined)
        entry.PortRange = { From: 32768, To: 65535 };
    const found = findings(docs, 'RETURN_PATH_PARTIAL');
    expect(found.map((f) => [f.resource, f.severity])).toEqual([[IDS.nlbAcl, 'medium']]);
    expect(found[0]!.message).toContain('only on ports 32768-65535');
    // Only the refused part of the range, before the entry that admits the rest.
    expect(found[0]!.suggestion.commands[0]).toContain(
      '--ingress --rule-number 110 --protocol 6 --port-range From=1024,To=32767 --cidr-block 10.1.11.0/24',
    );
  });

  it('finds no leg problem in the correct network', () => {
    const docs = privateLinkDocs();
    for (const code of [
      'TARGET_NODE_NOT_ADMITTED',
      'HEALTH_CHECK_BLOCKED',
      'NLB_SUBNET_NO_RETURN',
      'RETURN_PATH_PARTIAL',
      'RETURN_PATH_BLOCKED',
    ])
      expect(findings(docs, code)).toEqual([]);
  });
});
