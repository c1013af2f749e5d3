import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../bench/edits.js';
import { benchMatrix } from '../../bench/engine-bench.js';
import { median, percentile } from '../../bench/measure.js';
import { reachQuestion, traceQuestion } from '../../bench/questions.js';
import { loadSnapshot } from '../../src/ingest/load.js';
import { buildNetwork } from '../../src/network/build.js';

function snapshot() {
  return {
    SecurityGroups: [
      {
        GroupId: 'sg-1',
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            IpRanges: [{ CidrIp: '10.0.0.0/16' }, { CidrIp: '10.1.0.0/16' }],
          },
        ],
      },
    ],
    NetworkAcls: [
      {
        NetworkAclId: 'acl-1',
        Entries: [
          { RuleNumber: 100, Egress: false, Protocol: '-1', RuleAction: 'allow' },
          { RuleNumber: 100, Egress: true, Protocol: '-1', RuleAction: 'allow' },
        ],
      },
    ],
  };
}

describe('applyEdit', () => {
  it('removes one peer of a security-group rule and the undo restores the rule', () => {
    const snap = snapshot();
    const before = structuredClone(snap);
    const undo = applyEdit(snap, {
      kind: 'security-group',
      action: 'remove',
      groupId: 'sg-1',
      direction: 'ingress',
      rule: { IpProtocol: '6', FromPort: 443, ToPort: 443, CidrIp: '10.1.0.0/16' },
    });
    expect(undo).toBeDefined();
    expect(snap.SecurityGroups[0]!.IpPermissions[0]!.IpRanges).toEqual([{ CidrIp: '10.0.0.0/16' }]);
    undo!();
    expect(snap).toEqual(before);
  });

  it('adds a security-group rule in AWS shape on the chosen direction', () => {
    const snap = snapshot();
    applyEdit(snap, {
      kind: 'security-group',
      action: 'add',
      groupId: 'sg-1',
      direction: 'egress',
      rule: { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, GroupId: 'sg-2' },
    });
    expect((snap.SecurityGroups[0] as Record<string, unknown>).IpPermissionsEgress).toEqual([
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: 'sg-2' }] },
    ]);
  });

  it('removes a NACL entry by rule number and direction only', () => {
    const snap = snapshot();
    const undo = applyEdit(snap, {
      kind: 'network-acl',
      action: 'remove',
      networkAclId: 'acl-1',
      entry: { RuleNumber: 100, Egress: true, Protocol: '-1', RuleAction: 'allow' },
    });
    expect(snap.NetworkAcls[0]!.Entries).toEqual([
      { RuleNumber: 100, Egress: false, Protocol: '-1', RuleAction: 'allow' },
    ]);
    undo!();
    expect(snap.NetworkAcls[0]!.Entries).toHaveLength(2);
  });

  it('reports an edit whose rule or owner is absent instead of applying nothing silently', () => {
    const snap = snapshot();
    expect(
      applyEdit(snap, {
        kind: 'security-group',
        action: 'remove',
        groupId: 'sg-1',
        direction: 'ingress',
        rule: { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '10.0.0.0/16' },
      }),
    ).toBeUndefined();
    expect(
      applyEdit(snap, {
        kind: 'network-acl',
        action: 'add',
        networkAclId: 'acl-9',
        entry: { RuleNumber: 5, Egress: false, Protocol: '6', RuleAction: 'deny' },
      }),
    ).toBeUndefined();
  });
});

describe('measurement helpers', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(median([3, 1, 2])).toBe(2);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('questions from the query mix', () => {
  it('names the destination by the ID its kind carries', () => {
    expect(
      traceQuestion({
        from: 'eni-1',
        to: { kind: 'service', serviceId: 'vpce-svc-1' },
        protocol: 'udp',
        port: 53,
      }),
    ).toEqual({ from: 'eni-1', to: 'vpce-svc-1', protocol: 'udp', port: 53 });
  });

  it('asks reach on every protocol when the question has no port', () => {
    expect(reachQuestion({ target: { kind: 'eni', eniId: 'eni-2' } })).toEqual({
      to: 'eni-2',
      protocol: 'all',
    });
    expect(
      reachQuestion({ target: { kind: 'eni', eniId: 'eni-2' }, protocol: 'tcp', port: 443 }),
    ).toEqual({ to: 'eni-2', protocol: 'tcp', ports: { from: 443, to: 443 } });
  });
});

describe('the all-pairs matrix figure', () => {
  const network = buildNetwork(
    loadSnapshot(join(import.meta.dirname, '../../examples/privatelink')),
  );

  it('is left out with no budget, and timed in full when it fits', () => {
    expect(benchMatrix(network, 0)).toMatchObject({ runs: 0, classes: 0 });
    const full = benchMatrix(network, 60_000);
    expect(full.runs).toBeGreaterThan(0);
    expect(full.estimatedFrom).toBeUndefined();
    expect(full.cells).toBeGreaterThan(0);
  });

  it('is estimated from the classes done when the budget runs out', () => {
    const cut = benchMatrix(network, 1e-6);
    expect(cut.classes).toBeGreaterThan(1);
    expect(cut.estimatedFrom?.classesDone).toBeGreaterThan(0);
    expect(cut.estimatedFrom!.classesDone).toBeLessThan(cut.classes);
    expect(cut.medianMs).toBeCloseTo(
      (cut.estimatedFrom!.elapsedMs * cut.classes) / cut.estimatedFrom!.classesDone,
    );
  });
});
