import { describe, expect, it } from 'vitest';
import { IDS, item, privateLinkDocs, withNlbGroup } from '../../fixtures/privatelink-network.js';
import { entriesOf, findings } from './helpers.js';

describe('audit: consumer return paths', () => {
  it('reports the client NACL admitting replies on only part of the ephemeral range', () => {
    const docs = privateLinkDocs();
    for (const entry of entriesOf(docs, IDS.clientAcl))
      if (entry.Egress === false && entry.PortRange !== undefined)
        entry.PortRange = { From: 32768, To: 65535 };
    const found = findings(docs, 'RETURN_PATH_PARTIAL');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'medium',
      resource: IDS.clientAcl,
      rule: { ref: 'rule 100 inbound', summary: 'allow tcp 32768-65535 from 10.0.8.0/21' },
    });
    expect(found[0]!.message).toContain('only on client ports 32768-65535');
    expect(found[0]!.related).toEqual([IDS.endpoint, IDS.clientEni]);
    // What `vpcreach fix` proposes: exactly the refused ports, from each endpoint subnet.
    expect(found[0]!.suggestion.commands).toEqual([
      `aws ec2 create-network-acl-entry --network-acl-id ${IDS.clientAcl} --ingress --rule-number 110 --protocol 6 --port-range From=1024,To=32767 --cidr-block 10.0.11.0/24 --rule-action allow`,
      `aws ec2 create-network-acl-entry --network-acl-id ${IDS.clientAcl} --ingress --rule-number 120 --protocol 6 --port-range From=1024,To=32767 --cidr-block 10.0.12.0/24 --rule-action allow`,
    ]);
  });

  it('reports the endpoint NACL dropping every reply as a blocked return path', () => {
    const docs = privateLinkDocs();
    const entries = entriesOf(docs, IDS.endpointAcl);
    entries.splice(
      0,
      entries.length,
      ...entries.filter((e) => e.Egress === false || Number(e.RuleNumber) > 32000),
    );
    const found = findings(docs, 'RETURN_PATH_BLOCKED');
    expect(found.map((f) => [f.resource, f.rule?.ref, f.severity])).toEqual([
      [IDS.endpointAcl, 'rule * outbound', 'high'],
    ]);
    expect(found[0]!.suggestion.commands[0]).toContain(
      `--network-acl-id ${IDS.endpointAcl} --egress --rule-number 10 --protocol 6 --port-range From=1024,To=65535 --cidr-block 10.0.1.0/24`,
    );
  });

  it('gives each new return entry its own rule number when several subnets need one', () => {
    const docs = privateLinkDocs();
    const entries = entriesOf(docs, IDS.clientAcl);
    entries.splice(
      0,
      entries.length,
      ...entries.filter((e) => e.Egress === true || Number(e.RuleNumber) > 32000),
    );
    const found = findings(docs, 'RETURN_PATH_BLOCKED');
    expect(found.map((f) => f.resource)).toEqual([IDS.clientAcl]);
    const numbers = found[0]!.suggestion.commands.map((c) => /--rule-number (\d+)/.exec(c)?.[1]);
    expect(numbers).toEqual(['10', '20']);
    expect(found[0]!.suggestion.commands.join('\n')).toContain('--cidr-block 10.0.12.0/24');
  });

  it('does not report the return path of a client whose request never reaches the endpoint', () => {
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.clientSg).IpPermissionsEgress = [];
    for (const entry of entriesOf(docs, IDS.clientAcl))
      if (entry.Egress === false && entry.PortRange !== undefined)
        entry.PortRange = { From: 32768, To: 65535 };
    expect(findings(docs, 'RETURN_PATH_PARTIAL')).toEqual([]);
  });
});

describe('audit: endpoint and load balancer configuration', () => {
  it("reports an endpoint created without groups, which gets the VPC's default group", () => {
    const docs = privateLinkDocs();
    item(docs, 'VpcEndpoints', IDS.endpoint).Groups = [];
    for (const id of [IDS.endpointEni1, IDS.endpointEni2])
      item(docs, 'NetworkInterfaces', id).Groups = [{ GroupId: 'sg-0c00000000000def1' }];
    const found = findings(docs, 'ENDPOINT_DEFAULT_SECURITY_GROUP');
    expect(found.map((f) => [f.resource, f.severity])).toEqual([[IDS.endpoint, 'medium']]);
    expect(found[0]!.suggestion.commands[0]).toContain(
      '--remove-security-group-ids sg-0c00000000000def1',
    );
    expect(findings(privateLinkDocs(), 'ENDPOINT_DEFAULT_SECURITY_GROUP')).toEqual([]);
  });

  it('reports an NLB without security groups, and not one created with them', () => {
    expect(
      findings(privateLinkDocs(), 'NLB_WITHOUT_SECURITY_GROUPS').map((f) => f.resource),
    ).toEqual([IDS.nlb]);
    const docs = privateLinkDocs();
    withNlbGroup(
      docs,
      [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }],
      [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    );
    expect(findings(docs, 'NLB_WITHOUT_SECURITY_GROUPS')).toEqual([]);
  });

  it('reports cross-zone off with a zone that has no registered target', () => {
    const docs = privateLinkDocs();
    item(docs, 'LoadBalancerAttributes', IDS.nlb).Attributes = [
      { Key: 'load_balancing.cross_zone.enabled', Value: 'false' },
    ];
    const health = item(docs, 'LoadBalancerTargetHealth', IDS.targetGroup);
    health.TargetHealthDescriptions = (
      health.TargetHealthDescriptions as { Target: { Id: string } }[]
    ).filter((d) => d.Target.Id !== IDS.target2);
    const found = findings(docs, 'CROSS_ZONE_OFF_ZONE_WITHOUT_HEALTHY_TARGET');
    expect(found.map((f) => [f.resource, f.severity])).toEqual([[IDS.nlb, 'high']]);
    expect(found[0]!.message).toContain('use1-az2 has no registered target');
    // With cross-zone on, the node of use1-az2 sends to the target in use1-az1.
    item(docs, 'LoadBalancerAttributes', IDS.nlb).Attributes = [
      { Key: 'load_balancing.cross_zone.enabled', Value: 'true' },
    ];
    expect(findings(docs, 'CROSS_ZONE_OFF_ZONE_WITHOUT_HEALTHY_TARGET')).toEqual([]);
  });

  it('reports an endpoint ENI in a zone the service does not serve', () => {
    const docs = privateLinkDocs();
    item(docs, 'ServiceConfigurations', IDS.service).AvailabilityZoneIds = ['use1-az1'];
    const found = findings(docs, 'ENDPOINT_ZONE_NOT_SERVED');
    expect(found.map((f) => [f.resource, f.related[0]])).toEqual([
      [IDS.endpoint, IDS.endpointEni2],
    ]);
    expect(findings(privateLinkDocs(), 'ENDPOINT_ZONE_NOT_SERVED')).toEqual([]);
  });
});
