import { describe, expect, it } from 'vitest';
import { planFix } from '../../../src/analysis/fix/plan.js';
import type { FixChange, FixOptions } from '../../../src/analysis/fix/types.js';
import { buildSnapshot } from '../../../src/snapshot/validate.js';
import {
  aclEntry,
  type Docs,
  IDS,
  item,
  privateLinkDocs,
  tcpRule,
  withNlbGroup,
} from '../../fixtures/privatelink-network.js';

type Json = Record<string, unknown>;

function fix(docs: Docs, options: Partial<FixOptions> = {}) {
  const snapshot = buildSnapshot([{ document: docs, origin: { file: 'fixture.json' } }]);
  return planFix(snapshot, { from: IDS.client, to: IDS.endpoint, port: 443 }, options).result;
}

function rules(changes: readonly FixChange[]) {
  return changes.map((change) => change.rule);
}

describe('fix: the narrowest rule for each blocking hop', () => {
  it('opens the endpoint group for the client at each scope: address, subnet, VPC', () => {
    const peers = (['address', 'subnet', 'vpc'] as const).map((scope) => {
      const docs = privateLinkDocs();
      item(docs, 'SecurityGroups', IDS.endpointSg).IpPermissions = [];
      const result = fix(docs, { scope });
      expect(result.after.verdict).toBe('reachable');
      return rules(result.changes);
    });
    const cidrs = peers.map((list) =>
      list.map((rule) => ('peer' in rule && rule.peer.kind === 'cidr' ? rule.peer.cidr : '')),
    );
    expect(cidrs[0]).toEqual(['10.0.1.10/32']);
    expect(cidrs[1]).toEqual(['10.0.1.0/24']);
    expect(cidrs[2]).toEqual(['10.0.0.0/16']);
    expect(peers[0]![0]).toMatchObject({
      groupId: IDS.endpointSg,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
    });
  });

  it('admits the NLB nodes at the targets, never the client, on the target port', () => {
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.targetSg).IpPermissions = [
      tcpRule(8443, 8443, ['10.0.1.0/24']),
    ];
    const result = fix(docs);
    expect(result.after.verdict).toBe('reachable');
    const peers = result.changes.map((c) => c.kind === 'security-group-rule' && c.rule.peer);
    expect(peers).toEqual(
      expect.arrayContaining([
        { kind: 'cidr', cidr: '10.1.1.10/32' },
        { kind: 'cidr', cidr: '10.1.2.10/32' },
      ]),
    );
    expect(JSON.stringify(peers)).not.toContain('10.0.1.');
    expect(result.changes.every((c) => c.rule.toPort === 8443)).toBe(true);
  });

  it('with cross-zone off a target gets only its own zone node for traffic, and every node for health checks', () => {
    const docs = privateLinkDocs();
    docs.LoadBalancerAttributes[0]!.Attributes = [
      { Key: 'load_balancing.cross_zone.enabled', Value: 'false' },
    ];
    docs.TargetGroups[0]!.HealthCheckPort = '9000';
    item(docs, 'SecurityGroups', IDS.targetSg).IpPermissions = [];
    const result = fix(docs, { scope: 'address' });
    expect(result.after.verdict).toBe('reachable');
    expect(result.after.health.every((h) => h.healthy)).toBe(true);
    const byPort = (port: number) =>
      result.changes
        .filter((c) => c.kind === 'security-group-rule' && c.rule.fromPort === port)
        .map((c) =>
          c.kind === 'security-group-rule' && c.rule.peer.kind === 'cidr' ? c.rule.peer.cidr : '',
        )
        .sort();
    // one shared group: each target needs its own zone's node, so both nodes appear once
    expect(byPort(8443)).toEqual(['10.1.1.10/32', '10.1.2.10/32']);
    expect(byPort(9000)).toEqual(['10.1.1.10/32', '10.1.2.10/32']);
  });

  it('references the NLB group at the targets when the NLB has groups and enforces them on PrivateLink', () => {
    const docs = privateLinkDocs();
    withNlbGroup(docs, [tcpRule(443, 443, ['10.0.0.0/8'])]);
    item(docs, 'SecurityGroups', IDS.targetSg).IpPermissions = [];
    const result = fix(docs);
    expect(result.after.verdict).toBe('reachable');
    expect(rules(result.changes)).toEqual([
      expect.objectContaining({
        groupId: IDS.targetSg,
        fromPort: 8443,
        peer: { kind: 'security-group', groupId: IDS.nlbSg, userId: '222222222222' },
      }),
    ]);
  });

  it('names node addresses instead when enforcement is off, since the reference then fails', () => {
    const docs = privateLinkDocs();
    withNlbGroup(docs, [tcpRule(443, 443, ['10.0.0.0/8'])]);
    docs.LoadBalancers[0]!.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic = 'off';
    item(docs, 'SecurityGroups', IDS.targetSg).IpPermissions = [
      {
        IpProtocol: 'tcp',
        FromPort: 8443,
        ToPort: 8443,
        UserIdGroupPairs: [{ GroupId: IDS.nlbSg }],
      },
    ];
    const result = fix(docs);
    expect(result.after.verdict).toBe('reachable');
    const peers = result.changes.map((c) => c.kind === 'security-group-rule' && c.rule.peer);
    expect(peers).toEqual([
      { kind: 'cidr', cidr: '10.1.1.10/32' },
      { kind: 'cidr', cidr: '10.1.2.10/32' },
    ]);
  });

  it('opens the NLB group for the client (enforcement on) and its egress to the targets', () => {
    const docs = privateLinkDocs();
    withNlbGroup(docs, []);
    const nlbSg = item(docs, 'SecurityGroups', IDS.nlbSg);
    nlbSg.IpPermissionsEgress = [];
    const result = fix(docs, { scope: 'address' });
    expect(result.after.verdict).toBe('reachable');
    const summary = result.changes.map((c) =>
      c.kind === 'security-group-rule'
        ? `${c.direction} ${c.rule.groupId} ${c.rule.fromPort} ${c.rule.peer.kind === 'cidr' ? c.rule.peer.cidr : c.rule.peer.groupId}`
        : '',
    );
    expect(summary).toEqual(
      expect.arrayContaining([
        `ingress ${IDS.nlbSg} 443 10.0.1.10/32`,
        `egress ${IDS.nlbSg} 8443 10.1.11.10/32`,
        `egress ${IDS.nlbSg} 8443 10.1.12.10/32`,
      ]),
    );
  });

  it('numbers a NACL entry below the deny that decided, without renumbering anything', () => {
    const docs = privateLinkDocs();
    const acl = item(docs, 'NetworkAcls', IDS.endpointAcl);
    (acl.Entries as Json[]).unshift(aclEntry(50, false, 'deny', '0.0.0.0/0', [0, 1023]));
    const result = fix(docs);
    expect(result.after.verdict).toBe('reachable');
    expect(rules(result.changes)).toEqual([
      expect.objectContaining({
        networkAclId: IDS.endpointAcl,
        operation: 'create',
        ruleNumber: 40,
        egress: false,
        protocol: '6',
        fromPort: 443,
        toPort: 443,
        cidr: '10.0.1.0/24',
      }),
    ]);
    const numbers = (item(docs, 'NetworkAcls', IDS.endpointAcl).Entries as Json[]).map(
      (e) => e.RuleNumber,
    );
    const after = result.after.paths.length;
    expect(after).toBeGreaterThan(0);
    // the existing entries keep their numbers: 50 still denies, 100 still allows
    expect(numbers).toEqual(expect.arrayContaining([50, 100]));
  });

  it('proposes replacing the denying entry when no free number precedes it, and says so', () => {
    const docs = privateLinkDocs();
    const acl = item(docs, 'NetworkAcls', IDS.endpointAcl);
    (acl.Entries as Json[]).unshift(aclEntry(1, false, 'deny', '0.0.0.0/0', [0, 1023]));
    const result = fix(docs);
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]!.rule).toMatchObject({ operation: 'replace', ruleNumber: 1 });
    expect(result.notes[0]).toMatch(/no free rule number below 1/);
    expect(result.after.verdict).toBe('reachable');
  });

  it('opens only the failing part of the ephemeral range for replies', () => {
    const docs = privateLinkDocs();
    const acl = item(docs, 'NetworkAcls', IDS.clientAcl);
    acl.Entries = (acl.Entries as Json[]).map((e) =>
      e.Egress === false && e.RuleNumber !== 32767
        ? { ...e, PortRange: { From: 32768, To: 65535 } }
        : e,
    );
    const result = fix(docs);
    expect(result.before.verdict).toBe('partially-reachable');
    expect(result.after.verdict).toBe('reachable');
    for (const rule of rules(result.changes))
      expect(rule).toMatchObject({ fromPort: 1024, toPort: 32767 });
  });

  it('fixes replies for a narrower --source-ports range exactly', () => {
    const docs = privateLinkDocs();
    const acl = item(docs, 'NetworkAcls', IDS.clientAcl);
    acl.Entries = (acl.Entries as Json[]).filter(
      (e) => e.Egress === true || e.RuleNumber === 32767,
    );
    const snapshot = buildSnapshot([{ document: docs, origin: { file: 'fixture.json' } }]);
    const question = {
      from: IDS.client,
      to: IDS.endpoint,
      port: 443,
      sourcePorts: { from: 32768, to: 60999 },
    };
    const { result } = planFix(snapshot, question);
    expect(result.after.verdict).toBe('reachable');
    for (const rule of rules(result.changes))
      expect(rule).toMatchObject({ fromPort: 32768, toPort: 60999 });
  });

  it('does nothing for a flow that already works', () => {
    const result = fix(privateLinkDocs());
    expect(result.changes).toEqual([]);
    expect(result.manual).toEqual([]);
    expect(result.rounds).toBe(0);
    expect(result.after.verdict).toBe('reachable');
  });

  it('goes another round when a target that health kept out of the paths turns out to block too', () => {
    const docs = privateLinkDocs();
    docs.TargetGroups[0]!.HealthCheckPort = '9000';
    for (const id of [IDS.nlbAcl, IDS.targetAcl]) {
      for (const e of item(docs, 'NetworkAcls', id).Entries as Json[]) {
        const range = e.PortRange as { From: number } | undefined;
        if (range?.From === 8443) e.PortRange = { From: 8443, To: 9000 };
      }
    }
    item(docs, 'SecurityGroups', IDS.targetSg).IpPermissions = [
      tcpRule(8443, 9000, ['10.1.1.10/32', '10.1.2.10/32']),
    ];
    const lonely = 'sg-0a0000000000000b2';
    docs.SecurityGroups.push({
      GroupId: lonely,
      GroupName: 'lonely',
      VpcId: 'vpc-0a0000000000000a1',
    });
    item(docs, 'NetworkInterfaces', IDS.target2Eni).Groups = [{ GroupId: lonely }];
    const result = fix(docs, { scope: 'address' });
    // round 1: only target 1 is healthy, so paths skip target 2 and only its health checks fail;
    // round 2: target 2 is healthy now, takes traffic, and needs the traffic port too
    expect(result.before.verdict).toBe('reachable');
    expect(result.rounds).toBe(2);
    const ports = result.changes.map((c) =>
      c.kind === 'security-group-rule' ? c.rule.fromPort : 0,
    );
    expect(ports).toEqual([9000, 9000, 8443, 8443]);
    expect(result.after.verdict).toBe('reachable');
    expect(result.after.health.every((h) => h.healthy)).toBe(true);
  });

  it('notes when a NACL would hold more entries than AWS allows by default', () => {
    const docs = privateLinkDocs();
    const acl = item(docs, 'NetworkAcls', IDS.endpointAcl);
    const filler = Array.from({ length: 19 }, (_, i) =>
      aclEntry(200 + i, false, 'allow', '192.168.0.0/16', [1000 + i, 1000 + i]),
    );
    acl.Entries = [...(acl.Entries as Json[]), ...filler];
    (acl.Entries as Json[]).unshift(aclEntry(50, false, 'deny', '0.0.0.0/0', [0, 1023]));
    const result = fix(docs);
    expect(result.after.verdict).toBe('reachable');
    expect(result.notes).toEqual([
      `${IDS.endpointAcl} would hold 22 inbound entries; AWS allows 20 per direction unless the quota is raised (to 40 at most)`,
    ]);
  });
});
