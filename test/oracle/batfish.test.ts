import { describe, expect, it } from 'vitest';
import { BATFISH_DATA } from '../real-data.js';
import { oracleTrace, prepareSnapshot } from './evaluate.js';

const DATA = BATFISH_DATA;
const load = (name: string) => prepareSnapshot(`${DATA}/${name}/aws_configs`);

describe('oracle on the Batfish snapshots', () => {
  it('test-subnet: TCP 80 stops at the receiver groups inside one subnet, TCP 22 passes', () => {
    const snapshot = load('test-subnet');
    const blocked = oracleTrace(snapshot, {
      from: 'i-08ef86e76fceabd8d',
      to: '10.10.1.44',
      protocol: 'tcp',
      port: 80,
    });
    expect(blocked.verdict).toBe('unreachable');
    expect(blocked.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'security-group',
      component: 'eni-029bf1092de61fb40',
      direction: 'ingress',
    });
    const ssh = oracleTrace(snapshot, {
      from: 'i-08ef86e76fceabd8d',
      to: '10.10.1.44',
      protocol: 'tcp',
      port: 22,
    });
    expect(ssh.verdict).toBe('reachable');
  });

  it('test-public-private-subnet: TCP 80 stops at the receiver groups both ways, TCP 22 passes', () => {
    const snapshot = load('test-public-private-subnet');
    const toPublic = oracleTrace(snapshot, {
      from: 'i-099cf38911942421c',
      to: '10.0.0.47',
      protocol: 'tcp',
      port: 80,
    });
    expect(toPublic.verdict).toBe('unreachable');
    expect(toPublic.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'security-group',
      component: 'eni-09da8cad43844dc1f',
      direction: 'ingress',
    });
    const ssh = oracleTrace(snapshot, {
      from: 'i-099cf38911942421c',
      to: '10.0.0.47',
      protocol: 'tcp',
      port: 22,
    });
    expect(ssh.verdict).toBe('reachable');
    const toPrivate = oracleTrace(snapshot, {
      from: 'i-094a9e5b545a4fde4',
      to: '10.0.1.204',
      protocol: 'tcp',
      port: 80,
    });
    expect(toPrivate.verdict).toBe('unreachable');
    expect(toPrivate.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'security-group',
      component: 'eni-07c1506e49d784fe0',
      direction: 'ingress',
    });
  });

  it('test-load-balancer: either node hands port 80 to either server; port 81 has no listener', () => {
    const snapshot = load('test-load-balancer');
    for (const node of ['10.1.1.237', '10.1.20.123']) {
      const answer = oracleTrace(snapshot, {
        from: 'i-0c8ce8bbdd98cc4e8',
        to: node,
        protocol: 'tcp',
        port: 80,
      });
      expect(answer.verdict).toBe('reachable');
      expect(answer.paths.map((p) => p.target).sort()).toEqual([
        'eni-02e730a1b02dbc756',
        'eni-0a4486d9ba39d5e3e',
      ]);
      const noListener = oracleTrace(snapshot, {
        from: 'i-0c8ce8bbdd98cc4e8',
        to: node,
        protocol: 'tcp',
        port: 81,
      });
      expect(noListener.verdict).toBe('unreachable');
      expect(noListener.paths[0]?.forwardBlockedAt).toMatchObject({
        kind: 'listener',
        code: 'ELBV2_LISTENERS_MISMATCH',
      });
    }
  });

  it('test-load-balancer: node IPs come from the ENIs described "ELB net/<name>/<id>"', () => {
    const snapshot = load('test-load-balancer');
    const answer = oracleTrace(snapshot, {
      from: 'i-0c8ce8bbdd98cc4e8',
      to: 'test-lb',
      protocol: 'tcp',
      port: 80,
    });
    expect(new Set(answer.paths.map((p) => p.nlbNode))).toEqual(
      new Set(['eni-01f261dccaba46564', 'eni-0c82d6f7254ae6695']),
    );
  });

  it('test-vpc-endpoint-interface: both instances reach the endpoint on 443, forward and return', () => {
    const snapshot = load('test-vpc-endpoint-interface');
    for (const from of ['i-0a0fbd0cfa774970f', 'i-0eb6eb395a0d09117']) {
      const answer = oracleTrace(snapshot, { from, to: '10.1.101.97', protocol: 'tcp', port: 443 });
      expect(answer.verdict).toBe('reachable');
      expect(answer.paths[0]?.endpointEni).toBe('eni-0084b734451ba23ca');
      expect(answer.limitations[0]).toContain('service side not in the snapshot');
    }
  });

  it('test-vpc-endpoint-interface: an AWS service ID from the consumer view names its endpoints', () => {
    const snapshot = load('test-vpc-endpoint-interface');
    const answer = oracleTrace(snapshot, {
      from: 'i-0eb6eb395a0d09117',
      to: 'vpce-svc-0139cfafb5a0578f4',
      protocol: 'tcp',
      port: 443,
    });
    expect(answer.verdict).toBe('reachable');
    expect(answer.paths.map((p) => p.endpointEni)).toEqual(['eni-0084b734451ba23ca']);
    const closed = oracleTrace(snapshot, {
      from: 'i-0eb6eb395a0d09117',
      to: 'vpce-083c683a6be29b889',
      protocol: 'tcp',
      port: 80,
    });
    expect(closed.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'security-group',
      component: 'eni-0084b734451ba23ca',
      direction: 'ingress',
    });
  });

  it('reads Batfish prefix lists with their CIDRs inline', () => {
    const snapshot = load('test-load-balancer');
    expect(snapshot.prefixLists.find((p) => p.PrefixListId === 'pl-4ca54025')?.cidrs).toEqual([
      '52.94.4.0/24',
    ]);
  });
});
