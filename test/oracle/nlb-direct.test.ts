import { describe, expect, it } from 'vitest';
import { naclEntry, permission } from './build.js';
import { oracleTrace } from './evaluate.js';
import {
  CLIENT,
  NLB,
  NODE1,
  PROVIDER_CLIENT,
  SG_NLB,
  T1,
  tcp,
  world,
} from './privatelink-world.js';

const fromProvider = (raw: ReturnType<typeof world>, to = 'svc-nlb', port = 443) =>
  oracleTrace(raw, { from: PROVIDER_CLIENT, to, protocol: 'tcp', port });

const onlyNodes = [tcp(8443, ['10.1.3.5/32', '10.1.4.5/32'])];

describe('oracle, straight to an NLB', () => {
  it('takes an NLB name, ARN or node IP and follows every node (or that one) to its targets', () => {
    expect(
      fromProvider(world())
        .paths.map((p) => p.nlbNode)
        .sort(),
    ).toHaveLength(2);
    expect(fromProvider(world(), NLB).verdict).toBe('reachable');
    const one = fromProvider(world(), '10.1.3.5');
    expect(one.paths.map((p) => [p.nlbNode, p.target])).toEqual([[NODE1, T1]]);
  });

  it('keeps the client address for instance targets, so rules naming only node IPs block data', () => {
    const raw = world({ t1Ingress: onlyNodes, t2Ingress: onlyNodes });
    const answer = fromProvider(raw);
    expect(answer.verdict).toBe('unreachable');
    expect(answer.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'security-group',
      direction: 'ingress',
    });
  });

  it('rewrites to the node address for TCP ip targets unless the attribute keeps the client', () => {
    const rewritten = world({ targetType: 'ip', t1Ingress: onlyNodes, t2Ingress: onlyNodes });
    expect(fromProvider(rewritten).verdict).toBe('reachable');
    const kept = world({
      targetType: 'ip',
      t1Ingress: onlyNodes,
      t2Ingress: onlyNodes,
      targetGroupAttributes: { 'preserve_client_ip.enabled': 'true' },
    });
    expect(fromProvider(kept).verdict).toBe('unreachable');
  });

  it('judges the target reply against client ports when the client is kept, NLB ports otherwise', () => {
    const targetSubnetNacl = [
      naclEntry({
        ruleNumber: 10,
        egress: true,
        action: 'allow',
        protocol: '6',
        cidr: '0.0.0.0/0',
        ports: { from: 1024, to: 30000 },
      }),
      naclEntry({
        ruleNumber: 10,
        egress: false,
        action: 'allow',
        protocol: '-1',
        cidr: '0.0.0.0/0',
      }),
    ];
    const kept = fromProvider(world({ targetSubnetNacl }), '10.1.3.5');
    expect(kept.paths[0]).toMatchObject({
      clientPortsPassing: [[1024, 30000]],
      nlbPortsPassing: [[1024, 65535]],
    });
    const rewritten = fromProvider(world({ targetSubnetNacl, targetType: 'ip' }), '10.1.3.5');
    expect(rewritten.paths[0]).toMatchObject({
      clientPortsPassing: [[1024, 65535]],
      nlbPortsPassing: [[1024, 30000]],
    });
  });

  it('applies NLB inbound rules to direct traffic whatever the PrivateLink setting, before the listener', () => {
    const raw = world({ nlbGroups: { ingress: [tcp(443, ['10.9.0.0/16'])], enforce: 'off' } });
    const answer = fromProvider(raw, '10.1.3.5', 444);
    expect(answer.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'security-group',
      component: NODE1,
    });
  });

  it('lets forwarded traffic carry the NLB group to the targets', () => {
    const byNlbGroup = [permission({ protocol: 'tcp', from: 8443, groups: [SG_NLB] })];
    const raw = world({
      nlbGroups: { ingress: [tcp(443, ['0.0.0.0/0'])], enforce: 'off' },
      t1Ingress: byNlbGroup,
      t2Ingress: byNlbGroup,
    });
    expect(fromProvider(raw).verdict).toBe('reachable');
  });

  it('stops a client of another VPC at routing, after the NLB inbound rules', () => {
    const answer = oracleTrace(world(), {
      from: CLIENT,
      to: 'svc-nlb',
      protocol: 'tcp',
      port: 443,
    });
    expect(answer.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'routing',
      code: 'DISCONNECTED_VPCS',
    });
  });
});
