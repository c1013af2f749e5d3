import { describe, expect, it } from 'vitest';
import {
  aclEntry,
  IDS,
  item,
  privateLinkDocs,
  tcpRule,
  trace,
  withNlbGroup,
} from '../fixtures/privatelink-network.js';

type Entry = Record<string, unknown>;

function entries(docs: ReturnType<typeof privateLinkDocs>, aclId: string): Entry[] {
  return item(docs, 'NetworkAcls', aclId).Entries as Entry[];
}

function replaceEntry(list: Entry[], rule: number, egress: boolean, next: Entry | undefined) {
  const index = list.findIndex((e) => e.RuleNumber === rule && e.Egress === egress);
  if (next === undefined) list.splice(index, 1);
  else list[index] = next;
}

describe('trace through PrivateLink (aws-semantics §4.8, hop by hop)', () => {
  it('is reachable on the correct network over every endpoint ENI, node and target', () => {
    const result = trace(privateLinkDocs());
    expect(result.verdict).toBe('reachable');
    expect(result.blocked).toEqual([]);
    // two endpoint ENIs, one node each (same zone ID), two targets each (cross-zone on)
    expect(result.paths).toHaveLength(4);
    const path = result.paths[0]!;
    expect(path.forward.map((h) => h.kind)).toEqual([
      'security-group',
      'network-acl',
      'network-acl',
      'security-group',
      'endpoint-service',
      'listener',
      'nlb-rewrite',
      'network-acl',
      'network-acl',
      'security-group',
    ]);
    expect(path.return.map((h) => [h.component, h.direction, h.ephemeral])).toEqual([
      [IDS.targetAcl, 'egress', 'load-balancer'],
      [IDS.nlbAcl, 'ingress', 'load-balancer'],
      [IDS.endpointAcl, 'egress', 'client'],
      [IDS.clientAcl, 'ingress', 'client'],
    ]);
  });

  it('hop 1: the client SG without egress blocks forward with SG_HAS_NO_RULES', () => {
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.clientSg).IpPermissionsEgress = [];
    const result = trace(docs);
    expect(result.verdict).toBe('unreachable');
    expect(result.blocked).toEqual([
      expect.objectContaining({
        kind: 'security-group',
        component: IDS.clientEni,
        securityGroups: [IDS.clientSg],
        direction: 'egress',
        path: 'forward',
        code: 'SG_HAS_NO_RULES',
      }),
    ]);
  });

  it('hop 2: the client subnet NACL blocks the request outbound, and the reply inbound', () => {
    const docs = privateLinkDocs();
    replaceEntry(entries(docs, IDS.clientAcl), 100, true, undefined);
    expect(trace(docs).blocked).toEqual([
      expect.objectContaining({
        kind: 'network-acl',
        component: IDS.clientAcl,
        direction: 'egress',
        path: 'forward',
        rule: '*',
        code: 'SUBNET_ACL_RESTRICTION',
      }),
    ]);
    const back = privateLinkDocs();
    replaceEntry(entries(back, IDS.clientAcl), 100, false, undefined);
    const result = trace(back);
    expect(result.verdict).toBe('unreachable');
    expect(result.blocked).toEqual([
      expect.objectContaining({
        component: IDS.clientAcl,
        direction: 'ingress',
        path: 'return',
        rule: '*',
      }),
    ]);
  });

  it('is partially reachable when the client NACL returns only the Linux range 32768-65535', () => {
    const docs = privateLinkDocs();
    replaceEntry(
      entries(docs, IDS.clientAcl),
      100,
      false,
      aclEntry(100, false, 'allow', '10.0.8.0/21', [32768, 65535]),
    );
    const result = trace(docs);
    expect(result.verdict).toBe('partially-reachable');
    expect(result.blocked).toEqual([
      expect.objectContaining({
        component: IDS.clientAcl,
        direction: 'ingress',
        path: 'return',
        rule: '*',
        ports: [{ from: 1024, to: 32767 }],
      }),
    ]);
    expect(result.paths[0]!.clientPortsPassing).toEqual([{ from: 32768, to: 65535 }]);
    // with the client's real range narrowed to Linux's, the flow works
    expect(trace(docs, { sourcePorts: { from: 32768, to: 61000 } }).verdict).toBe('reachable');
  });

  it('hop 3: the endpoint subnet NACL blocks inbound, and outbound on the return path', () => {
    const docs = privateLinkDocs();
    replaceEntry(entries(docs, IDS.endpointAcl), 100, false, undefined);
    expect(trace(docs).blocked).toEqual([
      expect.objectContaining({
        component: IDS.endpointAcl,
        direction: 'ingress',
        path: 'forward',
        rule: '*',
      }),
    ]);
    const back = privateLinkDocs();
    replaceEntry(entries(back, IDS.endpointAcl), 100, true, undefined);
    expect(trace(back).blocked).toEqual([
      expect.objectContaining({
        component: IDS.endpointAcl,
        direction: 'egress',
        path: 'return',
        rule: '*',
      }),
    ]);
  });

  it('a lower-numbered deny shadows the allow: first match decides', () => {
    const docs = privateLinkDocs();
    entries(docs, IDS.endpointAcl).push(aclEntry(90, false, 'deny', '10.0.0.0/16', [443, 443]));
    const result = trace(docs);
    expect(result.verdict).toBe('unreachable');
    expect(result.blocked).toEqual([
      expect.objectContaining({ component: IDS.endpointAcl, rule: 90, direction: 'ingress' }),
    ]);
    // the same deny numbered after the allow changes nothing
    const later = privateLinkDocs();
    entries(later, IDS.endpointAcl).push(aclEntry(110, false, 'deny', '10.0.0.0/16', [443, 443]));
    expect(trace(later).verdict).toBe('reachable');
  });

  it('hop 4: the endpoint SG admitting another port blocks with ENI_SG_RULES_MISMATCH', () => {
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.endpointSg).IpPermissions = [tcpRule(80, 80, ['10.0.1.0/24'])];
    expect(trace(docs).blocked).toEqual([
      expect.objectContaining({
        kind: 'security-group',
        component: IDS.endpointEni1,
        securityGroups: [IDS.endpointSg],
        direction: 'ingress',
        code: 'ENI_SG_RULES_MISMATCH',
      }),
      expect.objectContaining({ kind: 'security-group', component: IDS.endpointEni2 }),
    ]);
  });

  it('an endpoint without groups gets the VPC default SG, which admits only its members', () => {
    const docs = privateLinkDocs();
    const endpoint = docs.VpcEndpoints[0]!;
    endpoint.Groups = [];
    for (const id of [IDS.endpointEni1, IDS.endpointEni2])
      item(docs, 'NetworkInterfaces', id).Groups = [];
    const result = trace(docs);
    expect(result.verdict).toBe('unreachable');
    expect(result.blocked[0]).toMatchObject({
      kind: 'security-group',
      securityGroups: ['sg-0c00000000000def1'],
    });
  });

  it('hop 5: an endpoint pending acceptance blocks with BAD_STATE', () => {
    const docs = privateLinkDocs();
    docs.VpcEndpoints[0]!.State = 'pendingAcceptance';
    const result = trace(docs);
    expect(result.verdict).toBe('unreachable');
    expect(result.blocked).toEqual([
      expect.objectContaining({
        kind: 'endpoint-state',
        component: IDS.endpoint,
        code: 'BAD_STATE',
      }),
    ]);
  });

  it('hop 5: a listener on another port drops the packet with ELBV2_LISTENERS_MISMATCH', () => {
    const result = trace(privateLinkDocs(), { port: 8443 });
    expect(result.verdict).toBe('unreachable');
    expect(result.blocked.some((b) => b.kind === 'security-group')).toBe(true);
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.endpointSg).IpPermissions = [
      tcpRule(0, 65535, ['10.0.1.0/24']),
    ];
    item(docs, 'SecurityGroups', IDS.clientSg).IpPermissionsEgress = [
      tcpRule(0, 65535, ['10.0.0.0/16']),
    ];
    entries(docs, IDS.clientAcl)[0] = aclEntry(100, true, 'allow', '10.0.8.0/21', [0, 65535]);
    entries(docs, IDS.endpointAcl)[0] = aclEntry(100, false, 'allow', '10.0.1.0/24', [0, 65535]);
    const wrongPort = trace(docs, { port: 8080 });
    expect(wrongPort.blocked).toEqual([
      expect.objectContaining({
        kind: 'listener',
        code: 'ELBV2_LISTENERS_MISMATCH',
        path: 'forward',
      }),
    ]);
  });

  it('hop 5: an endpoint ENI in a zone the service does not serve is blocked', () => {
    const docs = privateLinkDocs();
    docs.ServiceConfigurations[0]!.AvailabilityZoneIds = ['use1-az1'];
    const result = trace(docs);
    expect(result.verdict).toBe('partially-reachable');
    expect(result.blocked).toEqual([
      expect.objectContaining({
        kind: 'endpoint-service',
        code: 'VPCE_SERVICE_NOT_INSTALLED_IN_AZ',
      }),
    ]);
  });

  it('zones are matched by ID, not name: provider and consumer name them differently', () => {
    const result = trace(privateLinkDocs());
    for (const path of result.paths) {
      expect(path.waypoints.loadBalancer?.availabilityZoneId).toBe(
        path.waypoints.endpoint?.availabilityZoneId,
      );
    }
  });

  it('hop 6: NLB security groups with enforcement on judge the consumer client address', () => {
    const docs = privateLinkDocs();
    withNlbGroup(docs, [tcpRule(443, 443, ['10.9.0.0/16'])]);
    const on = trace(docs);
    expect(on.verdict).toBe('unreachable');
    expect(on.blocked).toEqual([
      expect.objectContaining({
        kind: 'security-group',
        component: IDS.node1Eni,
        securityGroups: [IDS.nlbSg],
        direction: 'ingress',
        path: 'forward',
      }),
      expect.objectContaining({ component: IDS.node2Eni }),
    ]);
    docs.LoadBalancers[0]!.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic = 'off';
    expect(trace(docs).verdict).toBe('reachable');
  });

  it('hop 7: the NLB subnet NACL inbound is not counted for PrivateLink by default, and the trace says it would block', () => {
    const docs = privateLinkDocs();
    const result = trace(docs);
    expect(result.verdict).toBe('reachable');
    expect(result.limitations.map((l) => l.code)).toContain(
      'ASSUMPTION_NLB_SUBNET_ACL_NOT_ON_PRIVATELINK',
    );
    const counted = trace(docs, {}, { nlbSubnetAclOnPrivateLink: true });
    expect(counted.verdict).toBe('unreachable');
    expect(counted.blocked[0]).toMatchObject({
      component: IDS.nlbAcl,
      direction: 'ingress',
      path: 'forward',
    });
  });

  it('hop 9: NLB SG egress blocks node to target, and health checks too', () => {
    const docs = privateLinkDocs();
    withNlbGroup(docs, [tcpRule(443, 443, ['10.0.0.0/8'])], [tcpRule(9000, 9000, ['10.1.0.0/16'])]);
    const result = trace(docs);
    expect(result.verdict).toBe('unreachable');
    expect(result.blocked).toContainEqual(
      expect.objectContaining({
        kind: 'security-group',
        securityGroups: [IDS.nlbSg],
        direction: 'egress',
      }),
    );
    expect(result.health.every((h) => !h.healthy)).toBe(true);
  });

  it('hop 10: the NLB subnet without the inbound return rule blocks on the return path', () => {
    const docs = privateLinkDocs();
    replaceEntry(entries(docs, IDS.nlbAcl), 100, false, undefined);
    const result = trace(docs);
    expect(result.verdict).toBe('unreachable');
    expect(result.blocked).toContainEqual(
      expect.objectContaining({
        component: IDS.nlbAcl,
        direction: 'ingress',
        path: 'return',
        rule: '*',
      }),
    );
  });

  it('hop 11: the target subnet NACL not admitting the target port blocks forward', () => {
    const docs = privateLinkDocs();
    entries(docs, IDS.targetAcl)[0] = aclEntry(100, false, 'allow', '10.1.0.0/22', [443, 443]);
    const result = trace(docs);
    expect(result.verdict).toBe('unreachable');
    expect(result.blocked).toContainEqual(
      expect.objectContaining({ component: IDS.targetAcl, direction: 'ingress', path: 'forward' }),
    );
  });

  it('hop 11: the target subnet NACL without the outbound return rule blocks the reply', () => {
    const docs = privateLinkDocs();
    replaceEntry(entries(docs, IDS.targetAcl), 100, true, undefined);
    expect(trace(docs).blocked).toContainEqual(
      expect.objectContaining({ component: IDS.targetAcl, direction: 'egress', path: 'return' }),
    );
  });

  it('hop 12: targets admitting the client address do nothing, the source is the NLB node', () => {
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.targetSg).IpPermissions = [
      tcpRule(8443, 8443, ['10.0.1.0/24']),
    ];
    const result = trace(docs);
    expect(result.verdict).toBe('unreachable');
    expect(result.blocked).toContainEqual(
      expect.objectContaining({
        kind: 'security-group',
        component: IDS.target1Eni,
        direction: 'ingress',
        code: 'ENI_SG_RULES_MISMATCH',
      }),
    );
    const hop = result.paths[0]!.forward.at(-1)!;
    expect(hop.packet?.source).toMatch(/^10\.1\.[12]\.10$/);
  });

  it('cross-zone on: a target admitting only its own zone node works only for some paths', () => {
    const docs = privateLinkDocs();
    const sg = item(docs, 'SecurityGroups', IDS.targetSg);
    sg.IpPermissions = [tcpRule(8443, 8443, ['10.1.1.10/32'])];
    const result = trace(docs);
    expect(result.verdict).toBe('partially-reachable');
  });

  it('cross-zone off: each endpoint ENI reaches only targets in its own zone', () => {
    const docs = privateLinkDocs();
    docs.LoadBalancerAttributes[0]!.Attributes = [
      { Key: 'load_balancing.cross_zone.enabled', Value: 'false' },
    ];
    const result = trace(docs);
    expect(result.verdict).toBe('reachable');
    expect(result.paths).toHaveLength(2);
    for (const path of result.paths)
      expect(path.waypoints.target?.availabilityZoneId).toBe(
        path.waypoints.endpoint?.availabilityZoneId,
      );
  });

  it('cross-zone off with targets in one zone only: the other zone is a dead end', () => {
    const docs = privateLinkDocs();
    docs.LoadBalancerAttributes[0]!.Attributes = [
      { Key: 'load_balancing.cross_zone.enabled', Value: 'false' },
    ];
    const health = docs.LoadBalancerTargetHealth[0]!.TargetHealthDescriptions as Entry[];
    health.splice(1, 1);
    const result = trace(docs);
    expect(result.verdict).toBe('partially-reachable');
    expect(result.blocked).toEqual([
      expect.objectContaining({ kind: 'target-group', code: 'ELBV2_NO_TARGETS_IN_AZ' }),
    ]);
  });

  it('a target group attribute overrides the load balancer cross-zone setting', () => {
    const docs = privateLinkDocs();
    docs.TargetGroupAttributes[0]!.Attributes = [
      { Key: 'load_balancing.cross_zone.enabled', Value: 'false' },
    ];
    expect(trace(docs).paths).toHaveLength(2);
  });

  it('health checks blocked on one target exclude it, and the trace says health decided', () => {
    const docs = privateLinkDocs();
    const target2 = item(docs, 'NetworkInterfaces', IDS.target2Eni);
    docs.SecurityGroups.push({
      GroupId: 'sg-0a00000000000a002',
      GroupName: 'closed',
      VpcId: 'vpc-0a0000000000000a1',
      IpPermissions: [],
      IpPermissionsEgress: [],
    });
    target2.Groups = [{ GroupId: 'sg-0a00000000000a002' }];
    const result = trace(docs);
    expect(result.verdict).toBe('reachable');
    expect(result.healthDecided).toBe(true);
    expect(result.paths.every((p) => p.waypoints.target?.id === IDS.target1)).toBe(true);
    expect(result.health.find((h) => h.targetId === IDS.target2)?.healthy).toBe(false);
  });

  it('when every target is unhealthy the NLB fails open and the data path decides', () => {
    const docs = privateLinkDocs();
    const group = docs.TargetGroups[0]!;
    group.HealthCheckPort = '9000';
    const result = trace(docs);
    expect(result.health.every((h) => !h.healthy)).toBe(true);
    expect(result.verdict).toBe('reachable');
    expect(result.paths).toHaveLength(4);
  });

  it('fail-open with cross-zone off stays in the zone unless told otherwise, and says so', () => {
    const docs = privateLinkDocs();
    docs.LoadBalancerAttributes[0]!.Attributes = [
      { Key: 'load_balancing.cross_zone.enabled', Value: 'false' },
    ];
    docs.TargetGroups[0]!.HealthCheckPort = '9000';
    const inZone = trace(docs);
    expect(inZone.paths).toHaveLength(2);
    expect(inZone.limitations.map((l) => l.code)).toContain('ASSUMPTION_FAIL_OPEN_IN_ZONE');
    const across = trace(docs, {}, { failOpenAcrossZones: true });
    expect(across.paths).toHaveLength(4);
    expect(across.limitations.map((l) => l.code)).toContain('ASSUMPTION_FAIL_OPEN_ACROSS_ZONES');
  });

  it('a target rule referencing the NLB group matches PrivateLink traffic only with enforcement on', () => {
    const docs = privateLinkDocs();
    withNlbGroup(docs, [tcpRule(443, 443, ['10.0.0.0/8'])]);
    item(docs, 'SecurityGroups', IDS.targetSg).IpPermissions = [
      {
        IpProtocol: 'tcp',
        FromPort: 8443,
        ToPort: 8443,
        UserIdGroupPairs: [{ GroupId: IDS.nlbSg }],
      },
    ];
    expect(trace(docs).verdict).toBe('reachable');
    docs.LoadBalancers[0]!.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic = 'off';
    const off = trace(docs);
    expect(off.verdict).toBe('unreachable');
    // health checks still pass: the reference admits them whatever the setting
    expect(off.health.every((h) => h.healthy)).toBe(true);
  });

  it('UDP through PrivateLink needs a UDP listener', () => {
    const result = trace(privateLinkDocs(), { protocol: 'udp' });
    expect(result.verdict).toBe('unreachable');
    expect(result.blocked[0]).toMatchObject({ kind: 'security-group', direction: 'egress' });
  });

  it('ICMP to an interface endpoint is refused with PROTOCOL_RESTRICTION', () => {
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.clientSg).IpPermissionsEgress = [
      { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
    ];
    const result = trace(docs, { protocol: 'icmp', port: undefined });
    expect(result.blocked).toContainEqual(
      expect.objectContaining({ kind: 'protocol', code: 'PROTOCOL_RESTRICTION' }),
    );
  });

  it('to an endpoint service traces every endpoint of it', () => {
    const result = trace(privateLinkDocs(), { to: IDS.service });
    expect(result.verdict).toBe('reachable');
    expect(result.paths).toHaveLength(4);
  });

  it('to one endpoint ENI by its address traces only that ENI', () => {
    const result = trace(privateLinkDocs(), { to: '10.0.12.5' });
    expect(result.paths).toHaveLength(2);
    expect(result.paths.every((p) => p.waypoints.endpoint?.eniId === IDS.endpointEni2)).toBe(true);
  });

  it('an endpoint ENI never opens a connection: VPCE_INTRA_VPC_TRAFFIC', () => {
    const result = trace(privateLinkDocs(), { from: IDS.endpointEni1, to: IDS.clientEni });
    expect(result.verdict).toBe('unreachable');
    expect(result.blocked[0]).toMatchObject({ code: 'VPCE_INTRA_VPC_TRAFFIC' });
  });

  it('ends at the endpoint ENI with a stated limit when the service is not in the snapshot', () => {
    const docs = privateLinkDocs();
    docs.ServiceConfigurations = [];
    const result = trace(docs);
    expect(result.verdict).toBe('reachable');
    expect(result.limitations.map((l) => l.code)).toContain('SERVICE_OUTSIDE_SNAPSHOT');
  });
});
