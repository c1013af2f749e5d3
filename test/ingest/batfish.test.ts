import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectSummary } from '../../src/analysis/inspect.js';
import { traceFlow } from '../../src/analysis/trace.js';
import { loadSnapshot } from '../../src/ingest/load.js';
import { buildNetwork } from '../../src/network/build.js';
import { BATFISH_DATA } from '../real-data.js';

const ROOT = BATFISH_DATA;
const SNAPSHOTS = readdirSync(ROOT).filter((name) => statSync(join(ROOT, name)).isDirectory());

/** Counts the items of each key straight from the files, without vpcreach's loader. */
function countInFiles(dir: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const eniIds = new Set<string>();
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) {
        const document = JSON.parse(readFileSync(full, 'utf8')) as Record<string, unknown[]>;
        for (const [key, value] of Object.entries(document)) {
          const items =
            key === 'Reservations'
              ? value.flatMap((r) => (r as { Instances: unknown[] }).Instances)
              : value;
          if (key === 'NetworkInterfaces')
            for (const e of value)
              eniIds.add((e as { NetworkInterfaceId: string }).NetworkInterfaceId);
          if (key === 'Reservations') {
            for (const i of items as { NetworkInterfaces?: { NetworkInterfaceId: string }[] }[]) {
              for (const e of i.NetworkInterfaces ?? []) eniIds.add(e.NetworkInterfaceId);
            }
          }
          counts[key] = (counts[key] ?? 0) + items.length;
        }
      }
    }
  };
  walk(dir);
  counts.uniqueNetworkInterfaces = eniIds.size;
  return counts;
}

describe('real Batfish snapshots', () => {
  it.each(SNAPSHOTS)('%s loads, and inspect counts match its files', (name) => {
    const dir = join(ROOT, name);
    const network = buildNetwork(loadSnapshot(dir));
    const files = countInFiles(dir);
    expect(inspectSummary(network).counts).toEqual({
      vpcs: files.Vpcs ?? 0,
      subnets: files.Subnets ?? 0,
      networkAcls: files.NetworkAcls ?? 0,
      securityGroups: files.SecurityGroups ?? 0,
      // an instance's interfaces also come from describe-instances when describe-network-interfaces lacks them
      networkInterfaces: files.uniqueNetworkInterfaces ?? 0,
      instances: files.Reservations ?? 0,
      vpcEndpoints: files.VpcEndpoints ?? 0,
      endpointServices: files.ServiceConfigurations ?? 0,
      loadBalancers: files.LoadBalancers ?? 0,
      targetGroups: files.TargetGroups ?? 0,
    });
  });
});

const trace = (name: string, from: string, to: string, port: number) =>
  traceFlow(buildNetwork(loadSnapshot(join(ROOT, name))), { from, to, port });

describe('the outcomes Batfish asserts on the same snapshots', () => {
  it('test-subnet: TCP 80 is denied inbound at the second instance, TCP 22 passes, no NACL inside one subnet', () => {
    const denied = trace('test-subnet', 'i-08ef86e76fceabd8d', '10.10.1.44', 80);
    expect(denied.verdict).toBe('unreachable');
    expect(denied.blocked).toEqual([
      expect.objectContaining({
        kind: 'security-group',
        component: 'eni-029bf1092de61fb40',
        direction: 'ingress',
        path: 'forward',
      }),
    ]);
    const ssh = trace('test-subnet', 'i-08ef86e76fceabd8d', '10.10.1.44', 22);
    expect(ssh.verdict).toBe('reachable');
    expect(ssh.paths[0]!.forward.every((hop) => hop.kind === 'security-group')).toBe(true);
  });

  it('test-public-private-subnet: port 80 denied inbound both ways, port 22 reachable', () => {
    const a = trace('test-public-private-subnet', 'i-099cf38911942421c', '10.0.0.47', 80);
    expect(a.blocked).toEqual([
      expect.objectContaining({
        kind: 'security-group',
        component: 'eni-09da8cad43844dc1f',
        direction: 'ingress',
      }),
    ]);
    expect(
      trace('test-public-private-subnet', 'i-099cf38911942421c', '10.0.0.47', 22).verdict,
    ).toBe('reachable');
    const b = trace('test-public-private-subnet', 'i-094a9e5b545a4fde4', '10.0.1.204', 80);
    expect(b.blocked).toEqual([
      expect.objectContaining({
        kind: 'security-group',
        component: 'eni-07c1506e49d784fe0',
        direction: 'ingress',
      }),
    ]);
  });

  it('test-load-balancer: both NLB addresses reach both servers on 80; port 81 has no listener', () => {
    for (const node of ['10.1.1.237', '10.1.20.123']) {
      const result = trace('test-load-balancer', 'i-0c8ce8bbdd98cc4e8', node, 80);
      expect(result.verdict).toBe('reachable');
      expect(new Set(result.paths.map((p) => p.waypoints.target?.id))).toEqual(
        new Set(['i-055b0db7be365202c', 'i-0f4af951d61a19245']),
      );
    }
    const closed = trace('test-load-balancer', 'i-0c8ce8bbdd98cc4e8', '10.1.20.123', 81);
    expect(closed.verdict).toBe('unreachable');
    expect(closed.blocked).toEqual([
      expect.objectContaining({ kind: 'listener', code: 'ELBV2_LISTENERS_MISMATCH' }),
    ]);
  });

  it('test-vpc-endpoint-interface: both instances reach the endpoint on 443, the far one through both NACLs', () => {
    const near = trace('test-vpc-endpoint-interface', 'i-0a0fbd0cfa774970f', '10.1.101.97', 443);
    expect(near.verdict).toBe('reachable');
    expect(near.paths[0]!.forward.filter((hop) => hop.kind === 'network-acl')).toEqual([]);
    const far = trace('test-vpc-endpoint-interface', 'i-0eb6eb395a0d09117', '10.1.101.97', 443);
    expect(far.verdict).toBe('reachable');
    expect(far.paths[0]!.forward.filter((hop) => hop.kind === 'network-acl')).toHaveLength(2);
    expect(far.paths[0]!.return.filter((hop) => hop.kind === 'network-acl')).toHaveLength(2);
  });

  it('test-vpc-peering: the receiver denies at its groups; routing itself is not modelled and is said so', () => {
    const result = trace('test-vpc-peering', 'i-06ba034d88c84ef07', '192.168.1.106', 80);
    expect(result.verdict).toBe('unreachable');
    expect(result.blocked).toContainEqual(
      expect.objectContaining({ kind: 'security-group', direction: 'ingress' }),
    );
    expect(result.blocked).toContainEqual(
      expect.objectContaining({ kind: 'routing', code: 'DISCONNECTED_VPCS' }),
    );
  });
});
